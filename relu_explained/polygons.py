"""Convex polygons: their area, and how a straight line cuts one in two.

The two-input region finder (`relu_explained.regions`) starts from a box and cuts it
along each unit's zero line; a cut of a convex polygon by a line gives convex polygons,
so two small functions are all the geometry it needs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

_ON_THE_LINE = 1e-12  # a polygon within this (relative) of a line only touches it


def area(vertices: Array) -> float:
    """The area of a polygon by the shoelace formula: positive when its corners turn
    counter-clockwise, negative when clockwise.

    Examples
    --------
    >>> print(area(np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 1.0]])))
    1.0
    """
    x, y = vertices.T
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def split_by_line(polygon: Array, a: Array, c: float) -> list[Array]:
    """The parts of a convex polygon on each side of the line ``p @ a + c = 0``.

    Parameters
    ----------
    polygon : ndarray
        Corners, shape ``(m, 2)``, in turning order.
    a : ndarray
        The line's normal, shape ``(2,)``.
    c : float
        The line's offset.

    Returns
    -------
    list of ndarray
        The part where ``p @ a + c >= 0``, then the part where it is ``<= 0``, corners in
        the same turning order; the polygon alone if the line misses it or only touches it
        (to rounding). A part with fewer than three corners is left out.

    Examples
    --------
    >>> square = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]])
    >>> right, left = split_by_line(square, np.array([1.0, 0.0]), -0.5)  # x = 0.5
    >>> print(area(right), area(left))
    3.0 1.0
    >>> len(split_by_line(square, np.array([1.0, 0.0]), -2.0))  # x = 2 only touches it
    1
    """
    values = polygon @ a + c
    tolerance = _ON_THE_LINE * (np.abs(values).max() + abs(c))
    if values.max() <= tolerance or values.min() >= -tolerance:
        return [polygon]
    parts = []
    for keep_positive in (True, False):
        part = _clip(polygon, a, c, keep_positive)
        if part is not None:
            parts.append(part)
    return parts


def _clip(polygon: Array, a: Array, c: float, keep_positive: bool) -> Array | None:
    """The part of a convex polygon where ``p @ a + c >= 0`` (or ``<= 0``), corners in the
    same turning order, or None if fewer than three corners are left: one step of the
    Sutherland-Hodgman algorithm (walk the edges; keep the corners on the kept side and
    add the point where an edge crosses the line)."""
    values = polygon @ a + c
    if not keep_positive:
        values = -values
    corners = []
    count = len(polygon)
    for i in range(count):
        j = (i + 1) % count  # the edge from corner i to corner j
        if values[i] >= 0:
            corners.append(polygon[i])
        if (values[i] > 0 > values[j]) or (values[i] < 0 < values[j]):  # the edge crosses
            share = values[i] / (values[i] - values[j])
            corners.append(polygon[i] + (polygon[j] - polygon[i]) * share)
    return np.array(corners) if len(corners) >= 3 else None
