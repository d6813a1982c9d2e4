"""Each page's widget computes what relu_explained computes, on preset and random states.

Random states come from a seeded numpy generator, snapped to the sliders' steps. Every
widget records how long each of its updates took (performance.now()); the times seen
here are written to .cache/bench/widget-timings.json, which `make bench` prints.
"""

from __future__ import annotations

import json
import statistics

import numpy as np
import pytest
from helpers import ROOT

from relu_explained import (
    MLP,
    ReluSum,
    count_regions_2d,
    dead_units,
    fit,
    linear_regions_2d,
    max_regions_shallow,
    relu_grad,
)

pytestmark = pytest.mark.browser

TIMINGS_FILE = ROOT / ".cache" / "bench" / "widget-timings.json"
TIMINGS: dict[str, list[float]] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_timings():
    yield
    if not TIMINGS:
        return
    # a run of some of the tests updates only the widgets it measured
    report = json.loads(TIMINGS_FILE.read_text()) if TIMINGS_FILE.exists() else {}
    for name, times in sorted(TIMINGS.items()):
        times = sorted(times)
        report[name] = {
            "updates": len(times),
            "median_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * (len(times) - 1))],
            "max_ms": times[-1],
        }
    TIMINGS_FILE.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS_FILE.write_text(json.dumps(dict(sorted(report.items())), indent=2) + "\n")


def open_page(browser, site_url, path, *, width=1280):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.goto(site_url + path, wait_until="networkidle")
    return page


@pytest.fixture
def at(browser, site_url):
    """at(path) opens a page; at the end, no page raised or logged an error."""
    pages = []

    def opener(path, **options):
        pages.append(open_page(browser, site_url, path, **options))
        return pages[-1]

    yield opener
    errors = [e for p in pages for e in p.errors]
    for p in pages:
        p.close()
    assert errors == []


def call(page, api, selector, method, *args):
    """The result of window[api].get(first element matching selector)[method](...args)."""
    return page.evaluate(
        "([api, selector, method, args]) => window[api].get("
        "document.querySelector(selector))[method](...args)",
        [api, selector, method, list(args)],
    )


def measure_updates(page, name, api, selector, states):
    """Apply each state through the widget's own update and keep the times it recorded,
    after one warm-up pass (the first draw also compiles the code)."""
    times = page.evaluate(
        """([api, selector, states]) => {
        const widget = window[api].get(document.querySelector(selector));
        for (const s of states) widget.set(s);
        widget.timings.length = 0;
        for (const s of states) widget.set(s);
        return widget.timings.slice();
    }""",
        [api, selector, states],
    )
    assert len(times) >= len(states), f"{name} recorded {len(times)} updates"
    TIMINGS.setdefault(name, []).extend(times)


def plot_rectangle(page, svg_selector):
    """The plot area of a widget's plot, in its SVG's units: left, top, width, height."""
    return page.evaluate(
        """(s) => { const r = document.querySelector(s).querySelector('clipPath rect');
        return ['x', 'y', 'width', 'height'].map((k) => r[k].baseVal.value); }""",
        svg_selector,
    )


def snap(values, step):
    return [round(round(float(v) / step) * step, 10) + 0.0 for v in values]


# --- ReLU vs linear ----------------------------------------------------------------------

LINEAR = ("reluLinear", ".re-linear")
OUT_WEIGHTS = [1.0, 0.5, -2.0]


def worked_example(biases):
    return MLP([[[1.0, 1.0, 1.0]], [[v] for v in OUT_WEIGHTS]], [list(biases), [0.0]])


def linear_states():
    rng = np.random.default_rng(18)
    states = [
        {"biases": [-10.0, 10.0, 10.0], "range": [-4.0, 4.0]},
        {"biases": [1.0, 10.0, 10.0], "range": [-4.0, 4.0]},
        {"biases": [-10.0, 10.0, 10.0], "range": [-12.0, 4.0]},
        {"biases": [12.0, 12.0, -12.0], "range": [-12.0, 12.0]},
        # bends exactly at the ends: z = 0 at x = -4 for unit 0, at x = 4 for unit 1
        {"biases": [4.0, -4.0, 10.0], "range": [-4.0, 4.0]},
    ]
    for _ in range(16):
        lo, hi = sorted(snap(rng.uniform(-12, 12, 2), 0.5))
        if lo == hi:
            hi += 0.5
        states.append({"biases": snap(rng.uniform(-12, 12, 3), 0.5), "range": [lo, hi]})
    return states


def unit_words(z, lo, hi):
    """A unit's state as the page defines it (on where z > 0), read from its z on the range."""
    if np.all(z > 0):
        return "always on in the range"
    if np.all(z >= 0):  # z = 0 only at the left end: off there, on everywhere else
        assert z[0] == 0 and np.all(z[1:] > 0)
        return f"on in the range except at x = {lo:g}, where z = 0 (off);"
    if np.all(z <= 0):
        return "dead: off on the whole range" + (f" (z = 0 at x = {hi:g})" if z[-1] == 0 else "")
    return "switching inside the range"


