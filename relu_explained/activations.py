"""Activation functions and their derivatives, elementwise on numbers or arrays.

Convention: at exactly 0 the ReLU is not differentiable; ``relu_grad(0)`` returns 0
(the value most frameworks use), and ``leaky_relu_grad(0)`` returns ``alpha``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_float_array, as_real


def relu(x: ArrayLike) -> NDArray[np.float64]:
    """Rectified linear unit, ``max(0, x)``.

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
        If ``x`` contains NaN or infinity.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    x = as_float_array(x, "x")
    return np.maximum(x, 0.0)


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
        If ``x`` contains NaN or infinity.

    Examples
    --------
    >>> relu_grad([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    x = as_float_array(x, "x")
    return (x > 0).astype(np.float64)


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
    x = as_float_array(x, "x")
    alpha = _check_alpha(alpha)
    return np.where(x > 0, x, alpha * x)


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
    x = as_float_array(x, "x")
    alpha = _check_alpha(alpha)
    return np.where(x > 0, 1.0, alpha)


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
        If ``x`` contains NaN or infinity.

    Examples
    --------
    >>> sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    """
    x = as_float_array(x, "x")
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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
        If ``x`` contains NaN or infinity.

    Examples
    --------
    >>> sigmoid_grad([0.0])
    array([0.25])
    """
    s = sigmoid(x)
    return s * (1.0 - s)


def _check_alpha(alpha: object) -> float:
    value = as_real(alpha, "alpha", nonnegative=True)
    if value >= 1:
        raise ValueError(f"alpha must be in [0, 1), got {value}")
    return value
