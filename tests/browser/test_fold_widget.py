"""The fold's widget: its facets are the package's, it turns by keyboard, drag and
buttons, and its update time per step of turning is measured."""

from __future__ import annotations

import numpy as np
import pytest
import test_widgets
from test_widgets import TIMINGS, call, measure_updates

from relu_explained import MLP, facets

pytestmark = pytest.mark.browser

# the other widgets' fixtures: `at` opens pages and fails on any error they log, and
# the module's timings are written to the bench report at the end
at = test_widgets.at
_report_timings = test_widgets._report_timings

FOLD = ("reluSurface", ".re-surface")
BOX = (-2, 2, -2, 2)


@pytest.mark.parametrize("name", ["one", "two"])
def test_fold_widget_facets_are_the_packages(at, name):
    page = at("the-fold/")
    given = call(page, *FOLD, "nets")[name]
    net = MLP(given["weights"], given["biases"])
    assert net.sizes == ((2, 4, 1) if name == "one" else (2, 4, 3, 1))
    mine = call(page, *FOLD, "facets", name)
    theirs = facets(net, BOX)
    assert len(mine) == len(theirs)
    mine = sorted(mine, key=lambda f: tuple(f["pattern"]))
    theirs = sorted(theirs, key=lambda f: tuple(f.region.pattern.tolist()))
    for m, t in zip(mine, theirs, strict=True):
        assert m["pattern"] == t.region.pattern.tolist()
        np.testing.assert_allclose(m["vertices"], t.region.vertices, rtol=0, atol=1e-9)
        np.testing.assert_allclose(m["heights"], t.heights, rtol=0, atol=1e-9)
        np.testing.assert_allclose(m["weight"], t.region.weight[:, 0], rtol=0, atol=1e-9)
        assert m["bias"] == pytest.approx(t.region.bias[0], abs=1e-9)
        assert m["creaseLayer"] == t.crease_layer.tolist()
        assert m["creaseUnit"] == t.crease_unit.tolist()
    # it draws what it computed: one polygon per facet, one path per edge
    panel = page.locator(".re-surface svg.re-plot").nth(0 if name == "one" else 1)
    assert panel.locator("polygon").count() == len(theirs)
    edges = sum(len(f.region.vertices) for f in theirs)
    assert panel.locator("path").count() == edges
    dashed = sum(int((f.crease_layer == 1).sum()) for f in theirs)
    assert panel.locator("path.re-crease-1").count() == dashed
    assert (dashed > 0) == (name == "two")


def test_fold_widget_turns_by_keyboard_drag_and_buttons(at):
    page = at("the-fold/")
    assert call(page, *FOLD, "state") == {"azim": -60, "elev": 35}  # as the page's figure
    first = page.locator(".re-surface svg.re-plot").first
    first.focus()
    assert page.evaluate("document.activeElement.closest('.re-surface') !== null")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible (focused from script: as by keyboard)
    before = first.locator("polygon").first.get_attribute("points")
    page.keyboard.press("ArrowRight")
    assert call(page, *FOLD, "state") == {"azim": -55, "elev": 35}
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert call(page, *FOLD, "state") == {"azim": -55, "elev": 45}
    for _ in range(20):
        page.keyboard.press("ArrowUp")
    assert call(page, *FOLD, "state")["elev"] == 90  # tilts no further than from above
    for _ in range(30):
        page.keyboard.press("ArrowDown")
    assert call(page, *FOLD, "state")["elev"] == 5  # nor below the square's edge
    assert first.locator("polygon").first.get_attribute("points") != before
    page.get_by_role("button", name="Reset view", exact=True).click()
    assert call(page, *FOLD, "state") == {"azim": -60, "elev": 35}
    page.get_by_role("button", name="Turn left", exact=True).click()
    page.get_by_role("button", name="Tilt down", exact=True).click()
    assert call(page, *FOLD, "state") == {"azim": -65, "elev": 30}
    # a drag across the panel turns the surface; the page does not scroll sideways
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + box["width"] / 8, y, steps=4)
    page.mouse.up()
    azim = call(page, *FOLD, "state")["azim"]
    assert azim == pytest.approx(-65 - 45, abs=0.5)  # a whole width turns it once
    # both panels turn together
    second = page.locator(".re-surface svg.re-plot").nth(1).locator("polygon").first
    seen = second.get_attribute("points")
    call(page, *FOLD, "set", {"azim": 100})
    assert second.get_attribute("points") != seen


def test_a_swipe_up_or_down_on_a_touch_screen_does_not_tilt_the_surface(at):
    """The page says a swipe up or down scrolls the page as usual: on a touch screen
    only a swipe across turns the surface, and nothing tilts it but the buttons."""
    page = at("the-fold/")
    panel = page.locator(".re-surface svg.re-plot").first
    panel.scroll_into_view_if_needed()
    box = panel.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    before = call(page, *FOLD, "state")

    def swipe(dx, dy):
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
        )
        for k in range(1, 6):
            point = {"x": x + dx * k / 5, "y": y + dy * k / 5}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    swipe(0, -60)
    assert call(page, *FOLD, "state")["elev"] == before["elev"]
    swipe(box["width"] / 8, 0)
    after = call(page, *FOLD, "state")
    assert after["elev"] == before["elev"]
    assert after["azim"] == pytest.approx(before["azim"] - 45, abs=1)  # across still turns


def depth(corners, heights, low, high, azim, elev):
    """Mean distance of a facet's corners towards the viewer, in the widget's frame: the
    square scaled to [-1, 1]^2, the heights to [-0.7, 0.7] (the figure's box aspect)."""
    a, e = np.radians(azim), np.radians(elev)
    eye = np.array([np.cos(e) * np.cos(a), np.cos(e) * np.sin(a), np.sin(e)])
    z = (np.asarray(heights) - (low + high) / 2) * 1.4 / (high - low)
    frame = np.column_stack([np.asarray(corners) / 2, z])
    return float((frame @ eye).mean())


def test_fold_widget_draws_far_facets_first(at):
    """Painter's order: in each panel, every facet is drawn after the ones farther from
    the viewer (by the mean depth of its corners), for views from several sides."""
    page = at("the-fold/")
    views = [(-60, 35), (120, 10), (0, 80), (-170, 50)]
    for name, k in [("one", 0), ("two", 1)]:
        found = call(page, *FOLD, "facets", name)
        heights = np.concatenate([f["heights"] for f in found])
        low, high = heights.min(), heights.max()
        for azim, elev in views:
            call(page, *FOLD, "set", {"azim": azim, "elev": elev})
            order = page.evaluate(
                """(k) => [...document.querySelectorAll('.re-surface svg.re-plot')[k]
                .querySelectorAll('g[clip-path] > g')].map((g) => Number(g.dataset.facet))""",
                k,
            )
            assert sorted(order) == list(range(len(found)))
            depths = [
                depth(found[i]["vertices"], found[i]["heights"], low, high, azim, elev)
                for i in order
            ]
            assert all(np.diff(depths) >= -1e-12), (name, azim, elev)


def test_fold_widget_update_time_per_step(at):
    page = at("the-fold/")
    steps = [{"azim": -60 + 5 * k, "elev": 35} for k in range(72)]  # one full turn
    steps += [{"azim": -60, "elev": 5 + 5 * k} for k in range(18)]  # and a tilt
    measure_updates(page, "The fold (one step of turning)", *FOLD, steps)
    assert len(TIMINGS["The fold (one step of turning)"]) >= len(steps)
