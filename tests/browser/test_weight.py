"""The first load of every page on an emulated slow 4G phone (tests/browser/weight.py):
bytes, requests and first paint, printed per page at the end of the run.

This reports rather than gates. The bytes before the first paint are gated, without a
browser, by tests/test_render_blocking.py; the paint time itself varies with the machine's
load. The weight budget (600 KB) is met by the lighter pages only: every page also fetches
the theme's script (114 KB), its search index (145 KB) and search worker (40 KB), which the
theme loads on every page whether or not the reader searches, and the pages richest in
formulas and code are 170-300 KB of HTML themselves."""

import pytest
from helpers import site_paths
from weight import WEIGHTS, first_load

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", site_paths())
def test_first_load_on_a_slow_phone_is_measured(browser, site_url, path):
    load = first_load(browser, site_url, path)
    WEIGHTS[path] = load
    assert load.bytes > 0 and load.requests > 0
    assert load.first_paint_ms < float("inf"), f"/{path}: no first paint was recorded"
