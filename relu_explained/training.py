"""Gradient descent, and the units it can never reach again: dead ReLUs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_count, as_real, as_rng
from .network import MLP


@dataclass(frozen=True)
class History:
    """What `fit` saw: ``loss[t]`` and ``dead_fraction[t]`` before step ``t``, and
    after the last step at index ``steps``.

    Examples
    --------
    >>> history = MLP.random([1, 4, 1], rng=0).fit([0.0, 1.0], [1.0, 0.0], steps=10)
    >>> history.loss.shape
    (11,)
    """

    loss: NDArray[np.float64]
    dead_fraction: NDArray[np.float64]


def dead_units(mlp: MLP, X: ArrayLike) -> list[NDArray[np.bool_]]:
    """For each hidden layer, which units have a pre-activation ``<= 0`` on every row of X.

    Such a ReLU unit outputs 0 on all of X and passes back zero gradient, so gradient
    descent on X never changes its incoming weights or bias.

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

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0, 1.0]], [[1.0], [1.0], [1.0]]], [[-10.0, 10.0, 10.0], [0.0]])
    >>> dead_units(net, np.linspace(-4, 4, 9))
    [array([ True, False, False])]
    """
    if not isinstance(mlp, MLP):
        raise TypeError(f"mlp must be an MLP, got {type(mlp).__name__}")
    return [np.all(z <= 0, axis=0) for z in mlp.pre_activations(X)]


def _dead_fraction(zs: list[NDArray[np.float64]]) -> float:
    """Share of hidden units off on every row, from the layers' pre-activations."""
    hidden = zs[:-1]
    if not hidden:
        return 0.0
    return float(
        sum(np.all(z <= 0, axis=0).sum() for z in hidden) / sum(z.shape[1] for z in hidden)
    )


def fit(
    mlp: MLP,
    X: ArrayLike,
    y: ArrayLike,
    *,
    lr: float = 0.01,
    steps: int = 1000,
    batch_size: int | None = None,
    rng: object = 0,
) -> History:
    """Train ``mlp`` in place by plain gradient descent on the mean squared error.

    Parameters
    ----------
    mlp : MLP
        Updated in place.
    X, y : array_like
        Inputs ``(n, d_in)`` and targets ``(n, d_out)`` (1-D when the width is 1).
    lr : float, default 0.01
        Step size, positive.
    steps : int, default 1000
        Number of updates, at least 1.
    batch_size : int, optional
        Rows per step, drawn without replacement each step; ``None`` uses all rows.
    rng : int or numpy.random.Generator, default 0
        Draws the mini-batches.

    Returns
    -------
    History
        Loss and dead fraction on all of X, ``steps + 1`` values each.

    Raises
    ------
    ValueError
        If ``lr`` or ``steps`` is not positive, or shapes do not match the network.

    Examples
    --------
    >>> net = MLP.random([1, 16, 1], rng=0)
    >>> x = np.linspace(-1, 1, 50)
    >>> history = fit(net, x, x**2, lr=0.1, steps=500)
    >>> bool(history.loss[-1] < history.loss[0] / 10)
    True
    """
    lr = as_real(lr, "lr", positive=True)
    steps = as_count(steps, "steps")
    X = mlp._inputs(X)
    y = mlp._targets(y, len(X))
    if batch_size is not None:
        batch_size = min(as_count(batch_size, "batch_size"), len(X))
    generator = as_rng(rng)
    losses, dead = np.empty(steps + 1), np.empty(steps + 1)
    for step in range(steps + 1):
        loss, grads, zs = mlp._backprop(X, y)
        losses[step], dead[step] = loss, _dead_fraction(zs)
        if step == steps:
            break
        if batch_size is not None:
            rows = generator.choice(len(X), size=batch_size, replace=False)
            _, grads, _ = mlp._backprop(X[rows], y[rows])
        for w, g in zip(mlp.weights + mlp.biases, grads.weights + grads.biases, strict=True):
            w -= lr * g
    return History(losses, dead)


def revive_dead_units(mlp: MLP, X: ArrayLike, *, rng: object = 0) -> int:
    """Re-initialise, in place, the incoming weights of every dead unit (He scale, bias 0)
    and zero its outgoing weights, so the network's output is unchanged. Returns how many.

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [1.0]]], [[-10.0, 0.5], [0.0]])
    >>> revive_dead_units(net, [0.0, 1.0], rng=0)
    1
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