def test_linear_widget_names_a_bend_at_an_end_of_the_range_as_the_page_defines_on(at):
    page = at("relu-vs-linear/")
    call(page, *LINEAR, "set", {"biases": [4.0, -4.0, 10.0], "range": [-4.0, 4.0]})
    items = page.locator(".re-linear li").all_inner_texts()
    assert items[0].startswith(
        "unit 0: on in the range except at x = -4, where z = 0 (off); "
        "its output is z on the whole range"
    )
    assert items[1].startswith("unit 1: dead: off on the whole range (z = 0 at x = 4)")
    assert items[2].startswith("unit 2: always on in the range")
    assert "exactly linear on this range" in page.locator(".re-linear .re-readout").inner_text()


def check_linear_state(page, state):
    call(page, *LINEAR, "set", state)
    assert call(page, *LINEAR, "state") == state
    net = worked_example(state["biases"])
    lo, hi = state["range"]
    xs = np.linspace(lo, hi, 801)
    np.testing.assert_allclose(
        call(page, *LINEAR, "evaluate", xs.tolist()), net(xs)[:, 0], rtol=0, atol=1e-9
    )
    z = net.pre_activations(xs)[0]
    dead = dead_units(net, xs)[0]
    always_on = np.all(z >= 0, axis=0)  # relu(z) = z on the whole range (z = 0 at an end)
    expected = [
        "dead" if d else "on" if on else "switching" for d, on in zip(dead, always_on, strict=True)
    ]
    assert call(page, *LINEAR, "status") == expected
    items = page.locator(".re-linear li").all_inner_texts()
    for i, item in enumerate(items):
        assert item.startswith(f"unit {i}: {unit_words(z[:, i], lo, hi)}"), item
    line = call(page, *LINEAR, "line")
    y = net(xs)[:, 0]
    slope, intercept = np.polyfit(xs, y, 1)
    straight = np.abs(y - (slope * xs + intercept)).max() < 1e-9
    assert (line is not None) == straight
    readout = page.locator(".re-linear .re-readout").inner_text()
    if line is not None:
        assert line["slope"] == pytest.approx(slope, abs=1e-9)
        assert line["intercept"] == pytest.approx(intercept, abs=1e-7)
        assert "exactly linear on this range" in readout
    else:
        assert "not one line" in readout


def check_states(page, check, states) -> None:
    """``check`` every state on the widget, naming the state that fails."""
    for state in states:
        try:
            check(page, state)
        except AssertionError as error:
            raise AssertionError(f"state {state}: {error}") from None


def test_linear_widget_matches_the_package(at):
    page = at("relu-vs-linear/")
    check_states(page, check_linear_state, linear_states())
    measure_updates(page, "ReLU vs linear", *LINEAR, linear_states())


def test_linear_widget_starts_as_the_page_says_and_reacts_to_its_sliders(at):
    page = at("relu-vs-linear/")
    readout = page.locator(".re-linear .re-readout")
    example = worked_example([-10.0, 10.0, 10.0])
    xs = np.linspace(-4, 4, 801)
    slope, intercept = np.polyfit(xs, example(xs)[:, 0], 1)
    assert readout.inner_text() == (
        "No unit switches inside [-4, 4]: the output is exactly linear on this range, "
        f"y = {slope:g}x - {-intercept:g}."
    )
    assert page.locator(".re-linear li.re-dead").count() == int(dead_units(example, xs)[0].sum())
    page.get_by_label("bias of unit 0", exact=True).fill("1")  # fires input, as a drag does
    assert "Unit 0 switches inside [-4, 4]: the output bends at x = -1," in readout.inner_text()
    slider = page.get_by_label("range from", exact=True)
    page.get_by_role("button", name="Reset", exact=True).click()
    slider.focus()
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    assert call(page, *LINEAR, "state")["range"] == [-3.0, 4.0]
    page.get_by_label("range to", exact=True).fill("-5")  # the range never empties
    lo, hi = call(page, *LINEAR, "state")["range"]
    assert lo < hi


def bend_labels(page):
    return sorted(page.locator(".re-linear svg .re-label").all_text_contents())


def test_linear_widget_names_the_units_at_each_bend_also_where_they_coincide(at):
    page = at("relu-vs-linear/")
    # as the page starts, units 1 and 2 both bend at x = -10: one dot, named for both
    assert bend_labels(page) == ["unit 0", "units 1 and 2"]
    items = page.locator(".re-linear li").all_inner_texts()
    assert items[1].endswith("(bends at x = -10, with unit 2)")
    assert items[2].endswith("(bends at x = -10, with unit 1)")
    assert items[0].endswith("(bends at x = 10)")
    call(page, *LINEAR, "set", {"range": [-12.0, 4.0]})
    assert page.locator(".re-linear .re-readout").inner_text() == (
        "Units 1 and 2 switch inside [-12, 4]: the output bends at x = -10 (units 1 and 2), "
        "so it is not one line on this range."
    )
    call(page, *LINEAR, "set", {"biases": [0.0, 0.0, 0.0], "range": [-4.0, 4.0]})
    assert bend_labels(page) == ["units 0, 1 and 2"]
    call(page, *LINEAR, "set", {"biases": [-10.0, 10.0, 3.0]})
    assert bend_labels(page) == ["unit 0", "unit 1", "unit 2"]
    # by keyboard: unit 2's bias from 10 down to 7 parts its bend from unit 1's
    page.get_by_role("button", name="Reset", exact=True).click()
    page.get_by_label("bias of unit 2", exact=True).focus()
    page.keyboard.press("ArrowLeft")  # 9.5: a bend at -9.5, too close to -10 to label apart
    assert bend_labels(page) == ["unit 0", "units 1 and 2"]
    assert page.locator(".re-linear li").nth(2).inner_text().endswith("(bends at x = -9.5)")
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    assert call(page, *LINEAR, "state")["biases"] == [-10.0, 10.0, 7.0]
    assert bend_labels(page) == ["unit 0", "unit 1", "unit 2"]


