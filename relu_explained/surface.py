"""The surface of a two-input network: its graph y(x1, x2) over a box, made of flat
facets, one per linear region, that meet along creases (the units' fold lines)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .network import MLP
from .regions import LinearRegion, linear_regions_2d


@dataclass(frozen=True, eq=False)
class Facet:
    """One flat piece of a two-input network's surface: a linear region lifted to the
    height the network has there.

    Edge ``i`` runs from ``region.vertices[i]`` to ``region.vertices[i + 1]`` (the last
    back to the first). It lies on the fold line of hidden unit ``crease_unit[i]`` of
    hidden layer ``crease_layer[i]`` (both counted from 0), or on the edge of the box,
    where both are -1.

    Examples
    --------
    >>> net = MLP([[[1.0], [0.0]], [[1.0]]], [[0.0], [0.0]])  # relu(x1)
    >>> left, right = sorted(facets(net, (-1, 1, 0, 1)), key=lambda f: f.heights.max())
    >>> print(left.heights, right.heights)
    [0. 0. 0. 0.] [0. 1. 1. 0.]
    >>> right.crease_layer, right.crease_unit  # the left edge is x1 = 0, unit 0's fold
    (array([-1, -1, -1,  0]), array([-1, -1, -1,  0]))
    """

    region: LinearRegion
    heights: NDArray[np.float64]
    crease_layer: NDArray[np.int_]
    crease_unit: NDArray[np.int_]

    @property
    def corners(self) -> NDArray[np.float64]:
        """The facet's corners in 3-D: ``(x1, x2, y)`` rows."""
        return np.column_stack([self.region.vertices, self.heights])


def facets(mlp: MLP, box: ArrayLike) -> list[Facet]:
    """The facets of the surface ``y(x1, x2)`` of a two-input, one-output network over
    ``box = (xmin, xmax, ymin, ymax)``: one per region `linear_regions_2d` finds, in
    its order, with the height at each corner and the unit whose fold each edge lies on.

    Parameters
    ----------
    mlp : MLP
        Two inputs, one output, a piecewise-linear activation.
    box : array_like
        ``(xmin, xmax, ymin, ymax)``, as for `linear_regions_2d`.

    Returns
    -------
    list of Facet

    Raises
    ------
    ValueError
        If ``mlp`` does not have one output, or as `linear_regions_2d` raises
        (two inputs, a piecewise-linear activation, a proper ``box``).

    Notes
    -----
    A box edge is an edge whose two corners share the box's side. Any other edge lies on
    the zero line of the unit whose pre-activation is nearest zero at both of its corners,
    relative to the largest that unit reaches on the facet: on the region, every unit's
    pre-activation is affine, so it is zero along the whole edge.

    Examples
    --------
    >>> net = MLP([[[1.0, 0.0], [0.0, 1.0]], [[1.0], [1.0]]], [[0.0, 0.0], [0.0]])
    >>> pieces = facets(net, (-1, 1, -1, 1))   # relu(x1) + relu(x2): four facets
    >>> print(len(pieces), max(float(f.heights.max()) for f in pieces))
    4 2.0
    """
    if isinstance(mlp, MLP) and mlp.sizes[-1] != 1:
        raise ValueError(f"mlp must have one output, it has {mlp.sizes[-1]}")
    regions = linear_regions_2d(mlp, box)
    sides = np.asarray(box, dtype=np.float64)
    layer_of = np.concatenate([np.full(w.shape[1], i) for i, w in enumerate(mlp.weights[:-1])])
    unit_of = np.concatenate([np.arange(w.shape[1]) for w in mlp.weights[:-1]])
    return [_facet(mlp, region, sides, layer_of, unit_of) for region in regions]


def _facet(mlp, region, sides, layer_of, unit_of) -> Facet:
    corners = region.vertices
    heights = (corners @ region.weight + region.bias)[:, 0]
    z = np.concatenate(mlp.pre_activations(corners), axis=1)  # (corners, hidden units)
    reach = np.abs(z).max(axis=0)
    relative = np.abs(z) / np.where(reach > 0, reach, np.inf)
    ends = np.roll(np.arange(len(corners)), -1)
    layer = np.full(len(corners), -1)
    unit = np.full(len(corners), -1)
    for i, j in enumerate(ends):
        p, q = corners[i], corners[j]
        on_box_side = (p[0] == q[0] and p[0] in sides[:2]) or (p[1] == q[1] and p[1] in sides[2:])
        if not on_box_side and z.shape[1]:
            k = int(np.argmax(-np.maximum(relative[i], relative[j])))
            layer[i], unit[i] = layer_of[k], unit_of[k]
    return Facet(region, heights, layer, unit)
