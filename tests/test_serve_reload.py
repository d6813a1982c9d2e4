"""Under `mkdocs serve`, one process builds again and again: after an edit of the engine,
the figures must be drawn by the new code, and the cache key must describe that code."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import ROOT
from sitebuild import make_project
from test_figures import PAGE

from build_hooks.site import downloads

pytestmark = pytest.mark.slow

# Two builds in one process, as `mkdocs serve` does them, with the engine edited between
# them; then a third build in a fresh process, which must reuse the second one's cache.
SERVE_LIKE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def figures():  # by figure, whatever the cache key in its file name
        svgs = Path("site/figures").rglob("*.svg")
        return {p.name.split("-", 1)[1]: p.read_bytes() for p in svgs}

    build(load_config("mkdocs.yml"))
    before = figures()
    if sys.argv[1] == "edit":
        engine = Path("build_hooks/figures/style.py")
        engine.write_text(engine.read_text() + '\\nSITE_STYLE["lines.linewidth"] = 7.0\\n')
    build(load_config("mkdocs.yml"))
    after = figures()
    print(len(before), sum(before[n] != after.get(n) for n in before))
    """
)


def _project(folder: Path) -> Path:
    """A site with its own copy of the engine, so that the test can edit it."""
    engine = folder / "build_hooks"
    shutil.copytree(ROOT / "build_hooks", engine, ignore=shutil.ignore_patterns("__pycache__"))
    # and what the site's wheel is built from
    shutil.copytree(
        ROOT / "relu_explained",
        folder / "relu_explained",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    for name in downloads.METADATA_FILES:
        shutil.copy(ROOT / name, folder / name)
    return make_project(folder, {"index.md": PAGE}, hook=engine / "mkdocs_hook.py")


def _serve_like(folder: Path, mode: str) -> tuple[int, int]:
    result = subprocess.run(
        [sys.executable, "-c", SERVE_LIKE, mode],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PATH": "", "NO_MKDOCS_2_WARNING": "1", "RELU_EXPLAINED_CACHE": str(folder / "cache")},
    )
    assert result.returncode == 0, result.stderr
    figures, changed = map(int, result.stdout.split())
    return figures, changed


def test_an_engine_edit_under_serve_redraws_the_figures(tmp_path):
    _project(tmp_path)
    assert _serve_like(tmp_path, "keep") == (2, 0)  # warm cache, same figures
    assert _serve_like(tmp_path, "edit") == (2, 2)  # same process, new engine: redrawn
    # A fresh process with the edited engine finds the figures cached by the second
    # build and gets the same bytes: what the cache holds is what the new code draws.
    cached = {p.name: p.read_bytes() for p in (tmp_path / "site/figures").rglob("*.svg")}
    assert _serve_like(tmp_path, "keep") == (2, 0)
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "site/figures").rglob("*.svg")}
    assert fresh == cached
