"""Input checks shared by the public functions: one clear error per kind of mistake."""

from __future__ import annotations

from numbers import Real

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_float_array(value: ArrayLike, name: str, *, ndim: int | None = None) -> NDArray[np.float64]:
    """Return `value` as a finite float64 array, or raise an error naming `name`."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(
            f"{name} must be a number or an array of numbers, got {type(value).__name__}"
        )
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a number or an array of numbers ({error})") from None
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity")
    return array


def as_real(
    value: object, name: str, *, positive: bool = False, nonnegative: bool = False
) -> float:
    """Return `value` as a finite float, or raise an error naming `name`."""
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    if positive and number <= 0:
        raise ValueError(f"{name} must be positive, got {number}")
    if nonnegative and number < 0:
        raise ValueError(f"{name} must be non-negative, got {number}")
    return number


def as_alpha(value: object) -> float:
    """Leaky ReLU's negative slope: a number in ``[0, 1)``, or an error naming ``alpha``."""
    alpha = as_real(value, "alpha")
    if not 0 <= alpha < 1:
        raise ValueError(f"alpha must be in [0, 1), got {alpha}")
    return alpha


def as_rows(
    value: ArrayLike, width: int, name: str, *, rows: int | None = None
) -> NDArray[np.float64]:
    """``value`` as rows of ``width`` numbers, shape ``(n, width)`` (or ``(rows, width)``);
    1-D is n rows when ``width == 1``. Raises an error naming ``name`` otherwise."""
    array = as_float_array(value, name)
    if array.ndim == 1 and width == 1:
        array = array[:, None]
    if array.ndim != 2 or array.shape[1] != width or rows not in (None, len(array)):
        raise ValueError(f"{name} must have shape ({rows or 'n'}, {width}), got {array.shape}")
    return array


def as_count(value: object, name: str, *, minimum: int = 1) -> int:
    """Return `value` as an int >= `minimum`, or raise an error naming `name`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def as_rng(rng: object, name: str = "rng") -> np.random.Generator:
    """Accept a seed or a Generator; reject anything else (no hidden global randomness)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"{name} must be an integer seed or a numpy Generator, got {type(rng).__name__}"
    )