# --- Shifted sums (the playground, on the shared module) ----------------------------------


def test_playground_update_time_is_measured(at):
    page = at("shifted-sums/")
    rng = np.random.default_rng(5)
    states = [
        {
            "offset": 0.0,
            "slope": 0.0,
            "shifts": snap(rng.uniform(-4, 4, 4), 0.1),
            "weights": snap(rng.uniform(-3, 3, 4), 0.05),
        }
        for _ in range(30)
    ]
    measure_updates(page, "Shifted sums playground", "reluPlayground", ".relu-playground", states)


# --- Interactions ------------------------------------------------------------------------

INTERACTION = ("reluInteraction", ".re-interaction")


def one_unit(w_a, w_b, b):
    return MLP([[[w_a], [w_b]], [[1.0]]], [[b], [0.0]])


def interaction_states():
    rng = np.random.default_rng(4)
    states = [
        {"wA": 2.0, "wB": 3.0, "b": 0.0, "A": 1.0, "B": 1.0},
        {"wA": 2.0, "wB": 3.0, "b": 0.0, "A": 1.0, "B": -100.0},
        {"wA": 0.0, "wB": 0.0, "b": 1.5, "A": 0.5, "B": 0.5},
        {"wA": -1.0, "wB": 0.0, "b": 0.0, "A": 0.0, "B": 2.0},
    ]  # on the fold: off
    for _ in range(20):
        w_a, w_b = snap(rng.uniform(-4, 4, 2), 0.1)
        (b,) = snap(rng.uniform(-6, 6, 1), 0.1)
        a, b_in = snap(rng.uniform(-3.5, 3.5, 2), 0.1)
        states.append({"wA": w_a, "wB": w_b, "b": b, "A": a, "B": b_in})
    return states


def check_interaction_state(page, state):
    call(page, *INTERACTION, "set", state)
    assert call(page, *INTERACTION, "state") == state
    net = one_unit(state["wA"], state["wB"], state["b"])
    here = np.array([[state["A"], state["B"]]])
    assert call(page, *INTERACTION, "output") == pytest.approx(net(here)[0, 0], abs=1e-9)
    z = net.pre_activations(here)[0][0, 0]
    assert call(page, *INTERACTION, "slopeA") == pytest.approx(
        state["wA"] * float(relu_grad(z)), abs=1e-12
    )
    points = np.random.default_rng(0).uniform(-3, 3, (200, 2))
    np.testing.assert_allclose(
        call(page, *INTERACTION, "evaluate", points.tolist()), net(points)[:, 0], rtol=0, atol=1e-9
    )
    readout = page.locator(".re-interaction .re-readout").inner_text()
    assert ("the unit is on" in readout) == (z > 0)


def test_interaction_widget_matches_the_package(at):
    page = at("interactions/")
    check_states(page, check_interaction_state, interaction_states())
    measure_updates(page, "Interactions", *INTERACTION, interaction_states())


def test_interaction_presets_answer_the_learners_question(at):
    page = at("interactions/")
    readout = page.locator(".re-interaction .re-readout")
    net = one_unit(2.0, 3.0, 0.0)
    page.get_by_role("button", name="Preset: A = 1, B = 1", exact=True).click()
    output = net(np.array([[1.0, 1.0]]))[0, 0]
    assert call(page, *INTERACTION, "output") == output
    assert f"Output {output:g}, slope in A 2" in readout.inner_text()
    point = page.get_by_role("slider", name="point (A, B)")
    point.focus()
    page.keyboard.press("ArrowRight")  # A goes to 1.1, the output by 2 * 0.1
    assert call(page, *INTERACTION, "state")["A"] == pytest.approx(1.1)
    assert call(page, *INTERACTION, "output") == pytest.approx(
        net(np.array([[1.1, 1.0]]))[0, 0], abs=1e-9
    )
    page.get_by_role("button", name="Preset: B = -100", exact=True).click()
    assert call(page, *INTERACTION, "output") == net(np.array([[1.0, -100.0]]))[0, 0] == 0
    assert call(page, *INTERACTION, "slopeA") == 0
    assert "A has no effect here" in readout.inner_text()
    # far below the plot: a hollow dot and an arrow on the bottom edge pointing down
    dot = page.locator(".re-interaction .re-point")
    assert "re-point-away" in dot.get_attribute("class")
    arrow = page.locator(".re-interaction polygon.re-away")
    assert arrow.count() == 1
    corners = [tuple(map(float, c.split(","))) for c in arrow.get_attribute("points").split()]
    tip, *base = corners
    assert tip[1] > max(y for _, y in base)  # the tip is lowest: it points down
    assert float(dot.get_attribute("cy")) < min(y for _, y in base)  # the dot is above it
    page.get_by_role("button", name="Preset: A = 1, B = 1", exact=True).click()
    assert "re-point-away" not in dot.get_attribute("class")
    assert page.locator(".re-interaction polygon.re-away").count() == 0


