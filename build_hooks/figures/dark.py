"""The dark variant of a finished figure: greys flip between the page's foreground and
background, colours keep their hue (dark ones are lifted to stay visible), and whatever is
drawn over an image or a colour-mapped mesh keeps its colours, chosen against that image."""

from __future__ import annotations

from string import hexdigits
from typing import TYPE_CHECKING
from xml.etree import ElementTree

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


# --- The same recolouring, on the light SVG ----------------------------------------------
# Exporting a figure twice cost as much as drawing it twice. The dark variant is the light
# SVG, parsed, with every colour mirrored, except in the groups of the artists `_recolour`
# leaves alone, which `mark_kept` names before the light export. Raster layers (rasterized
# collections) cannot be recoloured in the SVG: such figures are recoloured as artists
# and exported again (see capture.save_pair).

KEPT = "kept-colours"  # gid prefix of artists whose colours the dark variant keeps
_SHAPES = {"path", "use", "rect", "circle", "ellipse", "polygon", "polyline", "text"}
_REUSED = {"defs", "clipPath"}  # what is drawn only through what refers to it
_PAINTS = ("fill", "stroke")
_HEX_DIGITS = frozenset(hexdigits)


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
    given the mirrored black, as `to_dark` would have drawn it.

    The SVG is parsed (the standard library's ElementTree) and written again: the XML
    declaration and doctype are kept as they were, namespaces keep their prefixes, and
    the document's elements and their order are unchanged."""
    text = light.decode("utf-8")
    root, prefixes = _parse(light)
    for prefix, uri in prefixes.items():
        ElementTree.register_namespace(prefix, uri)  # written back with the same prefixes
    _Recolouring().visit(root, kept=False, filled=False, reused=False)
    head = text[: text.index("<svg")]  # the declaration and doctype, not part of the tree
    tail = text[text.rindex(">") + 1 :]
    return (head + ElementTree.tostring(root, encoding="unicode") + tail).encode("utf-8")


def _parse(document: bytes) -> tuple[ElementTree.Element, dict[str, str]]:
    """The root element of ``document``, and the namespace prefixes it declares."""
    parser = ElementTree.XMLPullParser(events=("start-ns", "start"))
    parser.feed(document)
    parser.close()
    root = None
    prefixes: dict[str, str] = {}
    for event, value in parser.read_events():
        if event == "start-ns":
            prefixes[value[0]] = value[1]
        elif root is None:
            root = value
    return root, prefixes


class _Recolouring:
    """One walk over the parsed SVG; each colour is mirrored once and remembered."""

    def __init__(self) -> None:
        from matplotlib.colors import to_hex

        self._to_hex = to_hex
        self._mirrored: dict[str, str] = {}
        self.black = self.mirrored("#000000")

    def mirrored(self, colour: str) -> str:
        if colour not in self._mirrored:
            self._mirrored[colour] = self._to_hex(mirror(colour))
        return self._mirrored[colour]

    def visit(
        self, element: ElementTree.Element, *, kept: bool, filled: bool, reused: bool
    ) -> None:
        """Recolour ``element`` and what it holds. ``kept``: inside a kept group; ``filled``:
        an enclosing element sets a fill, which this one inherits; ``reused``: inside
        definitions, drawn with the fill of whatever uses them."""
        name = element.tag.rpartition("}")[2]
        kept = kept or element.get("id", "").startswith(f"{KEPT}-")
        if not kept:
            self._mirror_paints(element)
            glyphs = name == "g" and element.get("id", "").startswith("text_")  # inherit
            if (name in _SHAPES or glyphs) and not (reused or filled or _sets_fill(element)):
                style = element.get("style")
                element.set(
                    "style",
                    f"fill: {self.black}" if style is None else f"fill: {self.black}; {style}",
                )
        filled = filled or _sets_fill(element)
        reused = reused or name in _REUSED
        for child in element:
            self.visit(child, kept=kept, filled=filled, reused=reused)

    def _mirror_paints(self, element: ElementTree.Element) -> None:
        """Mirror the ``#rrggbb`` fill and stroke colours of ``element``, given as attributes
        or in its style."""
        for paint in _PAINTS:
            value = element.get(paint)
            if value is not None and _is_hex_colour(value.strip()):
                element.set(paint, value.replace(value.strip(), self.mirrored(value.strip())))
        style = element.get("style")
        if style is None:
            return
        declarations = style.split(";")
        for index, declaration in enumerate(declarations):
            prop, colon, value = declaration.partition(":")
            colour = value.strip()
            if colon and prop.strip() in _PAINTS and _is_hex_colour(colour):
                declarations[index] = prop + colon + value.replace(colour, self.mirrored(colour))
        element.set("style", ";".join(declarations))


def _sets_fill(element: ElementTree.Element) -> bool:
    """Whether ``element`` sets its fill, as an attribute or in its style."""
    if "fill" in element.attrib:
        return True
    declarations = element.get("style", "").split(";")
    return any(d.partition(":")[0].strip() == "fill" and ":" in d for d in declarations)


def _is_hex_colour(value: str) -> bool:
    """Whether ``value`` is a colour written ``#rrggbb``, as matplotlib writes them."""
    return len(value) == 7 and value[0] == "#" and set(value[1:]) <= _HEX_DIGITS
