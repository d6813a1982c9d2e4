"""Widgets load where they are used (docs/javascripts/widgets.js): a page without one fetches
no widget code, and a reader who arrives without a full page load (the theme's instant
navigation swaps the content, not the scripts) still gets each widget built and laid out.

The theme swaps only to pages its sitemap lists, and a site built without SITE_URL (as
the tests build it) lists none; the hosted site lists them all. So the test serves the
sitemap the hosted site would have."""

from __future__ import annotations

import pytest
from helpers import site_paths

pytestmark = pytest.mark.browser

WIDGET_CODE = ("relu-core.js", "widget-layout.js", "-widget.js", "playground.js", "widgets.css")
# nav title -> the widget element its page holds (None: a page without a widget)
ROUTE = [
    ("Get the code", None),
    ("ReLU vs linear", ".re-linear"),
    ("Shifted sums", ".relu-playground"),
    ("Linear regions", ".re-regions"),
    ("ReLU vs linear", ".re-linear"),
]

FETCHED = """() => performance.getEntriesByType('resource').map(e => e.name.split('/').pop())"""
STATE = """selector => {
    const root = document.querySelector(selector);
    return {built: root.dataset.built || null, layout: root.dataset.layout || null,
            children: root.children.length, swapped: window.reluSameDocument === true};
}"""


def hosted_sitemap(base: str) -> str:
    urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in site_paths())
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{namespace}">{urls}</urlset>'


def test_a_page_without_a_widget_fetches_no_widget_code(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(site_url + "get-the-code/", wait_until="networkidle")
        fetched = page.evaluate(FETCHED)
        assert "widgets.js" in fetched
        assert not [name for name in fetched if name.endswith(WIDGET_CODE)], fetched
    finally:
        page.close()


def test_widgets_are_built_and_laid_out_after_instant_navigation(browser, site_url):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/sitemap.xml",
        lambda route: route.fulfill(content_type="application/xml", body=hosted_sitemap(site_url)),
    )
    try:
        page.goto(site_url, wait_until="networkidle")
        page.evaluate("window.reluSameDocument = true")  # gone if a page loads in full
        for title, selector in ROUTE:
            nav = page.locator(".md-nav--primary").get_by_role("link", name=title, exact=True)
            nav.first.click()
            page.wait_for_load_state("networkidle")
            if selector is None:
                continue
            page.wait_for_function(
                "s => document.querySelector(s)?.dataset.layout === '1'", arg=selector
            )
            state = page.evaluate(STATE, selector)
            assert state["built"] == "1" and state["children"] > 0, (title, state)
            assert state["swapped"], f"{title}: a full page load, not an instant one"
        fetched = page.evaluate(FETCHED)
        assert fetched.count("relu-core.js") == 1, "the shared module was fetched again"
        assert fetched.count("widgets.css") == 1, "the widgets' stylesheet: once"
        assert errors == []
    finally:
        page.close()
