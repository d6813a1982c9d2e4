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
        r"""Evaluate the sum at ``x`` (a number or an array of any shape).

        Term by term, each point would cost one term per bend. Between two bends, though,
        the sum is a straight line, and that is how it is evaluated here. A term
        \(k_i\,\mathrm{relu}(x - s_i)\) is zero unless its bend lies left of ``x``
        (\(s_i < x\)), so at ``x`` the sum is
        \(c + m\,x + \sum_{s_i < x} k_i\,(x - s_i) = c + m\,x + K\,(x - r) - S\),
        where \(K = \sum_{s_i < x} k_i\) and \(S = \sum_{s_i < x} k_i\,(s_i - r)\) run
        over the bends left of ``x``, and \(r\) is any fixed number. With the bends
        sorted once, \(K\) and \(S\) for every ``x`` are running totals over them, read
        at the number of bends left of ``x``: one binary search per point. \(r\) is the
        middle of the bends, so that \(x - r\) and \(s_i - r\) stay small and so do
        the rounding errors of their products.

        Parameters
        ----------
        x : array_like
            Where to evaluate, finite.

        Returns
        -------
        ndarray of float64
            The sum at each point, with the shape of ``x``.

        Raises
        ------
        TypeError
            If ``x`` is not numeric.
        ValueError
            If ``x`` holds NaN or infinity.

        Examples
        --------
        >>> hinge = ReluSum(shifts=[1.0], weights=[2.0], offset=1.0)
        >>> hinge([0.0, 1.0, 3.0])          # 1 + 2 relu(x - 1)
        array([1., 1., 5.])
        """
        x = as_float_array(x, "x")
        shifts, weights = self._sorted()
        middle = (shifts[0] + shifts[-1]) / 2 if len(shifts) else 0.0
        slope_added = np.r_[0.0, np.cumsum(weights)]  # K after 0, 1, 2, ... bends
        height_taken = np.r_[0.0, np.cumsum(weights * (shifts - middle))]  # S likewise
        passed = np.searchsorted(shifts, x, side="left")  # how many bends lie left of x
        line = self.offset + self.slope * x
        return line + slope_added[passed] * (x - middle) - height_taken[passed]

    def _sorted(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The shifts in increasing order, and the weights in the same order."""
        order = np.argsort(self.shifts, kind="stable")
        return self.shifts[order], self.weights[order]

    def _bends(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The real bends: their shifts, sorted, and the change of slope at each.

        Shifts closer than `_MERGE_TOL` (relative to the largest) are one bend, whose change
        of slope is the sum of their weights; a bend whose change is that small (relative to
        the largest weight) is no bend and is dropped.
        """
        shifts, weights = self._sorted()
        if len(shifts) == 0:
            return shifts, weights
        shift_scale = max(1.0, float(np.max(np.abs(shifts))))
        starts_a_bend = np.r_[True, np.diff(shifts) > _MERGE_TOL * shift_scale]
        bend_shifts = shifts[starts_a_bend]
        bend_weights = np.add.reduceat(weights, np.flatnonzero(starts_a_bend))
        weight_scale = max(1.0, float(np.max(np.abs(weights))))
        real = np.abs(bend_weights) > _MERGE_TOL * weight_scale
        return bend_shifts[real], bend_weights[real]

    @property
    def kinks(self) -> NDArray[np.float64]:
        """The shifts where the slope really changes, sorted.

        Coinciding shifts count once, and a bend whose weights cancel is no bend.

        Examples
        --------
        >>> ReluSum(shifts=[2.0, 0.0, 2.0, 1.0], weights=[1.0, 1.0, -1.0, 3.0]).kinks
        array([0., 1.])
        """
        return self._bends()[0]

    @property
    def slopes(self) -> NDArray[np.float64]:
        """The slope on each straight piece, left to right: ``len(kinks) + 1`` values.

        Examples
        --------
        >>> ReluSum(shifts=[0.0, 1.0], weights=[2.0, -3.0], slope=1.0).slopes
        array([1., 3., 0.])
        """
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
        bends = w != 0
        shifts = -b[bends] / w[bends] + 0.0  # + 0.0 turns -0.0 into 0.0
        weights = np.abs(w[bends]) * v[bends]
        # relu(w x + b) with w < 0 equals |w| relu(x - h) - |w| (x - h), with h = -b / w:
        # besides its term, such a unit adds the line v (w x + b) to the sum.
        left = w < 0
        slope = float(np.sum(v[left] * w[left]))
        line_offset = float(np.sum(v[left] * b[left]))
        flat = ~bends  # relu(0 x + b) is the constant relu(b)
        constants = float(np.sum(v[flat] * np.maximum(b[flat], 0.0)))
        offset = c + line_offset + constants
        return cls(shifts=shifts, weights=weights, offset=offset, slope=slope)
