"""Whole-site gates: the HTML is valid; no figure file is over budget.
(Links and anchors are checked without a browser: tests/test_links.py.)"""

import pytest
from checkers import html_errors
from helpers import VNU

pytestmark = pytest.mark.browser


def test_html_is_valid(java_and_vnu, built_site):
    assert html_errors(java_and_vnu, VNU, built_site) == []


def test_no_figure_file_is_over_200_kb(built_site):
    heavy = [
        (p.name, p.stat().st_size)
        for p in (built_site / "figures").rglob("*.svg")
        if p.stat().st_size > 200_000
    ]
    assert heavy == []
