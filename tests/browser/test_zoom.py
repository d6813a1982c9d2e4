"""Tap-to-zoom (docs/javascripts/figure-zoom.js): a figure is a link to its SVG; tapping it,
or Enter on it, opens that SVG in a modal dialog, in the variant of the scheme shown,
across the screen's width, on the page's own background, the page behind dimmed. The arrow
keys page only through that scheme's figures. Esc, a tap on the figure or beside it closes
the dialog and gives focus back to the figure's link. (Pinch-zoom is the browser's own,
which these tests do not drive.)"""

import pytest
from phone_gates import FOCUS_CONTRAST, FOCUS_RINGS, _dims

pytestmark = pytest.mark.browser
PAGE = "shifted-sums/"
OPEN = "dialog[open] img"

# The figure open in the dialog, and the link that has focus, by their files and names
STATE = """() => {
    const dialog = document.querySelector('dialog.re-zoom-dialog');
    const img = dialog && dialog.querySelector('img');
    const box = img ? img.getBoundingClientRect() : {};
    const backdrop = dialog ? getComputedStyle(dialog, '::backdrop') : {};
    const focused = document.activeElement;
    return {open: Boolean(dialog && dialog.open), src: img && img.src, alt: img && img.alt,
            loaded: Boolean(img && img.complete && img.naturalWidth > 0),
            box: {top: box.top, bottom: box.bottom, width: box.width, height: box.height},
            image: img ? getComputedStyle(img).backgroundColor : '',
            page: getComputedStyle(document.body).backgroundColor,
            overlay: backdrop.backgroundColor, opacity: Number(backdrop.opacity),
            focused: focused.href
                || (focused.matches('.re-zoom-close') ? 'close' : focused.tagName)}
}"""


def _links(page):
    """The figure links of the page, and which of them show (the scheme's variant)."""
    links = page.locator("a.re-zoom").all()
    return links, [link for link in links if link.is_visible()]


def _open_state(page):
    page.locator(OPEN).wait_for(state="visible", timeout=10_000)
    page.wait_for_function("() => document.querySelector('dialog[open] img').complete")
    return page.evaluate(STATE)


@pytest.fixture
def opened_page(browser, site_url, request):
    """``PAGE`` at a phone's width in the scheme ``request.param``."""
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.emulate_media(color_scheme=request.param)
    page.goto(site_url + PAGE, wait_until="networkidle")
    yield page, request.param
    page.close()


@pytest.mark.parametrize("opened_page", ["light", "dark"], indirect=True)
def test_tapping_a_figure_opens_the_shown_variant(opened_page):
    page, scheme = opened_page
    links, shown = _links(page)
    assert len(shown) >= 2 and len(links) == 2 * len(shown)  # one link per variant
    for link in shown:  # a link to its figure's own file: without JavaScript, it opens that
        image = link.locator("img")
        assert image.get_attribute("src") == link.get_attribute("href") + f"#only-{scheme}"
    shown[0].scroll_into_view_if_needed()
    shown[0].click()
    seen = _open_state(page)
    assert seen["src"] == shown[0].evaluate("a => a.href")
    assert seen["src"].endswith(f"-{scheme}.svg") and seen["loaded"]
    assert seen["alt"] == shown[0].locator("img").get_attribute("alt")
    assert seen["image"] == seen["page"]  # on the page's own background
    assert seen["box"]["width"] >= 0.95 * 375  # the whole screen's width, pinch-zoomable
    assert _dims(seen["overlay"], seen["opacity"]), seen
    # the arrow keys page through this scheme's figures only, and stop at either end
    files = [seen["src"]]
    for key in ["ArrowLeft"] + ["ArrowRight"] * len(shown):
        page.keyboard.press(key)
        files.append(page.evaluate(STATE)["src"])
    hrefs = [link.evaluate("a => a.href") for link in shown]
    assert files == [hrefs[0], *hrefs, hrefs[-1]]
    # a tap on the figure closes it, and the link of the figure last shown has focus
    page.locator(OPEN).click()
    after = page.evaluate(STATE)
    assert not after["open"] and after["focused"] == hrefs[-1]


@pytest.mark.parametrize("opened_page", ["light"], indirect=True)
def test_a_tap_beside_the_figure_closes_it(opened_page):
    page, _ = opened_page
    _, shown = _links(page)
    shown[1].scroll_into_view_if_needed()
    shown[1].click()
    box = _open_state(page)["box"]
    assert box["bottom"] < 790, "no room beside the figure to tap"
    page.mouse.click(187, (box["bottom"] + 800) / 2)  # on the dimmed page under the figure
    after = page.evaluate(STATE)
    assert not after["open"] and after["focused"] == shown[1].evaluate("a => a.href")


@pytest.mark.parametrize("opened_page", ["light", "dark"], indirect=True)
def test_enter_opens_a_figure_and_esc_gives_focus_back_to_its_link(opened_page):
    page, scheme = opened_page
    _, shown = _links(page)
    shown[0].focus()
    page.keyboard.press("Enter")
    seen = _open_state(page)
    assert seen["src"].endswith(f"-{scheme}.svg")
    assert seen["focused"] == "close"  # the close button, with a visible ring
    rings = page.evaluate(FOCUS_RINGS, "dialog[open] button")
    assert rings["checked"] == 1, rings
    [(_, kind, contrast)] = rings["found"]
    assert kind == "ring" and contrast >= FOCUS_CONTRAST, rings
    page.keyboard.press("Escape")
    after = page.evaluate(STATE)
    assert not after["open"] and after["focused"] == shown[0].evaluate("a => a.href")
    assert shown[0].evaluate("a => a.matches(':focus-visible')")
    # and the close button closes it too
    page.keyboard.press("Enter")
    _open_state(page)
    page.keyboard.press("Enter")  # on the close button, which has focus
    assert not page.evaluate(STATE)["open"]


@pytest.mark.parametrize("opened_page", ["light", "dark"], indirect=True)
def test_the_opened_figure_passes_the_accessibility_gate(axe, opened_page):
    page, _ = opened_page
    _, shown = _links(page)
    shown[0].scroll_into_view_if_needed()
    shown[0].click()
    _open_state(page)
    page.add_script_tag(path=str(axe))
    violations = page.evaluate("""async () => (await axe.run(
        document.querySelector('dialog[open]'),
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}
    )).violations.map(v => `${v.id}: ${v.help}`)""")
    assert violations == []
