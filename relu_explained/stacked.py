"""Many networks of one shape as one: the arrays `fit_many` trains, and fast passes on them.

`Stack` holds ``k`` networks with the same sizes and activation, each layer's weights
stacked into one array of shape ``(k, inputs, outputs)`` and its biases into
``(k, 1, outputs)``. numpy's ``@`` broadcasts over that leading axis, so one forward
and one backward pass serve all ``k`` networks.

`forward` and `backward` here give the same numbers as `relu_explained.backprop` gives
for each network alone (the tests compare them, and `fit` against plain updates step by
step), with two changes made for speed only:

- the large arrays of a step (every layer's ``z``, ``h`` and ``delta``) are written into
  arrays kept from step to step (`Scratch`) instead of fresh ones;
- a matrix product whose inner size is 1 (a one-input layer, a one-output layer) is an
  outer product, done by broadcasting: the same products, without a matrix routine's cost.

Read `relu_explained.backprop` for the maths; this module is the plumbing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .backprop import Gradients
from .kernels import KERNELS, Activation
from .network import MLP

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Stack:
    """``k`` networks of one shape, stacked, with what training needs of each.

    Attributes
    ----------
    weights : list of ndarray
        Per layer, shape ``(k, inputs, outputs)``.
    biases : list of ndarray
        Per layer, shape ``(k, 1, outputs)``.
    alpha : ndarray
        Leaky ReLU's negative slope of each network, shape ``(k, 1, 1)``.
    lr : ndarray
        The step size of each network, shape ``(k, 1, 1)``.
    index : ndarray of int
        Which of the original networks each position holds: after networks leave the
        stack (`keep`), position ``i`` holds network ``index[i]``.
    """

    weights: list[Array]
    biases: list[Array]
    alpha: Array
    lr: Array
    index: NDArray[np.intp]

    @classmethod
    def of(cls, nets: Sequence[MLP], rates: Array) -> Stack:
        """Copies of the arrays of ``nets``, stacked; ``rates`` holds one step size each."""
        weights = [np.stack(layer) for layer in zip(*(net.weights for net in nets), strict=True)]
        biases = [
            np.stack(layer)[:, None, :] for layer in zip(*(net.biases for net in nets), strict=True)
        ]
        alpha = np.array([net.alpha for net in nets])[:, None, None]
        return cls(weights, biases, alpha, rates[:, None, None], np.arange(len(nets)))

    def __len__(self) -> int:
        return len(self.index)

    def keep(self, mask: NDArray[np.bool_]) -> Stack:
        """The networks at the positions ``mask`` marks, as a new, smaller stack."""
        return Stack(
            [w[mask] for w in self.weights],
            [b[mask] for b in self.biases],
            self.alpha[mask],
            self.lr[mask],
            self.index[mask],
        )

    def step(self, gradients: Gradients) -> None:
        """One step of gradient descent, in place: each array minus ``lr`` times its
        gradient."""
        arrays = self.weights + self.biases
        gradient_arrays = gradients.weights + gradients.biases
        for array, gradient in zip(arrays, gradient_arrays, strict=True):
            array -= self.lr * gradient

    def store(self, position: int, net: MLP) -> None:
        """Copy the network at ``position`` back into ``net``'s own arrays, in place."""
        for mine, stacked in zip(net.weights + net.biases, self.weights + self.biases, strict=True):
            np.copyto(mine, stacked[position].reshape(mine.shape))


class Scratch:
    """Arrays a training loop reuses from step to step, one per name, layer and shape.

    A step's large temporaries (every layer's ``z``, ``h`` and ``delta``) are allocated on
    the first step and overwritten on every later one. An array of another shape (a
    mini-batch, a stack that lost a diverged network) is another array.
    """

    def __init__(self) -> None:
        self._arrays: dict[tuple[str, int, tuple[int, ...]], Array] = {}

    def __call__(self, name: str, layer: int, shape: tuple[int, ...]) -> Array:
        key = (name, layer, shape)
        if key not in self._arrays:
            self._arrays[key] = np.empty(shape)
        return self._arrays[key]


# The activations of `kernels`, writing their result into ``out`` where that saves an
# array; each gives the same numbers, bit for bit, as its entry in KERNELS.
def _relu_into(z: Array, alpha: Array, out: Array) -> Array:
    return np.maximum(z, 0.0, out=out)


def _step_into(z: Array, alpha: Array, out: Array) -> Array:
    return np.greater(z, 0.0, out=out)  # True and False written as 1.0 and 0.0


def _leaky_relu_into(z: Array, alpha: Array, out: Array) -> Array:
    alpha_z = np.multiply(z, alpha, out=out)
    return np.maximum(z, alpha_z, out=out)


