"""Each gate, shown a page with the defect it guards against, fails naming page and defect.

A small site is built with one defect per page (non-strict, since some defects would stop
a strict build), served, and every gate is run on it."""

from __future__ import annotations

import pytest
from checkers import html_errors
from gates import (
    axe_problems,
    budget_problems,
    console_problems,
    image_problems,
    math_problems,
    request_problems,
    visit,
)
from helpers import VNU
from phone_gates import (
    copy_button_problems,
    focus_problems,
    formula_width_problems,
    search_problems,
    sticky_plot_problems,
    zoom_problems,
)
from reader_gates import (
    FLOOR_PX,
    WIDGET_FLOOR_PX,
    code_width_problems,
    figure_text_problems,
    look,
    rendered_text_problems,
    smallest_figure_text,
    widget_text_problems,
)
from site_server import serve
from sitebuild import make_project, mkdocs_build

pytestmark = pytest.mark.browser

PIXEL = "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20width=%224%22%20height=%224%22/%3E"
DEFECTS = {
    "index.md": "# Defects\n\nOne defect per page.\n",
    "offsite.md": '# Offsite\n\n<img src="http://offsite.invalid/pic.png" alt="a picture '
    'hosted elsewhere">\n',
    "console.md": "# Console\n\n<script>console.error('deliberate console error');</script>\n"
    "<script>notDefinedAnywhere();</script>\n",
    "images.md": f'# Images\n\n<img src="missing.png" alt="">\n\n<div class="re-figure">'
    f'<img src="{PIXEL}" alt="first variant"><img src="{PIXEL}" '
    f'alt="second variant"></div>\n',
    "math.md": "# Math\n\nBroken: \\(\\notacommand{x}\\).\n",
    "contrast.md": '# Contrast\n\n<p style="color: #c8c8c8">faint text that is hard to read</p>\n',
    "heavy.md": '# Heavy\n\n<img src="../big.svg" alt="a very large picture">\n',
    "html.md": '# HTML\n\n<span id="twice">a</span> <span id="twice">b</span>\n',
    "texsource.md": "# TeX source\n\nWrite the sum as\n\\[\ny = \\sum_{i} w_i\\,\\mathrm{relu}"
    "(x - s_i).\n\\]\nand read it left to right. Fine: \\(a \\times b\\).\n",
    # written without r"": the TAB of \t and the FORM FEED of \f are the defects
    "escapes.md": "# Escapes\n\nSlope \\(2 \times 3\\) and half \\(\frac{1}{2}\\).\n\n"
    "A bell\x07 rings.\n",
    "smalltext.md": """# Small text

```python
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.plot([0, 1], [0, 1], label="a legend at 4 pt")
ax.legend(fontsize=4)
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([0, 1], [1, 0])
ax.tick_params(labelsize=14)
plt.show()
```
<!-- figure: a rising line with a legend in tiny type -->
<!-- figure: a falling line with large tick labels -->
""",
    # a widget whose tick label was set in 6 of its 640 units, next to a real widget
    "smallwidget.md": """# Small widget text

<div class="re-widget re-tiny"><svg class="re-plot" viewBox="0 0 640 200" role="img"
aria-label="a plot with one tiny label"><text x="20" y="40" style="font-size: 6px">a tick
label at 6 units</text><text x="20" y="140" style="font-size: 40px">a title at 40
units</text></svg></div>

<div class="relu-playground" data-terms="1"></div>
""",
    # the site's wrapping switched off for this page: the copy button lies over the line
    "copybutton.md": "# Copy button\n\n<style>.md-typeset pre > code { white-space: pre "
    "!important; } .md-typeset pre > code > span { padding-right: 0 !important; }</style>\n\n"
    "```text\nlong = " + "word " * 80 + "\n```\n",
    "wideformula.md": "# Wide formula\n\nA sum too long for any column:\n\n\\[\ny = "
    + " + ".join(f"w_{{{i}}} x_{{{i}}}" for i in range(60))
    + "\n\\]\n\nand one that fits:"
    "\n\n\\[\ny = x\n\\]\n",
    "focus.md": '# Focus\n\n<button type="button" style="outline: none !important">no ring'
    '</button>\n\n<input type="range" aria-label="faint ring" style="outline-color: #f4f4f4 '
    '!important">\n\n<a href="#focus">a link with the site\'s ring</a>\n',
    # a playground too tall for a screen, its plot kept from sticking
    "stickyplot.md": "# Sticky plot\n\n<style>.re-plot.re-sticky { position: static !important; }"
    '</style>\n\n<div class="relu-playground" data-terms="24"></div>\n',
    # the opened figure kept at a third of the screen, the page behind it not dimmed
    "zoom.md": """# Zoom

<style>.re-zoom-dialog img { width: 33vw !important; } .re-zoom-dialog::backdrop {
background: transparent !important; }</style>

```python
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([0, 1], [0, 1])
plt.show()
```
<!-- figure: a rising straight line -->
""",
    # the site's wrapping switched off: these blocks scroll sideways
    "widecode.md": "# Wide code\n\n<style>.md-typeset pre > code { white-space: pre !important; "
    "overflow-wrap: normal !important; }</style>\n\n```text\nx = " + "1 + " * 60 + "1\n```\n\n"
    '??? note "Hidden solution"\n\n    ```text\n    ' + "y" * 200 + "\n    ```\n\n"
    "```text\nshort\n```\n",
}


