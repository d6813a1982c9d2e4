"""What training records, and when it has failed: the loss and dead share at every step,
and the rule that calls a run diverged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

EXPLODED = 1e6  # a loss this many times its scale (the larger of the first loss and mean y²)


def loss_limit(start: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """The largest loss a run may reach before it counts as diverged: `EXPLODED` times the
    larger of its loss at the start and ``mean(y**2)`` (the loss of always answering 0).
    A NaN or infinite loss is never within it: test with ``not loss <= limit``.

    Examples
    --------
    >>> limit = loss_limit(np.array([1.0, 1.0, 2.0]), np.ones(4))
    >>> print(limit, ~(np.array([0.5, np.inf, 3e6]) <= limit))
    [1000000. 1000000. 2000000.] [False  True  True]
    """
    return EXPLODED * np.maximum(start, np.mean(y**2))


class DivergedWarning(RuntimeWarning):
    """Training stopped because the loss became NaN or infinite, or exploded.

    Examples
    --------
    >>> import warnings
    >>> from relu_explained import MLP, fit
    >>> x = np.linspace(-1, 1, 10)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     history = fit(MLP.random([1, 8, 1], rng=0), x, x**2, lr=50.0)
    >>> print(caught[0].message)
    training diverged at step 2: loss 1.88e+08 (2.36 at the start); stopped there
    >>> history.diverged_at
    2
    """


@dataclass(frozen=True)
class History:
    """What `fit` saw on all of X: ``loss[t]`` and ``dead_fraction[t]`` before step ``t``,
    and after the last step at index ``steps``. If training diverged at step ``t``,
    ``diverged_at`` is ``t``, the arrays end there (``loss[t]`` is the bad value) and the
    network keeps the weights that gave it; otherwise ``diverged_at`` is None.

    Examples
    --------
    >>> from relu_explained import MLP, fit
    >>> net = MLP.random([1, 4, 1], rng=0)
    >>> history = fit(net, [0.0, 1.0], [1.0, 0.0], steps=10)
    >>> history.loss.shape, history.diverged_at
    ((11,), None)
    """

    loss: NDArray[np.float64]
    dead_fraction: NDArray[np.float64]
    diverged_at: int | None = None
