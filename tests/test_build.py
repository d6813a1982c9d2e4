"""The strict build: broken snippets and missing alt text fail it; nothing is fetched offsite."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitebuild import make_project, mkdocs_build

pytestmark = pytest.mark.slow


BROKEN_PAGES = {
    "failing snippet": (
        "# Broken\n\nSome text.\n\n```python\nimport numpy as np\nnp.log(-1) / undefined\n```\n",
        ["docs/index.md:7: NameError: name 'undefined' is not defined"],
    ),
    "wrong doctest output": (
        "# Broken\n\n```python\n>>> 2 + 2\n5\n```\n",
        ["docs/index.md:4:", "Got:\n    4"],
    ),
    "missing alt text": (
        "# Figure\n\n```python\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\n```\n",
        ["docs/index.md:3: the block draws 1 figure(s) but 0 alt text(s)"],
    ),
    "untested fence": (
        "# Fence\n\n```python\nx = 1\n```\n\n```py\nx = 2\n```\n",
        ["docs/index.md:7: fence 'py' is not run by the tests"],
    ),
}


@pytest.mark.parametrize("defect", BROKEN_PAGES)
def test_broken_page_fails_the_strict_build_naming_page_and_line(tmp_path, defect):
    page, messages = BROKEN_PAGES[defect]
    result = mkdocs_build(
        make_project(tmp_path, {"index.md": page}),
        tmp_path / "site",
        RELU_EXPLAINED_CACHE=str(tmp_path / "cache"),
    )
    assert result.returncode != 0
    for message in messages:
        assert message in result.stderr


class _Resources(HTMLParser):
    """Collect every URL the browser would fetch by itself: scripts, styles, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.in_script = False

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:  # inline code that would fetch, e.g. import("https://...")
            self.urls += re.findall(r"https?://[^\s\"'`)]+", data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {
            "script": "src",
            "img": "src",
            "iframe": "src",
            "source": "src",
            "link": "href",
            "video": "src",
            "audio": "src",
            "embed": "src",
        }
        self.in_script = tag == "script"
        for name, value in attrs:
            if value and (wanted.get(tag) == name or name == "srcset"):
                self.urls.append(value)


def test_built_site_fetches_nothing_from_another_host(built_site):
    offsite = []
    for html in built_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(html.read_text(encoding="utf-8"))
        for url in parser.urls:
            if urlsplit(url).netloc and not url.startswith(
                ("http://127.0.0.1", "http://localhost")
            ):
                offsite.append((html.relative_to(built_site).as_posix(), url))
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            if "//" in url and not url.strip("'\"").startswith("data:"):
                offsite.append((css.relative_to(built_site).as_posix(), url))
    assert offsite == []


def test_built_site_has_the_figures_of_every_page(built_site):
    svgs = list((built_site / "figures").rglob("*.svg"))
    assert svgs, "no figure was published"
    assert all(path.stat().st_size < 200_000 for path in svgs)
    assert len([p for p in svgs if p.name.endswith("-light.svg")]) == len(svgs) // 2


def test_reference_documents_every_public_name(built_site):
    import relu_explained

    html = (built_site / "reference" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    missing = [n for n in relu_explained.__all__ if not any(i.endswith("." + n) for i in ids)]
    assert missing == []


def test_every_content_page_offers_its_notebook(built_site):
    import json

    from mkdocs.utils.meta import get_data

    root = Path(__file__).resolve().parent.parent / "docs"
    for page in sorted(root.rglob("*.md")):
        _, meta = get_data(page.read_text(encoding="utf-8"))
        stem = page.relative_to(root).with_suffix("").as_posix()
        notebook = built_site / "notebooks" / f"{stem}.ipynb"
        if not meta.get("notebook", True):
            assert not notebook.exists()
            continue
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        assert sum(cell["cell_type"] == "code" for cell in cells) >= 2, stem
        html_dir = built_site if stem == "index" else built_site / stem
        html = (html_dir / "index.html").read_text(encoding="utf-8")
        assert f'download="{page.stem}.ipynb"' in html, stem
