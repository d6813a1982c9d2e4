"""A small fully connected network: forward pass, exact gradients, and its collapse.

Training lives in `relu_explained.training` (`fit`), the dead-unit tools in
`relu_explained.dead`; both use only the public surface of `MLP`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_alpha, as_count, as_float_array, as_real, as_rng, as_rows
from .backprop import Gradients, backward, forward
from .kernels import KERNELS

ACTIVATIONS = tuple(KERNELS)
INITS = ("he", "glorot", "normal")


@dataclass(eq=False)
class MLP:
    """A fully connected network: hidden layers with ``activation``, a linear output layer.

    Layer ``l`` maps ``h`` to ``h @ weights[l] + biases[l]``, so ``weights[l]`` has shape
    ``(inputs, outputs)``. Training (`relu_explained.fit`) updates the arrays in place.

    Parameters
    ----------
    weights : list of array_like
        One 2-D matrix per layer; each layer's inputs are the previous layer's outputs.
    biases : list of array_like
        One 1-D vector per layer.
    activation : {"relu", "leaky_relu", "linear", "sigmoid", "tanh"}, default "relu"
        The activation of every hidden layer.
    alpha : float, default 0.01
        Negative slope of "leaky_relu", in ``[0, 1)`` as for `leaky_relu` (checked always).

    Raises
    ------
    ValueError
        If shapes do not chain, values are not finite, the activation is unknown, or
        ``alpha`` is outside ``[0, 1)``.

    Examples
    --------
    >>> net = MLP([[[1.0, -1.0]], [[1.0], [1.0]]], [[0.0, 0.0], [0.0]])
    >>> net([-2.0, 3.0])        # relu(x) + relu(-x) = |x|
    array([[2.],
           [3.]])
    """

    weights: list[NDArray[np.float64]]
    biases: list[NDArray[np.float64]]
    activation: str = "relu"
    alpha: float = 0.01
    sizes: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        self.alpha = as_alpha(self.alpha)
        if len(self.weights) != len(self.biases) or not self.weights:
            raise ValueError("weights and biases must be non-empty lists of the same length")
        self.weights = [
            as_float_array(w, f"weights[{i}]", ndim=2).copy() for i, w in enumerate(self.weights)
        ]
        self.biases = [
            as_float_array(b, f"biases[{i}]", ndim=1).copy() for i, b in enumerate(self.biases)
        ]
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            if w.shape[1] != b.shape[0]:
                raise ValueError(f"biases[{i}] has length {len(b)}, expected {w.shape[1]}")
            if i and w.shape[0] != self.weights[i - 1].shape[1]:
                raise ValueError(
                    f"weights[{i}] has {w.shape[0]} rows, expected {self.weights[i - 1].shape[1]}"
                )
        self.sizes = (self.weights[0].shape[0], *(w.shape[1] for w in self.weights))

    @classmethod
    def random(
        cls,
        sizes: list[int] | tuple[int, ...],
        *,
        rng: object = 0,
        init: str = "he",
        bias: float = 0.0,
        activation: str = "relu",
        alpha: float = 0.01,
    ) -> MLP:
        """A network with random weights.

        Parameters
        ----------
        sizes : sequence of int
            Widths from input to output, e.g. ``[1, 16, 16, 1]``.
        rng : int or numpy.random.Generator, default 0
            Seed or generator: results are reproducible.
        init : {"he", "glorot", "normal"}, default "he"
            Weight scale: ``sqrt(2 / fan_in)``, ``sqrt(2 / (fan_in + fan_out))``, or 1.
        bias : float, default 0.0
            Every bias starts at this value.
        activation : {"relu", "leaky_relu", "linear", "sigmoid", "tanh"}, default "relu"
            The activation of every hidden layer, as in `MLP`.
        alpha : float, default 0.01
            Negative slope of "leaky_relu", in ``[0, 1)``, as in `MLP`.

        Raises
        ------
        ValueError
            If fewer than two sizes are given, a size is below 1, or ``init`` is unknown;
            and as in `MLP`.

        Examples
        --------
        >>> MLP.random([1, 8, 8, 1], rng=0).sizes
        (1, 8, 8, 1)
        """
        sizes = [as_count(s, "sizes") for s in sizes]
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least an input and an output width, got {sizes}")
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {init!r}")
        generator = as_rng(rng)
        bias = as_real(bias, "bias")
        weights = []
        biases = []
        for fan_in, fan_out in pairwise(sizes):
            variance = {"he": 2 / fan_in, "glorot": 2 / (fan_in + fan_out), "normal": 1.0}[init]
            weights.append(generator.normal(0.0, np.sqrt(variance), size=(fan_in, fan_out)))
            biases.append(np.full(fan_out, bias))
        return cls(weights, biases, activation=activation, alpha=alpha)

    def copy(self) -> MLP:
        """An independent copy (training one leaves the other unchanged)."""
        return MLP(self.weights, self.biases, self.activation, self.alpha)

    def __call__(self, X: ArrayLike) -> NDArray[np.float64]:
        """The network's outputs.

        Parameters
        ----------
        X : array_like
            Inputs, shape ``(n, d_in)``; a 1-D ``X`` is read as ``n`` inputs when
            ``d_in = 1``.

        Returns
        -------
        ndarray of float64
            Shape ``(n, d_out)``.

        Raises
        ------
        ValueError
            If ``X`` does not have ``d_in`` columns or holds NaN or infinity.

        Examples
        --------
        >>> net = MLP([[[1.0, -1.0]], [[1.0], [1.0]]], [[0.0, 0.0], [0.0]])
        >>> net([[1.5]])
        array([[1.5]])
        """
        zs, _ = self._forward(X)
        return zs[-1]

    def pre_activations(self, X: ArrayLike) -> list[NDArray[np.float64]]:
        """The hidden layers' pre-activations ``z``, one ``(n, width)`` array per layer.

        Parameters
        ----------
        X : array_like
            Inputs, as for calling the network.

        Returns
        -------
        list of ndarray of float64
            One per hidden layer; a unit is on where its ``z > 0``.

        Raises
        ------
        ValueError
            As for calling the network.

        Examples
        --------
        >>> net = MLP([[[1.0, -1.0]], [[1.0], [1.0]]], [[0.0, 1.0], [0.0]])
        >>> net.pre_activations([2.0])[0]
        array([[ 2., -1.]])
        """
        zs, _ = self._forward(X)
        return zs[:-1]

    def loss_and_gradients(self, X: ArrayLike, y: ArrayLike) -> tuple[float, Gradients]:
        """Mean squared error over all outputs, and its exact gradients (backpropagation).

        The formulas are in `relu_explained.backprop`. Where a ReLU pre-activation is
        exactly 0 its derivative is taken as 0 (Leaky ReLU's as ``alpha``).

        Parameters
        ----------
        X : array_like
            Inputs, as for calling the network.
        y : array_like
            Targets, shape ``(n, d_out)`` (or ``(n,)`` when ``d_out = 1``).

        Returns
        -------
        loss : float
            The mean of ``(net(X) - y) ** 2`` over every row and output.
        gradients : Gradients
            The loss's derivative with respect to every weight and bias.

        Raises
        ------
        ValueError
            If ``X`` or ``y`` has the wrong shape or holds NaN or infinity.

        Examples
        --------
        >>> net = MLP([[[2.0]], [[1.0]]], [[0.0], [0.0]])
        >>> loss, grads = net.loss_and_gradients([1.0], [1.0])
        >>> print(loss, grads.weights[1])
        1.0 [[4.]]
        """
        zs, hs = self._forward(X)
        y = as_rows(y, self.sizes[-1], "y", rows=len(hs[0]))
        loss, grads = backward(self.weights, KERNELS[self.activation], self.alpha, zs, hs, y)
        return float(loss), grads

    def _forward(self, X: ArrayLike) -> tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]:
        """Pre-activations of every layer and the inputs each layer saw (`backprop.forward`)."""
        X = as_rows(X, self.sizes[0], "X")
        return forward(self.weights, self.biases, KERNELS[self.activation], self.alpha, X)

    def collapse(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The single affine map ``(W, b)`` a "linear" network equals: ``f(X) = X @ W + b``.

        Raises
        ------
        ValueError
            If the activation is not "linear": no single affine map equals such a network.

        Examples
        --------
        >>> net = MLP([[[2.0]], [[3.0]]], [[1.0], [-1.0]], activation="linear")
        >>> W, b = net.collapse()
        >>> print(W, b)
        [[6.]] [2.]
        """
        if self.activation != "linear":
            raise ValueError(
                f"only a 'linear' network collapses to one affine map, this one "
                f"uses {self.activation!r}"
            )
        # Two affine maps in a row are one: (x W + b) w + c = x (W w) + (b w + c).
        W = self.weights[0].copy()
        b = self.biases[0].copy()
        for w, c in zip(self.weights[1:], self.biases[1:], strict=True):
            W = W @ w
            b = b @ w + c
        return W, b
