"""Helpers for tests that build the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def mkdocs_build(config: Path, site_dir: Path, *, strict: bool = True,
                 **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", *(["--strict"] if strict else []), "--config-file", str(config),
         "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def make_project(folder: Path, pages: dict[str, str]) -> Path:
    """A copy of the site's configuration in `folder`, with only `pages` as its docs."""
    import re
    import shutil

    docs = folder / "docs"
    docs.mkdir(parents=True)
    for name in ("vendor", "javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / name, docs / name)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = (ROOT / "mkdocs.yml").read_text()
    hook = str(ROOT / "build_hooks" / "mkdocs_hook.py")
    config = config.replace("build_hooks/mkdocs_hook.py", hook)
    nav = "".join(f"  - {name}\n" for name in pages)
    config = re.sub(r"\nnav:\n(  - .*\n)+", "\nnav:\n" + nav, config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\n  - mkdocstrings:\n(      .*\n)+", "\n", config)
    (folder / "mkdocs.yml").write_text(config)
    for name, text in pages.items():
        (docs / name).write_text(text)
    return folder / "mkdocs.yml"
