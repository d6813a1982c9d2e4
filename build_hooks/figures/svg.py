"""A finished figure as SVG bytes, within the size budget a page can afford."""

from __future__ import annotations

import io
import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

MAX_FIGURE_BYTES = 200_000
RASTER_DPI = (144, 96, 72)  # resolutions tried for raster layers until a figure fits
PAD_INCHES = 0.05  # margin kept around the content
# An image drawn with interpolation "none" is embedded at its own resolution (a fraction of
# the bytes of one resampled at RASTER_DPI) and marked to be scaled as square pixels; left
# to the browser's smooth scaling, it neither shows steps when enlarged nor flickers
# (aliases) when shrunk on a phone.
_PIXELATED = b' style="image-rendering:crisp-edges;image-rendering:pixelated"'
_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')


def freeze(figure: Figure) -> Bbox:
    """Lay ``figure`` out once and keep it so; returns the box, in inches, that holds its
    content with a margin. Exports given that box skip matplotlib's layout passes (a
    layout and a tight-box pass per export, which were more than a third of their time);
    the layout engine is run by itself, not through a draw (the same bytes, a quarter
    faster)."""
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
    box = figure.get_tightbbox().padded(PAD_INCHES)
    figure.set_layout_engine(None)  # the positions it found stay
    return box


def export(figure: Figure, box: Bbox, dpi: float = RASTER_DPI[0]) -> bytes:
    """The figure as SVG, cut to ``box`` (see :func:`freeze`), on a transparent background;
    the same figure gives the same bytes (with ``svg.hashsalt`` set, see :mod:`style`)."""
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="svg", dpi=dpi, metadata={"Date": None}, transparent=True, bbox_inches=box
    )
    return buffer.getvalue().replace(_PIXELATED, b"")


def export_within_budget(figure: Figure, box: Bbox) -> tuple[bytes, float]:
    """The figure as SVG and the resolution its raster layers got. A figure over the budget
    has its collections (scatters, meshes) rasterized, then its raster layers' resolution
    lowered, straight to the first of `RASTER_DPI` expected to fit (raster bytes grow as
    the square of the resolution). The change stays on the figure, so later exports at
    that resolution match."""
    dpi = RASTER_DPI[0]
    data = export(figure, box, dpi)
    if len(data) > MAX_FIGURE_BYTES and _rasterize_collections(figure):
        data = export(figure, box, dpi)  # the data layer's vector paths, now one image
    while len(data) > MAX_FIGURE_BYTES and dpi != RASTER_DPI[-1]:
        guess = dpi * math.sqrt(MAX_FIGURE_BYTES / len(data))
        dpi = next((lower for lower in RASTER_DPI if lower <= guess), RASTER_DPI[-1])
        data = export(figure, box, dpi)
    return data, dpi


def over_budget(data: bytes, number: int) -> str | None:
    """Why figure ``number`` cannot be published, if its SVG is over the budget."""
    if len(data) <= MAX_FIGURE_BYTES:
        return None
    return (
        f"figure {number} is {len(data) // 1000} KB as SVG (limit "
        f"{MAX_FIGURE_BYTES // 1000} KB): draw fewer points or smaller images"
    )


def css_size(data: bytes) -> tuple[int, int]:
    """Width and height of an SVG in CSS pixels (matplotlib writes points)."""
    match = _SIZE.search(data)
    width, height = (float(v) * 4 / 3 for v in match.groups()) if match else (640.0, 360.0)
    return round(width), round(height)


def _rasterize_collections(figure: Figure) -> bool:
    """Rasterize the figure's collections; whether there were any not rasterized yet."""
    from matplotlib.collections import Collection

    changed = [a for a in figure.findobj(Collection) if not a.get_rasterized()]
    for artist in changed:
        artist.set_rasterized(True)
    return bool(changed)
