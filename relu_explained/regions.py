"""Linear regions: the pieces on which a ReLU network is exactly affine.

A hidden unit with a piecewise-linear activation is one straight piece on each side of
the set where its pre-activation is 0 (a point on a line, a line in the plane). Inside a
region where no unit changes side, every layer is affine, and so is the network. The
functions here find those regions exactly, never by sampling a grid: start from the
whole interval (or box), and for each hidden layer in turn, cut every piece found so far
where a unit of that layer changes side, then write the layer's output on each new
piece as an affine function of the input, ready for the next layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_count, as_float_array, as_real
from .kernels import KERNELS
from .network import MLP
from .polygons import area, split_by_line

Array = NDArray[np.float64]

_SAME_POINT = 1e-12  # two cuts closer than this (relative) are one


def _check_piecewise(mlp: MLP, d_in: int) -> None:
    """An error unless ``mlp`` is an `MLP` of piecewise-linear units taking ``d_in`` inputs."""
    if not isinstance(mlp, MLP):
        raise TypeError(f"mlp must be an MLP, got {type(mlp).__name__}")
    if not KERNELS[mlp.activation].piecewise_linear:
        raise ValueError(f"regions need a piecewise-linear activation, not {mlp.activation!r}")
    if mlp.sizes[0] != d_in:
        raise ValueError(f"mlp must take {d_in} input(s), it takes {mlp.sizes[0]}")


def _gate(mlp: MLP, z: Array) -> Array:
    """The activation's slope where ``z`` lies: 1 where on, 0 (or alpha) where off.

    On a piece where a unit does not change side, its output is this slope times ``z``
    (true of ReLU, Leaky ReLU and the identity), so the output stays affine.
    """
    return KERNELS[mlp.activation].derivative(z, mlp.alpha)


def activation_patterns(mlp: MLP, X: ArrayLike) -> NDArray[np.bool_]:
    """Which hidden units are on (pre-activation > 0) at each row of X.

    Parameters
    ----------
    mlp : MLP
        The network.
    X : array_like
        Inputs, shape ``(n, d_in)`` (or ``(n,)`` when ``d_in = 1``).

    Returns
    -------
    ndarray of bool
        Shape ``(n, units)``: the hidden units of every layer, first layer first.

    Raises
    ------
    ValueError
        If ``X`` does not fit the network's input width.

    Examples
    --------
    >>> net = MLP([[[1.0, -1.0]], [[1.0], [1.0]]], [[0.0, 0.0], [0.0]])
    >>> activation_patterns(net, [-1.0, 2.0])
    array([[False,  True],
           [ True, False]])
    """
    return np.concatenate([z > 0 for z in mlp.pre_activations(X)], axis=1)


def breakpoints_1d(mlp: MLP, lo: float, hi: float) -> NDArray[np.float64]:
    """Every x in ``(lo, hi)`` where some hidden unit of a one-input network switches.

    Between two neighbouring breakpoints no unit changes side, so the network is one
    straight line there.

    Parameters
    ----------
    mlp : MLP
        A network with one input and a piecewise-linear activation.
    lo, hi : float
        The interval, ``lo < hi``.

    Returns
    -------
    ndarray of float64
        The breakpoints, increasing.

    Raises
    ------
    TypeError
        If ``mlp`` is not an `MLP`.
    ValueError
        If the network takes more than one input, its activation is not piecewise
        linear, or ``lo >= hi``.

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [-2.0]]], [[0.0, -1.0], [0.0]])
    >>> breakpoints_1d(net, -5, 5)
    array([0., 1.])
    """
    _check_piecewise(mlp, 1)
    lo = as_real(lo, "lo")
    hi = as_real(hi, "hi")
    if not lo < hi:
        raise ValueError(f"lo must be below hi, got lo={lo}, hi={hi}")
    # The pieces found so far, [starts[i], ends[i]], and on each the input of the current
    # layer as an affine function of x: h = x * slope[i] + offset[i] (one column per input).
    starts = np.array([lo])
    ends = np.array([hi])
    slope = np.ones((1, 1))
    offset = np.zeros((1, 1))
    for W, b in zip(mlp.weights[:-1], mlp.biases[:-1], strict=True):
        z_slope = slope @ W  # on each piece, z = x * z_slope + z_offset, one column per unit
        z_offset = offset @ W + b
        starts, ends, parent = _cut_where_units_switch(starts, ends, z_slope, z_offset)
        z_slope = z_slope[parent]  # a new piece has the z of the piece it was cut from
        z_offset = z_offset[parent]
        middle = (starts + ends) / 2
        gate = _gate(mlp, z_slope * middle[:, None] + z_offset)
        slope = z_slope * gate
        offset = z_offset * gate
    return starts[1:]  # where every piece but the first begins


def _cut_where_units_switch(
    starts: Array, ends: Array, z_slope: Array, z_offset: Array
) -> tuple[Array, Array, NDArray[np.intp]]:
    """Cut each piece ``[starts[i], ends[i]]`` wherever a unit's ``z`` crosses 0 inside it.

    Returns the new pieces' starts and ends, left to right, and for each new piece the
    index of the piece it was cut from (its ``parent``).
    """
    with np.errstate(divide="ignore", invalid="ignore"):  # a unit with z_slope 0 never crosses
        crossing = -z_offset / z_slope + 0.0  # where z = 0; + 0.0 turns -0.0 into 0.0
    inside = (z_slope != 0) & (crossing > starts[:, None]) & (crossing < ends[:, None])
    piece, unit = np.nonzero(inside)
    # Every new piece starts at an old start or at a crossing inside an old piece.
    parent = np.r_[np.arange(len(starts)), piece]
    new_starts = np.r_[starts, crossing[piece, unit]]
    order = np.lexsort((new_starts, parent))  # by parent, then left to right
    parent = parent[order]
    new_starts = new_starts[order]
    # Units that cross at the same x (to rounding) make one cut.
    other_parent = parent[1:] != parent[:-1]
    apart = np.diff(new_starts) > _SAME_POINT * (1 + abs(new_starts[1:]))
    distinct = np.r_[True, other_parent | apart]
    parent = parent[distinct]
    new_starts = new_starts[distinct]
    # A new piece ends where the next one starts, or, the last of its parent, where it did.
    last_of_parent = np.r_[parent[1:] != parent[:-1], True]
    next_start = np.r_[new_starts[1:], 0.0]
    new_ends = np.where(last_of_parent, ends[parent], next_start)
    return new_starts, new_ends, parent


def count_regions_1d(mlp: MLP, lo: float, hi: float) -> int:
    """Number of pieces of ``[lo, hi]`` on which each hidden unit keeps one state, exactly.

    Parameters
    ----------
    mlp : MLP
        A network with one input and a piecewise-linear activation.
    lo, hi : float
        The interval, ``lo < hi``.

    Returns
    -------
    int
        ``len(breakpoints_1d(mlp, lo, hi)) + 1``.

    Raises
    ------
    TypeError, ValueError
        As `breakpoints_1d`.

    Examples
    --------
    >>> tent = MLP([[[2.0, 2.0]], [[1.0], [-2.0]]], [[0.0, -1.0], [0.0]])
    >>> count_regions_1d(tent, 0.0, 1.0)
    2
    """
    return len(breakpoints_1d(mlp, lo, hi)) + 1


@dataclass(frozen=True, eq=False)
class LinearRegion:
    """A convex polygon on which a two-input network is one affine map.

    Attributes
    ----------
    vertices : ndarray of float64
        The corners, shape ``(m, 2)``, counter-clockwise.
    pattern : ndarray of bool
        The on/off state of every hidden unit inside the polygon, first layer first.
    weight, bias : ndarray of float64
        The network equals ``x @ weight + bias`` at every point ``x`` of the polygon.

    Examples
    --------
    >>> net = MLP([[[1.0], [0.0]], [[1.0]]], [[0.0], [0.0]])  # relu(x1)
    >>> regions = linear_regions_2d(net, (-1, 1, 0, 1))
    >>> [(r.pattern.tolist(), r.area) for r in regions]
    [([True], 1.0), ([False], 1.0)]
    """

    vertices: NDArray[np.float64]
    pattern: NDArray[np.bool_]
    weight: NDArray[np.float64]
    bias: NDArray[np.float64]

    @property
    def area(self) -> float:
        """The polygon's area (shoelace formula), positive as the corners turn
        counter-clockwise."""
        return area(self.vertices)


@dataclass(frozen=True, eq=False)
class _Piece:
    """A convex polygon found so far, and on it the current layer's input as an affine
    function of the point ``p``: ``h = p @ weight + bias``."""

    polygon: Array
    weight: Array
    bias: Array
    pattern: NDArray[np.bool_]  # the units of the layers before, on or off


def linear_regions_2d(mlp: MLP, box: ArrayLike) -> list[LinearRegion]:
    """The exact convex pieces of a box on which a two-input network is affine.

    Each piece is split by the zero line of every unit, layer by layer.

    Parameters
    ----------
    mlp : MLP
        A network with two inputs and a piecewise-linear activation.
    box : array_like
        ``(xmin, xmax, ymin, ymax)``, with ``xmin < xmax`` and ``ymin < ymax``.

    Returns
    -------
    list of LinearRegion
        Regions that tile the box.

    Raises
    ------
    TypeError
        If ``mlp`` is not an `MLP`.
    ValueError
        If the network does not take two inputs, its activation is not piecewise linear,
        or ``box`` is not four numbers as above.

    Examples
    --------
    >>> net = MLP([[[1.0, 0.0], [0.0, 1.0]], [[1.0], [1.0]]], [[0.0, 0.0], [0.0]])
    >>> len(linear_regions_2d(net, (-1, 1, -1, 1)))
    4
    """
    _check_piecewise(mlp, 2)
    xmin, xmax, ymin, ymax = _check_box(box)
    square = np.array([[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]])
    pieces = [_Piece(square, np.eye(2), np.zeros(2), np.zeros(0, bool))]
    for W, b in zip(mlp.weights[:-1], mlp.biases[:-1], strict=True):
        pieces = [part for piece in pieces for part in _split_by_layer(mlp, piece, W, b)]
    W_out = mlp.weights[-1]
    b_out = mlp.biases[-1]
    return [
        LinearRegion(piece.polygon, piece.pattern, piece.weight @ W_out, piece.bias @ W_out + b_out)
        for piece in pieces
    ]


def _check_box(box: ArrayLike) -> Array:
    """``box`` as four numbers ``xmin < xmax``, ``ymin < ymax``, or an error."""
    corners = as_float_array(box, "box")
    if corners.shape != (4,) or not (corners[0] < corners[1] and corners[2] < corners[3]):
        raise ValueError("box must be (xmin, xmax, ymin, ymax) with xmin < xmax and ymin < ymax")
    return corners


def _split_by_layer(mlp: MLP, piece: _Piece, W: Array, b: Array) -> list[_Piece]:
    """Cut ``piece`` along the zero line of every unit of the layer ``(W, b)``; on each
    part, the layer's output is affine: the input of the next layer."""
    z_weight = piece.weight @ W  # on this piece, z = p @ z_weight + z_bias
    z_bias = piece.bias @ W + b
    parts = [piece.polygon]
    for unit in range(W.shape[1]):
        line = z_weight[:, unit]  # the unit's zero line: p @ line + z_bias[unit] = 0
        parts = [half for part in parts for half in split_by_line(part, line, z_bias[unit])]
    result = []
    for part in parts:
        z = part.mean(axis=0) @ z_weight + z_bias  # at a point inside the part
        gate = _gate(mlp, z)
        pattern = np.r_[piece.pattern, z > 0]
        result.append(_Piece(part, z_weight * gate, z_bias * gate, pattern))
    return result


