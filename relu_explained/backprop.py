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

from .activations import Kernel

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


def _times(a: Array, b: Array) -> Array:
    """``a @ b``; with an inner size of 1 it is an outer product, done by broadcasting
    (the same numbers, and much faster than a matrix product for such shapes)."""
    return a * b if a.shape[-1] == 1 else a @ b


def forward(
    weights: list[Array], biases: list[Array], kernel: Kernel, alpha: object, X: Array
) -> tuple[list[Array], list[Array]]:
    """Pre-activations ``zs`` of every layer (the last is the output) and the inputs
    ``hs`` each layer saw (``hs[0]`` is ``X``)."""
    hs, zs = [X], []
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = _times(hs[-1], w)
        z += b  # in place: one array less per layer
        zs.append(z)
        if i < len(weights) - 1:
            hs.append(kernel.function(zs[-1], alpha))
    return zs, hs


def backward(
    weights: list[Array], kernel: Kernel, alpha: object, zs: list[Array], hs: list[Array], y: Array
) -> tuple[Array, Gradients]:
    """The mean squared error over rows and outputs (one value per network of a stack) and
    its exact gradients by the chain rule, from a `forward` pass's ``zs`` and ``hs``.

    Where a ReLU pre-activation is exactly 0 its derivative is taken as 0.
    """
    error = zs[-1] - y
    count = error.shape[-2] * error.shape[-1]
    loss = (error * error).sum(axis=(-2, -1)) / count  # the mean, without np.mean's overhead
    delta = 2.0 * error / count
    stacked = delta.ndim > 2  # keep the biases' (k, 1, outputs) shape
    grad_w, grad_b = [], []
    for i in range(len(weights) - 1, -1, -1):
        grad_w.append(_times(np.swapaxes(hs[i], -1, -2), delta))
        grad_b.append(delta.sum(axis=-2, keepdims=stacked))
        if i:
            delta = _times(delta, np.swapaxes(weights[i], -1, -2))
            delta *= kernel.derivative(zs[i - 1], alpha)
    return loss, Gradients(grad_w[::-1], grad_b[::-1])
