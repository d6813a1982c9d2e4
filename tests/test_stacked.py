"""The stacked passes training uses are the plain backpropagation, to the last bit."""

import numpy as np
import pytest

from relu_explained import MLP, Gradients
from relu_explained.backprop import backward as plain_backward
from relu_explained.backprop import forward as plain_forward
from relu_explained.kernels import KERNELS
from relu_explained.stacked import InPlaceKernel, Scratch, Stack, backward, forward

# Values where two formulas of one function could part: signed zeros, the smallest
# numbers, infinities and NaN (reached only when training diverges).
TINY = [5e-324, -5e-324, 1e-310, -1e-310]
HUGE = [1e308, -1e308, np.inf, -np.inf, np.nan]
AWKWARD = np.array([0.0, -0.0, *TINY, 1.0, -1.0, 2.5, -2.5, 40.0, -40.0, 800.0, -800.0, *HUGE])


def same_bits(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("name", sorted(KERNELS))
@pytest.mark.parametrize("alpha", [0.0, -0.0, 0.01, 0.3, 0.99])
def test_in_place_kernels_give_the_tables_bits(name, alpha):
    plain = KERNELS[name]
    fast = InPlaceKernel.named(name)
    z = np.stack([AWKWARD, -AWKWARD])[:, None, :]  # a stack of two, one row each
    alphas = np.full((2, 1, 1), alpha)
    with np.errstate(all="ignore"):
        for made, expected in [
            (fast.function(z, alphas, np.empty_like(z)), plain.function(z, alpha)),
            (fast.derivative(z, alphas, np.empty_like(z)), plain.derivative(z, alpha)),
        ]:
            assert same_bits(made, np.broadcast_to(expected, z.shape)), (made, expected)


@pytest.mark.parametrize("activation", sorted(KERNELS))
@pytest.mark.parametrize("rows", [1, 5])
def test_a_stack_computes_what_each_network_computes_alone(activation, rows):
    rng = np.random.default_rng(3)
    nets = [
        MLP.random([2, 4, 3, 2], rng=seed, activation=activation, alpha=alpha, bias=0.1)
        for seed, alpha in enumerate([0.0, 0.05, 0.5])
    ]
    X = rng.normal(size=(rows, 2))
    y = rng.normal(size=(rows, 2))
    stack = Stack.of(nets, np.array([0.1, 0.2, 0.3]))
    kernel = InPlaceKernel.named(activation)
    scratch = Scratch()
    for _ in range(2):  # the second pass reuses the first one's arrays
        zs, hs = forward(stack, kernel, X, scratch)
        loss, grads = backward(stack, kernel, zs, hs, y, scratch)
    for position, net in enumerate(nets):
        kernel_alone = KERNELS[activation]
        zs_alone, hs_alone = plain_forward(net.weights, net.biases, kernel_alone, net.alpha, X)
        loss_alone, grads_alone = plain_backward(
            net.weights, kernel_alone, net.alpha, zs_alone, hs_alone, y
        )
        assert loss[position] == loss_alone
        for mine, alone in zip(zs, zs_alone, strict=True):
            np.testing.assert_array_equal(mine[position], alone)
        for mine, alone in zip(grads.weights, grads_alone.weights, strict=True):
            np.testing.assert_array_equal(mine[position], alone)
        for mine, alone in zip(grads.biases, grads_alone.biases, strict=True):
            np.testing.assert_array_equal(mine[position][0], alone)


def test_a_stack_steps_keeps_and_stores_each_network():
    nets = [MLP.random([1, 3, 1], rng=seed) for seed in range(3)]
    stack = Stack.of(nets, np.array([0.5, 1.0, 2.0]))
    ones = [np.ones_like(w) for w in stack.weights]
    zeros = [np.zeros_like(b) for b in stack.biases]
    stack.step(Gradients(ones, zeros))
    smaller = stack.keep(np.array([True, False, True]))
    assert len(smaller) == 2
    assert smaller.index.tolist() == [0, 2]
    copies = [net.copy() for net in nets]
    smaller.store(1, copies[2])
    np.testing.assert_array_equal(copies[2].weights[0], nets[2].weights[0] - 2.0)
    np.testing.assert_array_equal(copies[2].biases[0], nets[2].biases[0])
    np.testing.assert_array_equal(nets[1].weights[0], copies[1].weights[0])  # untouched
