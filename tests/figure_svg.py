"""Read what a reader's eye meets in a matplotlib SVG: text sizes and the colours of marks.

The site writes glyphs as paths (``svg.fonttype: path``), so there is no ``font-size``
to read. matplotlib draws each Text artist as a group ``text_N`` holding one
``<g transform="... scale(s -s)">`` of glyph outlines, where ``s`` is the font size over
``TextToPath.FONT_SCALE``; mathtext scales sub- and superscript glyphs further with a
``scale(k)`` on their ``<use>``. The font size in SVG units (pt) is read back from those.

Marks are every stroke, and the fill of every filled marker (a ``<use>`` of a closed
path, outside text; an open marker such as a tick or a "+" has no visible fill), in the
vector layer. Not marks, and so exempt from the line-contrast gate:
- grid lines (the path-drawn ``line2d`` of a tick group): decoration, a reading aid;
- the frame of a legend (its first patch) and the box of a text (inside ``text_N``):
  containers whose content carries the meaning and is text;
- text itself (text contrast is a separate criterion, 4.5:1);
- area fills (bars, bands, backgrounds): shading read by its extent and edges; a drawn
  edge is a stroke and is checked;
- raster images and every mark in axes that hold one: those marks sit on the image's
  colours, not on the page's.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
_SCALE = re.compile(r"scale\(\s*([-\d.e]+)")
_NUMBER = re.compile(r"[-\d.e]+")


def font_scale() -> float:
    from matplotlib.textpath import TextToPath

    return float(TextToPath.FONT_SCALE)


def viewbox_width(svg: str) -> float:
    """Width of the SVG in its own units (matplotlib: pt)."""
    root = ET.fromstring(svg)
    box = root.get("viewBox")
    if box:
        return float(_NUMBER.findall(box)[2])
    return float(_NUMBER.findall(root.get("width", "0"))[0])


def text_sizes(svg: str) -> list[float]:
    """Font size, in SVG units, of every glyph run (the smallest per Text artist)."""
    scale_unit = font_scale()
    sizes = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if not re.fullmatch(r"text_\d+", group.get("id", "")):
            continue
        for run in group.iter(f"{SVG}g"):
            found = _SCALE.search(run.get("transform", ""))
            if not found:
                continue
            size = abs(float(found.group(1))) * scale_unit
            factors = [
                float(m.group(1))
                for use in run.findall(f"{SVG}use")
                if (m := _SCALE.search(use.get("transform", "")))
            ]
            sizes.append(size * min([1.0, *factors]))
    return sizes


@dataclass(frozen=True)
class Mark:
    colour: str  # "#rrggbb"
    opacity: float
    kind: str  # "stroke" or "marker"
    where: str  # the artist group, e.g. "line2d_12"


def _style(element: ET.Element) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in element.get("style", "").split(";") if ":" in part)
    style = {key.strip(): value.strip() for key, value in pairs}
    for key in ("stroke", "fill", "opacity", "stroke-opacity", "fill-opacity", "stroke-width"):
        if key in element.attrib and key not in style:
            style[key] = element.get(key)
    return style


def _exempt(element: ET.Element, parent: ET.Element | None) -> bool:
    gid = element.get("id", "")
    parent_id = parent.get("id", "") if parent is not None else ""
    if re.fullmatch(r"text_\d+", gid) or element.tag in (
        f"{SVG}defs",
        f"{SVG}clipPath",
        f"{SVG}image",
        f"{SVG}mask",
    ):
        return True
    if re.fullmatch(r"line2d_\d+", gid) and re.fullmatch(r"[xy]tick_\d+", parent_id):
        return element.find(f"{SVG}path") is not None  # a grid line, not a tick mark
    if re.fullmatch(r"legend_\d+", parent_id):
        first = next(iter(parent), None)
        return element is first and re.fullmatch(r"patch_\d+", gid) is not None
    return False


def marks(svg: str) -> list[Mark]:
    """Every mark of the figure's vector layer, less what the module docstring exempts."""
    root = ET.fromstring(svg)
    closed = {p.get("id"): "z" in p.get("d", "").lower() for p in root.iter(f"{SVG}path")}
    found: list[Mark] = []

    def walk(element, parent, artist: str) -> None:
        if _exempt(element, parent):
            return
        if (
            re.fullmatch(r"axes_\d+", element.get("id", ""))
            and element.find(f".//{SVG}image") is not None
        ):
            return
        gid = element.get("id", "")
        artist = gid if gid and not gid.startswith(("figure_", "axes_")) else artist
        style = _style(element)
        opacity = float(style.get("opacity", 1))
        stroke = style.get("stroke", "none")
        width = float(style.get("stroke-width", 1))
        if stroke.startswith("#") and width > 0:
            alpha = opacity * float(style.get("stroke-opacity", 1))
            found.append(Mark(stroke.lower(), alpha, "stroke", artist))
        fill = style.get("fill", "#000000")  # SVG's initial fill is black
        href = element.get("{http://www.w3.org/1999/xlink}href", "").lstrip("#")
        if element.tag == f"{SVG}use" and closed.get(href) and fill.startswith("#"):
            alpha = opacity * float(style.get("fill-opacity", 1))
            found.append(Mark(fill.lower(), alpha, "marker", artist))
        for child in element:
            walk(child, element, artist)

    walk(root, None, "figure")
    return [mark for mark in found if mark.opacity > 0]