def test_interaction_readout_never_shows_a_positive_z_as_0(at):
    """On means z > 0: a tiny positive z is printed with the digits it needs, and the
    readout never says '= 0, the unit is on'."""
    page = at("interactions/")
    readout = page.locator(".re-interaction .re-readout")
    cases = [
        ({"wA": 2.0, "wB": 3.0, "b": 0.0, "A": -0.7, "B": 0.4667}, "0.0001"),
        ({"wA": 1.0, "wB": 1.0, "b": 0.0, "A": 1e-13, "B": 0.0}, "just above 0"),
        ({"wA": 1.0, "wB": 1.0, "b": 0.0, "A": -2e-7, "B": 0.0}, "-0.0000002"),
    ]
    for state, shown in cases:
        call(page, *INTERACTION, "set", state)
        z = state["wA"] * state["A"] + state["wB"] * state["B"] + state["b"]
        text = readout.inner_text()
        assert f"= {shown}, the unit is {'on' if z > 0 else 'off'}" in text, text
        assert "B = 0.4667" in text or state["B"] != 0.4667, text
        assert "= 0, the unit is on" not in text


def test_interaction_inputs_stay_within_their_limits(at):
    page = at("interactions/")
    for name, typed, kept in [("A", "500", 100), ("B", "-250", -100), ("A", "99.5", 99.5)]:
        box = page.get_by_label(f"input {name}", exact=True)
        box.fill(typed)
        box.press("Tab")  # the change event
        assert call(page, *INTERACTION, "state")[name] == kept
        assert float(box.input_value()) == kept
    state = call(page, *INTERACTION, "state")
    net = one_unit(state["wA"], state["wB"], state["b"])
    assert call(page, *INTERACTION, "output") == pytest.approx(
        net(np.array([[state["A"], state["B"]]]))[0, 0], abs=1e-9
    )
    call(page, *INTERACTION, "set", {"A": 1000.0, "B": -1000.0})
    assert call(page, *INTERACTION, "state")["A"] == 100
    assert call(page, *INTERACTION, "state")["B"] == -100


def test_interaction_point_follows_a_drag(at):
    page = at("interactions/")
    page.locator(".re-interaction svg").scroll_into_view_if_needed()
    box = page.locator(".re-interaction svg").bounding_box()
    # the plot area (its clip rectangle, in the SVG's 460 x 390 units) spans A, B in
    # [-3, 3]; aim at A = 0, B = 0, its centre
    assert call(page, *INTERACTION, "state")["A"] == 1
    left, top, width, height = plot_rectangle(page, ".re-interaction svg")
    x = box["x"] + box["width"] * (left + width / 2) / 460
    y = box["y"] + box["height"] * (top + height / 2) / 390
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 1, y)
    page.mouse.up()
    state = call(page, *INTERACTION, "state")
    assert abs(state["A"]) <= 0.1 and abs(state["B"]) <= 0.1


# --- Approximation -----------------------------------------------------------------------

APPROX = ("reluApprox", ".re-approximation")
GRID = np.linspace(-np.pi, np.pi, 20001)  # the page's grid


def target(x):
    return np.sin(2 * x) + x / 2


def relu_fit(n):
    knots = np.linspace(-np.pi, np.pi, n + 2)
    return ReluSum.interpolating(knots, target(knots))


def approx_states():
    # 32, 100 and 200: the error is so close to the bound that whole percent reads 100%
    ns = [2, 8, 16, 32, 100, 200, *np.random.default_rng(2).integers(2, 201, 10).tolist()]
    return [{"n": int(n)} for n in ns]


def test_approximation_widget_matches_the_package(at):
    page = at("approximation/")
    xs = np.linspace(-4, 4, 161)  # beyond the interval too, where the sum is a line
    for state in approx_states():
        call(page, *APPROX, "set", state)
        s = relu_fit(state["n"])
        np.testing.assert_allclose(
            call(page, *APPROX, "evaluate", xs.tolist()),
            s(xs),
            rtol=0,
            atol=1e-9,
            err_msg=str(state),
        )
        error = np.abs(s(GRID) - target(GRID)).max()
        assert call(page, *APPROX, "maxError") == pytest.approx(error, abs=1e-9), state
        h = 2 * np.pi / (state["n"] + 1)
        assert call(page, *APPROX, "bound") == pytest.approx(h**2 / 8 * 4, rel=1e-12)
        readout = page.locator(".re-approximation .re-readout").inner_text()
        assert f"largest error {error:.4f}" in readout and f"is {h**2 / 2:.4f}" in readout
        share = error / (h**2 / 2)
        digits = 0  # whole percent, more digits where that would round a share below 1 to 100
        while share < 1 and float(f"{share * 100:.{digits}f}") >= 100:
            digits += 1
        assert f"the error is {share:.{digits}%} of it" in readout, (state, readout)
        assert "100%" not in readout or share >= 1, (state, readout)
    visited = call(page, *APPROX, "visited")
    assert [n for n, _ in visited] == sorted({s["n"] for s in approx_states()})
    assert all(e <= (2 * np.pi / (n + 1)) ** 2 / 2 for n, e in visited)
    measure_updates(page, "Approximation", *APPROX, approx_states())


