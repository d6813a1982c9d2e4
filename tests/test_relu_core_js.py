"""The widgets' shared maths, `docs/javascripts/relu-core.js`, computes what relu_explained
computes: run in a JavaScript engine embedded in Python, no browser needed.

The browser tests check each widget on the states its page offers; this checks the
functions under them on inputs no widget reaches (exact zeros, coinciding bends, deep and
wide networks, many outputs, many steps), on every machine. The engine is V8 from PyPI
(`mini-racer`, in the `test` extra); where it is missing, Node.js if present; else these
tests skip and say what to install. ``RELU_JS_ENGINE=node`` chooses Node.js.

Numbers travel as JSON, which keeps every digit of a double both ways, so "exact" below
means bit for bit. Where JavaScript sums in another order than numpy, the results are
compared with a tolerance a few hundred times the rounding error of a double.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from importlib.util import find_spec

import numpy as np
import pytest
from helpers import ROOT

from relu_explained import (
    MLP,
    ReluSum,
    dead_units,
    fit,
    linear_regions_2d,
    relu,
)

CORE = ROOT / "docs" / "javascripts" / "relu-core.js"

# Run in the engine after relu-core.js: `reluCoreCall(request)` takes a JSON request
# {"name", "args"} and answers with JSON {"result"} or {"error"}; typed arrays travel as
# arrays. `train` steps a copy of a network as the trainer widget does.
HARNESS = r"""
const core = window.reluCore;
const plain = (key, value) => (ArrayBuffer.isView(value) ? Array.from(value) : value);
const helpers = {
  exported: () => Object.keys(core),
  each: (name, argsList) => argsList.map((args) => core[name](...args)),
  train(start, X, Y, lr, steps) {
    const net = core.copyNet(start);
    let current = core.lossAndGradients(net, X, Y);
    const loss = [current.loss];
    const deadFraction = [current.deadFraction];
    for (let t = 0; t < steps; t += 1) {
      core.descend(net, current, lr);
      current = core.lossAndGradients(net, X, Y);
      loss.push(current.loss);
      deadFraction.push(current.deadFraction);
    }
    return { net, start, loss, deadFraction };
  },
  draws(seed, count) {
    const g = core.generator(seed);
    const uniform = Array.from({ length: count }, () => g.uniform());
    const normal = Array.from({ length: count }, () => g.normal());
    return { uniform, normal };
  },
};
globalThis.reluCoreCall = (request) => {
  const { name, args } = JSON.parse(request);
  try {
    const f = helpers[name] || core[name];
    if (typeof f !== "function") throw new Error(`relu-core.js has no function ${name}`);
    const result = f(...args);
    return JSON.stringify({ result: result === undefined ? null : result }, plain);
  } catch (error) {
    return JSON.stringify({ error: String(error && error.stack ? error.stack : error) });
  }
};
"""

# Node.js: the same harness, answering one JSON request per line on stdin.
NODE_LOOP = r"""
globalThis.window = {};
const fs = require("fs");
require("vm").runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
require("vm").runInThisContext(process.argv[2]);
require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
  process.stdout.write(reluCoreCall(line) + "\n");
});
"""

# What the module exports that needs a page to run (document, ResizeObserver, events) or is
# about looks rather than maths: the browser tests cover these through the widgets.
NEEDS_A_PAGE = {"node", "html", "plot", "pathOf", "slider", "setInput", "button", "mount"}
LOOKS = {"fmt", "ticks", "textWidth", "timed", "svgNumber"}
# checked against Python's format in tests/test_js_format.py
CHECKED_ELSEWHERE = {"fixed", "percent", "share"}
CHECKED_HERE = {
    "relu",
    "linspace",
    "sumAt",
    "sumSorted",
    "interpolating",
    "bends",
    "affine",
    "forward",
    "output",
    "lossAndGradients",
    "descend",
    "copyNet",
    "generator",
    "area",
    "clip",
}

# Tolerance where JavaScript and numpy add in different orders: relative to the size of
# the terms, far above double rounding (1.1e-16) and far below any real difference.
RTOL = 1e-12


class Engine:
    """relu-core.js loaded in an embedded JavaScript engine: ``js(name, *args)`` is the
    result of ``reluCore[name](...args)`` (or of a harness helper), through JSON."""

    def __init__(self, send) -> None:
        self._send = send

    def __call__(self, name: str, *args):
        answer = json.loads(self._send(json.dumps({"name": name, "args": list(args)})))
        if "error" in answer:
            raise AssertionError(f"relu-core.js {name}: {answer['error']}")
        return answer["result"]


def _mini_racer() -> Iterator[Engine]:
    from py_mini_racer import MiniRacer

    with MiniRacer() as context:  # closed at the end: an open one can hang the exit
        context.eval("globalThis.window = {};")
        context.eval(CORE.read_text(encoding="utf-8"))
        context.eval(HARNESS)
        yield Engine(lambda request: context.eval(f"reluCoreCall({json.dumps(request)})"))


def _node(node: str) -> Iterator[Engine]:
    with subprocess.Popen(
        [node, "-e", NODE_LOOP, str(CORE), HARNESS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as process:

        def send(request: str) -> str:
            process.stdin.write(request + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
            assert line, f"node exited with {process.poll()} while running relu-core.js"
            return line

        yield Engine(send)
        process.stdin.close()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def js() -> Iterator[Engine]:
    choice = os.environ.get("RELU_JS_ENGINE", "mini-racer")
    node = shutil.which("node")
    if choice == "node":
        if node is None:
            pytest.skip("RELU_JS_ENGINE=node but Node.js is not installed")
        yield from _node(node)
    elif find_spec("py_mini_racer") is not None:
        yield from _mini_racer()
    elif node is not None:
        yield from _node(node)
    else:
        pytest.skip(
            "no JavaScript engine: pip install mini-racer (in the test extra), or install Node.js"
        )


def as_net(mlp: MLP) -> dict:
    return {
        "weights": [w.tolist() for w in mlp.weights],
        "biases": [b.tolist() for b in mlp.biases],
    }


def assert_close(actual, expected, scale=1.0) -> None:
    """Equal up to `RTOL` of ``scale``, the size of the terms summed."""
    np.testing.assert_allclose(np.asarray(actual, float), expected, rtol=RTOL, atol=RTOL * scale)


# --- what is checked ----------------------------------------------------------------------


def test_every_exported_function_is_checked_here_or_needs_a_page(js):
    exported = set(js("exported"))
    known = CHECKED_HERE | CHECKED_ELSEWHERE | NEEDS_A_PAGE | LOOKS
    assert exported == known, (
        "a function of relu-core.js is neither checked against the package here nor listed "
        f"as needing a page: {sorted(exported ^ known)}"
    )


# --- ReLU and numpy.linspace --------------------------------------------------------------


def test_relu_is_the_packages_relu_exactly(js):
    xs = np.r_[-3.0, -1e-300, -0.0, 0.0, 5e-324, 1e-300, 2.5, 1e300, -1e300]
    xs = np.r_[xs, np.random.default_rng(0).normal(0, 10, 200)]
    got = js("each", "relu", [[x] for x in xs.tolist()])
    np.testing.assert_array_equal(got, relu(xs))


@pytest.mark.parametrize(
    ("start", "stop", "num"),
    [
        (0.0, 1.0, 2),
        (0.0, 1.0, 5),
        (-4.0, 4.0, 801),
        (-12.5, 3.5, 20001),
        (-3.0, 3.0, 13),
        (2.0, -1.0, 7),
        (-2.2, 1.3, 11),  # 10 steps from -2.2 fall short of 1.3: the end is set exactly
    ],
)
def test_linspace_is_numpys_exactly(js, start, stop, num):
    np.testing.assert_array_equal(js("linspace", start, stop, num), np.linspace(start, stop, num))


# --- sums of shifted ReLUs ----------------------------------------------------------------


def random_sums() -> list[ReluSum]:
    rng = np.random.default_rng(1)
    sums = [
        ReluSum(shifts=[0.0, 1.0], weights=[2.0, -3.0]),
        ReluSum(shifts=[], weights=[], offset=1.5, slope=-0.5),
        ReluSum(shifts=[-1.0, -1.0, 2.0], weights=[1.0, 0.5, -4.0], offset=0.25),
    ]
    for terms in (1, 5, 40):
        sums.append(
            ReluSum(
                shifts=np.sort(rng.uniform(-3, 3, terms)),
                weights=rng.normal(0, 2, terms),
                offset=float(rng.normal()),
                slope=float(rng.normal()),
            )
        )
    return sums


def as_sum(s: ReluSum) -> dict:
    return {
        "shifts": s.shifts.tolist(),
        "weights": s.weights.tolist(),
        "offset": s.offset,
        "slope": s.slope,
    }


def term_scale(s: ReluSum, xs: np.ndarray) -> float:
    """The largest value a term of the sum takes on xs."""
    terms = np.abs(s.weights) * np.abs(xs[:, None] - s.shifts).max(axis=0, initial=0.0)
    return abs(s.offset) + abs(s.slope) * np.abs(xs).max() + terms.sum()


@pytest.mark.parametrize("s", random_sums(), ids=lambda s: f"{len(s.shifts)}-terms")
def test_a_sum_at_any_point_and_swept_over_sorted_points_is_the_packages(js, s):
    xs = np.r_[np.linspace(-4, 4, 101), s.shifts]  # also exactly at every bend
    xs.sort()
    scale = term_scale(s, xs)
    assert_close(js("each", "sumAt", [[as_sum(s), x] for x in xs.tolist()]), s(xs), scale)
    assert_close(js("sumSorted", as_sum(s), xs.tolist()), s(xs), scale)


@pytest.mark.parametrize(
    "knots",
    [
        np.linspace(-3, 3, 3),
        np.linspace(-3, 3, 12),
        np.cumsum(np.random.default_rng(2).uniform(0.01, 1, 30)),
        np.array([0.0, 1.0]),
    ],
    ids=["3-knots", "12-knots", "30-uneven-knots", "2-knots"],
)
def test_the_interpolating_sum_is_the_packages_exactly(js, knots):
    values = np.sin(2 * knots) + knots / 3
    expected = ReluSum.interpolating(knots, values)
    got = js("interpolating", knots.tolist(), values.tolist())
    np.testing.assert_array_equal(got["shifts"], expected.shifts)
    np.testing.assert_array_equal(got["weights"], expected.weights)
    assert got["offset"] == expected.offset
    assert got["slope"] == expected.slope
    grid = np.linspace(knots[0] - 1, knots[-1] + 1, 501)
    assert_close(js("sumSorted", got, grid.tolist()), expected(grid), term_scale(expected, grid))


NO_TERMS = ReluSum(shifts=[], weights=[], slope=2.0)


@pytest.mark.parametrize(
    "s",
    [
        *(s for s in random_sums() if len(s.shifts)),
        NO_TERMS,
        ReluSum(shifts=[1.0, -2.0, 1.0, 3.0, 3.0], weights=[0.5, 1.0, -0.5, 2.0, 1.0]),
        ReluSum(shifts=[0.5, 0.5, 0.5], weights=[1.0, 2.0, -3.0], slope=1.0),
        ReluSum(shifts=[2.0, -1.0], weights=[0.0, 1.0]),
    ],
    ids=lambda s: f"{len(s.shifts)}-terms",
)
def test_bends_merge_coinciding_shifts_and_drop_cancelled_ones_as_the_package_does(js, s):
    got = js("bends", as_sum(s))
    np.testing.assert_array_equal(got["kinks"], s.kinks)
    assert_close(got["slopes"], s.slopes, np.abs(s.weights).sum() + abs(s.slope))


# --- networks: forward, gradients, dead units, training -----------------------------------


def networks() -> list[tuple[str, MLP, np.ndarray]]:
    rng = np.random.default_rng(3)
    dead_start = MLP.random([1, 8, 1], rng=0)
    dead_start.biases[0][0] = -5.0  # the dead-neurons page's start: one unit dead
    at_zero = MLP([[[1.0, 0.0, -1.0]], [[1.0], [2.0], [3.0]]], [[0.0, 0.0, 0.0], [0.5]])
    return [
        ("one-input", MLP.random([1, 8, 1], rng=4, bias=0.1), np.linspace(-2, 2, 41)[:, None]),
        ("dead-unit", dead_start, np.linspace(-1, 1, 30)[:, None]),
        ("pre-activation-exactly-0", at_zero, np.array([[-1.0], [0.0], [2.0]])),
        ("deep-two-input", MLP.random([2, 6, 5, 4, 1], rng=5), rng.normal(size=(25, 2))),
        ("three-outputs", MLP.random([3, 7, 3], rng=6, bias=-0.2), rng.normal(size=(20, 3))),
        ("no-hidden-layer", MLP.random([2, 2], rng=7), rng.normal(size=(5, 2))),
    ]


NETWORKS = networks()
NET_IDS = [name for name, _, _ in NETWORKS]


def targets(net: MLP, X: np.ndarray) -> np.ndarray:
    return np.sin(X.sum(axis=1, keepdims=True) * np.arange(1, net.sizes[-1] + 1))


@pytest.mark.parametrize(("name", "net", "X"), NETWORKS, ids=NET_IDS)
def test_forward_gives_every_layers_pre_activations_as_the_package(js, name, net, X):
    zs = [net.pre_activations(X)[i] for i in range(len(net.weights) - 1)] + [net(X)]
    rows = js("each", "forward", [[as_net(net), x] for x in X.tolist()])
    scale = 1 + max(np.abs(z).max() for z in zs)
    for layer, z in enumerate(zs):
        assert_close([row["zs"][layer] for row in rows], z, scale)
        if layer + 1 < len(zs):  # the next layer's input is relu of this one, exactly
            np.testing.assert_array_equal(
                [row["hs"][layer + 1] for row in rows], relu([row["zs"][layer] for row in rows])
            )
    assert_close(js("each", "output", [[as_net(net), x] for x in X.tolist()]), net(X), scale)


def test_affine_is_a_row_times_a_matrix_plus_a_bias(js):
    rng = np.random.default_rng(8)
    W, b = rng.normal(size=(5, 4)), rng.normal(size=4)
    for h in (rng.normal(size=5), np.array([0.0, 1.5, 0.0, 0.0, -2.0]), np.zeros(5)):
        assert_close(js("affine", h.tolist(), W.tolist(), b.tolist()), h @ W + b, 10.0)


@pytest.mark.parametrize(("name", "net", "X"), NETWORKS, ids=NET_IDS)
def test_loss_gradients_and_dead_units_are_the_packages(js, name, net, X):
    y = targets(net, X)
    loss, grads = net.loss_and_gradients(X, y)
    got = js("lossAndGradients", as_net(net), X.tolist(), y.tolist())
    assert_close(got["loss"], loss, loss)
    for given, expected in zip(got["weights"], grads.weights, strict=True):
        assert_close(given, expected, 1 + np.abs(expected).max())
    for given, expected in zip(got["biases"], grads.biases, strict=True):
        assert_close(given, expected, 1 + np.abs(expected).max())
    dead = dead_units(net, X)
    assert [[not a for a in layer] for layer in got["alive"]] == [d.tolist() for d in dead]
    units = sum(len(d) for d in dead)
    expected_fraction = sum(int(d.sum()) for d in dead) / units if units else 0.0
    assert got["deadFraction"] == expected_fraction


@pytest.mark.parametrize(("name", "net", "X"), NETWORKS, ids=NET_IDS)
@pytest.mark.parametrize("lr", [0.05, 0.3])
def test_training_steps_follow_fit_step_by_step(js, name, net, X, lr):
    steps = 60
    y = targets(net, X)
    got = js("train", as_net(net), X.tolist(), y.tolist(), lr, steps)
    trained = net.copy()
    history = fit(trained, X, y, lr=lr, steps=steps)
    assert history.diverged_at is None
    # errors of one step carry into the next: a looser bound, still far below a real change
    np.testing.assert_allclose(got["loss"], history.loss, rtol=1e-9, atol=1e-12)
    assert got["deadFraction"] == history.dead_fraction.tolist()
    for given, expected in zip(
        got["net"]["weights"] + got["net"]["biases"],
        trained.weights + trained.biases,
        strict=True,
    ):
        np.testing.assert_allclose(given, expected, rtol=1e-9, atol=1e-12)
    assert got["start"] == as_net(net)  # copyNet: training the copy left the start alone


# --- linear regions: cutting a polygon by a line, and its area ----------------------------


def js_regions(js, mlp: MLP, box) -> dict[tuple[bool, ...], list]:
    """The pieces of the box cut by each hidden unit's line in turn with `clip`, keyed
    by the side of each line they lie on, as `linear_regions_2d` cuts a one-layer network."""
    xmin, xmax, ymin, ymax = box
    pieces = {(): [[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]]}
    w, b = mlp.weights[0], mlp.biases[0]
    for j in range(w.shape[1]):
        cut = {}
        for pattern, poly in pieces.items():
            for side in (True, False):
                part = js("clip", poly, w[:, j].tolist(), float(b[j]), side)
                if part is not None:
                    cut[(*pattern, side)] = part
        pieces = cut
    return pieces


@pytest.mark.parametrize("units", [1, 2, 3, 6])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_clip_cuts_a_box_into_the_packages_regions_and_area_measures_them(js, units, seed):
    mlp = MLP.random([2, units, 1], rng=seed, bias=0.3)
    box = (-1.0, 2.0, -1.5, 1.0)
    expected = {tuple(r.pattern.tolist()): r for r in linear_regions_2d(mlp, box)}
    got = js_regions(js, mlp, box)
    assert set(got) == set(expected)
    for pattern, poly in got.items():
        assert_close(poly, expected[pattern].vertices, 2.0)
        assert_close(js("area", poly), expected[pattern].area, 7.5)
    assert_close(sum(js("area", p) for p in got.values()), 3.0 * 2.5, 7.5)


def test_clip_keeps_a_vertex_on_the_line_on_both_sides_and_area_keeps_its_sign(js):
    triangle = [[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]]
    # the line x = 0 runs along an edge: all of the triangle is on its x >= 0 side
    assert js("clip", triangle, [1.0, 0.0], 0.0, False) is None
    assert js("clip", triangle, [-1.0, 0.0], 0.0, False) == triangle
    # x - y = 0 through the vertex (0, 0): both halves keep it
    upper = js("clip", triangle, [-1.0, 1.0], 0.0, True)
    lower = js("clip", triangle, [-1.0, 1.0], 0.0, False)
    assert [0.0, 0.0] in upper and [0.0, 0.0] in lower
    assert js("area", upper) == pytest.approx(1.0, rel=RTOL)
    assert js("area", lower) == pytest.approx(1.0, rel=RTOL)
    # clockwise vertices: negative area, as LinearRegion.area's shoelace formula gives
    assert js("area", triangle[::-1]) == -2.0


# --- the seeded generator the regions widget draws random weights with --------------------


def test_the_generator_repeats_for_a_seed_and_draws_uniform_and_normal_numbers(js):
    first, again, other = js("draws", 7, 20000), js("draws", 7, 20000), js("draws", 8, 20000)
    assert first == again
    assert first["uniform"][:50] != other["uniform"][:50]
    uniform, normal = np.array(first["uniform"]), np.array(first["normal"])
    assert uniform.min() >= 0.0 and uniform.max() < 1.0
    # 20000 draws: the mean is within 4 standard errors, each tenth holds about a tenth
    assert abs(uniform.mean() - 0.5) < 4 * np.sqrt(1 / 12 / 20000)
    assert np.all(np.abs(np.histogram(uniform, bins=10, range=(0, 1))[0] - 2000) < 4 * 42.5)
    assert abs(normal.mean()) < 4 / np.sqrt(20000)
    assert abs(normal.std() - 1.0) < 4 * np.sqrt(0.5 / 20000)
