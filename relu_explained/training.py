"""Gradient descent on the mean squared error, for one network or many side by side.

`fit_many` trains networks of one shape as a single batched numpy computation (one
``(k, n, width)`` array per layer instead of ``k`` loops); `fit` is `fit_many` of one.
Training that diverges is never silent: it stops and warns, naming the step.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_count, as_real, as_rng, as_rows
from .backprop import Scratch, backward, forward, mean_squared_error
from .dead import dead_fraction
from .history import DivergedWarning, History, loss_limit
from .kernels import KERNELS
from .network import MLP


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
        Loss and dead fraction on all of X, ``steps + 1`` values each (fewer if diverged).

    Raises
    ------
    ValueError
        If ``lr`` or ``steps`` is not positive, or shapes do not match the network.

    Warns
    -----
    DivergedWarning
        If the loss on X becomes NaN or infinite, or exceeds `history.EXPLODED` times the larger
        of its first value and the mean of ``y**2``: training stops at that step, and the
        message and ``History.diverged_at`` name it.

    Examples
    --------
    >>> net = MLP.random([1, 16, 1], rng=0)
    >>> x = np.linspace(-1, 1, 50)
    >>> history = fit(net, x, x**2, lr=0.1, steps=500)
    >>> bool(history.loss[-1] < history.loss[0] / 10)
    True
    """
    return _fit([mlp], X, y, lr, steps, batch_size, rng)[0]


def fit_many(
    mlps: Sequence[MLP],
    X: ArrayLike,
    y: ArrayLike,
    *,
    lr: float | Sequence[float] = 0.01,
    steps: int = 1000,
    batch_size: int | None = None,
    rng: object = 0,
) -> list[History]:
    """Train several networks in place at once; ``fit_many(mlps, ...)[i]`` equals
    ``fit(mlps[i], ...)`` (to rounding), but one numpy computation does all of them.

    Parameters
    ----------
    mlps : sequence of MLP
        Networks with the same sizes and activation (``alpha`` may differ), e.g. one per
        seed. Each is updated in place.
    X, y, steps, batch_size, rng
        As in `fit`; every network sees the same mini-batch at each step.
    lr : float or sequence of float, default 0.01
        One step size for all, or one per network.

    Returns
    -------
    list of History
        One per network, in order; a network that diverges stops alone and warns.

    Raises
    ------
    ValueError
        As in `fit`, or if the networks differ in sizes or activation, or ``lr`` has
        neither one value nor one per network.

    Examples
    --------
    >>> nets = [MLP.random([1, 8, 1], rng=seed) for seed in range(3)]
    >>> x = np.linspace(-1, 1, 20)
    >>> histories = fit_many(nets, x, x**2, lr=[0.01, 0.1, 0.2], steps=100)
    >>> [round(float(h.loss[-1]), 4) for h in histories]
    [0.1431, 0.0067, 0.0053]
    >>> alone = fit(MLP.random([1, 8, 1], rng=2), x, x**2, lr=0.2, steps=100)
    >>> bool(np.allclose(alone.loss, histories[2].loss, rtol=1e-12, atol=0))
    True
    """
    return _fit(mlps, X, y, lr, steps, batch_size, rng)


def _fit(mlps, X, y, lr, steps, batch_size, rng) -> list[History]:
    """Check the arguments of `fit` and `fit_many`, then train."""
    nets = list(mlps) if isinstance(mlps, Sequence) else []
    if not nets or not all(isinstance(net, MLP) for net in nets):
        raise TypeError("mlps must be a non-empty sequence of MLP")
    first = nets[0]
    if any((n.sizes, n.activation) != (first.sizes, first.activation) for n in nets):
        raise ValueError("mlps must all have the same sizes and activation")
    rates = [lr] * len(nets) if np.ndim(lr) == 0 else list(lr)
    if len(rates) != len(nets):
        raise ValueError(f"lr must be one number or one per network, got {len(rates)} values")
    rates = np.array([as_real(r, "lr", positive=True) for r in rates])
    steps = as_count(steps, "steps")
    X = as_rows(X, first.sizes[0], "X")
    y = as_rows(y, first.sizes[-1], "y", rows=len(X))
    if batch_size is not None:
        batch_size = min(as_count(batch_size, "batch_size"), len(X))
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging loss is caught below
        return _descend(nets, X, y, rates, steps, batch_size, as_rng(rng))


def _descend(nets, X, y, rates, steps, batch_size, generator) -> list[History]:
    """The loop, on the networks stacked: weights ``(k, inputs, outputs)`` per layer."""
    kernel, k = KERNELS[nets[0].activation], len(nets)
    W = [np.stack(layer) for layer in zip(*(net.weights for net in nets), strict=True)]
    B = [np.stack(layer)[:, None, :] for layer in zip(*(net.biases for net in nets), strict=True)]
    alpha, lr = np.array([net.alpha for net in nets])[:, None, None], rates[:, None, None]
    where = np.arange(k)  # stack position -> network index
    losses, dead = np.full((steps + 1, k), np.nan), np.full((steps + 1, k), np.nan)
    diverged_at: list[int | None] = [None] * k
    limit, scratch = None, Scratch()
    for step in range(steps + 1):
        zs, hs = forward(W, B, kernel, alpha, X, scratch)
        descend_here = step < steps and batch_size is None  # else only the loss is needed
        if descend_here:
            loss, grads = backward(W, kernel, alpha, zs, hs, y, scratch)
        else:
            loss = mean_squared_error(zs[-1], y)
        losses[step, where], dead[step, where] = loss, dead_fraction(zs[:-1])
        limit = loss_limit(loss, y) if limit is None else limit
        within = loss <= limit  # False for NaN and infinity too
        if not within.all():  # the diverged stop here, the others go on without them
            for position in np.flatnonzero(~within):
                index = int(where[position])
                diverged_at[index] = step
                _store(nets[index], W, B, position)
                who = f"network {index} of {k}" if k > 1 else "training"
                message = f"{who} diverged at step {step}: loss {loss[position]:.3g} "
                message += f"({losses[0, index]:.3g} at the start); stopped there"
                warnings.warn(message, DivergedWarning, stacklevel=4)
            W, B = [w[within] for w in W], [b[within] for b in B]
            alpha, lr, where, limit = alpha[within], lr[within], where[within], limit[within]
            grads = grads.of(within) if descend_here else None
        if step == steps or not len(where):
            break
        if batch_size is not None:
            rows = generator.choice(len(X), size=batch_size, replace=False)
            zs, hs = forward(W, B, kernel, alpha, X[rows], scratch)
            _, grads = backward(W, kernel, alpha, zs, hs, y[rows], scratch)
        for w, g in zip(W + B, grads.weights + grads.biases, strict=True):
            w -= lr * g
    for position, index in enumerate(where):
        _store(nets[index], W, B, position)
    ends = [steps if at is None else at for at in diverged_at]
    return [
        History(losses[: end + 1, i].copy(), dead[: end + 1, i].copy(), at)
        for i, (end, at) in enumerate(zip(ends, diverged_at, strict=True))
    ]


def _store(net: MLP, W: list, B: list, position: int) -> None:
    """Copy one network of the stacks back into its own arrays, in place."""
    for mine, stacked in zip(net.weights + net.biases, W + B, strict=True):
        np.copyto(mine, stacked[position].reshape(mine.shape))
