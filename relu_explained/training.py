"""Gradient descent on the mean squared error, for one network or many side by side.

Each step moves every weight and bias against its gradient:
``w <- w - lr * dL/dw``, with the gradients of `relu_explained.backprop`. With a
``batch_size``, each step's gradients come from that many rows drawn afresh, and the
loss is still recorded on all of X.

`fit_many` trains networks of one shape as a single batched numpy computation (one
``(k, n, width)`` array per layer instead of ``k`` loops, `relu_explained.stacked`);
`fit` is `fit_many` of one. Training that diverges is never silent: it stops and warns,
naming the step.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_count, as_real, as_rng, as_rows
from .dead import dead_fraction
from .history import DivergedWarning, History, loss_limit
from .network import MLP
from .stacked import InPlaceKernel, Scratch, Stack, backward, forward, mean_squared_error

Array = NDArray[np.float64]


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
    return _train([mlp], X, y, lr=lr, steps=steps, batch_size=batch_size, rng=rng)[0]


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
    return _train(mlps, X, y, lr=lr, steps=steps, batch_size=batch_size, rng=rng)


def _train(
    mlps: Sequence[MLP],
    X: ArrayLike,
    y: ArrayLike,
    *,
    lr: float | Sequence[float],
    steps: int,
    batch_size: int | None,
    rng: object,
) -> list[History]:
    """Check the arguments of `fit` and `fit_many`, then train."""
    nets = _check_networks(mlps)
    rates = _check_rates(lr, len(nets))
    steps = as_count(steps, "steps")
    X = as_rows(X, nets[0].sizes[0], "X")
    y = as_rows(y, nets[0].sizes[-1], "y", rows=len(X))
    if batch_size is not None:
        batch_size = min(as_count(batch_size, "batch_size"), len(X))
    generator = as_rng(rng)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging loss is caught below
        return _descend(nets, rates, X, y, steps=steps, batch_size=batch_size, rng=generator)


def _check_networks(mlps: object) -> list[MLP]:
    """``mlps`` as a list of networks of one shape and activation, or an error."""
    nets = list(mlps) if isinstance(mlps, Sequence) else []
    if not nets or not all(isinstance(net, MLP) for net in nets):
        raise TypeError("mlps must be a non-empty sequence of MLP")
    first = nets[0]
    for net in nets:
        if net.sizes != first.sizes or net.activation != first.activation:
            raise ValueError("mlps must all have the same sizes and activation")
    return nets


def _check_rates(lr: float | Sequence[float], count: int) -> Array:
    """One positive step size per network, from one number or one per network."""
    rates: list[object]
    if isinstance(lr, Iterable) and np.ndim(lr) > 0:
        rates = list(lr)
    else:
        rates = [lr] * count
    if len(rates) != count:
        raise ValueError(f"lr must be one number or one per network, got {len(rates)} values")
    return np.array([as_real(rate, "lr", positive=True) for rate in rates])


def _descend(
    nets: list[MLP],
    rates: Array,
    X: Array,
    y: Array,
    *,
    steps: int,
    batch_size: int | None,
    rng: np.random.Generator,
) -> list[History]:
    """Gradient descent on all of ``nets`` at once, stacked (`relu_explained.stacked`).

    Before each step, and after the last one, the loss and the dead share of every network
    are recorded on all of X. A network whose loss leaves its limit (`loss_limit`) stops
    there: it keeps the weights that gave that loss, and the others go on without it.
    """
    count = len(nets)
    losses = np.full((steps + 1, count), np.nan)  # row: step, column: network
    dead = np.full((steps + 1, count), np.nan)
    diverged_at: list[int | None] = [None] * count
    stack = Stack.of(nets, rates)
    kernel = InPlaceKernel.named(nets[0].activation)
    scratch = Scratch()
    for step in range(steps + 1):
        zs, hs = forward(stack, kernel, X, scratch)
        # On a full-batch step, the pass on all of X that gives the loss gives the
        # gradients too; otherwise only the loss is needed.
        full_batch_step = step < steps and batch_size is None
        if full_batch_step:
            loss, gradients = backward(stack, kernel, zs, hs, y, scratch)
        else:
            loss = mean_squared_error(zs[-1], y)
        losses[step, stack.index] = loss
        dead[step, stack.index] = dead_fraction(zs[:-1])
        if step == 0:
            limit = loss_limit(loss, y)  # one per network, in the order of nets
        within = loss <= limit[stack.index]  # False for NaN and infinity too
        if not within.all():
            for position in np.flatnonzero(~within).tolist():
                index = int(stack.index[position])
                diverged_at[index] = step
                stack.store(position, nets[index])
                _warn_diverged(index, count, step, loss[position], losses[0, index])
            stack = stack.keep(within)
            if full_batch_step:
                gradients = gradients.of(within)
        if step == steps or len(stack) == 0:
            break
        if batch_size is not None:
            rows = rng.choice(len(X), size=batch_size, replace=False)
            zs, hs = forward(stack, kernel, X[rows], scratch)
            _, gradients = backward(stack, kernel, zs, hs, y[rows], scratch)
        stack.step(gradients)
    for position, index in enumerate(stack.index.tolist()):
        stack.store(position, nets[index])
    histories = []
    for index, at in enumerate(diverged_at):
        end = steps if at is None else at
        histories.append(
            History(losses[: end + 1, index].copy(), dead[: end + 1, index].copy(), at)
        )
    return histories


def _warn_diverged(index: int, count: int, step: int, loss: float, start: float) -> None:
    """Say which network diverged at which step; the warning points at the caller of `fit`."""
    who = f"network {index} of {count}" if count > 1 else "training"
    message = f"{who} diverged at step {step}: loss {loss:.3g} ({start:.3g} at the start)"
    # the stack: the caller, fit or fit_many, _train, _descend, _warn_diverged
    warnings.warn(f"{message}; stopped there", DivergedWarning, stacklevel=5)