def test_approximation_slider_and_buttons(at):
    page = at("approximation/")
    assert call(page, *APPROX, "state") == {"n": 8}
    page.get_by_role("button", name="Double N", exact=True).click()
    assert call(page, *APPROX, "state") == {"n": 16}
    slider = page.get_by_label("N ReLUs", exact=True)
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert call(page, *APPROX, "state") == {"n": 17}
    assert page.locator(".re-approximation svg").nth(1).locator("circle").count() == 3


# --- Dead neurons ------------------------------------------------------------------------

TRAINER = ("reluTrainer", ".re-trainer")


def train(net, X, y, *, lr, steps):
    """The package's gradient descent, full batch: the one place this file trains."""
    return fit(net, X, y, lr=lr, steps=steps)


def widget_network(page):
    net = call(page, *TRAINER, "net")
    return [np.array(a) for a in net["weights"] + net["biases"]]


def test_trainer_uses_the_pages_data_and_start(at):
    page = at("dead-neurons/")
    data = call(page, *TRAINER, "data")
    X = np.linspace(-1, 1, 100)
    np.testing.assert_array_equal(data["x"], X)  # numpy's linspace, point for point
    np.testing.assert_allclose(data["y"], np.sin(3 * X), rtol=0, atol=1e-15)
    start = call(page, *TRAINER, "start")
    net = MLP(start["weights"], start["biases"])
    history = call(page, *TRAINER, "history")
    loss = float(np.mean((net(X)[:, 0] - np.sin(3 * X)) ** 2))
    assert history["loss"] == [pytest.approx(loss, abs=1e-12)]
    assert history["deadFraction"] == [float(dead_units(net, X)[0].mean())]


