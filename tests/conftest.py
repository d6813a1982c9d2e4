"""Fixtures shared by the tests that need the built site (Sybil is wired in ../conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT
from sitebuild import mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per test session with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site
