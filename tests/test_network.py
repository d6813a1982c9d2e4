import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_explained import MLP

ACTS = ["relu", "leaky_relu", "linear", "sigmoid", "tanh"]


def numeric_gradients(net, X, y, h=1e-6):
    grads = []
    for array in net.weights + net.biases:
        g = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            old = array[index]
            array[index] = old + h
            up = net.loss_and_gradients(X, y)[0]
            array[index] = old - h
            down = net.loss_and_gradients(X, y)[0]
            array[index] = old
            g[index] = (up - down) / (2 * h)
        grads.append(g)
    return grads


@pytest.mark.parametrize("activation", ACTS)
def test_gradients_match_finite_differences(activation):
    rng = np.random.default_rng(1)
    net = MLP.random([3, 5, 4, 2], rng=rng, activation=activation, alpha=0.1, bias=0.1)
    X = rng.normal(size=(7, 3))
    y = rng.normal(size=(7, 2))
    _, grads = net.loss_and_gradients(X, y)
    for exact, numeric in zip(
        grads.weights + grads.biases, numeric_gradients(net, X, y), strict=True
    ):
        np.testing.assert_allclose(exact, numeric, rtol=1e-5, atol=1e-7)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(1, 6), min_size=1, max_size=4))
def test_linear_network_equals_its_collapse(seed, hidden):
    net = MLP.random([2, *hidden, 3], rng=seed, activation="linear", bias=0.3)
    X = np.random.default_rng(seed).normal(size=(20, 2))
    W, b = net.collapse()
    np.testing.assert_allclose(net(X), X @ W + b, rtol=1e-9, atol=1e-9)


def test_collapse_refuses_other_activations():
    with pytest.raises(ValueError, match="only a 'linear' network collapses"):
        MLP.random([1, 2, 1]).collapse()


def test_shapes_and_one_d_inputs():
    net = MLP.random([1, 4, 2], rng=0)
    assert net(np.zeros(5)).shape == (5, 2)
    assert [z.shape for z in net.pre_activations(np.zeros((5, 1)))] == [(5, 4)]
    assert net.sizes == (1, 4, 2)


def test_random_is_reproducible_and_scaled():
    a, b = MLP.random([100, 400, 1], rng=3), MLP.random([100, 400, 1], rng=3)
    np.testing.assert_array_equal(a.weights[0], b.weights[0])
    assert a.weights[0].std() == pytest.approx(np.sqrt(2 / 100), rel=0.02)
    glorot = MLP.random([100, 400, 1], rng=3, init="glorot")
    assert glorot.weights[0].std() == pytest.approx(np.sqrt(2 / 500), rel=0.02)
    generator = np.random.default_rng(0)
    assert not np.array_equal(
        MLP.random([2, 3], rng=generator).weights[0], MLP.random([2, 3], rng=generator).weights[0]
    )


def test_copy_is_independent():
    net = MLP.random([1, 3, 1], rng=0)
    twin = net.copy()
    twin.weights[0] += 1
    assert not np.array_equal(net.weights[0], twin.weights[0])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: MLP.random([1, 2, 1], activation="swish"), ValueError, "activation must be"),
        (lambda: MLP.random([1, 2, 1], init="xavier"), ValueError, "init must be"),
        (lambda: MLP.random([1]), ValueError, "at least an input"),
        (lambda: MLP.random([1, 0, 1]), ValueError, "sizes must be at least 1"),
        (lambda: MLP.random([1, 2], rng="seed"), TypeError, "rng must be"),
        (lambda: MLP([[[1.0]]], [[1.0, 2.0]]), ValueError, r"biases\[0\] has length 2"),
        (lambda: MLP([[[1.0]], [[1.0, 1.0]]], [[0.0]]), ValueError, "same length"),
        (lambda: MLP([[[1.0]], [[1.0], [1.0]]], [[0.0], [0.0]]), ValueError, r"weights\[1\] has 2"),
        (lambda: MLP.random([2, 3, 1])(np.zeros(4)), ValueError, r"X must have shape \(n, 2\)"),
        (lambda: MLP.random([1, 3, 1])([np.nan]), ValueError, "X contains NaN"),
        (
            lambda: MLP.random([1, 3, 1]).loss_and_gradients([1.0, 2.0], [1.0]),
            ValueError,
            r"y must have shape \(2, 1\)",
        ),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