def _leaky_step_into(z: Array, alpha: Array, out: Array) -> Array:
    step = _step_into(z, alpha, out)
    return np.maximum(step, alpha, out=out)


def _tanh_into(z: Array, alpha: Array, out: Array) -> Array:
    return np.tanh(z, out=out)


Into = Callable[[Array, Array, Array], Array]  # (z, alpha, out) -> the result
_FUNCTIONS_INTO: dict[str, Into] = {
    "relu": _relu_into,
    "leaky_relu": _leaky_relu_into,
    "tanh": _tanh_into,
}
_DERIVATIVES_INTO: dict[str, Into] = {"relu": _step_into, "leaky_relu": _leaky_step_into}


def _fresh(activation: Activation) -> Into:
    """An activation that cannot write into ``out``: it returns a new array."""
    return lambda z, alpha, out: activation(z, alpha)


@dataclass(frozen=True)
class InPlaceKernel:
    """An activation and its derivative as ``(z, alpha, out) -> array``, where ``out``, an
    array of ``z``'s shape, may receive the result (the one returned is the result)."""

    function: Into
    derivative: Into

    @classmethod
    def named(cls, activation: str) -> InPlaceKernel:
        """The in-place version of ``KERNELS[activation]``."""
        kernel = KERNELS[activation]
        return cls(
            _FUNCTIONS_INTO.get(activation, _fresh(kernel.function)),
            _DERIVATIVES_INTO.get(activation, _fresh(kernel.derivative)),
        )


def _times(a: Array, b: Array, out: Array | None) -> Array:
    """``a @ b``, written into ``out``; with an inner size of 1 it is an outer product,
    done by broadcasting (the same numbers, and much faster for such shapes)."""
    if a.shape[-1] == 1:
        return np.multiply(a, b, out=out)
    return np.matmul(a, b, out=out)


def _product_shape(a: Array, b: Array) -> tuple[int, ...]:
    """The shape of ``a @ b``, where at most one of them is a stack, or both one of ``k``."""
    stack_shape = max(a.shape[:-2], b.shape[:-2], key=len)
    return (*stack_shape, a.shape[-2], b.shape[-1])


def forward(
    stack: Stack, kernel: InPlaceKernel, X: Array, scratch: Scratch
) -> tuple[list[Array], list[Array]]:
    """`relu_explained.backprop.forward` for every network of ``stack`` at once.

    ``X`` is ``(n, inputs)``, the same rows for every network; the arrays returned are
    ``(k, n, width)`` and belong to ``scratch``: the next pass overwrites them.
    """
    zs = []
    hs = [X]
    last = len(stack.weights) - 1
    for layer, (W, b) in enumerate(zip(stack.weights, stack.biases, strict=True)):
        h = hs[layer]
        z = _times(h, W, out=scratch("z", layer, _product_shape(h, W)))
        z += b
        zs.append(z)
        if layer < last:
            hs.append(kernel.function(z, stack.alpha, scratch("h", layer, z.shape)))
    return zs, hs


def mean_squared_error(output: Array, y: Array) -> Array:
    """`relu_explained.backprop.mean_squared_error` of each network: shape ``(k,)``."""
    return _mean_square(output - y)


def _mean_square(error: Array) -> Array:
    count = error.shape[-2] * error.shape[-1]
    return (error * error).sum(axis=(-2, -1)) / count  # the mean, without np.mean's overhead


def backward(
    stack: Stack,
    kernel: InPlaceKernel,
    zs: list[Array],
    hs: list[Array],
    y: Array,
    scratch: Scratch,
) -> tuple[Array, Gradients]:
    """`relu_explained.backprop.backward` for every network of ``stack`` at once.

    Returns each network's loss, shape ``(k,)``, and the gradients, shaped like the
    stack's arrays (new arrays: they outlive the next pass).
    """
    error = zs[-1] - y
    count = error.shape[-2] * error.shape[-1]
    loss = _mean_square(error)
    delta = 2.0 * error / count
    grad_weights = []
    grad_biases = []
    for layer in reversed(range(len(stack.weights))):
        grad_weights.append(_times(hs[layer].mT, delta, out=None))
        grad_biases.append(delta.sum(axis=-2, keepdims=True))
        if layer > 0:
            W_transposed = stack.weights[layer].mT
            shape = _product_shape(delta, W_transposed)
            delta = _times(delta, W_transposed, out=scratch("delta", layer, shape))
            delta *= kernel.derivative(zs[layer - 1], stack.alpha, scratch("slope", layer, shape))
    return loss, Gradients(grad_weights[::-1], grad_biases[::-1])
