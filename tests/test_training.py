import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_explained import MLP, dead_units, fit, revive_dead_units


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([None, 8]))
def test_dead_units_never_change_under_fit(seed, batch_size):
    rng = np.random.default_rng(seed)
    net = MLP.random([1, 6, 6, 1], rng=rng)
    net.biases[0][:2] = -100.0  # two units of the first layer off on all of X
    X = rng.uniform(-3, 3, size=(32, 1))
    y = np.sin(X)
    assert dead_units(net, X)[0][:2].all()
    before_w, before_b = net.weights[0][:, :2].copy(), net.biases[0][:2].copy()
    fit(net, X, y, lr=0.05, steps=30, batch_size=batch_size, rng=seed)
    np.testing.assert_array_equal(net.weights[0][:, :2], before_w)
    np.testing.assert_array_equal(net.biases[0][:2], before_b)


def test_fit_reduces_loss_and_records_history():
    X = np.linspace(-2, 2, 64)
    net = MLP.random([1, 32, 1], rng=0)
    history = net.fit(X, X**2, lr=0.05, steps=1000)
    assert history.loss.shape == (1001,) and history.dead_fraction.shape == (1001,)
    assert history.loss[-1] < 0.05 * history.loss[0]
    assert np.isclose(history.loss[-1], net.loss_and_gradients(X, X**2)[0])


def test_minibatch_fit_is_reproducible():
    X = np.linspace(-2, 2, 64)
    a, b = MLP.random([1, 8, 1], rng=0), MLP.random([1, 8, 1], rng=0)
    ha = a.fit(X, X**2, lr=0.05, steps=50, batch_size=16, rng=4)
    hb = b.fit(X, X**2, lr=0.05, steps=50, batch_size=16, rng=4)
    np.testing.assert_array_equal(ha.loss, hb.loss)


def test_revive_keeps_the_output_and_wakes_units():
    X = np.linspace(-1, 1, 20)
    net = MLP.random([1, 8, 1], rng=0)
    net.biases[0][:3] = -50.0
    before = net(X)
    assert revive_dead_units(net, X, rng=1) == 3
    np.testing.assert_array_equal(net(X), before)
    assert dead_units(net, X)[0].sum() < 3


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": 0.0}, ValueError, "lr must be positive"),
        ({"lr": -1.0}, ValueError, "lr must be positive"),
        ({"steps": 0}, ValueError, "steps must be at least 1"),
        ({"steps": 2.5}, TypeError, "steps must be an integer"),
        ({"batch_size": 0}, ValueError, "batch_size must be at least 1"),
    ],
)
def test_bad_training_arguments_are_named(kwargs, error, message):
    net = MLP.random([1, 2, 1])
    with pytest.raises(error, match=message):
        fit(net, [0.0, 1.0], [0.0, 1.0], **kwargs)


def test_dead_units_needs_an_mlp():
    with pytest.raises(TypeError, match="mlp must be an MLP"):
        dead_units("net", [0.0])
