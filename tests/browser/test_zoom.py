"""Tap-to-zoom on a phone: tapping a figure opens it full screen, in the variant of the
scheme shown, across the screen's width, on the page's own background, paging only
through that scheme's figures. (GLightbox then zooms by pinching, up to 4.5 times, which
these tests do not drive.)"""

import pytest

pytestmark = pytest.mark.browser
PAGE = "shifted-sums/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tapping_a_figure_opens_the_shown_variant(browser, site_url, scheme):
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": 375, "height": 800})
        page.emulate_media(color_scheme=scheme)
        page.goto(site_url + PAGE, wait_until="networkidle")
        shown = [img for img in page.locator(".re-figure img").all() if img.is_visible()]
        assert len(shown) >= 2
        shown[0].scroll_into_view_if_needed()
        shown[0].click()
        slide = page.locator(".glightbox-container .gslide.current img")
        slide.wait_for(state="visible", timeout=10_000)
        page.wait_for_function("() => document.getAnimations().length === 0")
        assert slide.get_attribute("src").endswith(f"-{scheme}.svg#only-{scheme}")
        background = slide.evaluate("i => getComputedStyle(i).backgroundColor")
        page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == page_background
        slides = page.locator(".glightbox-container .gslide").count()
        assert slides == len(shown)  # one gallery per scheme: hidden variants are not paged
        width = slide.evaluate("i => i.getBoundingClientRect().width")
        assert width >= 0.95 * 375  # the whole screen's width, pinch-zoomable from there
    finally:
        page.close()
