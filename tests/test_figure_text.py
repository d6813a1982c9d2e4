"""The figure text size reader recovers the font sizes a figure was drawn with, from the
SVG the engine writes (glyphs as paths): plain, rotated, legend and mathtext scripts."""

from __future__ import annotations

import pytest
from figure_svg import text_sizes, viewbox_width

from build_hooks.figures.engine import FigureEngine
from build_hooks.page.model import read_page

PAGE = """# Sizes

```python
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot([0, 1], [0, 1], label="legend")
ax.set_ylabel("rotated", fontsize=9)
ax.set_xlabel(r"$x^2$", fontsize=10)
ax.tick_params(labelsize=13)
ax.legend(fontsize=6.5)
plt.show()
```
<!-- figure: a rising line with a legend, a rotated label and a squared x -->
"""


@pytest.fixture(scope="module")
def light_svg(tmp_path_factory) -> str:
    out = FigureEngine(tmp_path_factory.mktemp("cache")).render(
        read_page(PAGE, "docs/s.md", "s.md")
    )
    assert out.problems == []
    return next(data for site, data in out.files.items() if "light" in site).decode()


def test_sizes_of_every_text_are_read_back(light_svg):
    sizes = text_sizes(light_svg)
    for size in (13, 9, 6.5):  # tick labels, rotated label, legend
        assert any(s == pytest.approx(size) for s in sizes), (size, sorted(set(sizes)))


def test_a_superscript_counts_at_its_own_size(light_svg):
    assert any(s == pytest.approx(10 * 0.7) for s in text_sizes(light_svg))
    assert min(text_sizes(light_svg)) == pytest.approx(6.5)


def test_width_is_the_saved_figure_width_in_pt(light_svg):
    assert 200 < viewbox_width(light_svg) <= 4 * 72 + 10  # bbox_inches="tight" trims
