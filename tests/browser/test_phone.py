"""The phone reader (marker `reader`), at 375 and 1280 px: the copy button never covers
code, display formulas fit their column, every control shows a focus ring of at least
3:1 in both schemes, a widget's plot stays in view while its controls are used, a tapped
figure opens across the screen on a dimmed page, and search previews show no TeX."""

import pytest
from helpers import site_paths
from phone_gates import (
    copy_button_problems,
    focus_problems,
    formula_width_problems,
    search_problems,
    sticky_plot_problems,
    zoom_problems,
)

pytestmark = [pytest.mark.browser, pytest.mark.reader]
WIDTHS = [375, 1280]
SCHEMES = ["light", "dark"]
WIDGET_PAGES = [
    "relu-vs-linear/",
    "shifted-sums/",
    "approximation/",
    "dead-neurons/",
    "interactions/",
    "linear-regions/",
    "the-fold/",
]
# words that reach the pages with the most formulas
QUERIES = ["dead unit", "pre-activation", "interaction", "slope", "region"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", site_paths())
def test_the_copy_button_covers_no_code(browser, site_url, path, width):
    assert copy_button_problems(browser, site_url, path, width) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", site_paths())
def test_every_display_formula_fits_its_column(browser, site_url, path, width):
    assert formula_width_problems(browser, site_url, path, width) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", site_paths())
def test_every_control_shows_a_focus_ring(browser, site_url, path, width, scheme):
    assert focus_problems(browser, site_url, path, width, scheme) == []


def test_every_widget_page_is_checked_for_plots_in_view(built_site):
    with_widgets = {
        f"{page.parent.name}/"
        for page in built_site.rglob("index.html")
        if 'class="re-widget' in page.read_text() or 'class="relu-playground' in page.read_text()
    }
    assert with_widgets == set(WIDGET_PAGES)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_a_widgets_plot_stays_in_view_while_its_controls_are_used(browser, site_url, path, width):
    assert sticky_plot_problems(browser, site_url, path, width) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["shifted-sums/", "linear-regions/"])
def test_a_tapped_figure_opens_across_the_screen_on_a_dimmed_page(
    browser, site_url, path, width, scheme
):
    assert zoom_problems(browser, site_url, path, width, scheme) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", QUERIES)
def test_search_previews_show_no_tex(browser, site_url, query, width):
    assert search_problems(browser, site_url, query, width) == []
