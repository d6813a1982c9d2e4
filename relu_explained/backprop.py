"""The forward pass and backpropagation of a fully connected network, on plain arrays.

Layer ``l`` maps ``h`` to ``h @ weights[l] + biases[l]``; every layer but the last is
followed by the activation. The same code runs one network (2-D weights, shape
``(inputs, outputs)``, 1-D biases) or a stack of ``k`` networks of one shape trained side
by side (weights ``(k, inputs, outputs)``, biases ``(k, 1, outputs)``, inputs ``(n, d)``
shared or ``(k, n, d)``): numpy's ``@`` broadcasts over the leading axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .kernels import Kernel

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Gradients:
    """Gradients of the loss, one array per weight matrix and per bias vector.

    Examples
    --------
    >>> from relu_explained import MLP
    >>> net = MLP.random([1, 3, 1], rng=0)
    >>> _, grads = net.loss_and_gradients([0.5], [1.0])
    >>> [g.shape for g in grads.weights]
    [(1, 3), (3, 1)]
    """

    weights: list[Array]
    biases: list[Array]

    def of(self, keep: NDArray[np.bool_]) -> Gradients:
        """The gradients of the networks of a stack that ``keep`` marks.

        Examples
        --------
        >>> three = Gradients([np.ones((3, 1, 2))], [np.zeros((3, 1, 2))])
        >>> [g.shape for g in three.of(np.array([True, False, True])).weights]
        [(2, 1, 2)]
        """
        return Gradients([g[keep] for g in self.weights], [g[keep] for g in self.biases])


class Scratch:
    """Arrays a training loop reuses from step to step, by name: its large temporaries
    (every layer's ``z``, ``h`` and ``delta``) are allocated once, not once per step. An
    array of another shape (a mini-batch, a stack without a diverged network) is another."""

    def __init__(self) -> None:
        self._arrays: dict[object, Array] = {}

    def __call__(self, name: str, layer: int, shape: tuple[int, ...]) -> Array:
        key = (name, layer, shape)  # one array per shape: a mini-batch has its own
        if key not in self._arrays:
            self._arrays[key] = np.empty(shape)
        return self._arrays[key]


def _times(a: Array, b: Array, out: Array | None = None) -> Array:
    """``a @ b``; with an inner size of 1 it is an outer product, done by broadcasting
    (the same numbers, and much faster than a matrix product for such shapes)."""
    if a.shape[-1] == 1:
        return np.multiply(a, b, out=out)
    return np.matmul(a, b, out=out)


def _room(scratch: Scratch | None, name: str, layer: int, shape: tuple[int, ...]) -> Array | None:
    """Where a result of ``shape`` may be written: an array of ``scratch``, or None (a new
    one)."""
    return None if scratch is None else scratch(name, layer, shape)


def _product_shape(a: Array, b: Array) -> tuple[int, ...]:
    """The shape of ``a @ b`` where at most one of them is a stack, or both one of ``k``."""
    return (*max(a.shape[:-2], b.shape[:-2], key=len), a.shape[-2], b.shape[-1])


def forward(
    weights: list[Array],
    biases: list[Array],
    kernel: Kernel,
    alpha: object,
    X: Array,
    scratch: Scratch | None = None,
) -> tuple[list[Array], list[Array]]:
    """Pre-activations ``zs`` of every layer (the last is the output) and the inputs
    ``hs`` each layer saw (``hs[0]`` is ``X``); written into ``scratch`` if given."""
    hs, zs = [X], []
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = _times(hs[-1], w, _room(scratch, "z", i, _product_shape(hs[-1], w)))
        z += b  # in place: one array less per layer
        zs.append(z)
        if i < len(weights) - 1:
            hs.append(kernel.function(z, alpha, out=_room(scratch, "h", i, z.shape)))
    return zs, hs


def mean_squared_error(output: Array, y: Array) -> Array:
    """The loss `backward` computes, alone: the mean over rows and outputs of the squared
    error, one value per network of a stack."""
    return _mean_square(output - y)


def _mean_square(error: Array) -> Array:
    count = error.shape[-2] * error.shape[-1]
    return (error * error).sum(axis=(-2, -1)) / count  # the mean, without np.mean's overhead


def backward(
    weights: list[Array],
    kernel: Kernel,
    alpha: object,
    zs: list[Array],
    hs: list[Array],
    y: Array,
    scratch: Scratch | None = None,
) -> tuple[Array, Gradients]:
    """The mean squared error over rows and outputs (one value per network of a stack) and
    its exact gradients by the chain rule, from a `forward` pass's ``zs`` and ``hs``; the
    backpropagated errors are written into ``scratch`` if given.

    Where a ReLU pre-activation is exactly 0 its derivative is taken as 0.
    """
    error = zs[-1] - y
    count = error.shape[-2] * error.shape[-1]
    loss = _mean_square(error)
    delta = 2.0 * error / count
    stacked = delta.ndim > 2  # keep the biases' (k, 1, outputs) shape
    grad_w, grad_b = [], []
    for i in range(len(weights) - 1, -1, -1):
        grad_w.append(_times(hs[i].mT, delta))
        grad_b.append(delta.sum(axis=-2, keepdims=stacked))
        if i:
            back = weights[i].mT
            delta = _times(delta, back, _room(scratch, "delta", i, _product_shape(delta, back)))
            delta *= kernel.derivative(
                zs[i - 1], alpha, out=_room(scratch, "slope", i, delta.shape)
            )
    return loss, Gradients(grad_w[::-1], grad_b[::-1])
