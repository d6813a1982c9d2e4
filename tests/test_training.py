import warnings

import numpy as np
import pytest

from relu_explained import MLP, DivergedWarning, dead_units, fit, fit_many


def test_fit_reduces_loss_and_records_history():
    X = np.linspace(-2, 2, 64)
    net = MLP.random([1, 32, 1], rng=0)
    history = fit(net, X, X**2, lr=0.05, steps=1000)
    assert history.loss.shape == (1001,) and history.dead_fraction.shape == (1001,)
    assert history.diverged_at is None
    assert history.loss[-1] < 0.05 * history.loss[0]
    assert history.loss[-1] == net.loss_and_gradients(X, X**2)[0]


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "linear", "sigmoid", "tanh"])
def test_fit_is_gradient_descent_with_the_network_gradients(activation):
    """Step by step, bit for bit: the loop's reused arrays change nothing."""
    X = np.linspace(-1, 1, 16)
    net = MLP.random([1, 4, 3, 1], rng=2, activation=activation, alpha=0.1)
    twin = net.copy()
    history = fit(net, X, np.sin(X), lr=0.1, steps=30)
    for step in range(31):
        loss, grads = twin.loss_and_gradients(X, np.sin(X))
        assert history.loss[step] == loss, step
        assert history.dead_fraction[step] == np.concatenate(dead_units(twin, X)).mean(), step
        if step == 30:
            break
        for array, g in zip(twin.weights + twin.biases, grads.weights + grads.biases, strict=True):
            array -= 0.1 * g
    for after, expected in zip(net.weights + net.biases, twin.weights + twin.biases, strict=True):
        np.testing.assert_array_equal(after, expected)


def test_minibatch_fit_is_reproducible():
    X = np.linspace(-2, 2, 64)
    a, b = MLP.random([1, 8, 1], rng=0), MLP.random([1, 8, 1], rng=0)
    ha = fit(a, X, X**2, lr=0.05, steps=50, batch_size=16, rng=4)
    hb = fit(b, X, X**2, lr=0.05, steps=50, batch_size=16, rng=4)
    np.testing.assert_array_equal(ha.loss, hb.loss)


@pytest.mark.parametrize(
    ("activation", "batch_size"),
    [("relu", None), ("leaky_relu", None), ("tanh", None), ("sigmoid", 8), ("relu", 8)],
)
def test_fit_many_equals_fit_one_by_one(activation, batch_size):
    X = np.random.default_rng(0).uniform(-2, 2, size=(40, 2))
    y = np.column_stack([np.sin(X[:, 0]), X[:, 0] * X[:, 1]])
    rates, alphas = [0.01, 0.02, 0.03, 0.05], [0.0, 0.01, 0.1, 0.3]

    def nets():
        return [
            MLP.random([2, 8, 6, 2], rng=s, activation=activation, alpha=a, bias=0.1)
            for s, a in enumerate(alphas)
        ]

    together = nets()
    histories = fit_many(together, X, y, lr=rates, steps=200, batch_size=batch_size, rng=7)
    for net, lr, history in zip(nets(), rates, histories, strict=True):
        alone = fit(net, X, y, lr=lr, steps=200, batch_size=batch_size, rng=7)
        np.testing.assert_allclose(history.loss, alone.loss, rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(history.dead_fraction, alone.dead_fraction)
    for mine, theirs in zip(together, nets(), strict=True):
        fit(theirs, X, y, lr=rates[together.index(mine)], steps=200, batch_size=batch_size, rng=7)
        for a, b in zip(mine.weights + mine.biases, theirs.weights + theirs.biases, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


def test_divergence_warns_names_the_step_and_stops():
    X = np.linspace(-1, 1, 32)
    net = MLP.random([1, 16, 16, 1], rng=0)
    message = r"training diverged at step \d+: loss [0-9.e+]+ \([0-9.]+ at the start\)"
    with pytest.warns(DivergedWarning, match=message) as record:
        history = fit(net, X, np.sin(3 * X), lr=100.0, steps=1000)
    step = int(record[0].message.args[0].split("step ")[1].split(":")[0])
    assert len(record) == 1
    assert history.diverged_at == step and 0 < step < 1000
    assert len(history.dead_fraction) == step + 1
    assert history.loss.shape == (step + 1,)
    assert history.loss[-1] > 1e6 * history.loss[0] or not np.isfinite(history.loss[-1])
    assert np.all(history.loss[:-1] <= 1e6 * max(history.loss[0], np.mean(np.sin(3 * X) ** 2)))
    assert net.loss_and_gradients(X, np.sin(3 * X))[0] == history.loss[-1]


def test_a_diverging_network_stops_alone_in_fit_many():
    X = np.linspace(-1, 1, 32)
    nets = [MLP.random([1, 16, 16, 1], rng=0) for _ in range(3)]
    with pytest.warns(DivergedWarning, match=r"network 1 of 3 diverged at step \d+"):
        histories = fit_many(nets, X, np.sin(3 * X), lr=[0.01, 100.0, 0.02], steps=300)
    assert [h.diverged_at is None for h in histories] == [True, False, True]
    alone = fit(MLP.random([1, 16, 16, 1], rng=0), X, np.sin(3 * X), lr=0.02, steps=300)
    np.testing.assert_allclose(histories[2].loss, alone.loss, rtol=1e-12, atol=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergedWarning)
        again = fit(MLP.random([1, 16, 16, 1], rng=0), X, np.sin(3 * X), lr=100.0, steps=300)
    assert again.diverged_at == histories[1].diverged_at


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": 0.0}, ValueError, "lr must be positive"),
        ({"lr": -1.0}, ValueError, "lr must be positive"),
        ({"lr": np.nan}, ValueError, "lr must be finite"),
        ({"steps": 0}, ValueError, "steps must be at least 1"),
        ({"steps": 2.5}, TypeError, "steps must be an integer"),
        ({"batch_size": 0}, ValueError, "batch_size must be at least 1"),
        ({"rng": "seed"}, TypeError, "rng must be"),
    ],
)
def test_bad_training_arguments_are_named(kwargs, error, message):
    net = MLP.random([1, 2, 1])
    with pytest.raises(error, match=message):
        fit(net, [0.0, 1.0], [0.0, 1.0], **kwargs)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: fit("net", [0.0], [0.0]), TypeError, "mlps must be a non-empty sequence of MLP"),
        (lambda: fit_many([], [0.0], [0.0]), TypeError, "mlps must be a non-empty"),
        (
            lambda: fit_many([MLP.random([1, 2, 1]), MLP.random([1, 3, 1])], [0.0], [0.0]),
            ValueError,
            "same sizes and activation",
        ),
        (
            lambda: fit_many([MLP.random([1, 2, 1])] * 2, [0.0], [0.0], lr=[0.1]),
            ValueError,
            "lr must be one number or one per network, got 1 values",
        ),
        (
            lambda: fit(MLP.random([1, 2, 1]), [0.0, 1.0], [0.0]),
            ValueError,
            r"y must have shape \(2, 1\)",
        ),
        (
            lambda: fit(MLP.random([2, 2, 1]), [0.0, 1.0], [0.0, 1.0]),
            ValueError,
            r"X must have shape \(n, 2\)",
        ),
    ],
)
def test_bad_networks_and_shapes_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