@pytest.mark.parametrize("lr", [0.05, 0.5, 0.8])
def test_trainer_follows_the_package_step_by_step(at, lr):
    page = at("dead-neurons/")
    call(page, *TRAINER, "set", {"lr": lr})
    start = call(page, *TRAINER, "start")
    reference = MLP(start["weights"], start["biases"])
    X = np.linspace(-1, 1, 100)
    y = np.sin(3 * X)
    worst = 0.0
    for step in range(1, 51):
        train(reference, X, y, lr=lr, steps=1)
        call(page, *TRAINER, "step", 1)
        for mine, theirs in zip(
            widget_network(page), reference.weights + reference.biases, strict=True
        ):
            worst = max(worst, float(np.abs(mine - theirs).max()))
        assert worst < 1e-9, f"step {step}: weights differ by {worst:.3g}"
        assert call(page, *TRAINER, "alive")[0] == (~dead_units(reference, X)[0]).tolist()
    again = MLP(start["weights"], start["biases"])
    history = train(again, X, y, lr=lr, steps=50)
    widget = call(page, *TRAINER, "history")
    np.testing.assert_allclose(widget["loss"], history.loss, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(widget["deadFraction"], history.dead_fraction)
    readout = page.locator(".re-trainer .re-readout").inner_text()
    dead = round(8 * history.dead_fraction[-1])
    assert f"Step 50 at learning rate {lr}: loss {history.loss[-1]:.4f}, {dead} of 8" in readout


# {"x": {label: position}, "y": {label: position}} of a plot's ticks, in SVG units: each
# tick label follows its grid line
AXIS_TICKS = """(svg) => {
    const ticks = {x: {}, y: {}};
    for (const t of svg.querySelectorAll('.re-axes text')) {
        const l = t.previousElementSibling;
        if (!l || l.tagName !== 'line') continue;  // an axis title
        if (l.x1.baseVal.value === l.x2.baseVal.value) ticks.x[t.textContent] = l.x1.baseVal.value;
        else ticks.y[t.textContent] = l.y1.baseVal.value;
    }
    return ticks;
}"""


def test_trainer_shows_step_0_before_play(at):
    """Before Play, the loss and dead-share charts have their axes and a dot at step 0:
    the start's loss and dead share, where the curves will grow from."""
    page = at("dead-neurons/")
    history = call(page, *TRAINER, "history")
    assert len(history["loss"]) == 1
    charts = page.locator(".re-trainer svg.re-plot")
    starts = [(1, history["loss"][0], "1", "10"), (2, history["deadFraction"][0], "0", "0.5")]
    for n, value, below, above in starts:
        chart = charts.nth(n)
        ticks = chart.evaluate(AXIS_TICKS)
        dot = chart.locator("circle")
        assert dot.count() == 1, n
        cx, cy = (float(dot.get_attribute(k)) for k in ("cx", "cy"))
        assert cx == pytest.approx(ticks["x"]["0"], abs=1e-3)
        assert ticks["y"][below] > cy > ticks["y"][above], (n, value)  # screen y grows down
    readout = page.locator(".re-trainer .re-readout")
    assert (
        "Press Play, or Step: the loss and dead-share charts grow from these two dots."
        in readout.inner_text()
    )
    page.get_by_role("button", name="Step", exact=True).click()
    assert "Press Play" not in readout.inner_text()
    assert charts.nth(1).locator("circle").count() == 1  # the dot moves on to step 1


def test_trainer_charts_are_named_by_what_they_show(at):
    """Each chart has role img and a name that says where the curve is now; the curve chart
    has a legend for its two lines."""
    page = at("dead-neurons/")
    charts = page.locator(".re-trainer svg.re-plot")
    assert [charts.nth(i).get_attribute("role") for i in range(3)] == ["img"] * 3
    page.get_by_role("button", name="Step", exact=True).click()
    history = call(page, *TRAINER, "history")
    names = [charts.nth(i).get_attribute("aria-label") for i in range(3)]
    assert "after 1 step;" in names[0] and "7 of 8 hidden units alive" in names[0]
    assert names[1].endswith(f"to {history['loss'][1]:.4f} at step 1")
    assert names[2].endswith("from 12.5% at step 0 to 12.5% at step 1")
    assert "12.5%" in page.locator(".re-trainer .re-readout").inner_text()
    key = page.locator(".re-trainer .re-key li")
    assert [key.nth(i).inner_text() for i in range(2)] == [
        "the network's output now",
        "the data, sin 3x",
    ]


def test_trainer_buttons_and_update_time(at):
    page = at("dead-neurons/")
    page.get_by_role("button", name="Step", exact=True).click()
    assert call(page, *TRAINER, "state")["step"] == 1
    play = page.get_by_role("button", name="Play", exact=True)
    play.click()
    page.wait_for_function(
        "() => window.reluTrainer.get(document.querySelector('.re-trainer')).state().step > 20"
    )
    page.get_by_role("button", name="Pause", exact=True).click()
    steps = call(page, *TRAINER, "state")["step"]
    assert not call(page, *TRAINER, "state")["playing"]
    page.wait_for_timeout(200)
    assert call(page, *TRAINER, "state")["step"] == steps  # paused means paused
    page.get_by_role("button", name="Reset", exact=True).click()
    assert call(page, *TRAINER, "state")["step"] == 0
    times = page.evaluate("""() => {
        const widget = window.reluTrainer.get(document.querySelector('.re-trainer'));
        widget.timings.length = 0;
        for (let i = 0; i < 60; i += 1) widget.measure();
        return widget.timings.slice();
    }""")
    TIMINGS.setdefault("Dead neurons (4 steps + redraw)", []).extend(times)


# --- Linear regions ----------------------------------------------------------------------

REGIONS = ("reluRegions", ".re-regions")
BOX = (-3, 3, -3, 3)


def regions_states():
    rng = np.random.default_rng(7)
    states = [
        {"width": 6, "depth": 1, "seed": 0},
        {"width": 8, "depth": 3, "seed": 1},
        {"width": 1, "depth": 1, "seed": 5},
        {"width": 8, "depth": 1, "seed": 99},
    ]
    for _ in range(12):
        states.append(
            {
                "width": int(rng.integers(1, 9)),
                "depth": int(rng.integers(1, 4)),
                "seed": int(rng.integers(0, 100)),
            }
        )
    return states


def check_regions_state(page, state):
    call(page, *REGIONS, "set", state)
    assert call(page, *REGIONS, "state") == state
    given = call(page, *REGIONS, "network")
    net = MLP(given["weights"], given["biases"])
    assert net.sizes == (2, *[state["width"]] * state["depth"], 1)
    mine = call(page, *REGIONS, "regions")
    theirs = linear_regions_2d(net, BOX)
    assert len(mine) == count_regions_2d(net, BOX) == len(theirs)
    mine_sorted = sorted((tuple(r["pattern"]), r["area"]) for r in mine)
    theirs_sorted = sorted((tuple(r.pattern.tolist()), r.area) for r in theirs)
    assert [p for p, _ in mine_sorted] == [p for p, _ in theirs_sorted]  # the same regions
    np.testing.assert_allclose(
        [a for _, a in mine_sorted], [a for _, a in theirs_sorted], rtol=0, atol=1e-9
    )
    assert sum(r["area"] for r in mine) == pytest.approx(36.0, abs=1e-9)
    readout = page.locator(".re-regions .re-readout").inner_text()
    assert readout.startswith(f"{len(theirs)} linear region")


def test_regions_widget_matches_the_package(at):
    page = at("linear-regions/")
    check_states(page, check_regions_state, regions_states())
    measure_updates(page, "Linear regions", *REGIONS, regions_states())


def test_regions_one_layer_stays_under_the_bound_and_controls_work(at):
    page = at("linear-regions/")
    for seed in range(10):
        if seed:
            page.get_by_role("button", name="Next seed", exact=True).click()
        given = call(page, *REGIONS, "network")
        count = count_regions_2d(MLP(given["weights"], given["biases"]), BOX)
        assert len(call(page, *REGIONS, "regions")) == count <= max_regions_shallow(2, 6)
    assert call(page, *REGIONS, "state") == {"width": 6, "depth": 1, "seed": 9}
    slider = page.get_by_label("hidden layers", exact=True)
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert call(page, *REGIONS, "state")["depth"] == 2


def test_regions_map_is_named_by_what_it_shows(at):
    """The map's accessible name counts the regions it draws, and follows the controls."""
    page = at("linear-regions/")
    svg = page.locator(".re-regions svg.re-plot")
    for seed in range(3):
        if seed:
            page.get_by_role("button", name="Next seed", exact=True).click()
        count = len(call(page, *REGIONS, "regions"))
        assert svg.get_attribute("role") == "img"
        assert svg.get_attribute("aria-label").startswith(
            f"{count} linear region{'' if count == 1 else 's'} of a network with 1 hidden "
            f"layer of 6 (seed {seed})"
        )


def drawn_regions(page):
    """The polygons the regions widget draws: their corners (SVG units) and colour."""
    found = page.evaluate("""() => [...document.querySelectorAll('.re-regions polygon')]
        .map((p) => [p.getAttribute('points'),
                     [...p.classList].find((c) => /^re-c[0-9]$/.test(c))])""")
    return [
        (np.array([[float(v) for v in xy.split(",")] for xy in points.split()]), colour)
        for points, colour in found
    ]


def shared_edges(polygons, tol=1e-6):
    """Pairs (i, j) of polygons that share an edge segment of positive length (not only a
    corner): an edge of each on one line, overlapping by more than ``tol``."""
    owner, starts, ends = [], [], []
    for i, corners in enumerate(polygons):
        for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True):
            if np.hypot(*(b - a)) > tol:
                owner.append(i)
                starts.append(a)
                ends.append(b)
    owner, a, b = np.array(owner), np.array(starts), np.array(ends)
    length = np.hypot(*(b - a).T)
    u = (b - a) / length[:, None]

    def across(points):  # [m, n]: distance of points[n] from edge m's line
        r = points[None, :, :] - a[:, None, :]
        return u[:, None, 0] * r[..., 1] - u[:, None, 1] * r[..., 0]

    def along(points):  # [m, n]: position of points[n] along edge m, from its start
        r = points[None, :, :] - a[:, None, :]
        return u[:, None, 0] * r[..., 0] + u[:, None, 1] * r[..., 1]

    s, t = along(a), along(b)
    overlap = np.minimum(length[:, None], np.maximum(s, t)) - np.maximum(0, np.minimum(s, t))
    same_line = (np.abs(across(a)) < tol) & (np.abs(across(b)) < tol)
    hits = same_line & (overlap > tol) & (owner[:, None] != owner[None, :])
    return {
        (int(min(owner[m], owner[n])), int(max(owner[m], owner[n])))
        for m, n in zip(*np.nonzero(hits), strict=True)
    }


