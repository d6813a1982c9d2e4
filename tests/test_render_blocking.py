"""What a phone must download before it can paint a page: its stylesheets (one in the body,
as the labs' notebook styles are, holds back what follows it) and any script in its head
that is neither ``async`` nor ``defer``. On the slow 4G network the browser
suite emulates (200 KB/s), every 20 KB of it is about 0.1 s more before the first paint, so
it has a budget (tests/browser/test_weight.py measures the paint itself)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import site_paths

pytestmark = pytest.mark.slow

# The theme's trimmed stylesheet (84 KB), KaTeX's, the site's own: 109 KB today, 116 KB on
# the API reference, 130 KB on a lab page. Before the stylesheets were trimmed and
# GLightbox dropped it was 263-402 KB.
RENDER_BLOCKING_BUDGET = 150_000


class _Head(HTMLParser):
    """The render-blocking resources of a page: stylesheets anywhere, scripts in the head."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = True
        self.blocking: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.in_head = False
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            if attributes.get("media") in (None, "all", "screen"):
                self.blocking.append(attributes["href"])
        if tag == "script" and attributes.get("src") and self.in_head:
            if "async" not in attributes and "defer" not in attributes:
                if attributes.get("type") != "module":
                    self.blocking.append(attributes["src"])


def render_blocking(page: Path) -> dict[str, int]:
    """Each render-blocking resource of a built page and its size in bytes."""
    head = _Head()
    head.feed(page.read_text(encoding="utf-8"))
    sizes = {}
    for href in head.blocking:
        path = urlsplit(href).path
        assert not urlsplit(href).netloc, f"{page}: {href} is fetched from another site"
        sizes[href] = (page.parent / path).resolve().stat().st_size
    return sizes


@pytest.mark.parametrize("path", site_paths())
def test_a_page_can_paint_after_at_most_150_kb(built_site: Path, path: str):
    sizes = render_blocking(built_site / path / "index.html")
    ranked = sorted(sizes.items(), key=lambda item: -item[1])[:4]
    heaviest = ", ".join(f"{href.lstrip('./')} {size:,}" for href, size in ranked)
    assert sum(sizes.values()) <= RENDER_BLOCKING_BUDGET, (
        f"/{path}: {sum(sizes.values()):,} bytes must arrive before the first paint "
        f"(budget {RENDER_BLOCKING_BUDGET:,}; heaviest: {heaviest})"
    )


def test_the_measure_sees_a_blocking_script_and_a_stylesheet(tmp_path: Path):
    """The parser on a page like the site's before: a script in the head without defer
    (GLightbox's) and stylesheets count; a deferred script and one in the body do not."""
    (tmp_path / "a.css").write_text("x" * 1000)
    (tmp_path / "b.js").write_text("y" * 500)
    (tmp_path / "c.js").write_text("z" * 300)
    page = tmp_path / "index.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="a.css"><script src="b.js"></script>'
        '<script defer src="c.js"></script></head><body><script src="c.js"></script>'
        '<link rel="stylesheet" href="d.css"></body></html>'
    )
    (tmp_path / "d.css").write_text("w" * 200)
    assert render_blocking(page) == {"a.css": 1000, "b.js": 500, "d.css": 200}
