"""Checks for the labs: each one reads a reader's answer and says, in words, what is wrong.

A check raises ``AssertionError`` with a sentence that names the mistake and hints at the
fix, or prints one line when the answer is right. Units are numbered from 0, as Python
counts them: unit 1 is ``w[1]``, ``b[1]``, ``v[1]``. numpy only.

A one-hidden-layer network with one input computes
``c + sum(v[i] * relu(w[i] * x + b[i]))``: unit ``i`` bends where ``w[i] * x + b[i] = 0``,
at ``x = -b[i] / w[i]``, and there the slope of the sum changes by ``v[i] * abs(w[i])``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .network import MLP
from .regions import count_regions_2d

_CLOSE = 1e-6  # two bends closer than this are one bend


def _num(x: float) -> str:
    """A number as the messages write it: 1, -0.5, 0.25."""
    return f"{float(x) + 0.0:.3g}"  # + 0.0: -0.0 reads 0


def _numbers(
    value: object, name: str, length: int | None = None, each: str = "one per unit"
) -> NDArray[np.float64]:
    """``value`` as a 1-D array of finite numbers, or an AssertionError that says why not."""
    count = f"{length} numbers, {each}" if length else "numbers"
    if length == 1:
        count = "a number"
    if value is None:
        raise AssertionError(f"{name} is still None: replace it with your answer ({count}).")
    try:
        array = np.atleast_1d(np.asarray(value, dtype=float))
    except (TypeError, ValueError):
        raise AssertionError(f"{name} should hold {count}; it is {value!r}.") from None
    if array.ndim != 1 or (length is not None and array.size != length):
        raise AssertionError(f"{name} should hold {count}; it holds {array.size}.")
    if not np.isfinite(array).all():
        raise AssertionError(f"{name} holds NaN or infinity: {array.tolist()}.")
    return array


def _bends(
    w: NDArray[np.float64], b: NDArray[np.float64], v: NDArray[np.float64]
) -> list[tuple[float, float, list[int]]]:
    """Where the units' sum bends: (x, change of slope there, the units bending there)."""
    found: list[tuple[float, float, list[int]]] = []
    for unit in np.argsort(-b / np.where(w == 0, 1, w), kind="stable"):
        if w[unit] == 0 or v[unit] == 0:
            continue  # a flat unit, or one the output ignores: no bend
        x, change = -b[unit] / w[unit], v[unit] * abs(w[unit])
        if found and abs(found[-1][0] - x) < _CLOSE:
            last = found[-1]
            found[-1] = (last[0], last[1] + change, [*last[2], int(unit)])
        else:
            found.append((float(x), float(change), [int(unit)]))
    return [bend for bend in found if abs(bend[1]) > _CLOSE]


def _units(units: list[int]) -> str:
    return "unit " + str(units[0]) if len(units) == 1 else "units " + ", ".join(map(str, units))