def test_regions_widget_gives_neighbours_different_colours(at):
    page = at("linear-regions/")
    for state in regions_states():
        call(page, *REGIONS, "set", state)
        drawn = drawn_regions(page)
        assert len(drawn) == len(call(page, *REGIONS, "regions")), state
        pairs = shared_edges([corners for corners, _ in drawn])
        if len(drawn) > 1:
            assert pairs, state  # the regions tile the square: some share edges
        same = [(i, j) for i, j in sorted(pairs) if drawn[i][1] == drawn[j][1]]
        assert same == [], f"{state}: neighbours in one colour: {same}"


# --- Every widget: labelled, keyboard-reachable, fits a phone ------------------------------

WIDGET_PAGES = {
    "relu-vs-linear/": ".re-linear",
    "interactions/": ".re-interaction",
    "approximation/": ".re-approximation",
    "dead-neurons/": ".re-trainer",
    "linear-regions/": ".re-regions",
    "shifted-sums/": ".relu-playground",
    "the-fold/": ".re-surface",
}


@pytest.mark.parametrize("path", list(WIDGET_PAGES))
def test_widget_is_labelled_focusable_and_fits_a_phone(at, path):
    selector = WIDGET_PAGES[path]
    page = at(path, width=375)
    assert page.locator(selector).count() == 1
    unnamed = page.evaluate(
        """(selector) => [...document.querySelectorAll(
        `${selector} input, ${selector} button, ${selector} [tabindex]`)].filter(
        el => !(el.labels && el.labels.length) && !el.textContent.trim()
              && !el.getAttribute('aria-label')).length""",
        selector,
    )
    assert unnamed == 0
    controls = page.locator(f"{selector} input, {selector} button, {selector} [tabindex='0']")
    assert controls.count() > 0
    for i in range(controls.count()):  # each one takes the keyboard's focus
        controls.nth(i).focus()
        assert page.evaluate(
            "(el) => document.activeElement === el", controls.nth(i).element_handle()
        )
    width = page.evaluate("(s) => document.querySelector(s).scrollWidth", selector)
    assert width <= 375 and page.evaluate("document.documentElement.scrollWidth") <= 375


# --- Every widget: labels apart, marks inside their plot ------------------------------------

