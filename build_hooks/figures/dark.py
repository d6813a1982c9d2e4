"""The dark variant of a finished figure: greys flip between the page's foreground and
background, colours keep their hue (dark ones are lifted to stay visible), and whatever is
drawn over an image or a colour-mapped mesh keeps its colours, chosen against that image."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .palette import DARK_TWIN
from .style import DARK_BACKGROUND, DARK_FOREGROUND, DARK_LIFT

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.typing import ColorType


def mirror(color: ColorType) -> ColorType:
    """A colour of the site palette swapped for its dark twin; a grey mirrored between the
    light and dark page colours; another colour with its hue kept and lifted if it is dark;
    ``"none"`` and transparent colours as they are."""
    from matplotlib.colors import to_hex, to_rgba

    if isinstance(color, str) and color.lower() == "none":
        return color
    r, g, b, a = to_rgba(color)
    if a == 0:
        return (r, g, b, a)
    twin = DARK_TWIN.get(to_hex((r, g, b)))
    if twin is not None:
        return (*to_rgba(twin)[:3], a)
    if max(r, g, b) - min(r, g, b) > 0.06:  # a colour: keep its hue, lift it if it is dark
        if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.3:
            r, g, b = (c + (1 - c) * DARK_LIFT for c in (r, g, b))
        return (r, g, b, a)
    level = (r + g + b) / 3
    grey = DARK_FOREGROUND + (DARK_BACKGROUND - DARK_FOREGROUND) * level
    return (grey, grey, grey, a)


def to_dark(figure: Figure) -> None:
    """Recolour ``figure`` in place for a dark page."""
    ticks = _tick_colors(figure)  # before recolouring: the loop below reaches existing ticks
    for artist in figure.findobj():
        _recolour(artist)
    for axis, tick, label, grid in ticks:  # also for ticks created when drawing
        axis.set_tick_params(
            which="both", color=mirror(tick), labelcolor=mirror(label), grid_color=mirror(grid)
        )


def _tick_colors(figure: Figure) -> list[tuple[Axis, ColorType, ColorType, ColorType]]:
    found = []
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            ticks = axis.get_major_ticks()
            if ticks:
                tick = ticks[0]
                found.append(
                    (
                        axis,
                        tick.tick1line.get_color(),
                        tick.label1.get_color(),
                        tick.gridline.get_color(),
                    )
                )
    return found


def _recolour(artist: Artist) -> None:
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    if isinstance(artist, Text):
        artist.set_color(mirror(artist.get_color()))
        box = artist.get_bbox_patch()
        if box is not None:
            box.set_facecolor(mirror(box.get_facecolor()))
            box.set_edgecolor(mirror(box.get_edgecolor()))
    elif isinstance(artist, Line2D) and _over_image(artist):
        return  # drawn against the image's colours, not the page's
    elif isinstance(artist, Line2D):  # marker colours first: "auto" follows the line's
        face, edge = artist.get_markerfacecolor(), artist.get_markeredgecolor()
        artist.set_color(mirror(artist.get_color()))
        artist.set_markerfacecolor(mirror(face))
        artist.set_markeredgecolor(mirror(edge))
    elif isinstance(artist, Patch):
        artist.set_facecolor(mirror(artist.get_facecolor()))
        artist.set_edgecolor(mirror(artist.get_edgecolor()))
    elif isinstance(artist, Collection) and artist.get_array() is None:
        faces, edges = artist.get_facecolor(), artist.get_edgecolor()
        if len(faces):
            artist.set_facecolor([mirror(c) for c in faces])
        if len(edges):
            artist.set_edgecolor([mirror(c) for c in edges])


def _over_image(artist: Artist) -> bool:
    """Whether an artist sits in axes that show an image or a colour-mapped mesh."""
    axes = artist.axes
    if axes is None:
        return False
    return bool(axes.images) or any(c.get_array() is not None for c in axes.collections)


# --- The same recolouring, on the light SVG's text ---------------------------------------
# Exporting a figure twice cost as much as drawing it twice. The dark variant is the light
# SVG with every colour mirrored, except in the groups of the artists `_recolour` leaves
# alone, which `mark_kept` names before the light export. Raster layers (rasterized
# collections) cannot be recoloured in the text: such figures are recoloured as artists
# and exported again (see capture.save_pair).

KEPT = "kept-colours"  # gid prefix of artists whose colours the dark variant keeps
_SHAPES = {"path", "use", "rect", "circle", "ellipse", "polygon", "polyline", "text"}
_TAG = re.compile(r'<(/?)([\w:.-]+)((?:[^>"]|"[^"]*")*?)(/?)>')
_COLOUR = re.compile(r'((?<![\w-])(?:fill|stroke)(?::\s*|="))(#[0-9a-fA-F]{6})')
_FILL = re.compile(r'(?<![\w-])fill(?::|=")')


def mark_kept(figure: Figure) -> None:
    """Name, by gid, the artists whose colours the dark variant keeps: lines over an image
    and colour-mapped collections."""
    for number, artist in enumerate(figure.findobj(_kept)):
        artist.set_gid(f"{KEPT}-{number}")


def recoloured_raster(figure: Figure) -> bool:
    """Whether an artist that the dark variant recolours is drawn as an image (rasterized),
    where `svg_to_dark` cannot reach its colours."""
    from matplotlib.image import AxesImage

    return any(
        artist.get_rasterized() and not isinstance(artist, AxesImage) and not _kept(artist)
        for artist in figure.findobj()
    )


def _kept(artist: Artist) -> bool:
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D

    if isinstance(artist, Line2D):
        return _over_image(artist)
    return isinstance(artist, Collection) and artist.get_array() is not None


def svg_to_dark(light: bytes) -> bytes:
    """The dark variant of a light SVG of a figure marked by `mark_kept`: every colour
    mirrored outside the kept groups, and every shape left at SVG's initial fill (black)
    given the mirrored black, as `to_dark` would have drawn it."""
    from matplotlib.colors import to_hex

    black = to_hex(mirror("#000000"))
    open_elements: list[tuple[bool, bool]] = []  # (inside a kept group, fill set) each
    in_defs = 0  # shapes defined for reuse take the fill of what uses them

    def recolour(match: re.Match[str]) -> str:
        nonlocal in_defs
        closing, name, attributes, empty = match.groups()
        local = name.rsplit(":", 1)[-1]
        if closing:
            in_defs -= local in ("defs", "clipPath")
            if open_elements:
                open_elements.pop()
            return match.group(0)
        kept, filled = open_elements[-1] if open_elements else (False, False)
        kept = kept or f'id="{KEPT}-' in attributes
        if not kept:
            attributes = _COLOUR.sub(lambda m: m.group(1) + to_hex(mirror(m.group(2))), attributes)
            text = local == "g" and 'id="text_' in attributes  # its glyphs inherit
            if (local in _SHAPES or text) and not (in_defs or filled or _FILL.search(attributes)):
                if 'style="' in attributes:
                    attributes = attributes.replace('style="', f'style="fill: {black}; ', 1)
                else:
                    attributes += f' style="fill: {black}"'
        filled = filled or bool(_FILL.search(attributes))
        if not empty:
            open_elements.append((kept, filled))
            in_defs += local in ("defs", "clipPath")
        return f"<{name}{attributes}{empty}>"

    return _TAG.sub(recolour, light.decode("utf-8")).encode("utf-8")
