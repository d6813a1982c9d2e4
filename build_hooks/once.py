"""Ticks and text layouts computed once per layout while a finished figure is saved.

matplotlib works out an axis's ticks (the locator's positions, the formatter's labels,
the tick artists updated to match) and the layout of every text (its lines measured,
aligned and rotated) each time anything asks, and while a figure is laid out and
exported almost everything does: each bounding-box query of the axes, its title, its
labels and their siblings, each draw. On this site's figures that is 2,140 computations
of ticks for 398 distinct layouts, and 5,599 text layouts.

While a figure is saved nothing changes but the layout itself, so:

- each axis keeps the ticks of its last computation and hands them out again for as long
  as its view limits, its place in the figure and the resolution are the same;
- a text's layout, which does not depend on where the text is placed, is kept for as
  long as everything it is made from is the same: the string, the font, the spacing,
  the alignment, the rotation, the resolution and the renderer (wrapped texts and texts
  turned by their transform are laid out every time).

When any of these changes, the result is computed afresh, exactly as matplotlib would.
What is patched is put back on exit. `tests/test_once.py` checks that the SVG bytes are
the same with and without this, on figures with every kind of axis and text the site
uses; if a matplotlib release stops calling these methods, nothing changes but the speed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.text import Text

# Axis methods whose result depends only on the axis's view limits, its box in the figure
# and the resolution, once the figure is finished.
_TICK_METHODS = ("_update_ticks", "get_majorticklocs", "get_minorticklocs")


@contextmanager
def computed_once(figure: Figure) -> Iterator[None]:
    """Within the block, each axis of ``figure`` computes its ticks once per layout, and
    each text its layout once per look."""
    from matplotlib.text import Text

    patched: list[tuple[Axis, str]] = []
    layout = vars(Text).get("_get_layout")  # None if a matplotlib release renames it
    try:
        for axes in figure.get_axes():
            for axis in (axes.xaxis, axes.yaxis):
                for name in _TICK_METHODS:
                    if hasattr(type(axis), name) and name not in vars(axis):
                        setattr(axis, name, _remembering(axis, getattr(axis, name)))
                        patched.append((axis, name))
        if layout is not None:
            Text._get_layout = _layouts_remembered(layout)
        yield
    finally:
        if layout is not None:
            Text._get_layout = layout
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


def _layouts_remembered(layout: Callable[[Text, Any], Any]) -> Callable[[Text, Any], Any]:
    """``Text._get_layout``, answered from a text's last layout while its look is the
    same. The renderer and the text are kept alive, so that neither is mistaken for a
    later object at the same address."""
    last: dict[int, tuple[tuple, Any, Text]] = {}

    def remembered(text: Text, renderer: Any) -> Any:
        if text.get_wrap() or text.get_transform_rotates_text():
            return layout(text, renderer)
        font = text.get_fontproperties()
        look = (
            renderer,
            getattr(text.figure, "dpi", None),
            text.get_text(),
            (tuple(font.get_family()), font.get_slant(), font.get_variant(), font.get_weight()),
            (font.get_stretch(), font.get_size(), font.get_file(), font.get_math_fontfamily()),
            getattr(text, "_linespacing", None),
            text._get_multialignment(),
            text.get_horizontalalignment(),
            text.get_verticalalignment(),
            text.get_rotation(),
            text.get_rotation_mode(),
            text.get_usetex(),
            text.get_parse_math(),
        )
        kept = last.get(id(text))
        if kept is None or kept[0] != look:
            kept = last[id(text)] = (look, layout(text, renderer), text)
        return kept[1]

    return remembered
