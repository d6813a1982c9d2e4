r"""The forward pass and backpropagation of one fully connected network, on plain arrays.

Layer \(l\) maps its input \(h_l\) (a matrix with one row per sample) to the
pre-activation \(z_l = h_l W_l + b_l\); every layer but the last is followed by the
activation, \(h_{l+1} = \sigma(z_l)\), and the last layer's \(z\) is the output. The
loss is the mean squared error over all \(N\) numbers of the output,
\(L = \frac{1}{N} \sum (z_{\text{last}} - y)^2\).

Backpropagation is the chain rule applied layer by layer, from the output back. With
\(\delta_l = \partial L / \partial z_l\):

- at the output, \(\delta = \frac{2}{N} (z_{\text{last}} - y)\);
- a layer's gradients are \(\partial L / \partial W_l = h_l^\top \delta_l\) and
  \(\partial L / \partial b_l = \) the sum of the rows of \(\delta_l\);
- one layer down, \(\delta_{l-1} = (\delta_l W_l^\top) \odot \sigma'(z_{l-1})\),
  elementwise.

Where a ReLU pre-activation is exactly 0, \(\sigma'\) is taken as 0 (Leaky ReLU's as
``alpha``), as everywhere in the package. `fit` trains with the same formulas, written
for many networks at once on arrays it reuses (`relu_explained.stacked`); the tests
check, step by step, that both give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .kernels import Alpha, Kernel

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Gradients:
    """Gradients of the loss, one array per weight matrix and per bias vector.

    ``weights[l]`` has the shape of layer ``l``'s weight matrix, ``biases[l]`` that of its
    bias vector (for a stack of networks, `fit_many`'s, each has a leading axis more).

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

        Parameters
        ----------
        keep : ndarray of bool
            One flag per network of the stack (the leading axis of every array).

        Returns
        -------
        Gradients
            Only the networks whose flag is True, in order.

        Examples
        --------
        >>> three = Gradients([np.ones((3, 1, 2))], [np.zeros((3, 1, 2))])
        >>> [g.shape for g in three.of(np.array([True, False, True])).weights]
        [(2, 1, 2)]
        """
        return Gradients([g[keep] for g in self.weights], [g[keep] for g in self.biases])


def forward(
    weights: list[Array], biases: list[Array], kernel: Kernel, alpha: Alpha, X: Array
) -> tuple[list[Array], list[Array]]:
    """Run the network on ``X``, keeping what backpropagation needs.

    Parameters
    ----------
    weights, biases : list of ndarray
        Layer ``l`` computes ``h @ weights[l] + biases[l]``.
    kernel : Kernel
        The activation of the hidden layers, with its derivative.
    alpha : float
        Leaky ReLU's negative slope (read by "leaky_relu" only).
    X : ndarray
        Inputs, one row per sample, shape ``(n, inputs)``.

    Returns
    -------
    zs : list of ndarray
        The pre-activation ``z`` of every layer; the last one is the network's output.
    hs : list of ndarray
        The input each layer saw: ``hs[0]`` is ``X``, ``hs[l + 1]`` is the activation of
        ``zs[l]``.

    Examples
    --------
    >>> from relu_explained.kernels import KERNELS
    >>> weights = [np.array([[1.0, -1.0]]), np.array([[1.0], [1.0]])]
    >>> biases = [np.zeros(2), np.zeros(1)]
    >>> zs, hs = forward(weights, biases, KERNELS["relu"], 0.0, np.array([[-2.0], [3.0]]))
    >>> print(zs[0].tolist(), hs[1].tolist(), zs[1].tolist())   # relu(x) + relu(-x) = |x|
    [[-2.0, 2.0], [3.0, -3.0]] [[0.0, 2.0], [3.0, 0.0]] [[2.0], [3.0]]
    """
    zs = []
    hs = [X]
    last = len(weights) - 1
    for layer, (W, b) in enumerate(zip(weights, biases, strict=True)):
        z = hs[layer] @ W + b
        zs.append(z)
        if layer < last:
            hs.append(kernel.function(z, alpha))
    return zs, hs


def mean_squared_error(output: Array, y: Array) -> float:
    """The mean, over every row and every output, of ``(output - y) ** 2``.

    Examples
    --------
    >>> print(mean_squared_error(np.array([[1.0], [3.0]]), np.array([[0.0], [0.0]])))
    5.0
    """
    error = output - y
    return float(np.mean(error**2))


def backward(
    weights: list[Array],
    kernel: Kernel,
    alpha: Alpha,
    zs: list[Array],
    hs: list[Array],
    y: Array,
) -> tuple[float, Gradients]:
    """The mean squared error and its exact gradients, by the chain rule.

    Parameters
    ----------
    weights : list of ndarray
        The weight matrices the `forward` pass used.
    kernel : Kernel
        The activation of the hidden layers, with its derivative.
    alpha : float
        Leaky ReLU's negative slope (read by "leaky_relu" only).
    zs, hs : list of ndarray
        What `forward` returned.
    y : ndarray
        Targets, shaped like the output ``zs[-1]``.

    Returns
    -------
    loss : float
        The mean squared error, as `mean_squared_error` computes it.
    gradients : Gradients
        The derivative of the loss with respect to every weight and bias.

    Examples
    --------
    One unit, ``2 relu(x)``, at ``x = 1`` with target 1: the error is 1, so ``delta`` is
    2 at the output; the output weight's gradient is ``relu(1) * 2 = 2``, and the input
    weight's is ``x * (2 * 2) * 1 = 4`` (the output weight 2, the ReLU's slope 1).

    >>> from relu_explained.kernels import KERNELS
    >>> weights = [np.array([[1.0]]), np.array([[2.0]])]
    >>> relu = KERNELS["relu"]
    >>> zs, hs = forward(weights, [np.zeros(1), np.zeros(1)], relu, 0.0, np.array([[1.0]]))
    >>> loss, grads = backward(weights, relu, 0.0, zs, hs, np.array([[1.0]]))
    >>> print(loss, grads.weights[1].tolist(), grads.weights[0].tolist())
    1.0 [[2.0]] [[4.0]]
    """
    error = zs[-1] - y
    loss = float(np.mean(error**2))  # as mean_squared_error
    delta = 2.0 * error / error.size  # dL/dz at the output
    grad_weights = []
    grad_biases = []
    for layer in reversed(range(len(weights))):
        grad_weights.append(hs[layer].T @ delta)
        grad_biases.append(delta.sum(axis=0))
        if layer > 0:  # carry delta one layer down, through the activation's slope
            delta = (delta @ weights[layer].T) * kernel.derivative(zs[layer - 1], alpha)
    return loss, Gradients(grad_weights[::-1], grad_biases[::-1])
