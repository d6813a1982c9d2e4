"""The glossary in a browser: a term on a page shows its definition as a tooltip, at a
phone's width, with no request leaving the site."""

import pytest

pytestmark = pytest.mark.browser


def test_a_term_shows_its_definition_at_a_phones_width(browser, site_url):
    page = browser.new_page()
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 375, "height": 800})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "relu-vs-linear/", wait_until="networkidle")
    term = page.locator("article abbr", has_text="pre-activation").first
    definition = term.get_attribute("title")
    assert definition and definition.startswith("What a unit computes before ReLU")
    term.hover()
    tip = page.get_by_role("tooltip").first
    tip.wait_for(state="visible", timeout=5_000)
    assert definition[:40] in tip.inner_text()
    assert [url for url in requests if not url.startswith(site_url)] == []
    page.close()
