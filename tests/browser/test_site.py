"""Whole-site gates: links and anchors resolve; the HTML is valid."""

import pytest
from checkers import broken_links, html_errors

from conftest import VNU

pytestmark = pytest.mark.browser


def test_every_link_and_anchor_resolves(linkchecker, site_url):
    assert broken_links(linkchecker, site_url) == []


def test_html_is_valid(java_and_vnu, built_site):
    assert html_errors(java_and_vnu, VNU, built_site) == []


def test_no_figure_file_is_over_200_kb(built_site):
    heavy = [(p.name, p.stat().st_size) for p in (built_site / "figures").rglob("*.svg")
             if p.stat().st_size > 200_000]
    assert heavy == []
