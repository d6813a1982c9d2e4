"""The strict build: broken snippets and missing alt text fail it; nothing is fetched offsite."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import DOCS, PAGES, offers_notebook
from sitebuild import make_project, mkdocs_build

from build_hooks.figures.engine import FigureEngine
from build_hooks.figures.svg import MAX_FIGURE_BYTES
from build_hooks.page import alt_text
from build_hooks.page.model import read_page

pytestmark = pytest.mark.slow


BROKEN_PAGES = {
    "failing snippet": (
        "# Broken\n\nSome text.\n\n```python\nimport numpy as np\nnp.sqrt(4) / undefined\n```\n",
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
    "failing prose value": (
        "# Value\n\n```python\nx = 2\n```\n\nTwice x is {{ 2 * y }}.\n",
        ["docs/index.md:7: NameError: name 'y' is not defined"],
    ),
    "typed-in number": (
        "# Number\n\n```python\nloss = 0.25\n```\n\nThe loss ends at 0.2513.\n",
        ["docs/index.md:7: the number '0.2513' is typed into the prose; write {{ expr }}"],
    ),
    "untested fence": (
        "# Fence\n\n```python\nx = 1\n```\n\n```py\nx = 2\n```\n",
        ["docs/index.md:7: fence 'py' is not run by the tests"],
    ),
}


@pytest.mark.parametrize("defect", BROKEN_PAGES)
def test_broken_page_is_a_problem_naming_page_and_line(tmp_path, defect):
    """What the build reports for a broken page: the engine, without MkDocs."""
    page, messages = BROKEN_PAGES[defect]
    rendered = FigureEngine(tmp_path / "cache").render(read_page(page, "docs/index.md", "index.md"))
    reported = "\n".join(rendered.problems)
    for message in messages:
        assert message in reported


@pytest.mark.parametrize("defect", ["missing alt text", "typed-in number", "failing snippet"])
def test_a_broken_page_says_so_on_the_page_with_line_and_fix(tmp_path, defect):
    """Under `mkdocs serve` the page itself shows what is wrong, not only the terminal."""
    page, messages = BROKEN_PAGES[defect]
    rendered = FigureEngine(tmp_path / "cache").render(read_page(page, "docs/index.md", "index.md"))
    head = rendered.markdown[: rendered.markdown.index("# ")]
    assert head.startswith('!!! failure "This page')
    for message in messages:
        assert message.split(": ", 1)[1].splitlines()[0][:40] in head


@pytest.mark.parametrize("verbosity", ["-q", None, "-v"])
def test_a_broken_snippet_fails_the_strict_build_at_any_verbosity(tmp_path, verbosity):
    """MkDocs' -q keeps warnings from its own strict count (mkdocs issue 4126): the hook
    counts its own problems and fails a strict build itself, naming page and line."""
    page, messages = BROKEN_PAGES["failing snippet"]
    result = mkdocs_build(
        make_project(tmp_path, {"index.md": page}),
        tmp_path / "site",
        options=[verbosity] if verbosity else [],
        RELU_EXPLAINED_CACHE=str(tmp_path / "cache"),
    )
    assert result.returncode != 0
    for message in messages:
        assert message in result.stderr + result.stdout


def test_the_site_builds_strictly(site_build):
    """The site's strict build (the one every test that needs the site shares)."""
    _, result = site_build
    assert result.returncode == 0, result.stderr[-3000:]


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


_FIGURE = re.compile(r'<div class="re-figure">\s*<p>(.*?)</p>\s*</div>', re.DOTALL)
_IMAGE = re.compile(r'<img alt="([^"]*)"[^>]*? src="([^"]*)"')
_ZOOM_LINK = re.compile(r'<a class="re-zoom" href="([^"]*)"><img ')


def _html_of(site: Path, page: Path) -> tuple[Path, str]:
    stem = page.relative_to(DOCS).with_suffix("").as_posix()
    folder = site if stem == "index" else site / stem
    return folder, (folder / "index.html").read_text(encoding="utf-8")


def test_built_site_has_the_figures_of_every_page(built_site):
    svgs = list((built_site / "figures").rglob("*.svg"))
    assert svgs, "no figure was published"
    assert all(path.stat().st_size < 200_000 for path in svgs)
    assert len([p for p in svgs if p.name.endswith("-light.svg")]) == len(svgs) // 2
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        written = [alt for _, (alt, _) in sorted(alt_text.figure_comments(text).items())]
        folder, html = _html_of(built_site, page)
        shown, files = [], set()
        for figure in _FIGURE.findall(html):  # each shows its light and its dark variant
            (alt, light), (dark_alt, dark) = _IMAGE.findall(figure)
            assert alt == dark_alt and light.endswith("-light.svg#only-light"), page.name
            assert dark == light.replace("-light.svg#only-light", "-dark.svg#only-dark")
            # each variant a link to its own file: a tap opens it (figure-zoom.js, or the file)
            links = _ZOOM_LINK.findall(figure)
            assert links == [light.split("#")[0], dark.split("#")[0]], page.name
            shown.append(unescape(alt))
            files |= {(folder / url.split("#")[0]).resolve() for url in (light, dark)}
        # every figure described, in the order drawn; {{ expr }} shows what the code computed
        patterns = [".+?".join(map(re.escape, re.split(r"\{\{.*?\}\}", alt))) for alt in written]
        assert len(shown) == len(written), page.name
        assert all(re.fullmatch(p, a) for p, a in zip(patterns, shown, strict=True)), page.name
        page_id = page.relative_to(DOCS).with_suffix("").as_posix().replace("/", "__")
        published = set((built_site / "figures" / page_id).glob("*.svg"))
        assert files == published, page.name  # each file shown, none left over
        assert all(0 < p.stat().st_size <= MAX_FIGURE_BYTES for p in files)


def test_reference_documents_every_public_name(built_site):
    import relu_explained

    html = (built_site / "reference" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    missing = [n for n in relu_explained.__all__ if not any(i.endswith("." + n) for i in ids)]
    assert missing == []


def test_every_content_page_offers_its_notebook(built_site):
    for page in PAGES:
        stem = page.relative_to(DOCS).with_suffix("").as_posix()
        notebook = built_site / "notebooks" / f"{stem}.ipynb"
        folder, html = _html_of(built_site, page)
        if not offers_notebook(page):
            assert not notebook.exists()
            assert 'class="md-button" download=' not in html, stem
            continue
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        assert sum(cell["cell_type"] == "code" for cell in cells) >= 2, stem
        assert f'download="{page.stem}.ipynb"' in html, stem
        # One button, right under the title, that links to the notebook.
        under_title = html[html.index("</h1>") + len("</h1>") :]
        button = re.match(r'\n<p><a class="md-button" download="[^"]+" href="([^"]+)"', under_title)
        assert button, stem
        assert (folder / button.group(1)).resolve() == notebook.resolve(), stem
        assert html.count('class="md-button" download=') == 1, stem
