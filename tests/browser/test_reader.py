"""What the reader sees, on the real site (issue 15), marker `reader`: every formula
renders, figure and widget text reads at 1280 and 375 px, no code block scrolls sideways."""

import pytest
from helpers import site_paths
from reader_gates import (
    FLOOR_PX,
    WIDGET_FLOOR_PX,
    code_width_problems,
    figure_text_problems,
    look,
    rendered_text_problems,
    widget_text_problems,
)

pytestmark = [pytest.mark.browser, pytest.mark.reader]
_SEEN: dict = {}


def seen(browser, site_url, path, width):
    if (path, width) not in _SEEN:
        _SEEN[path, width] = look(browser, site_url, path, width)
    return _SEEN[path, width]


@pytest.mark.parametrize("path", site_paths())
def test_text_shows_no_tex_source_or_control_character(browser, site_url, path):
    assert rendered_text_problems(seen(browser, site_url, path, 1280)) == []


@pytest.mark.parametrize("width", sorted(FLOOR_PX, reverse=True))
@pytest.mark.parametrize("path", site_paths())
def test_figure_text_is_large_enough(browser, site_url, path, width):
    assert figure_text_problems(seen(browser, site_url, path, width)) == []


@pytest.mark.parametrize("width", sorted(WIDGET_FLOOR_PX, reverse=True))
@pytest.mark.parametrize("path", site_paths())
def test_widget_text_is_large_enough(browser, site_url, path, width):
    assert widget_text_problems(seen(browser, site_url, path, width)) == []


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", site_paths())
def test_no_code_block_scrolls_sideways(browser, site_url, path, width):
    assert code_width_problems(seen(browser, site_url, path, width)) == []
