"""Line contrast (WCAG 2.1, 1.4.11): every mark of every figure is at least 3:1 against
the page, in the light and the dark variant. Shown first on figures the engine draws with
known defects, then run on the real site (marker `reader`)."""

from __future__ import annotations

import pytest
from contrast import contrast, contrast_problems, hex_rgb, page_background
from figure_svg import marks
from helpers import ROOT

from build_hooks.figures.engine import FigureEngine
from build_hooks.page.model import read_page

WHITE, SLATE = hex_rgb("#ffffff"), hex_rgb("#1e2129")
DEFECT = """# Defects

```python
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([0, 1], [0, 1], color="#ffff66", label="faint on white")
ax.plot([0, 1], [1, 0], color="#000044", label="faint on slate once lifted")
ax.plot([0, 1], [0.5, 0.5], color="#d62728", marker="o", label="fine in both")
ax.grid(True, color="#f4f4f4")
ax.legend(frameon=True, edgecolor="#f0f0f0")
plt.show()
```
<!-- figure: three lines, one faint yellow, one dark navy and one red with dots -->
"""


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, str]:
    out = FigureEngine(tmp_path_factory.mktemp("cache")).render(
        read_page(DEFECT, "docs/d.md", "d.md")
    )
    assert out.problems == []
    return {
        ("dark" if "dark" in site else "light"): data.decode() for site, data in out.files.items()
    }


def test_wcag_contrast_matches_known_values():
    assert contrast(hex_rgb("#000000"), WHITE) == pytest.approx(21.0)
    assert contrast(hex_rgb("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)


def test_light_gate_names_the_faint_line_and_passes_the_others(variants):
    found = contrast_problems("d fig1 (light)", variants["light"], WHITE)
    assert len(found) == 1 and found[0].startswith("d fig1 (light): stroke #ffff66 has 1.")
    assert "(needs 3:1)" in found[0]


def test_dark_gate_names_the_dark_line_the_engine_lifted(variants):
    found = contrast_problems("d fig1 (dark)", variants["dark"], SLATE)
    dark_line = [p for p in found if ":1 against #1e2129" in p and "stroke #4c4c7c" in p]
    assert dark_line, found
    assert not any("#d62728" in p or "#e26868" in p for p in found)  # red: fine in both


def test_grid_and_legend_frame_are_exempt_red_dots_are_marks(variants):
    light = {(m.colour, m.kind) for m in marks(variants["light"])}
    assert ("#d62728", "marker") in light and ("#d62728", "stroke") in light
    assert not {c for c, _ in light} & {"#f4f4f4", "#f0f0f0"}


@pytest.mark.slow
def test_the_dark_background_is_the_slate_scheme(built_site):
    assert page_background(built_site, "light") == WHITE
    assert page_background(built_site, "dark") == pytest.approx(SLATE, abs=0.5 / 255)


def figure_pages() -> list[str]:
    return sorted(
        p.relative_to(ROOT / "docs").with_suffix("").as_posix().replace("/", "__")
        for p in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs" / "labs").glob("*.py")]
        if "vendor" not in p.parts
    )


@pytest.mark.slow
@pytest.mark.reader
@pytest.mark.parametrize("page", figure_pages())
def test_every_figure_line_has_3_to_1_contrast(built_site, page):
    problems = []
    for scheme in ("light", "dark"):
        background = page_background(built_site, scheme)
        for svg in sorted((built_site / "figures" / page).glob(f"*-{scheme}.svg")):
            name = f"{page} {svg.name.split('-')[1]} ({scheme})"
            problems += contrast_problems(name, svg.read_text(), background)
    assert problems == []
