from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from relu_explained import ReluSum, relu

small = st.floats(min_value=-50, max_value=50, allow_nan=False)


@st.composite
def knots_and_values(draw):
    n = draw(st.integers(min_value=2, max_value=12))
    gaps = draw(arrays(np.float64, n - 1, elements=st.floats(0.05, 5.0)))
    start = draw(small)
    knots = start + np.r_[0.0, np.cumsum(gaps)]
    values = draw(arrays(np.float64, n, elements=small))
    return knots, values


@given(knots_and_values())
def test_interpolating_sum_hits_every_knot(data):
    knots, values = data
    s = ReluSum.interpolating(knots, values)
    np.testing.assert_allclose(s(knots), values, atol=1e-9 * (1 + np.abs(values).max()))
    assert len(s.weights) == len(knots) - 2


@given(knots_and_values())
def test_interpolating_sum_is_straight_between_knots(data):
    knots, values = data
    s = ReluSum.interpolating(knots, values)
    middle = (knots[:-1] + knots[1:]) / 2
    np.testing.assert_allclose(
        s(middle), (values[:-1] + values[1:]) / 2, atol=1e-9 * (1 + np.abs(values).max())
    )


@st.composite
def networks(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    w = draw(arrays(np.float64, n, elements=st.sampled_from([-2.0, -0.5, 0.0, 0.5, 1.0, 3.0])))
    b = draw(arrays(np.float64, n, elements=small))
    v = draw(arrays(np.float64, n, elements=small))
    return w, b, v, draw(small)


@given(networks())
def test_from_network_equals_the_network_everywhere(net):
    w, b, v, c = net
    s = ReluSum.from_network(w, b, v, c)
    x = np.linspace(-200, 200, 4001)
    direct = c + relu(np.outer(x, w) + b) @ v
    np.testing.assert_allclose(s(x), direct, atol=1e-9 * (1 + np.abs(direct).max()))


def test_negative_input_weight_bends_the_other_way():
    # relu(-x + 2) is on left of 2: slope -1 there, flat right of it
    s = ReluSum.from_network([-1.0], [2.0], [1.0])
    assert list(s.kinks) == [2.0]
    assert list(s.slopes) == [-1.0, 0.0]


def test_kinks_merge_and_cancel():
    s = ReluSum(shifts=[1.0, 1.0, 2.0, 3.0], weights=[1.0, 2.0, 0.0, -1.0])
    assert list(s.kinks) == [1.0, 3.0]
    assert list(s.slopes) == [0.0, 3.0, 2.0]
    assert len(ReluSum([1.0, 1.0], [1.0, -1.0]).kinks) == 0


def test_a_sum_without_bends_is_one_line():
    for line in (ReluSum([], [], offset=1.0, slope=2.0), ReluSum.interpolating([0, 1], [1, 3])):
        assert len(line.kinks) == 0
        assert list(line.slopes) == [2.0]
        np.testing.assert_array_equal(line([-1.0, 0.5]), [-1.0, 2.0])


def test_slopes_match_numeric_derivative():
    s = ReluSum(shifts=[-1.0, 0.5, 2.0], weights=[1.5, -3.0, 2.0], offset=1.0, slope=-0.5)
    pieces = np.r_[-np.inf, s.kinks, np.inf]
    for (a, b), slope in zip(pairwise(pieces), s.slopes, strict=True):
        mid = (
            np.clip((a + b) / 2, -10, 10)
            if np.isfinite(a + b)
            else (b - 1 if np.isinf(a) else a + 1)
        )
        assert (s(mid + 1e-4) - s(mid - 1e-4)) / 2e-4 == pytest.approx(slope, abs=1e-8)


def test_scalar_and_array_shapes():
    s = ReluSum([0.0], [1.0])
    assert s(2.0).shape == ()
    assert s([[1.0, -1.0]]).shape == (1, 2)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ReluSum([0.0, 1.0], [1.0]), ValueError, "same length"),
        (lambda: ReluSum([[0.0]], [[1.0]]), ValueError, "shifts must be 1-D"),
        (lambda: ReluSum([np.nan], [1.0]), ValueError, "shifts contains NaN"),
        (lambda: ReluSum([0.0], [1.0], offset="a"), TypeError, "offset must be a real number"),
        (lambda: ReluSum.interpolating([0.0, 0.0], [1.0, 2.0]), ValueError, "strictly increasing"),
        (lambda: ReluSum.interpolating([0.0], [1.0]), ValueError, "at least two"),
        (lambda: ReluSum.interpolating([0, 1, 2], [1, 2]), ValueError, "same length"),
        (lambda: ReluSum.from_network([1.0], [1.0, 2.0], [1.0]), ValueError, "one length"),
        (lambda: ReluSum([0.0], [1.0])(np.inf), ValueError, "x contains NaN"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


@given(
    arrays(np.float64, st.integers(0, 30), elements=st.sampled_from([-2.0, 0.0, 0.5, 3.0])),
    st.data(),
)
def test_the_sum_equals_its_terms_added_one_by_one(shifts, data):
    # ReluSum evaluates by cumulative sums over the sorted bends; repeated bends, points
    # exactly on a bend and points beyond all of them must all match the plain sum.
    weights = data.draw(arrays(np.float64, len(shifts), elements=small))
    s = ReluSum(shifts, weights, offset=0.5, slope=-1.5)
    x = np.r_[np.linspace(-5, 5, 41), shifts, [-1e3, 1e3]]
    terms = sum(
        (k * relu(x - shift) for shift, k in zip(shifts, weights, strict=True)), np.zeros_like(x)
    )
    plain = 0.5 - 1.5 * x + terms
    np.testing.assert_allclose(s(x), plain, rtol=1e-12, atol=1e-12 * (1 + np.abs(terms).max()))
