"""The shifted-sums playground computes exactly what relu_explained.ReluSum computes."""

import numpy as np
import pytest

from relu_explained import ReluSum

pytestmark = pytest.mark.browser

XS = [float(x) for x in np.linspace(-4, 4, 33)]


@pytest.fixture
def playground(browser, site_url):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "shifted-sums/", wait_until="networkidle")
    yield page
    page.close()
    assert errors == []


def widget_values(page):
    return page.evaluate(
        "xs => window.reluPlayground.get(document.querySelector('.relu-playground')).evaluate(xs)",
        XS,
    )


def set_slider(page, label, value):
    slider = page.get_by_label(label, exact=True)
    slider.fill(str(value))  # sets the value and fires input, as a user's drag does


def test_sliders_set_to_known_values_match_numpy(playground):
    shifts, weights = [-1.5, 0.2, 1.0, 3.1], [0.75, -2.0, 1.35, -0.4]
    for i, (s, w) in enumerate(zip(shifts, weights, strict=True), 1):
        set_slider(playground, f"shift {i}", s)
        set_slider(playground, f"weight {i}", w)
    set_slider(playground, "offset", -0.65)
    set_slider(playground, "slope", 0.3)
    expected = ReluSum(shifts, weights, offset=-0.65, slope=0.3)(XS)
    np.testing.assert_allclose(widget_values(playground), expected, rtol=0, atol=1e-9)
    readout = playground.locator(".rp-readout").inner_text()
    assert readout.startswith("Bends at -1.5, 0.2, 1, 3.1")


@pytest.mark.parametrize("preset", ["hat", "zig-zag", "parabola"])
def test_presets_match_numpy(playground, preset):
    playground.get_by_role("button", name=f"Preset: {preset}", exact=True).click()
    state = playground.evaluate(
        "() => window.reluPlayground.get(document.querySelector('.relu-playground')).state()"
    )
    expected = ReluSum(
        state["shifts"], state["weights"], offset=state["offset"], slope=state["slope"]
    )(XS)
    np.testing.assert_allclose(widget_values(playground), expected, rtol=0, atol=1e-9)
    if preset == "parabola":
        knots = np.array([-3.0, -1.5, -0.5, 0.5, 1.5, 3.0])
        values = playground.evaluate(
            "ks => window.reluPlayground.get("
            "document.querySelector('.relu-playground')).evaluate(ks)",
            knots.tolist(),
        )
        np.testing.assert_allclose(values, knots**2 / 2, atol=1e-9)


def test_keyboard_moves_a_slider_and_reset_restores(playground):
    slider = playground.get_by_label("shift 1", exact=True)
    before = float(slider.input_value())
    slider.focus()
    playground.keyboard.press("ArrowRight")
    assert float(slider.input_value()) == pytest.approx(before + 0.1)
    playground.get_by_role("button", name="Reset", exact=True).click()
    assert float(slider.input_value()) == pytest.approx(before)


def test_every_control_has_an_accessible_name(playground):
    unnamed = playground.evaluate("""() => [...document.querySelectorAll(
        '.relu-playground input, .relu-playground button')].filter(
        el => !(el.labels && el.labels.length) && !el.textContent.trim()).length""")
    assert unnamed == 0


def test_fits_a_phone_screen(browser, site_url):
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + "shifted-sums/", wait_until="networkidle")
    width = page.evaluate("document.querySelector('.relu-playground').scrollWidth")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert width <= 375 and overflow <= 375
