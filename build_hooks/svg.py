"""A finished figure as SVG bytes, within the size budget a page can afford."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_FIGURE_BYTES = 200_000
RASTER_DPI = (144, 96, 72)  # resolutions tried for raster layers until a figure fits
_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')


def export(figure: Figure, dpi: float = RASTER_DPI[0]) -> bytes:
    """The figure as SVG, trimmed to its content, on a transparent background; the same
    figure gives the same bytes (with ``svg.hashsalt`` set, see :mod:`style`)."""
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="svg",
        dpi=dpi,
        metadata={"Date": None},
        transparent=True,
        bbox_inches="tight",
        pad_inches=0.05,
    )
    return buffer.getvalue()


def export_within_budget(figure: Figure) -> tuple[bytes, float]:
    """The figure as SVG and the resolution its raster layers got. A figure over the budget
    has its collections (scatters, meshes) rasterized, at lower resolutions until it fits;
    that change stays on the figure, so later exports at that resolution match."""
    dpi = RASTER_DPI[0]
    data = export(figure, dpi)
    if len(data) > MAX_FIGURE_BYTES:  # too many vector paths: rasterize the data layer
        _rasterize_collections(figure)
        for dpi in RASTER_DPI:  # then lower the resolution of the raster layers
            data = export(figure, dpi)
            if len(data) <= MAX_FIGURE_BYTES:
                break
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


def _rasterize_collections(figure: Figure) -> None:
    from matplotlib.collections import Collection

    for artist in figure.findobj(Collection):
        artist.set_rasterized(True)