@pytest.fixture(scope="module")
def defect_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("defects")
    config = make_project(folder, DEFECTS)
    big = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><!--"
    (folder / "docs" / "big.svg").write_text(big + "x" * 1_600_000 + "--></svg>")
    site = folder / "site"
    result = mkdocs_build(config, site, strict=False, RELU_EXPLAINED_CACHE=str(folder / "c"))
    assert result.returncode == 0, result.stderr[-2000:]
    return site


@pytest.fixture(scope="module")
def defect_url(defect_site):
    with serve(defect_site) as base:
        yield base


def problems_on(browser, base, page, gate):
    return gate(visit(browser, base, page, "light", run_axe=gate is axe_problems))


def test_request_gate_names_the_offsite_request(browser, defect_url):
    found = problems_on(browser, defect_url, "offsite/", request_problems)
    assert "/offsite/ (light): request to another host: http://offsite.invalid/pic.png" in found


def test_console_gate_names_errors(browser, defect_url):
    found = problems_on(browser, defect_url, "console/", console_problems)
    assert "/console/ (light): console error: deliberate console error" in found
    assert any(
        p.startswith("/console/ (light): uncaught error:") and "notDefinedAnywhere" in p
        for p in found
    )


def test_image_gate_names_missing_alt_broken_image_and_double_variant(browser, defect_url):
    found = problems_on(browser, defect_url, "images/", image_problems)
    assert any(
        p.startswith("/images/ (light): image without alt text:") and p.endswith("missing.png")
        for p in found
    )
    assert any(
        p.startswith("/images/ (light): image did not load:") and p.endswith("missing.png")
        for p in found
    )
    assert "/images/ (light): figure 1 shows 2 variants, not 1" in found


def test_request_gate_names_the_404(browser, defect_url):
    found = problems_on(browser, defect_url, "images/", request_problems)
    assert any(p.startswith("/images/ (light): HTTP 404") and "missing.png" in p for p in found)


def test_math_gate_names_unrendered_math(browser, defect_url):
    found = problems_on(browser, defect_url, "math/", math_problems)
    assert found and found[0].startswith("/math/ (light): math not rendered by KaTeX:")
    assert "notacommand" in found[0]


def test_axe_gate_names_low_contrast(axe, browser, defect_url):
    found = problems_on(browser, defect_url, "contrast/", axe_problems)
    assert any(p.startswith("/contrast/ (light): accessibility (color-contrast)") for p in found)


def test_budget_gate_names_the_heavy_page(browser, defect_url):
    found = problems_on(browser, defect_url, "heavy/", budget_problems)
    assert len(found) == 1 and found[0].startswith("/heavy/ (light): first load transferred")


def test_html_checker_names_duplicate_id(java_and_vnu, defect_site):
    found = html_errors(java_and_vnu, VNU, defect_site)
    assert any(p.startswith("/html/index.html") and "Duplicate ID “twice”" in p for p in found)


def test_text_gate_names_tex_source_left_in_a_paragraph(browser, defect_url):
    found = rendered_text_problems(look(browser, defect_url, "texsource/", 1280))
    assert len(found) == 1, found  # one paragraph, one problem
    assert found[0].startswith(
        "/texsource/ at 1280 px, 'TeX source': TeX source in the text (\\sum _{ \\, \\mathrm): "
    )
    assert "times" not in found[0]  # the rendered formula is not prose


def test_text_gate_names_formulas_that_lost_an_escape_and_control_characters(browser, defect_url):
    found = rendered_text_problems(look(browser, defect_url, "escapes/", 1280))
    # Markdown turns the TAB of "\times" into spaces: the word left, "imes", gives it away
    assert any("formula lost a backslash escape ('imes'): '2" in p for p in found), found
    # the FORM FEED of "\frac" is typeset as whitespace: the letters left, "rac", give it away
    assert any("formula lost a backslash escape ('rac'): 'rac{1}{2}'" in p for p in found), found
    assert any("control character U+0007 in the text" in p for p in found)


@pytest.mark.parametrize("width", sorted(FLOOR_PX))
def test_figure_text_gate_names_the_tiny_legend_not_the_large_ticks(browser, defect_url, width):
    seen = look(browser, defect_url, "smalltext/", width)
    sizes = dict(smallest_figure_text(seen))
    assert sorted(sizes) == [1, 2]
    assert sizes[1] < FLOOR_PX[width] <= sizes[2]
    found = figure_text_problems(seen)
    assert found == [
        f"/smalltext/ at {width} px: figure 1's smallest text is "
        f"{sizes[1]:.1f} px (at least {FLOOR_PX[width]:g} px)"
    ]


