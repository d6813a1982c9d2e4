"""What many tests need to know about the project: where it is, its pages, its tools."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))  # every page written in Markdown
NOTEBOOK_PAGES = sorted(DOCS.rglob("*.ipynb"))  # pages that are notebooks
LABS = sorted((DOCS / "labs").glob("*.py"))  # labs: each becomes the page labs/<name>/
NODE_MODULES = ROOT / "node_modules"  # the browser tools from npm (`make browser-tools`)
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def need(condition: bool, what: str) -> None:
    """Skip (or, with REQUIRE_BROWSER=1, fail) when a browser tool is missing."""
    if condition:
        return
    message = f"{what}; `make browser-tools` installs every browser tool"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


def page_id(page: Path) -> str:
    """A page as tests name it: ``docs/index.md``."""
    return page.relative_to(ROOT).as_posix()


def offers_notebook(page: Path) -> bool:
    """Whether the site offers a Markdown page as a notebook (``notebook: false`` opts out)."""
    _, meta = get_data(page.read_text(encoding="utf-8"))
    return meta.get("notebook", True)


def site_paths() -> list[str]:
    """URL path of every page of the built site, in source order ('' is the home page)."""
    paths = []
    for source in sorted([*PAGES, *NOTEBOOK_PAGES, *LABS]):
        relative = source.relative_to(DOCS).with_suffix("").as_posix()
        paths.append("" if relative == "index" else relative + "/")
    return paths
