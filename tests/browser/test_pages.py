"""Every page, in light and dark mode, passes every gate in a real browser."""

import pytest
from gates import GATES, SUMMARY, visit
from helpers import site_paths

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", site_paths())
def test_page_passes_every_gate(browser, site_url, path, scheme):
    record = visit(browser, site_url, path, scheme)
    SUMMARY[record.name] = (record.transferred, len(record.requests))
    problems = [problem for gate in GATES for problem in gate(record)]
    assert problems == []
