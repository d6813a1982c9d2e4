"""Linear regions: the pieces on which a ReLU network is exactly affine, found exactly:
cut along each unit's zero set, layer by layer, never sampled on a grid."""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_count, as_float_array, as_real
from .kernels import KERNELS
from .network import MLP


def _check_piecewise(mlp: MLP, d_in: int) -> None:
    if not isinstance(mlp, MLP):
        raise TypeError(f"mlp must be an MLP, got {type(mlp).__name__}")
    if not KERNELS[mlp.activation].piecewise_linear:
        raise ValueError(f"regions need a piecewise-linear activation, not {mlp.activation!r}")
    if mlp.sizes[0] != d_in:
        raise ValueError(f"mlp must take {d_in} input(s), it takes {mlp.sizes[0]}")


def _gate(mlp: MLP, z: NDArray[np.float64]) -> NDArray[np.float64]:
    """The activation's slope where ``z`` lies: 1 where on, 0 (or alpha) where off."""
    return KERNELS[mlp.activation].derivative(z, mlp.alpha)


def activation_patterns(mlp: MLP, X: ArrayLike) -> NDArray[np.bool_]:
    """Which hidden units are on (pre-activation > 0) at each row of X: ``(n, units)``.

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

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [-2.0]]], [[0.0, -1.0], [0.0]])
    >>> breakpoints_1d(net, -5, 5)
    array([0., 1.])
    """
    _check_piecewise(mlp, 1)
    lo, hi = as_real(lo, "lo"), as_real(hi, "hi")
    if not lo < hi:
        raise ValueError(f"lo must be below hi, got lo={lo}, hi={hi}")
    starts, ends = np.array([lo]), np.array([hi])
    slope, offset = np.ones((1, 1)), np.zeros((1, 1))  # layer input = slope * x + offset
    for w, b in zip(mlp.weights[:-1], mlp.biases[:-1], strict=True):
        zs, zo = slope @ w, offset @ w + b  # pre-activation per interval: zs * x + zo
        with np.errstate(divide="ignore", invalid="ignore"):
            t = -zo / zs + 0.0
        inside = (zs != 0) & (t > starts[:, None]) & (t < ends[:, None])
        rows, cols = np.nonzero(inside)
        owner = np.r_[np.arange(len(starts)), rows]
        cut = np.r_[starts, t[rows, cols]]
        order = np.lexsort((cut, owner))
        owner, cut = owner[order], cut[order]
        fresh = np.r_[True, (owner[1:] != owner[:-1]) | (np.diff(cut) > 1e-12 * (1 + abs(cut[1:])))]
        owner, cut = owner[fresh], cut[fresh]
        last = np.r_[owner[1:] != owner[:-1], True]
        starts, ends = cut, np.where(last, ends[owner], np.r_[cut[1:], 0.0])
        middle = (starts + ends) / 2
        zs, zo = zs[owner], zo[owner]
        gate = _gate(mlp, zs * middle[:, None] + zo)
        slope, offset = zs * gate, zo * gate
    return starts[1:]


def count_regions_1d(mlp: MLP, lo: float, hi: float) -> int:
    """Number of pieces of ``[lo, hi]`` on which each hidden unit keeps one state, exactly.

    Examples
    --------
    >>> tent = MLP([[[2.0, 2.0]], [[1.0], [-2.0]]], [[0.0, -1.0], [0.0]])
    >>> count_regions_1d(tent, 0.0, 1.0)
    2
    """
    return len(breakpoints_1d(mlp, lo, hi)) + 1


@dataclass(frozen=True, eq=False)
class LinearRegion:
    """A convex polygon (``vertices``, counter-clockwise) on which the network equals
    ``x @ weight + bias``; ``pattern`` holds the on/off state of every hidden unit.

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
        x, y = self.vertices.T
        return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def _clip(poly: NDArray[np.float64], a: NDArray[np.float64], c: float, keep_positive: bool):
    """Part of a convex polygon where ``a . p + c`` is > 0 (or <= 0): one half-plane cut."""
    values = poly @ a + c
    if not keep_positive:
        values = -values
    out = []
    for i in range(len(poly)):
        p, q, vp, vq = poly[i], poly[(i + 1) % len(poly)], values[i], values[(i + 1) % len(poly)]
        if vp >= 0:
            out.append(p)
        if (vp > 0 > vq) or (vp < 0 < vq):
            out.append(p + (q - p) * (vp / (vp - vq)))
    return np.array(out) if len(out) >= 3 else None


def linear_regions_2d(mlp: MLP, box: ArrayLike) -> list[LinearRegion]:
    """The exact convex pieces of ``box = (xmin, xmax, ymin, ymax)`` on which a two-input
    network is affine: each region is split by each unit's zero line, layer by layer.

    Examples
    --------
    >>> net = MLP([[[1.0, 0.0], [0.0, 1.0]], [[1.0], [1.0]]], [[0.0, 0.0], [0.0]])
    >>> len(linear_regions_2d(net, (-1, 1, -1, 1)))
    4
    """
    _check_piecewise(mlp, 2)
    xmin, xmax, ymin, ymax = as_float_array(box, "box", ndim=1) if len(box) == 4 else (None,) * 4
    if xmin is None or not (xmin < xmax and ymin < ymax):
        raise ValueError("box must be (xmin, xmax, ymin, ymax) with xmin < xmax and ymin < ymax")
    square = np.array([[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]])
    # each piece: polygon, layer input as p @ A + c, pattern so far
    pieces = [(square, np.eye(2), np.zeros(2), np.zeros(0, bool))]
    for w, b in zip(mlp.weights[:-1], mlp.biases[:-1], strict=True):
        next_pieces = []
        for poly, A, c, pattern in pieces:
            S, off = A @ w, c @ w + b
            parts = [poly]
            for j in range(w.shape[1]):
                split = []
                for part in parts:
                    values = part @ S[:, j] + off[j]
                    tol = 1e-12 * (np.abs(values).max() + abs(off[j]))
                    if values.max() <= tol or values.min() >= -tol:
                        split.append(part)  # the line misses (or only touches) this piece
                        continue
                    for side in (True, False):
                        piece = _clip(part, S[:, j], off[j], side)
                        if piece is not None:
                            split.append(piece)
                parts = split
            for part in parts:
                z = part.mean(axis=0) @ S + off
                on, gate = z > 0, _gate(mlp, z)
                next_pieces.append((part, S * gate, off * gate, np.r_[pattern, on]))
        pieces = next_pieces
    return [
        LinearRegion(poly, pattern, A @ mlp.weights[-1], c @ mlp.weights[-1] + mlp.biases[-1])
        for poly, A, c, pattern in pieces
    ]


def count_regions_2d(mlp: MLP, box: ArrayLike) -> int:
    """Number of linear regions of a two-input network inside ``box``, exactly.

    Examples
    --------
    >>> net = MLP.random([2, 5, 1], rng=0, bias=0.1)
    >>> count_regions_2d(net, (-100, 100, -100, 100)) <= max_regions_shallow(2, 5)
    True
    """
    return len(linear_regions_2d(mlp, box))


def max_regions_shallow(d_in: int, width: int) -> int:
    r"""Most regions ``width`` hyperplanes (one hidden layer) cut \(\mathbb{R}^{d}\) into:
    \(\sum_{i=0}^{d} \binom{\text{width}}{i}\).

    Examples
    --------
    >>> max_regions_shallow(2, 4)      # 1 + 4 + 6
    11
    """
    d_in, width = as_count(d_in, "d_in"), as_count(width, "width", minimum=0)
    return sum(comb(width, i) for i in range(d_in + 1))
