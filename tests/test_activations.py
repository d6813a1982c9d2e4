import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from relu_explained import (
    MLP,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
)
from relu_explained.activations import KERNELS

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(finite)
def test_relu_minus_mirrored_relu_is_identity(x):
    assert relu(x) - relu(-x) == x


@given(finite)
def test_relu_plus_mirrored_relu_is_abs(x):
    assert relu(x) + relu(-x) == abs(x)


def test_relu_grad_convention_at_zero():
    assert relu_grad(0.0) == 0.0
    assert leaky_relu_grad(0.0, alpha=0.2) == 0.2


# away from the kink at 0, where ReLU has no derivative
AWAY_FROM_0 = np.concatenate([np.linspace(-5, -0.01, 50), np.linspace(0.01, 5, 50)])


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_every_kernel_derivative_matches_finite_differences(name):
    kernel, x, h = KERNELS[name], AWAY_FROM_0, 1e-6
    numeric = (kernel.function(x + h, 0.1) - kernel.function(x - h, 0.1)) / (2 * h)
    np.testing.assert_allclose(kernel.derivative(x, 0.1), numeric, rtol=1e-8, atol=1e-9)


@pytest.mark.parametrize(
    ("f", "df", "name"),
    [
        (relu, relu_grad, "relu"),
        (lambda x: leaky_relu(x, 0.1), lambda x: leaky_relu_grad(x, 0.1), "leaky_relu"),
        (sigmoid, sigmoid_grad, "sigmoid"),
    ],
)
def test_public_functions_are_the_kernels(f, df, name):
    x = np.r_[AWAY_FROM_0, 0.0, -800.0, 800.0]
    np.testing.assert_array_equal(f(x), KERNELS[name].function(x, 0.1))
    np.testing.assert_array_equal(df(x), KERNELS[name].derivative(x, 0.1))


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_the_network_uses_the_kernels(name):
    net = MLP([[[1.0]], [[1.0]]], [[0.0], [0.0]], activation=name, alpha=0.1)
    x = np.r_[AWAY_FROM_0, 0.0]
    np.testing.assert_array_equal(net(x)[:, 0], KERNELS[name].function(x, 0.1))


def test_piecewise_linear_kernels():
    assert {n for n, k in KERNELS.items() if k.piecewise_linear} == {"relu", "leaky_relu", "linear"}


def test_sigmoid_is_stable_and_symmetric():
    x = np.array([-800.0, -3.0, 0.0, 3.0, 800.0])
    s = sigmoid(x)
    assert np.all(np.isfinite(s))
    np.testing.assert_allclose(s + sigmoid(-x), 1.0)
    assert sigmoid_grad(np.linspace(-10, 10, 2001)).max() == 0.25


def test_lists_and_scalars_are_accepted():
    assert relu([[-1, 2]]).shape == (1, 2)
    assert relu(3) == 3.0


@pytest.mark.parametrize("bad", [[1.0, np.nan], np.inf])
def test_non_finite_input_is_rejected(bad):
    with pytest.raises(ValueError, match="x contains NaN or infinity"):
        relu(bad)


def test_non_numeric_input_is_rejected():
    with pytest.raises(TypeError, match="x must be"):
        relu("1.0")
    with pytest.raises(TypeError, match="x must be"):
        sigmoid([1, "a"])


ALPHA_USERS = {
    "leaky_relu": lambda alpha: leaky_relu([1.0], alpha=alpha),
    "leaky_relu_grad": lambda alpha: leaky_relu_grad([1.0], alpha=alpha),
    "MLP": lambda alpha: MLP([[[1.0]]], [[0.0]], activation="leaky_relu", alpha=alpha),
    "MLP.random": lambda alpha: MLP.random([1, 2, 1], activation="leaky_relu", alpha=alpha),
    "MLP, relu": lambda alpha: MLP.random([1, 2, 1], alpha=alpha),
}


@pytest.mark.parametrize("user", sorted(ALPHA_USERS))
@pytest.mark.parametrize("alpha", [-0.1, 1.0, 2.0, np.nan])
def test_one_alpha_rule_everywhere(user, alpha):
    message = "alpha must be finite" if np.isnan(alpha) else r"alpha must be in \[0, 1\), got"
    with pytest.raises(ValueError, match=message):
        ALPHA_USERS[user](alpha)


@pytest.mark.parametrize("user", sorted(ALPHA_USERS))
def test_alpha_in_range_is_accepted_everywhere(user):
    for alpha in (0.0, 0.01, 0.999):
        ALPHA_USERS[user](alpha)


@pytest.mark.parametrize("user", sorted(ALPHA_USERS))
def test_alpha_must_be_a_number(user):
    with pytest.raises(TypeError, match="alpha must be a real number"):
        ALPHA_USERS[user]("0.1")


def test_default_leaky_slope_is_one_hundredth():
    assert leaky_relu(-1.0) == -0.01
    assert MLP.random([1, 2, 1], activation="leaky_relu").alpha == 0.01
