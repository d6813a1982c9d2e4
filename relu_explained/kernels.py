"""The activation table: each activation next to its derivative, by name.

The public functions (`relu_explained.activations`), `MLP`, its backpropagation and the
region tools all read this one table, so they agree on every convention:

- ReLU is not differentiable at exactly 0; its derivative there is taken as 0, the choice
  most frameworks make. Leaky ReLU's derivative at 0 is ``alpha``.
- Leaky ReLU's negative slope ``alpha`` lies in ``[0, 1)``; for such an ``alpha``,
  ``leaky_relu(z) = max(z, alpha * z)``.

The functions here take arrays that are already checked (finite floats); only
"leaky_relu" reads ``alpha``, and the others accept it so that every entry is called
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Alpha = float | Array  # Leaky ReLU's alpha: one number, or one per network of a stack


class Activation(Protocol):
    """An elementwise function of a checked array ``z``; only "leaky_relu" reads ``alpha``."""

    def __call__(self, z: Array, alpha: Alpha = ...) -> Array: ...


def _relu(z: Array, alpha: Alpha = 0.0) -> Array:
    return np.maximum(z, 0.0)


def _step(z: Array, alpha: Alpha = 0.0) -> Array:
    """ReLU's derivative: 1 where ``z > 0``, else 0 (0 at exactly ``z = 0``)."""
    return np.where(z > 0, 1.0, 0.0)


def _leaky_relu(z: Array, alpha: Alpha = 0.01) -> Array:
    # z where z > 0, alpha * z elsewhere: for 0 <= alpha < 1 that is the larger of the two.
    return np.maximum(z, alpha * z)


def _leaky_step(z: Array, alpha: Alpha = 0.01) -> Array:
    """Leaky ReLU's derivative: 1 where ``z > 0``, else ``alpha`` (``alpha`` at exactly 0)."""
    return np.where(z > 0, 1.0, alpha)


def _linear(z: Array, alpha: Alpha = 0.0) -> Array:
    return z


def _one(z: Array, alpha: Alpha = 0.0) -> Array:
    return np.ones_like(z)


def _sigmoid(z: Array, alpha: Alpha = 0.0) -> Array:
    """``1 / (1 + exp(-z))``, written so that the exponential never overflows."""
    e = np.exp(-np.abs(z))  # the exponent is <= 0, so e is in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_slope(z: Array, alpha: Alpha = 0.0) -> Array:
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh(z: Array, alpha: Alpha = 0.0) -> Array:
    return np.tanh(z)


def _tanh_slope(z: Array, alpha: Alpha = 0.0) -> Array:
    return 1.0 - np.tanh(z) ** 2


@dataclass(frozen=True)
class Kernel:
    """An activation and its derivative, both called as ``(z, alpha)`` on checked arrays.

    Attributes
    ----------
    function, derivative : Activation
        ``(z, alpha) -> ndarray``, elementwise; only "leaky_relu" reads ``alpha`` (its
        default, 0.01, is the package's).
    piecewise_linear : bool
        True when the activation is made of straight pieces, so that a network using
        it is affine on each of its linear regions (`relu_explained.regions`).
    """

    function: Activation
    derivative: Activation
    piecewise_linear: bool


KERNELS: dict[str, Kernel] = {
    "relu": Kernel(_relu, _step, piecewise_linear=True),
    "leaky_relu": Kernel(_leaky_relu, _leaky_step, piecewise_linear=True),
    "linear": Kernel(_linear, _one, piecewise_linear=True),
    "sigmoid": Kernel(_sigmoid, _sigmoid_slope, piecewise_linear=False),
    "tanh": Kernel(_tanh, _tanh_slope, piecewise_linear=False),
}
