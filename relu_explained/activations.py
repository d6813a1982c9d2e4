"""Activation functions and their derivatives, with their inputs checked.

Each function checks its input and hands it to the activation table in
`relu_explained.kernels`, the one that `MLP` and the region tools read too.

Conventions: at exactly 0 the ReLU is not differentiable; its derivative there is taken
as 0 (what most frameworks use), and Leaky ReLU's as ``alpha``. Leaky ReLU's default
slope is ``alpha = 0.01``, and every ``alpha`` must lie in ``[0, 1)``. Every function
raises a TypeError for a non-numeric ``x`` and a ValueError for NaN or infinity in it.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_alpha, as_float_array
from .kernels import KERNELS


def relu(x: ArrayLike) -> NDArray[np.float64]:
    """Rectified linear unit, ``max(0, x)``, elementwise.

    Parameters
    ----------
    x : array_like
        Input values (a number, a list or an array), finite.

    Returns
    -------
    ndarray of float64
        ``x`` where ``x > 0`` and ``0`` elsewhere, with the shape of ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` holds NaN or infinity.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return KERNELS["relu"].function(as_float_array(x, "x"))


def relu_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Derivative of `relu`: 1 where ``x > 0``, else 0 (so 0 at exactly ``x = 0``).

    Parameters
    ----------
    x : array_like
        Points at which to take the derivative, finite.

    Returns
    -------
    ndarray of float64
        The slope of ReLU at each point: ``1.0`` or ``0.0``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` holds NaN or infinity.

    Examples
    --------
    >>> relu_grad([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return KERNELS["relu"].derivative(as_float_array(x, "x"))


def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    """Leaky ReLU: ``x`` where ``x > 0``, ``alpha * x`` elsewhere.

    Parameters
    ----------
    x : array_like
        Input values, finite.
    alpha : float, default 0.01
        Slope for negative inputs; must be in ``[0, 1)``.

    Returns
    -------
    ndarray of float64
        The activation, with the shape of ``x``.

    Raises
    ------
    TypeError
        If ``x`` or ``alpha`` is not numeric.
    ValueError
        If ``x`` is not finite or ``alpha`` is outside ``[0, 1)``.

    Examples
    --------
    >>> leaky_relu([-2.0, 0.0, 3.0], alpha=0.1)
    array([-0.2,  0. ,  3. ])
    """
    return KERNELS["leaky_relu"].function(as_float_array(x, "x"), as_alpha(alpha))


def leaky_relu_grad(x: ArrayLike, alpha: float = 0.01) -> NDArray[np.float64]:
    """Derivative of `leaky_relu`: 1 where ``x > 0``, else ``alpha`` (``alpha`` at 0).

    Parameters
    ----------
    x : array_like
        Points at which to take the derivative, finite.
    alpha : float, default 0.01
        Slope for negative inputs; must be in ``[0, 1)``.

    Returns
    -------
    ndarray of float64
        ``1.0`` or ``alpha`` at each point.

    Raises
    ------
    TypeError
        If ``x`` or ``alpha`` is not numeric.
    ValueError
        If ``x`` is not finite or ``alpha`` is outside ``[0, 1)``.

    Examples
    --------
    >>> leaky_relu_grad([-1.0, 0.0, 2.0], alpha=0.1)
    array([0.1, 0.1, 1. ])
    """
    return KERNELS["leaky_relu"].derivative(as_float_array(x, "x"), as_alpha(alpha))


def sigmoid(x: ArrayLike) -> NDArray[np.float64]:
    """Logistic sigmoid ``1 / (1 + exp(-x))``, computed without overflow.

    Parameters
    ----------
    x : array_like
        Input values, finite.

    Returns
    -------
    ndarray of float64
        Values in ``(0, 1)`` (they round to 0 or 1 far from the origin).

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` holds NaN or infinity.

    Examples
    --------
    >>> sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    """
    return KERNELS["sigmoid"].function(as_float_array(x, "x"))


def sigmoid_grad(x: ArrayLike) -> NDArray[np.float64]:
    """Derivative of `sigmoid`, ``s * (1 - s)``; its largest value is 0.25, at 0.

    Parameters
    ----------
    x : array_like
        Points at which to take the derivative, finite.

    Returns
    -------
    ndarray of float64
        The slope of the sigmoid at each point, in ``[0, 0.25]``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` holds NaN or infinity.

    Examples
    --------
    >>> sigmoid_grad([0.0])
    array([0.25])
    """
    return KERNELS["sigmoid"].derivative(as_float_array(x, "x"))
