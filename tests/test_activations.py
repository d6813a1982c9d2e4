import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from relu_explained import leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad

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


@pytest.mark.parametrize(
    ("f", "df"),
    [
        (relu, relu_grad),
        (lambda x: leaky_relu(x, 0.1), lambda x: leaky_relu_grad(x, 0.1)),
        (sigmoid, sigmoid_grad),
    ],
)
def test_derivatives_match_finite_differences(f, df):
    # away from the kink at 0, where ReLU has no derivative
    x = np.concatenate([np.linspace(-5, -0.01, 50), np.linspace(0.01, 5, 50)])
    h = 1e-6
    numeric = (f(x + h) - f(x - h)) / (2 * h)
    np.testing.assert_allclose(df(x), numeric, atol=1e-6)


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


@pytest.mark.parametrize("alpha", [-0.1, 1.0, 2.0])
def test_alpha_out_of_range(alpha):
    with pytest.raises(ValueError, match="alpha must be"):
        leaky_relu([1.0], alpha=alpha)


def test_alpha_must_be_a_number():
    with pytest.raises(TypeError, match="alpha must be a real number"):
        leaky_relu_grad([1.0], alpha="0.1")