# What each plot of a widget shows: its plot rectangle (the clip rectangle of its data
# layer) and, in CSS px on the page, the box of the SVG and of every text; in the SVG's
# own units, the box of every mark drawn in the data layer and in the layer over it.
PLOTS = """(selector) => [...document.querySelector(selector).querySelectorAll('svg.re-plot')]
    .map((svg) => {
        const clip = svg.querySelector('clipPath rect');
        const rect = ['x', 'y', 'width', 'height'].map((k) => clip[k].baseVal.value);
        const box = (r) => [r.left, r.top, r.right, r.bottom];
        const layer = svg.querySelector('g[clip-path]');
        const shapes = 'path, circle, polygon, line, rect, text';
        const marks = (group) => [...group.querySelectorAll(shapes)]
            .filter((m) => m.checkVisibility())
            .map((m) => { const b = m.getBBox();
                return {what: m.tagName + '.' + (m.getAttribute('class') || ''),
                        box: [b.x, b.y, b.x + b.width, b.y + b.height]}; });
        return {
            title: svg.querySelector('title').textContent.slice(0, 50),
            rect, width: svg.viewBox.baseVal.width, height: svg.viewBox.baseVal.height,
            clipped: layer.getAttribute('clip-path') === `url(#${clip.parentNode.id})`,
            svg: box(svg.getBoundingClientRect()),
            texts: [...svg.querySelectorAll('text')]
                .filter((t) => t.textContent.trim() && t.checkVisibility())
                .map((t) => ({text: t.textContent, box: box(t.getBoundingClientRect())})),
            data: marks(layer),
            over: marks(layer.nextElementSibling),
        };
    })"""

TOUCH = 0.5  # px or units: boxes that share an edge, with rounding, do not overlap


def overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > TOUCH and min(a[3], b[3]) - max(a[1], b[1]) > TOUCH


def inside(box, frame) -> bool:
    return (
        box[0] >= frame[0] - TOUCH
        and box[1] >= frame[1] - TOUCH
        and box[2] <= frame[2] + TOUCH
        and box[3] <= frame[3] + TOUCH
    )


def label_problems(plots) -> list[str]:
    """Texts of a plot whose boxes meet, or that stick out of their SVG."""
    problems = []
    for plot in plots:
        texts = plot["texts"]
        for i, a in enumerate(texts):
            if not inside(a["box"], plot["svg"]):
                problems.append(f"{plot['title']!r}: {a['text']!r} is cut off by the SVG's edge")
            for b in texts[i + 1 :]:
                if overlap(a["box"], b["box"]):
                    problems.append(f"{plot['title']!r}: {a['text']!r} meets {b['text']!r}")
    return problems


def mark_problems(plots, *, fixed_axes=False) -> list[str]:
    """Marks of the data layer drawn past the plot rectangle (in a plot with fixed axes,
    which a reader's curve may leave, the layer must be clipped to the rectangle instead),
    and marks over it that stick out of the SVG."""
    problems = []
    for plot in plots:
        x, y, w, h = plot["rect"]
        if not plot["clipped"]:
            problems.append(f"{plot['title']!r}: the data layer is not clipped to the plot")
        if not fixed_axes:
            problems += [
                f"{plot['title']!r}: {m['what']} at {[round(v) for v in m['box']]} leaves the "
                f"plot rectangle {[round(v) for v in (x, y, x + w, y + h)]}"
                for m in plot["data"]
                if not inside(m["box"], (x, y, x + w, y + h))
            ]
        problems += [
            f"{plot['title']!r}: {m['what']} sticks out of the SVG"
            for m in plot["over"]
            if not inside(m["box"], (0, 0, plot["width"], plot["height"]))
        ]
    return problems


def trainer_runs():
    """(learning rate, steps) after a reset: the start, a few steps, the runs the page
    names, and one that diverges."""
    return [(0.05, 0), (0.05, 1), (0.05, 150), (0.5, 40), (0.8, 30), (1.0, 60)]


def widget_states(path):
    return {
        "relu-vs-linear/": (LINEAR, linear_states()[:10]),
        "interactions/": (INTERACTION, interaction_states()[:10]),
        "approximation/": (APPROX, approx_states()[:8]),
        "linear-regions/": (REGIONS, regions_states()[:6]),
        "the-fold/": (
            ("reluSurface", ".re-surface"),
            [{"azim": a, "elev": e} for a, e in [(0, 5), (45, 90), (-135, 20), (170, 60)]],
        ),
        "shifted-sums/": (
            ("reluPlayground", ".relu-playground"),
            [{"offset": 0, "slope": 0, "shifts": [-2, -0.5, 1, 2.5], "weights": [3, 3, 3, 3]}],
        ),
    }.get(path)


def each_state(page, path):
    """Put the page's widget through its states, yielding a name for each."""
    if path == "dead-neurons/":
        for lr, steps in trainer_runs():
            call(page, *TRAINER, "reset")
            call(page, *TRAINER, "set", {"lr": lr})
            call(page, *TRAINER, "step", steps)
            yield f"learning rate {lr}, {steps} steps"
        return
    api, states = widget_states(path)
    yield "as the page starts"
    for state in states:
        call(page, *api, "set", state)
        yield str(state)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", list(WIDGET_PAGES))
def test_widget_labels_never_meet_and_marks_stay_in_the_plot(at, path, width):
    """No tick label, axis title or label on the data meets another or is cut off, and
    every mark is drawn inside its plot's axes, for every state tried, on a phone and a
    desktop; only the playground, whose axes stay put, relies on its clip."""
    page = at(path, width=width)
    selector = WIDGET_PAGES[path]
    found = []
    for state in each_state(page, path):
        plots = page.evaluate(PLOTS, selector)
        assert plots, selector
        problems = label_problems(plots) + mark_problems(plots, fixed_axes=path == "shifted-sums/")
        found += [f"{state}: {p}" for p in problems]
    assert not found, "\n".join(found)