def check_broken_line(
    corners: ArrayLike, w: object, b: object, v: object, c: object = 0.0, right_slope: float = 0.0
) -> None:
    """Check that ``c + sum(v[i] * relu(w[i] * x + b[i]))`` is the broken line through
    ``corners``, flat left of the first corner, with slope ``right_slope`` right of the last.

    Parameters
    ----------
    corners : array_like
        The target's corners ``(x, y)``, shape ``(k, 2)``, x increasing.
    w, b, v : array_like
        The reader's weights, biases and output weights, one per unit.
    c : float, default 0.0
        The reader's output bias.
    right_slope : float, default 0.0
        The target's slope right of its last corner.

    Raises
    ------
    AssertionError
        Naming the first kind of mistake found: a bend missing or extra, a wrong change
        of slope at a bend, a slope at the far left, or a line shifted up or down.

    Examples
    --------
    >>> check_broken_line([(0, 0), (1, 1)], w=[1, 1], b=[0, -1], v=[1, -1])
    Right: 2 units draw the broken line through (0, 0), (1, 1).
    >>> check_broken_line([(0, 0), (1, 1)], w=[1, 1], b=[0, -2], v=[1, -1])
    Traceback (most recent call last):
    ...
    AssertionError: the bend at x = 1 is missing; unit 1 bends at x = 2, where the line is straight.
    """
    corners = np.asarray(corners, dtype=float)
    if corners.ndim != 2 or corners.shape[1] != 2 or not (np.diff(corners[:, 0]) > 0).all():
        raise ValueError("corners must be (x, y) pairs with x increasing")
    w = _numbers(w, "w")
    b, v = _numbers(b, "b", len(w)), _numbers(v, "v", len(w))
    c = float(_numbers(c, "c", 1)[0])
    xs, ys = corners[:, 0], corners[:, 1]
    slopes = np.concatenate([[0.0], np.diff(ys) / np.diff(xs), [float(right_slope)]])
    wanted = {float(x): float(s) for x, s in zip(xs, np.diff(slopes), strict=True)}
    wanted = {x: change for x, change in wanted.items() if abs(change) > _CLOSE}
    bends = _bends(w, b, v)

    def target_at(x: float) -> float | None:
        return next((t for t in wanted if abs(t - x) < _CLOSE), None)

    stray = [(x, units) for x, _, units in bends if target_at(x) is None]
    missing = [t for t in wanted if not any(abs(x - t) < _CLOSE for x, _, _ in bends)]
    problems = [f"the bend at x = {_num(t)} is missing" for t in missing]
    problems += [
        f"{_units(u)} bends at x = {_num(x)}, where the line is straight" for x, u in stray
    ]
    if problems:
        if missing and not stray:
            problems.append("a unit bends where w x + b = 0, at x = -b / w")
        raise AssertionError("; ".join(problems) + ".")
    for x, change, units in bends:
        should = wanted[target_at(x)]
        if abs(change - should) > _CLOSE:
            verb = "changes" if len(units) == 1 else "change"
            raise AssertionError(
                f"at x = {_num(x)} the slope should change by {_num(should)}, but "
                f"{_units(units)} {verb} it by {_num(change)}: a unit changes the slope by "
                "v times |w| where it bends."
            )
    left = float(sum(v[i] * w[i] for i in range(len(w)) if w[i] < 0))
    if abs(left) > _CLOSE:
        facing = [i for i in range(len(w)) if w[i] < 0 and v[i] != 0]
        raise AssertionError(
            f"left of every bend the line should be flat, but yours has slope {_num(left)}: "
            f"{_units(facing)} has a negative w, so it is on at the far left, not the far right."
        )
    height = c + float(np.sum(v * np.maximum(w * xs[0] + b, 0.0)))
    if abs(height - ys[0]) > _CLOSE:
        side = "high" if height > ys[0] else "low"
        raise AssertionError(
            f"every bend is right, but the line is {_num(abs(height - ys[0]))} too {side} "
            f"everywhere: at x = {_num(xs[0])} it is {_num(height)}, not {_num(ys[0])}. "
            "The output bias c moves the whole line up or down."
        )
    shown = ", ".join(f"({_num(x)}, {_num(y)})" for x, y in corners)
    units = "1 unit draws" if len(w) == 1 else f"{len(w)} units draw"
    print(f"Right: {units} the broken line through {shown}.")


def _pre_activations(net: MLP, X: ArrayLike) -> NDArray[np.float64]:
    return net.pre_activations(X)[0]


def check_dead_unit(net: MLP, X: ArrayLike, unit: object) -> None:
    """Check that hidden unit ``unit`` of ``net``'s first layer is dead on ``X``: its
    pre-activation ``w x + b`` is at most 0 on every row.

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [1.0]]], [[-10.0, 0.5], [0.0]])
    >>> check_dead_unit(net, [0.0, 1.0], 0)
    Right: unit 0 is off on all 2 inputs, so it outputs 0 and gets no gradient.
    >>> check_dead_unit(net, [0.0, 1.0], 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: unit 1 is on for 2 of the 2 inputs (its w x + b is 1.5 at x = 1), so ...
    """
    z = _pre_activations(net, X)
    units = z.shape[1]
    if unit is None:
        raise AssertionError(
            f"the answer is still None: give the number of the dead unit, 0 to {units - 1}."
        )
    if isinstance(unit, bool) or not isinstance(unit, int | np.integer) or not 0 <= unit < units:
        raise AssertionError(
            f"the answer should be a whole number from 0 to {units - 1}; it is {unit!r}."
        )
    on = z[:, unit] > 0
    if on.any():
        row = int(np.argmax(z[:, unit]))
        x = np.atleast_2d(np.asarray(X, dtype=float).reshape(len(z), -1))[row]
        where = _num(x[0]) if x.size == 1 else str([float(_num(t)) for t in x])
        raise AssertionError(
            f"unit {unit} is on for {int(on.sum())} of the {len(z)} inputs (its w x + b is "
            f"{_num(z[row, unit])} at x = {where}), so it is alive. A dead unit is off on "
            "every input."
        )
    print(
        f"Right: unit {unit} is off on all {len(z)} inputs, so it outputs 0 and gets no gradient."
    )


