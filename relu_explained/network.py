"""A small fully connected network: forward pass, exact gradients, and its collapse."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_count, as_float_array, as_real, as_rng

ACTIVATIONS = ("relu", "leaky_relu", "linear", "sigmoid", "tanh")
INITS = ("he", "glorot", "normal")


@dataclass(frozen=True)
class Gradients:
    """Gradients of the loss, one array per weight matrix and per bias vector.

    Examples
    --------
    >>> net = MLP.random([1, 3, 1], rng=0)
    >>> _, grads = net.loss_and_gradients([0.5], [1.0])
    >>> [g.shape for g in grads.weights]
    [(1, 3), (3, 1)]
    """

    weights: list[NDArray[np.float64]]
    biases: list[NDArray[np.float64]]


@dataclass(eq=False)
class MLP:
    """A fully connected network: hidden layers with ``activation``, a linear output layer.

    Layer ``l`` maps ``h`` to ``h @ weights[l] + biases[l]``, so ``weights[l]`` has shape
    ``(inputs, outputs)``. Training (`fit`) updates the arrays in place.

    Parameters
    ----------
    weights : list of array_like
        One 2-D matrix per layer; each layer's inputs are the previous layer's outputs.
    biases : list of array_like
        One 1-D vector per layer.
    activation : {"relu", "leaky_relu", "linear", "sigmoid", "tanh"}, default "relu"
        The activation of every hidden layer.
    alpha : float, default 0.01
        Negative slope of "leaky_relu" (ignored otherwise).

    Raises
    ------
    ValueError
        If shapes do not chain, values are not finite, or the activation is unknown.

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
        self.alpha = as_real(self.alpha, "alpha", nonnegative=True)
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
        activation, alpha
            As in `MLP`.

        Returns
        -------
        MLP

        Raises
        ------
        ValueError
            If fewer than two sizes are given, a size is below 1, or ``init`` is unknown.

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
        weights, biases = [], []
        for fan_in, fan_out in pairwise(sizes):
            scale = {
                "he": np.sqrt(2 / fan_in),
                "glorot": np.sqrt(2 / (fan_in + fan_out)),
                "normal": 1.0,
            }[init]
            weights.append(generator.normal(0.0, scale, size=(fan_in, fan_out)))
            biases.append(np.full(fan_out, bias))
        return cls(weights, biases, activation=activation, alpha=alpha)

    def copy(self) -> MLP:
        """An independent copy (training one leaves the other unchanged)."""
        return MLP(self.weights, self.biases, self.activation, self.alpha)

    def _inputs(self, X: ArrayLike, name: str = "X") -> NDArray[np.float64]:
        X = as_float_array(X, name)
        if X.ndim == 1 and self.sizes[0] == 1:
            X = X[:, None]
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"{name} must have shape (n, {self.sizes[0]}), got {X.shape}")
        return X

    def _act(self, z: NDArray[np.float64]) -> NDArray[np.float64]:
        if self.activation == "relu":
            return np.maximum(z, 0.0)
        if self.activation == "leaky_relu":
            return np.where(z > 0, z, self.alpha * z)
        if self.activation == "sigmoid":
            return 0.5 * (1.0 + np.tanh(0.5 * z))
        if self.activation == "tanh":
            return np.tanh(z)
        return z

    def _act_grad(self, z: NDArray[np.float64]) -> NDArray[np.float64]:
        if self.activation == "relu":
            return (z > 0).astype(np.float64)
        if self.activation == "leaky_relu":
            return np.where(z > 0, 1.0, self.alpha)
        if self.activation == "sigmoid":
            s = 0.5 * (1.0 + np.tanh(0.5 * z))
            return s * (1.0 - s)
        if self.activation == "tanh":
            return 1.0 - np.tanh(z) ** 2
        return np.ones_like(z)

    def _forward(self, X: NDArray[np.float64]) -> tuple[list, list]:
        """Pre-activations ``zs`` of every layer and the inputs ``hs`` each layer saw."""
        hs, zs = [X], []
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            zs.append(hs[-1] @ w + b)
            if i < len(self.weights) - 1:
                hs.append(self._act(zs[-1]))
        return zs, hs

    def __call__(self, X: ArrayLike) -> NDArray[np.float64]:
        """Outputs, shape ``(n, d_out)``; a 1-D ``X`` is read as n inputs when ``d_in = 1``."""
        return self._forward(self._inputs(X))[0][-1]

    def pre_activations(self, X: ArrayLike) -> list[NDArray[np.float64]]:
        """The hidden layers' pre-activations ``z``, one ``(n, width)`` array per layer.

        Examples
        --------
        >>> net = MLP([[[1.0, -1.0]], [[1.0], [1.0]]], [[0.0, 1.0], [0.0]])
        >>> net.pre_activations([2.0])[0]
        array([[ 2., -1.]])
        """
        return self._forward(self._inputs(X))[0][:-1]

    def loss_and_gradients(self, X: ArrayLike, y: ArrayLike) -> tuple[float, Gradients]:
        """Mean squared error over all outputs, and its exact gradients (backpropagation).

        Where a ReLU pre-activation is exactly 0 its derivative is taken as 0.

        Examples
        --------
        >>> net = MLP([[[2.0]], [[1.0]]], [[0.0], [0.0]])
        >>> loss, grads = net.loss_and_gradients([1.0], [1.0])
        >>> print(loss, grads.weights[1])
        1.0 [[4.]]
        """
        X = self._inputs(X)
        y = self._targets(y, len(X))
        loss, grads, _ = self._backprop(X, y)
        return loss, grads

    def _targets(self, y: ArrayLike, n: int) -> NDArray[np.float64]:
        y = as_float_array(y, "y")
        if y.ndim == 1 and self.sizes[-1] == 1:
            y = y[:, None]
        if y.shape != (n, self.sizes[-1]):
            raise ValueError(f"y must have shape ({n}, {self.sizes[-1]}), got {y.shape}")
        return y

    def _backprop(self, X: NDArray[np.float64], y: NDArray[np.float64]) -> tuple:
        """Loss, gradients and the pre-activations of every layer, for checked X and y."""
        zs, hs = self._forward(X)
        error = zs[-1] - y
        loss = float(np.mean(error**2))
        delta = 2.0 * error / error.size
        grad_w, grad_b = [], []
        for i in range(len(self.weights) - 1, -1, -1):
            grad_w.append(hs[i].T @ delta)
            grad_b.append(delta.sum(axis=0))
            if i:
                delta = (delta @ self.weights[i].T) * self._act_grad(zs[i - 1])
        return loss, Gradients(grad_w[::-1], grad_b[::-1]), zs

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
        W, b = self.weights[0].copy(), self.biases[0].copy()
        for w, c in zip(self.weights[1:], self.biases[1:], strict=True):
            W, b = W @ w, b @ w + c
        return W, b

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        *,
        lr: float = 0.01,
        steps: int = 1000,
        batch_size: int | None = None,
        rng: object = 0,
    ):
        """Train in place by gradient descent; see `relu_explained.fit`."""
        from .training import fit

        return fit(self, X, y, lr=lr, steps=steps, batch_size=batch_size, rng=rng)
