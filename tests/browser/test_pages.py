"""Every page, in light and dark mode, passes every gate in a real browser.

Each page is loaded once per scheme; the accessibility gate reads the same load when
axe-core is installed, and skips on its own, naming what to install, when it is not."""

import pytest
from gates import GATES, SUMMARY, Visit, axe_problems, visit
from helpers import AXE, site_paths

pytestmark = pytest.mark.browser

PATHS = site_paths()
SCHEMES = ["light", "dark"]
WITHOUT_AXE = [gate for gate in GATES if gate is not axe_problems]
VISITS: dict[tuple[str, str], Visit] = {}


def loaded(browser, site_url, path, scheme) -> Visit:
    """The page's one load in ``scheme``, with axe-core's findings if it is installed."""
    if (path, scheme) not in VISITS:
        VISITS[path, scheme] = visit(browser, site_url, path, scheme, run_axe=AXE.exists())
    return VISITS[path, scheme]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PATHS)
def test_page_passes_every_gate(browser, site_url, path, scheme):
    record = loaded(browser, site_url, path, scheme)
    SUMMARY[record.name] = (record.transferred, len(record.requests))
    problems = [problem for gate in WITHOUT_AXE for problem in gate(record)]
    assert problems == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PATHS)
def test_page_passes_the_accessibility_gate(axe, browser, site_url, path, scheme):
    assert axe_problems(loaded(browser, site_url, path, scheme)) == []