REASONS = {
    "a": "its output weight is 0, so nothing it computes reaches the output",
    "b": "its w x + b is at most 0 on every input, so it outputs 0 and its gradient is 0",
    "c": "its weight w is 0, so it outputs the same value for every input",
}


def _the_dead_unit(net: MLP, X: ArrayLike) -> int:
    """The first-layer unit that is dead on ``X`` (the labs' networks have exactly one)."""
    dead = np.flatnonzero((_pre_activations(net, X) <= 0).all(axis=0))
    if dead.size != 1:
        raise ValueError(f"the network must have exactly one dead unit on X; it has {dead.size}")
    return int(dead[0])


def check_reason(net: MLP, X: ArrayLike, reason: object) -> None:
    """Check the reader's choice among :data:`REASONS` for why the one dead unit of ``net``
    on ``X`` is dead; a wrong choice is answered with what the network's numbers say.

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [1.0]]], [[-10.0, 0.5], [0.0]])
    >>> check_reason(net, [0.0, 1.0], "a")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: not (a): unit 0's output weight is 1, not 0. And a unit whose output ...
    """
    if reason is None:
        raise AssertionError('reason is still None: set it to "a", "b" or "c".')
    if not isinstance(reason, str) or reason.strip().lower() not in REASONS:
        raise AssertionError(f'reason should be "a", "b" or "c"; it is {reason!r}.')
    reason = reason.strip().lower()
    unit = _the_dead_unit(net, X)
    z = _pre_activations(net, X)[:, unit]
    out = net.weights[1][unit]
    if reason == "a":
        raise AssertionError(
            f"not (a): unit {unit}'s output weight is {_num(out[0]) if out.size == 1 else out}, "
            "not 0. And a unit whose output weight is 0 can still be on: it is unused, not dead."
        )
    if reason == "c":
        w = net.weights[0][:, unit]
        raise AssertionError(
            f"not (c): unit {unit}'s weight is {_num(w[0]) if w.size == 1 else w}, not 0. "
            "Look at its w x + b on the data instead."
        )
    print(
        f"Right: unit {unit}'s w x + b is at most {_num(z.max())} on the data, so relu gives 0 "
        "and its slope 0: no gradient ever reaches its weights."
    )


def check_revived(before: MLP, after: MLP, X: ArrayLike) -> None:
    """Check that ``after`` is ``before`` with only its one dead unit on ``X`` changed, that
    this unit is now on for some but not all of ``X``, and that the network's output on
    ``X`` is unchanged.

    Examples
    --------
    >>> net = MLP([[[1.0, 1.0]], [[1.0], [1.0]]], [[-10.0, 0.5], [0.0]])
    >>> check_revived(net, net.copy(), [0.0, 1.0])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: unit 0 is still dead: its w x + b is at most -9 on the data. Give it ...
    """
    unit = _the_dead_unit(before, X)
    for layer, (old, new) in enumerate(zip(before.weights, after.weights, strict=True)):
        changed = np.flatnonzero((old != new).any(axis=0 if layer == 0 else 1))
        others = [int(i) for i in changed if i != unit]
        if layer < 2 and others:
            kind = "weights" if layer == 0 else "output weights"
            raise AssertionError(
                f"the {kind} of {_units(others)} changed too: change only unit {unit}."
            )
    moved = [int(i) for i in np.flatnonzero(before.biases[0] != after.biases[0]) if i != unit]
    if moved:
        raise AssertionError(f"the biases of {_units(moved)} changed too: change only unit {unit}.")
    z = _pre_activations(after, X)[:, unit]
    if not (z > 0).any():
        raise AssertionError(
            f"unit {unit} is still dead: its w x + b is at most {_num(z.max())} on the data. "
            "Give it a weight and a bias so that it bends inside the data."
        )
    if (z > 0).all():
        raise AssertionError(
            f"unit {unit} is on for every input now, so it is straight on the data: make "
            "it bend inside the data, where w x + b = 0."
        )
    change = float(np.abs(after(X) - before(X)).max())
    if change > 1e-9:
        raise AssertionError(
            f"the network's output changed by up to {_num(change)}: set unit {unit}'s output "
            "weight to 0, so that the revived unit starts by adding nothing."
        )
    share = float((z > 0).mean())
    print(
        f"Right: unit {unit} is on for {share:.0%} of the inputs and the output is unchanged; "
        "training can now move it."
    )


