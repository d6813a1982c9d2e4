import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_explained import (
    MLP,
    activation_patterns,
    breakpoints_1d,
    count_regions_1d,
    count_regions_2d,
    linear_regions_2d,
    max_regions_shallow,
)


def tent(k):
    """k compositions of the tent map on [0, 1], as one network with two units per layer."""
    weights, biases = [np.array([[2.0, 2.0]])], [np.array([0.0, -1.0])]
    for _ in range(k - 1):
        weights.append(np.array([[2.0, 2.0], [-4.0, -4.0]]))
        biases.append(np.array([0.0, -1.0]))
    weights.append(np.array([[1.0], [-2.0]]))
    biases.append(np.array([0.0]))
    return MLP(weights, biases)


@pytest.mark.parametrize("k", range(1, 9))
def test_tent_map_composed_k_times_has_2_to_the_k_pieces(k):
    assert count_regions_1d(tent(k), 0.0, 1.0) == 2**k


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(1, 8), min_size=1, max_size=4))
def test_1d_pieces_are_exactly_the_pattern_changes(seed, hidden):
    net = MLP.random([1, *hidden, 1], rng=seed, bias=0.2)
    points = breakpoints_1d(net, -3.0, 3.0)
    edges = np.r_[-3.0, points, 3.0]
    assert np.all(np.diff(edges) > 0)
    # the pattern is constant inside each piece and differs across each breakpoint
    mids = (edges[:-1] + edges[1:]) / 2
    for a, b, m in zip(edges[:-1], edges[1:], mids, strict=True):
        inner = np.linspace(a, b, 7)[1:-1]
        patterns = activation_patterns(net, inner)
        assert (patterns == patterns[0]).all()
        slope = (net(inner)[:, 0][-1] - net(inner)[:, 0][0]) / (inner[-1] - inner[0])
        np.testing.assert_allclose(
            net(inner)[:, 0], net([m])[0, 0] + slope * (inner - m), atol=1e-9
        )
    # a fine grid sees no more pieces than the exact count
    grid = activation_patterns(net, np.linspace(-3, 3, 20001))
    changes = np.any(grid[1:] != grid[:-1], axis=1).sum()
    assert changes <= len(points)


@pytest.mark.parametrize("units", [1, 2, 3, 5, 8, 12, 20])
def test_shallow_2d_count_in_general_position(units):
    rng = np.random.default_rng(units)
    angles = rng.uniform(0, np.pi, units)
    w = np.vstack([np.cos(angles), np.sin(angles)])
    b = rng.uniform(-1, 1, units)
    net = MLP([w, rng.normal(size=(units, 1))], [b, np.zeros(1)])
    expected = 1 + units + units * (units - 1) // 2
    assert expected == max_regions_shallow(2, units)
    assert count_regions_2d(net, (-1e4, 1e4, -1e4, 1e4)) == expected


def test_thin_region_is_found():
    # three lines nearly through one point: a triangle of area ~1e-10
    eps = 1e-5
    w = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    b = np.array([0.0, 0.0, -eps])
    net = MLP([w, np.ones((3, 1))], [b, np.zeros(1)])
    regions = linear_regions_2d(net, (-1, 1, -1, 1))
    assert len(regions) == 7
    assert all(r.area > 0 for r in regions)  # counter-clockwise, as documented
    assert min(r.area for r in regions) == pytest.approx(eps**2 / 2, rel=1e-6)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(1, 5), min_size=1, max_size=3))
def test_network_is_affine_inside_each_2d_region(seed, hidden):
    net = MLP.random([2, *hidden, 1], rng=seed, bias=0.1)
    regions = linear_regions_2d(net, (-2, 2, -2, 2))
    assert all(r.area > 0 for r in regions)  # counter-clockwise, as documented
    assert sum(r.area for r in regions) == pytest.approx(16.0)
    rng = np.random.default_rng(seed)
    for region in regions:
        weights = rng.dirichlet(np.ones(len(region.vertices)), size=5)
        points = weights @ region.vertices
        np.testing.assert_allclose(net(points), points @ region.weight + region.bias, atol=1e-9)


def test_max_regions_shallow_formula():
    assert max_regions_shallow(1, 5) == 6
    assert max_regions_shallow(2, 20) == 211
    assert max_regions_shallow(3, 2) == 4


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: count_regions_1d(MLP.random([2, 3, 1]), 0, 1), ValueError, "take 1 input"),
        (
            lambda: count_regions_1d(MLP.random([1, 3, 1], activation="tanh"), 0, 1),
            ValueError,
            "piecewise-linear",
        ),
        (lambda: count_regions_1d(MLP.random([1, 3, 1]), 1, 0), ValueError, "lo must be below"),
        (lambda: count_regions_2d(MLP.random([2, 3, 1]), (1, 0, 0, 1)), ValueError, "box must"),
        (lambda: count_regions_2d(MLP.random([2, 3, 1]), (0, 1, 0)), ValueError, "box must"),
        (lambda: count_regions_2d(MLP.random([2, 3, 1]), 1.0), ValueError, "box must"),
        (lambda: count_regions_2d(MLP.random([2, 3, 1]), "0 1 0 1"), TypeError, "box must"),
        (lambda: count_regions_1d("net", 0, 1), TypeError, "mlp must be an MLP"),
        (lambda: max_regions_shallow(0, 3), ValueError, "d_in must be at least 1"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
