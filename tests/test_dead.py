import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_explained import MLP, dead_units, fit, revive_dead_units
from relu_explained.dead import dead_fraction, dead_mask


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


def test_revive_keeps_the_output_and_wakes_every_unit():
    X = np.linspace(-1, 1, 20)
    net = MLP.random([1, 8, 1], rng=0)
    net.biases[0][:3] = -50.0
    before = net(X)
    assert dead_units(net, X)[0].sum() == 3
    assert revive_dead_units(net, X, rng=1) == 3
    np.testing.assert_array_equal(net(X), before)
    assert dead_units(net, X)[0].sum() == 0
    assert revive_dead_units(net, X, rng=1) == 0


def test_one_definition_of_dead_in_the_tools_and_the_history():
    X = np.linspace(-1, 1, 20)
    net = MLP.random([1, 8, 8, 1], rng=3)
    net.biases[0][:3] = -50.0
    masks = dead_units(net, X)
    share = sum(m.sum() for m in masks) / 16
    assert share == dead_fraction(net.pre_activations(X)) >= 3 / 16
    history = fit(net.copy(), X, X**2, lr=1e-9, steps=1)
    assert history.dead_fraction[0] == share


def test_dead_means_at_most_zero_on_every_row():
    z = np.array([[0.0, -1.0, 1e-300], [0.0, -2.0, -1.0]])
    np.testing.assert_array_equal(dead_mask(z), [True, True, False])
    stack = np.stack([z, -z])  # two networks' pre-activations, rows on axis -2
    np.testing.assert_array_equal(dead_mask(stack), [[True, True, False], [True, False, False]])


def test_dead_units_needs_an_mlp():
    with pytest.raises(TypeError, match="mlp must be an MLP"):
        dead_units("net", [0.0])