def check_region_count(net: MLP, box: ArrayLike, predicted: object) -> None:
    """Check a predicted number of linear regions of a two-input network inside ``box``
    against the exact count (:func:`relu_explained.count_regions_2d`).

    Examples
    --------
    >>> net = MLP([[[1.0, 0.0], [0.0, 1.0]], [[1.0], [1.0]]], [[0.0, 0.0], [0.0]])
    >>> check_region_count(net, (-1, 1, -1, 1), 4)
    Right: 4 regions.
    """
    if predicted is None:
        raise AssertionError("predicted is still None: write the number of regions you expect.")
    if isinstance(predicted, bool) or not isinstance(predicted, int | np.integer):
        raise AssertionError(f"predicted should be a whole number; it is {predicted!r}.")
    counted = count_regions_2d(net, box)
    if predicted != counted:
        units = net.weights[0].shape[1]
        hints = "; ".join(text for _, _, text in _line_facts(net.weights[0], net.biases[0], box))
        raise AssertionError(
            f"you predicted {predicted}, the network has {counted} regions in the box. "
            f"{units} lines in general position would make {1 + units + units * (units - 1) // 2}"
            f"; {hints}."
        )
    print(f"Right: {counted} regions.")


def _line_facts(
    W: NDArray[np.float64], b: NDArray[np.float64], box: ArrayLike
) -> list[tuple[int, int, str]]:
    """For each pair of units ``(i, j)``: whether their zero lines cross inside ``box``, in
    words."""
    xmin, xmax, ymin, ymax = np.asarray(box, dtype=float)
    facts = []
    units = W.shape[1]
    for i in range(units):
        for j in range(i + 1, units):
            matrix = np.array([W[:, i], W[:, j]])
            if abs(np.linalg.det(matrix)) < 1e-12:
                facts.append(
                    (i, j, f"the lines of units {i} and {j} are parallel: they never cross")
                )
                continue
            x, y = np.linalg.solve(matrix, -np.array([b[i], b[j]]))
            inside = xmin < x < xmax and ymin < y < ymax
            where = "inside" if inside else "outside"
            facts.append(
                (i, j, f"units {i} and {j} cross at ({_num(x)}, {_num(y)}), {where} the box")
            )
    return facts


def _shared_crossings(
    W: NDArray[np.float64], b: NDArray[np.float64], box: ArrayLike, new: int
) -> str:
    """A sentence naming the lines that the ``new`` unit's line crosses at one point."""
    xmin, xmax, ymin, ymax = np.asarray(box, dtype=float)
    points: list[tuple[int, NDArray[np.float64]]] = []
    for i in range(new):
        matrix = np.array([W[:, i], W[:, new]])
        if abs(np.linalg.det(matrix)) > 1e-12:
            point = np.linalg.solve(matrix, -np.array([b[i], b[new]]))
            if xmin < point[0] < xmax and ymin < point[1] < ymax:
                points.append((i, point))
    for k, (i, p) in enumerate(points):
        for j, q in points[k + 1 :]:
            if np.allclose(p, q, atol=1e-9):
                return (
                    f" Units {i} and {j} meet your line at the same point, ({_num(p[0])}, "
                    f"{_num(p[1])}): one shared crossing adds one region, not two."
                )
    return ""


def check_fourth_unit(net: MLP, box: ArrayLike, weight: object, bias: object, regions: int) -> None:
    """Check that adding a unit with input weights ``weight`` (two numbers) and ``bias`` to
    the hidden layer of the two-input ``net`` gives ``regions`` regions inside ``box``.

    Examples
    --------
    >>> net = MLP([[[1.0], [0.0]], [[1.0]]], [[0.0], [0.0]])
    >>> check_fourth_unit(net, (-1, 1, -1, 1), [0.0, 1.0], 0.0, 4)
    Right: with the new unit the network has 4 regions in the box.
    """
    weight = _numbers(weight, "weight", 2, each="one per input")
    bias = float(_numbers(bias, "bias", 1)[0])
    if not weight.any():
        raise AssertionError("weight is (0, 0): that unit has no line, so it adds no region.")
    W = np.column_stack([net.weights[0], weight])
    b = np.append(net.biases[0], bias)
    grown = MLP([W, np.vstack([net.weights[1], [[1.0]]])], [b, net.biases[1]])
    counted = count_regions_2d(grown, box)
    if counted != regions:
        new = W.shape[1] - 1
        facts = [(i, text) for i, j, text in _line_facts(W, b, box) if j == new]
        shared = _shared_crossings(W, b, box, new)
        raise AssertionError(
            f"with your unit the network has {counted} regions, not {regions}. A new line adds "
            "one region, plus one for each line it crosses inside the box at a point of its "
            "own: " + "; ".join(text for _, text in facts) + "." + shared
        )
    print(f"Right: with the new unit the network has {counted} regions in the box.")
