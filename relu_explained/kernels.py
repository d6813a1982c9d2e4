"""The activation kernels: each activation and its derivative side by side, in one table
that the public functions (:mod:`activations`), `MLP`, training and `regions` all use.
The arrays they get are already checked; ``alpha`` is only read by "leaky_relu".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def _sigmoid(z: Array, alpha: object = None, out: Array | None = None) -> Array:
    e = np.exp(-np.abs(z))  # never overflows: the exponent is <= 0
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _step(z: Array, alpha: object = None, out: Array | None = None) -> Array:
    return (z > 0).astype(np.float64) if out is None else np.greater(z, 0.0, out=out)


# For 0 <= alpha < 1 these are where(z > 0, z, alpha z) and where(z > 0, 1, alpha), bit for
# bit, in two passes that can write into ``out``.
def _leaky(z: Array, alpha: object, out: Array | None = None) -> Array:
    return np.maximum(z, np.multiply(z, alpha, out=out), out=out)


def _leaky_slope(z: Array, alpha: object, out: Array | None = None) -> Array:
    on = _step(z, None, out)
    return np.maximum(on, alpha, out=out)


@dataclass(frozen=True)
class Kernel:
    """An activation and its derivative, both ``(z, alpha, out=None) -> array`` on checked
    float arrays (only "leaky_relu" reads ``alpha``; ``out``, an array of z's shape, may
    receive the result: training reuses it from step to step); ``piecewise_linear``:
    straight pieces."""

    function: Callable[..., Array]
    derivative: Callable[..., Array]
    piecewise_linear: bool


KERNELS: dict[str, Kernel] = {
    "relu": Kernel(
        lambda z, alpha=None, out=None: np.maximum(z, 0.0, out=out),
        _step,  # 0 at z == 0
        piecewise_linear=True,
    ),
    "leaky_relu": Kernel(
        _leaky,
        _leaky_slope,  # alpha at z == 0
        piecewise_linear=True,
    ),
    "linear": Kernel(
        lambda z, alpha=None, out=None: z,
        lambda z, alpha=None, out=None: np.ones_like(z),
        piecewise_linear=True,
    ),
    "sigmoid": Kernel(
        _sigmoid,
        lambda z, alpha=None, out=None: _sigmoid(z) * (1.0 - _sigmoid(z)),
        piecewise_linear=False,
    ),
    "tanh": Kernel(
        lambda z, alpha=None, out=None: np.tanh(z, out=out),
        lambda z, alpha=None, out=None: 1.0 - np.tanh(z) ** 2,
        piecewise_linear=False,
    ),
}
