"""The figure engine, driven without MkDocs."""

import re
from pathlib import Path

import pytest

from build_hooks.figures.engine import FigureEngine
from build_hooks.figures.svg import MAX_FIGURE_BYTES
from build_hooks.page.model import read_page

ALT = "<!-- figure: a straight line rising from left to right, with labelled axes -->"
PAGE = f"""# Demo

```python
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([0, 1], [0, 1])
ax.set_xlabel("x")
ax.set_ylabel("y")
plt.show()
```
{ALT}

Text after.
"""


def render(tmp_path: Path, text: str = PAGE, cache: str = "cache"):
    return FigureEngine(tmp_path / cache).render(read_page(text, "docs/demo.md", "demo.md"))


def test_figure_is_inserted_below_its_block_in_two_variants(tmp_path):
    out = render(tmp_path)
    assert out.problems == []
    assert out.ran
    assert ALT not in out.markdown
    images = re.findall(r"!\[([^\]]*)\]\(([^)]*)\)", out.markdown)
    assert [url.split("#")[1] for _, url in images] == ["only-light", "only-dark"]
    assert all(alt.startswith("a straight line rising") for alt, _ in images)
    # idea first: the figure, then the code that drew it, folded, then the page goes on
    assert out.markdown.index("re-figure") < out.markdown.index('??? example "Show the code"')
    assert out.markdown.index("Show the code") < out.markdown.index("    plt.show()")
    assert out.markdown.index("plt.show()") < out.markdown.index("Text after.")
    light, dark = (out.files[url.split("#")[0]] for _, url in images)
    assert light != dark
    # each variant is a link to its own file, which figure-zoom.js opens full screen
    linked = r"\[!\[[^\]]*\]\(([^)#]*)#only-\w+\)\{[^}]*\}\]\(([^)]*)\)\{ \.re-zoom \}"
    links = re.findall(linked, out.markdown)
    assert [file for file, _ in links] == [url.split("#")[0] for _, url in images]
    assert all(file == href for file, href in links)


def test_cache_hit_runs_nothing_and_gives_the_same_page(tmp_path):
    first = render(tmp_path)
    second = render(tmp_path)
    assert first.ran and not second.ran
    assert first.markdown == second.markdown


def test_prose_edit_is_a_cache_hit_code_edit_is_not(tmp_path):
    render(tmp_path)
    assert not render(tmp_path, PAGE.replace("Text after.", "Other text.")).ran
    edited = render(tmp_path, PAGE.replace("[0, 1], [0, 1]", "[0, 1], [1, 0]"))
    assert edited.ran
    entries = list((tmp_path / "cache" / "demo").iterdir())
    assert len(entries) == 1  # the stale entry was pruned


def test_two_cold_runs_are_byte_identical(tmp_path):
    one, two = render(tmp_path, cache="a"), render(tmp_path, cache="b")
    assert one.files.keys() == two.files.keys()
    for key in one.files:
        assert one.files[key] == two.files[key]


def test_missing_alt_text_is_a_problem(tmp_path):
    out = render(tmp_path, PAGE.replace(ALT, ""))
    assert out.problems == [
        "docs/demo.md:3: the block draws 1 figure(s) but 0 alt text(s) follow it; write one "
        "'<!-- figure: what the figure shows -->' per figure right under the block"
    ]


def test_generic_alt_text_is_a_problem(tmp_path):
    out = render(tmp_path, PAGE.replace(ALT, "<!-- figure: plot -->"))
    assert len(out.problems) == 1 and "too thin" in out.problems[0]


def test_failing_snippet_is_reported_with_page_and_line(tmp_path):
    out = render(tmp_path, PAGE.replace("plt.show()", "plt.show(\n1 / 0"))
    assert out.problems and out.problems[0].startswith("docs/demo.md:")
    broken = PAGE.replace('ax.set_ylabel("y")', "ax.set_ylabel(undefined_name)")
    out = render(tmp_path, broken)
    assert out.problems == ["docs/demo.md:8: NameError: name 'undefined_name' is not defined"]
    assert "This page's code failed at line 8" in out.markdown


def test_heavy_figures_are_rasterized_under_the_limit(tmp_path):
    page = PAGE.replace(
        "ax.plot([0, 1], [0, 1])",
        "import numpy as np\nrng = np.random.default_rng(0)\n"
        "ax.scatter(rng.normal(size=20000), rng.normal(size=20000), s=2)",
    )
    out = render(tmp_path, page)
    assert out.problems == []
    for data in out.files.values():
        assert len(data) < MAX_FIGURE_BYTES
        assert b"<image" in data  # the scatter became a raster layer


def test_line_offset_counts_front_matter(tmp_path):
    out = FigureEngine(tmp_path / "c").render(
        read_page(PAGE.replace(ALT, ""), "docs/demo.md", "demo.md", line_offset=4)
    )
    assert out.problems[0].startswith("docs/demo.md:7:")


@pytest.mark.parametrize("nested", ["guide/demo.md"])
def test_nested_pages_get_relative_urls(tmp_path, nested):
    out = FigureEngine(tmp_path / "c").render(read_page(PAGE, "docs/" + nested, nested))
    urls = re.findall(r"\]\(([^)#]*)", out.markdown)
    assert all(url.startswith("../figures/guide__demo/") for url in urls)


def test_prefetch_runs_missing_pages_in_parallel_and_render_then_hits(tmp_path):
    engine = FigureEngine(tmp_path / "c")
    other = PAGE.replace("[0, 1], [0, 1]", "[0, 1], [1, 0]")
    pages = [read_page(PAGE, "docs/a.md", "a.md"), read_page(other, "docs/b.md", "b.md")]
    assert engine.prefetch(pages, workers=2) == 2
    assert engine.prefetch(pages, workers=2) == 0  # all cached now
    assert not engine.render(pages[0]).ran
    assert not engine.render(pages[1]).ran


def test_prefetch_returns_at_once_and_render_waits_for_the_page_s_worker(tmp_path):
    # The build goes on while the pages run: prefetch only starts them. A page that takes
    # a while is not cached yet when prefetch returns; render then waits for its worker
    # instead of running the page a second time.
    engine = FigureEngine(tmp_path / "c")
    slow = PAGE.replace(
        "import matplotlib.pyplot as plt",
        "import time\ntime.sleep(3)\nimport matplotlib.pyplot as plt",
    )
    pages = [read_page(slow, "docs/a.md", "a.md"), read_page(PAGE, "docs/b.md", "b.md")]
    assert engine.prefetch(pages, workers=2) == 2
    assert not engine.cache.entry(pages[0]).exists()  # still running
    assert not engine.render(pages[0]).ran  # drawn by the worker
    assert not engine.render(pages[1]).ran
    engine.finish()
