"""Dead units: ReLUs that are off on every input of a dataset, found, counted and revived.

The one definition used everywhere (here and in `fit`'s history): a hidden unit is dead
on a dataset when its pre-activation is ``<= 0`` on every row. A dead ReLU outputs 0 on
all of it and passes back zero gradient, so gradient descent on that data never changes
its incoming weights or bias.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_rng
from .network import MLP


def dead_mask(z: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Which units are dead, from their pre-activations ``z`` with rows on axis -2.

    ``z`` of shape ``(n, units)`` gives ``(units,)``; a stack ``(k, n, units)`` gives
    ``(k, units)``.

    Examples
    --------
    >>> dead_mask(np.array([[-1.0, 0.0, 2.0], [-3.0, 0.0, -1.0]]))
    array([ True,  True, False])
    """
    return (z <= 0).all(axis=-2)


def dead_fraction(
    pre_activations: list[NDArray[np.float64]],
) -> np.float64 | NDArray[np.float64]:
    """Share of all hidden units that are dead, from the hidden layers' pre-activations
    (0 for a network without hidden layers); one value per network of a stack.

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [1.0]]], [[-10.0, 0.5], [0.0]])
    >>> print(dead_fraction(net.pre_activations([0.0, 1.0])))
    0.5
    """
    if not pre_activations:
        return np.float64(0.0)
    dead = sum(dead_mask(z).sum(axis=-1) for z in pre_activations)
    return dead / sum(z.shape[-1] for z in pre_activations)


def dead_units(mlp: MLP, X: ArrayLike) -> list[NDArray[np.bool_]]:
    """For each hidden layer, which units are dead on X (`dead_mask` of its pre-activations).

    Parameters
    ----------
    mlp : MLP
        The network.
    X : array_like
        The inputs, shape ``(n, d_in)`` (or ``(n,)`` when ``d_in = 1``).

    Returns
    -------
    list of ndarray of bool
        One mask per hidden layer.

    Raises
    ------
    TypeError
        If ``mlp`` is not an `MLP`.
    ValueError
        If ``X`` does not fit the network's input width.

    Examples
    --------
    >>> weights = [[[1.0, 1.0, 1.0]], [[1.0], [1.0], [1.0]]]
    >>> net = MLP(weights, [[-10.0, 10.0, 10.0], [0.0]])
    >>> dead_units(net, np.linspace(-4, 4, 9))
    [array([ True, False, False])]
    """
    if not isinstance(mlp, MLP):
        raise TypeError(f"mlp must be an MLP, got {type(mlp).__name__}")
    return [dead_mask(z) for z in mlp.pre_activations(X)]


def revive_dead_units(mlp: MLP, X: ArrayLike, *, rng: object = 0) -> int:
    """Re-initialise, in place, the incoming weights of every unit dead on X (He scale,
    bias 0) and zero its outgoing weights, so the network's output is unchanged.

    Parameters
    ----------
    mlp : MLP
        Updated in place.
    X : array_like
        The data the units are dead on.
    rng : int or numpy.random.Generator, default 0
        Draws the fresh weights.

    Returns
    -------
    int
        How many units were re-initialised.

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [1.0]]], [[-10.0, 0.5], [0.0]])
    >>> revive_dead_units(net, [0.0, 1.0], rng=0)
    1
    >>> dead_units(net, [0.0, 1.0])
    [array([False, False])]
    """
    generator = as_rng(rng)
    revived = 0
    for layer, mask in enumerate(dead_units(mlp, X)):
        count = int(mask.sum())
        if count:
            fan_in = mlp.weights[layer].shape[0]
            mlp.weights[layer][:, mask] = generator.normal(0, np.sqrt(2 / fan_in), (fan_in, count))
            mlp.biases[layer][mask] = 0.0
            mlp.weights[layer + 1][mask, :] = 0.0
            revived += count
    return revived
