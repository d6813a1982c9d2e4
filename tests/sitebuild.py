"""Helpers for tests that build the site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import DOCS, ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]


def mkdocs_build(
    config: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    options: list[str] | None = None,
    **env: str,
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            *MKDOCS,
            "build",
            *(["--strict"] if strict else []),
            *(options or []),
            "--config-file",
            str(config),
            "--site-dir",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def make_project(folder: Path, pages: dict[str, str], *, hook: Path | None = None) -> Path:
    """A site in ``folder`` with only ``pages`` as its docs, configured by the site's own
    mkdocs.yml (``INHERIT:``); paths the parent gives relative to itself are made absolute,
    and ``hook`` replaces the site's page hook (the math is typeset as on the site)."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    for name in ("vendor", "javascripts", "stylesheets"):
        shutil.copytree(DOCS / name, docs / name)
    shutil.copytree(ROOT / "includes", folder / "includes")  # the glossary every page gets
    overrides = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "hooks": [
            str(hook or ROOT / "build_hooks" / "mkdocs_hook.py"),
            str(ROOT / "build_hooks" / "katex_render.py"),
        ],
        "watch": [],
        "nav": list(pages),
    }
    config = folder / "mkdocs.yml"
    config.write_text(json.dumps(overrides, indent=1))  # JSON is YAML
    for name, text in pages.items():
        (docs / name).write_text(text)
    return config