def count_regions_2d(mlp: MLP, box: ArrayLike) -> int:
    """Number of linear regions of a two-input network inside ``box``, exactly.

    Parameters
    ----------
    mlp : MLP
        A network with two inputs and a piecewise-linear activation.
    box : array_like
        ``(xmin, xmax, ymin, ymax)``, as in `linear_regions_2d`.

    Returns
    -------
    int
        ``len(linear_regions_2d(mlp, box))``.

    Raises
    ------
    TypeError, ValueError
        As `linear_regions_2d`.

    Examples
    --------
    >>> net = MLP.random([2, 5, 1], rng=0, bias=0.1)
    >>> count_regions_2d(net, (-100, 100, -100, 100)) <= max_regions_shallow(2, 5)
    True
    """
    return len(linear_regions_2d(mlp, box))


def max_regions_shallow(d_in: int, width: int) -> int:
    r"""Most regions ``width`` hyperplanes (one hidden layer) cut \(\mathbb{R}^{d}\) into.

    That is \(\sum_{i=0}^{d} \binom{\text{width}}{i}\), reached when the hyperplanes are in
    general position.

    Parameters
    ----------
    d_in : int
        The input dimension \(d\), at least 1.
    width : int
        The number of hyperplanes (hidden units), at least 0.

    Returns
    -------
    int
        The largest number of regions.

    Raises
    ------
    TypeError
        If either is not an integer.
    ValueError
        If ``d_in < 1`` or ``width < 0``.

    Examples
    --------
    >>> max_regions_shallow(2, 4)      # 1 + 4 + 6
    11
    """
    d_in = as_count(d_in, "d_in")
    width = as_count(width, "width", minimum=0)
    return sum(comb(width, i) for i in range(d_in + 1))
