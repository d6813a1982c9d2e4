"""Sums of shifted ReLUs: the exact form of every one-input, one-hidden-layer ReLU network."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_float_array, as_real

_MERGE_TOL = 1e-12  # shifts closer than this (relative) are one bend


@dataclass(frozen=True, eq=False)
class ReluSum:
    r"""The function \(y(x) = c + m\,x + \sum_i k_i\,\mathrm{relu}(x - s_i)\).

    Each term is zero left of its shift (bend) \(s_i\) and rises with slope \(k_i\)
    right of it, so crossing \(s_i\) changes the slope of the sum by exactly \(k_i\).
    The offset \(c\) and the starting slope \(m\) are those of the sum, not of any
    unit: a network's biases \(b_i\) set the bends, see ``from_network``.

    Parameters
    ----------
    shifts : array_like
        Where each term bends, 1-D.
    weights : array_like
        The changes of slope \(k_i\), one per term, 1-D, same length as ``shifts``.
    offset : float, default 0.0
        The offset \(c\): the value at ``x = 0`` of the linear part.
    slope : float, default 0.0
        The starting slope \(m\), left of every bend.

    Raises
    ------
    ValueError
        If ``shifts`` and ``weights`` are not 1-D of the same length, or hold NaN or infinity.

    Examples
    --------
    >>> s = ReluSum(shifts=[0.0, 1.0], weights=[2.0, -3.0])
    >>> s([-1.0, 0.5, 2.0])
    array([0., 1., 1.])
    >>> s.kinks, s.slopes
    (array([0., 1.]), array([ 0.,  2., -1.]))
    """

    shifts: NDArray[np.float64]
    weights: NDArray[np.float64]
    offset: float = 0.0
    slope: float = 0.0

    def __post_init__(self) -> None:
        shifts = as_float_array(self.shifts, "shifts", ndim=1)
        weights = as_float_array(self.weights, "weights", ndim=1)
        if shifts.shape != weights.shape:
            raise ValueError(
                f"shifts and weights must have the same length, got {len(shifts)} and "
                f"{len(weights)}"
            )
        object.__setattr__(self, "shifts", shifts)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "offset", as_real(self.offset, "offset"))
        object.__setattr__(self, "slope", as_real(self.slope, "slope"))

    def __call__(self, x: ArrayLike) -> NDArray[np.float64]:
        r"""The sum at ``x`` (any shape): \(c + m\,x + K\,(x - r) - S\), with \(K, S\) the
        sums of \(k_i\) and \(k_i (s_i - r)\) over the bends left of ``x`` and \(r\) their
        middle (small products): a binary search per point, not a term per bend."""
        x = as_float_array(x, "x")
        order = np.argsort(self.shifts, kind="stable")
        shifts, weights = self.shifts[order], self.weights[order]
        middle = (shifts[0] + shifts[-1]) / 2 if len(shifts) else 0.0
        rises, drops = (np.r_[0.0, np.cumsum(v)] for v in (weights, weights * (shifts - middle)))
        passed = np.searchsorted(shifts, x, side="left")  # bends strictly left of x
        return self.offset + self.slope * x + rises[passed] * (x - middle) - drops[passed]

    def _bends(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Distinct shifts (sorted) with their summed weights, zero-weight ones dropped."""
        order = np.argsort(self.shifts, kind="stable")
        shifts, weights = self.shifts[order], self.weights[order]
        scale = max(1.0, float(np.max(np.abs(shifts), initial=0.0)))
        starts = np.r_[True, np.diff(shifts) > _MERGE_TOL * scale]
        merged_shifts = shifts[starts]
        merged_weights = (
            np.add.reduceat(weights, np.flatnonzero(starts)) if len(shifts) else weights
        )
        wscale = max(1.0, float(np.max(np.abs(weights), initial=0.0)))
        real = np.abs(merged_weights) > _MERGE_TOL * wscale
        return merged_shifts[real], merged_weights[real]

    @property
    def kinks(self) -> NDArray[np.float64]:
        """The shifts where the slope really changes, sorted (coinciding shifts count once,
        and a bend whose weights cancel is no bend)."""
        return self._bends()[0]

    @property
    def slopes(self) -> NDArray[np.float64]:
        """The slope on each straight piece, left to right: ``len(kinks) + 1`` values."""
        return self.slope + np.r_[0.0, np.cumsum(self._bends()[1])]

    @classmethod
    def interpolating(cls, knots: ArrayLike, values: ArrayLike) -> ReluSum:
        """The sum through the points ``(knots[i], values[i])``, straight between them.

        Left of the first knot it continues the first segment's line, right of the last
        knot the last segment's line. It uses one ReLU per interior knot.

        Parameters
        ----------
        knots : array_like
            Strictly increasing, 1-D, at least two.
        values : array_like
            The values to hit, same length as ``knots``.

        Returns
        -------
        ReluSum
            With ``len(knots) - 2`` terms.

        Raises
        ------
        ValueError
            If the knots are fewer than two, not strictly increasing, or the lengths differ.

        Examples
        --------
        >>> hat = ReluSum.interpolating([-1.0, 0.0, 1.0], [0.0, 1.0, 0.0])
        >>> hat([-1.0, -0.5, 0.0, 2.0])
        array([ 0. ,  0.5,  1. , -1. ])
        """
        knots = as_float_array(knots, "knots", ndim=1)
        values = as_float_array(values, "values", ndim=1)
        if len(knots) != len(values):
            raise ValueError(
                f"knots and values must have the same length, got {len(knots)} and {len(values)}"
            )
        if len(knots) < 2:
            raise ValueError(f"knots must hold at least two points, got {len(knots)}")
        if np.any(np.diff(knots) <= 0):
            raise ValueError("knots must be strictly increasing")
        segment_slopes = np.diff(values) / np.diff(knots)
        first = float(segment_slopes[0])
        return cls(
            shifts=knots[1:-1],
            weights=np.diff(segment_slopes),
            offset=float(values[0] - first * knots[0]),
            slope=first,
        )

    @classmethod
    def from_network(cls, w: ArrayLike, b: ArrayLike, v: ArrayLike, c: float = 0.0) -> ReluSum:
        r"""The sum equal to the network \(c + \sum_i v_i\,\mathrm{relu}(w_i x + b_i)\).

        A unit with \(w_i > 0\) bends at \(-b_i / w_i\) and adds slope
        \(v_i w_i\) to the right. A unit with \(w_i < 0\) is on to the *left* of
        its bend; it is rewritten exactly with
        \(\mathrm{relu}(-z) = \mathrm{relu}(z) - z\), so it adds a line to ``slope``
        and ``offset``. A unit with \(w_i = 0\) is the constant \(v_i\,\mathrm{relu}(b_i)\).

        Parameters
        ----------
        w, b, v : array_like
            Input weights, biases and output weights of the hidden units, 1-D, same length.
        c : float, default 0.0
            Output bias.

        Returns
        -------
        ReluSum
            Equal to the network for every ``x``.

        Raises
        ------
        ValueError
            If the three arrays are not 1-D of one length, or are not finite.

        Examples
        --------
        >>> s = ReluSum.from_network(w=[1.0, -2.0], b=[0.0, 2.0], v=[1.0, 1.0])
        >>> s.kinks, s.slopes
        (array([0., 1.]), array([-2., -1.,  1.]))
        """
        w = as_float_array(w, "w", ndim=1)
        b = as_float_array(b, "b", ndim=1)
        v = as_float_array(v, "v", ndim=1)
        if not len(w) == len(b) == len(v):
            raise ValueError(f"w, b and v must have one length, got {len(w)}, {len(b)}, {len(v)}")
        c = as_real(c, "c")
        live = w != 0
        shifts = -b[live] / w[live] + 0.0  # + 0.0 turns -0.0 into 0.0
        weights = np.abs(w[live]) * v[live]
        negative = w[live] < 0
        # relu(w x + b) with w < 0 equals |w| relu(x - h) - |w| (x - h), with h = -b / w
        slope = float(np.sum(v[live][negative] * w[live][negative]))
        offset = c + float(np.sum(v[live][negative] * b[live][negative]))
        offset += float(np.sum(v[~live] * np.maximum(b[~live], 0.0)))
        return cls(shifts=shifts, weights=weights, offset=offset, slope=slope)
