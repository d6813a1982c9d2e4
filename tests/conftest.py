"""Fixtures shared by the tests that need the built site (Sybil is wired in ../conftest.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from helpers import ROOT, need
from site_server import chromium_path
from sitebuild import mkdocs_build

BUILD_TEST = "tests/test_build.py::test_the_site_builds_strictly"


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CompletedProcess]:
    """The whole site, built once per test session with --strict into a temporary folder,
    and how the build went (tests/test_build.py reports a failure, once)."""
    site = tmp_path_factory.mktemp("site")
    # as a copy of the site is built anywhere: no address of its own, no repository
    return site, mkdocs_build(ROOT / "mkdocs.yml", site, SITE_URL="", REPO_URL="")


@pytest.fixture(scope="session")
def playwright(request: pytest.FixtureRequest):
    """One Playwright for the whole session: its sync API cannot run twice at once in a
    process, and the browser gates and the journey both drive Chromium. Skips (or, with
    REQUIRE_BROWSER=1, fails) where Chromium or Playwright is missing."""
    need(chromium_path() is not None, "Chromium is not installed: apt-get install chromium")
    need(
        importlib.util.find_spec("playwright") is not None,
        "Playwright for Python is not installed: pip install playwright",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def built_site(site_build: tuple[Path, CompletedProcess]) -> Path:
    """The built site; a test that needs it skips, pointing at the one failure, when the
    site did not build."""
    site, result = site_build
    if result.returncode != 0:
        why = [line for line in result.stderr.splitlines() if "docs/" in line][:3]
        pytest.skip(f"the site did not build ({'; '.join(why) or 'see the log'}): {BUILD_TEST}")
    return site