@pytest.mark.parametrize("width", sorted(WIDGET_FLOOR_PX))
def test_widget_text_gate_names_the_tiny_label_not_the_title_or_a_real_widget(
    browser, defect_url, width
):
    seen = look(browser, defect_url, "smallwidget/", width)
    assert [(w["number"], w["name"]) for w in seen.widgets] == [
        (1, "re-tiny"),
        (2, "relu-playground"),
    ]
    tiny = seen.widgets[0]
    assert tiny["text"] == "a tick label at 6 units" and tiny["count"] == 2
    found = widget_text_problems(seen)
    assert found == [
        f"/smallwidget/ at {width} px: widget 1 (re-tiny)'s smallest text is "
        f"{tiny['px']:.1f} px, 'a tick label at 6 units' (at least {WIDGET_FLOOR_PX[width]:g} px)"
    ]


def test_code_gate_names_wide_blocks_also_inside_a_closed_solution(browser, defect_url):
    found = code_width_problems(look(browser, defect_url, "widecode/", 1280))
    assert len(found) == 2, found
    assert all("code block scrolls sideways" in p for p in found)
    assert "1 + 1 + " in found[0] and "yyyy" in found[1]


WIDTHS = [375, 1280]


@pytest.mark.parametrize("width", WIDTHS)
def test_code_gate_names_wide_code_on_a_phone(browser, defect_url, width):
    found = code_width_problems(look(browser, defect_url, "copybutton/", width))
    assert len(found) == 1 and "code block scrolls sideways" in found[0], found
    assert found[0].startswith(f"/copybutton/ at {width} px, 'Copy button':")


@pytest.mark.parametrize("width", WIDTHS)
def test_copy_button_gate_names_the_covered_line(browser, defect_url, width):
    found = copy_button_problems(browser, defect_url, "copybutton/", width)
    assert len(found) == 1, found
    assert found[0].startswith(
        f"/copybutton/ at {width} px, 'Copy button': the copy button covers code text 'word word"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_formula_gate_names_the_formula_too_wide_not_the_one_that_fits(browser, defect_url, width):
    found = formula_width_problems(browser, defect_url, "wideformula/", width)
    assert len(found) == 1, found
    assert found[0].startswith(f"/wideformula/ at {width} px: display formula 'y = w_{{0}} x_{{0}}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_focus_gate_names_the_missing_and_the_faint_ring(browser, defect_url, width, scheme):
    found = focus_problems(browser, defect_url, "focus/", width, scheme)
    name = f"/focus/ at {width} px ({scheme})"
    assert f'{name}: button[type=submit] "no ring" shows no focus ring' in found or (
        f'{name}: button[type=button] "no ring" shows no focus ring' in found
    ), found
    faint = [p for p in found if 'input[type=range] "faint ring"' in p]
    if scheme == "light":  # a near-white ring on a white page
        assert len(faint) == 1 and "against the page (at least 3:1)" in faint[0], found
    else:  # the same ring on the dark page is bright enough
        assert faint == [], found
    assert not any("a link with the site" in p for p in found), found
    assert len(found) == (2 if scheme == "light" else 1), found


@pytest.mark.parametrize("width", WIDTHS)
def test_sticky_plot_gate_names_controls_used_with_the_plot_out_of_view(browser, defect_url, width):
    found = sticky_plot_problems(browser, defect_url, "stickyplot/", width)
    assert found, "a 24-term playground whose plot cannot stick passed"
    assert all(
        p.startswith(f"/stickyplot/ at {width} px, relu-playground, control ") for p in found
    )
    assert any("(forwards): 1 of 1 plots out of view while it is used" in p for p in found)
    assert any("(backwards): 1 of 1 plots out of view while it is used" in p for p in found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_zoom_gate_names_a_small_opened_figure_on_an_undimmed_page(
    browser, defect_url, width, scheme
):
    found = zoom_problems(browser, defect_url, "zoom/", width, scheme)
    name = f"/zoom/ at {width} px ({scheme})"
    assert len(found) == 2, found
    assert found[0].startswith(f"{name}: the opened figure is ") and "(not across it)" in found[0]
    assert found[1].startswith(f"{name}: the page behind the opened figure is not dimmed")


@pytest.mark.parametrize("width", WIDTHS)
def test_search_gate_names_tex_in_a_preview(browser, defect_url, width):
    found = search_problems(browser, defect_url, "left to right", width)
    assert found and all(
        p.startswith(f"search for 'left to right' at {width} px: preview") for p in found
    )
    assert any("TeX source" in p and "\\sum" in p for p in found), found
    assert search_problems(browser, defect_url, "Defects", width) == []
