"""The dark variant of a figure: greys flip, colours keep their hue, dark colours are
lifted, and what is drawn over an image keeps the colours chosen against that image."""

from __future__ import annotations

import colorsys
import re
import xml.etree.ElementTree as ET
from collections import Counter

import matplotlib
import numpy as np
import pytest
from figure_svg import marks
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure

from build_hooks.figures import dark, svg
from build_hooks.figures.dark import mirror, to_dark
from build_hooks.figures.style import DARK_BACKGROUND, DARK_FOREGROUND, SITE_STYLE


def luminance(color) -> float:
    r, g, b = to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def hue(color) -> float:
    return colorsys.rgb_to_hsv(*to_rgb(color))[0]


@pytest.fixture
def figure():
    with matplotlib.rc_context(SITE_STYLE):
        yield Figure()


def test_grey_text_becomes_light_grey(figure):
    ax = figure.subplots()
    label = ax.set_xlabel("x", color="#333333")
    title = ax.set_title("black title", color="black")
    to_dark(figure)
    r, g, b = to_rgb(label.get_color())
    assert r == g == b and r == pytest.approx(0.90 + (0.13 - 0.90) * 0.2, abs=1e-3)
    assert to_rgb(title.get_color()) == pytest.approx((DARK_FOREGROUND,) * 3)
    assert luminance(label.get_color()) > 0.7  # readable on the dark page


def test_white_becomes_the_dark_background():
    assert mirror("white")[:3] == pytest.approx((DARK_BACKGROUND,) * 3)


@pytest.mark.parametrize("red", ["#d62728", "red", "crimson"])
def test_a_red_line_keeps_its_hue(figure, red):
    (line,) = figure.subplots().plot([0, 1], [0, 1], color=red)
    to_dark(figure)
    assert hue(line.get_color()) == pytest.approx(hue(red))
    r, g, b = to_rgb(line.get_color())
    assert r > 0.8 and g < 0.5 and b < 0.5  # still a red, not a grey or a pink


def test_a_bright_colour_is_left_as_it_is(figure):
    (line,) = figure.subplots().plot([0, 1], [0, 1], color="orange")
    to_dark(figure)
    assert to_rgb(line.get_color()) == pytest.approx(to_rgb("orange"))


def test_a_dark_navy_line_is_lifted_and_keeps_its_hue(figure):
    (line,) = figure.subplots().plot([0, 1], [0, 1], color="navy")
    to_dark(figure)
    assert luminance(line.get_color()) > luminance("navy") + 0.2
    assert hue(line.get_color()) == pytest.approx(hue("navy"))
    assert to_rgb(line.get_color()) == pytest.approx((0.3, 0.3, 0.3 + 0.7 * 0.502), abs=1e-3)


def test_lines_over_an_image_stay_as_they_are(figure):
    image_axes, plain_axes = figure.subplots(1, 2)
    image_axes.imshow(np.arange(12.0).reshape(3, 4))
    (over,) = image_axes.plot([0, 3], [0, 2], color="black")
    (contour_free,) = plain_axes.plot([0, 1], [0, 1], color="black")
    to_dark(figure)
    assert over.get_color() == "black"
    assert to_rgb(contour_free.get_color()) == pytest.approx((DARK_FOREGROUND,) * 3)


def test_ticks_and_grid_flip_with_the_text(figure):
    ax = figure.subplots()
    ax.plot([0, 1], [0, 1])
    to_dark(figure)
    figure.canvas.draw()  # ticks made while drawing get the dark colours too
    tick = ax.xaxis.get_major_ticks()[-1]
    assert luminance(tick.label1.get_color()) > 0.7
    assert luminance(tick.gridline.get_color()) < luminance(SITE_STYLE["grid.color"])


def test_clear_and_transparent_colours_are_left_alone():
    assert mirror("none") == "none"
    assert mirror((0.2, 0.2, 0.2, 0.0)) == (0.2, 0.2, 0.2, 0.0)


# --- The dark SVG made from the light one ------------------------------------------------


def _every_kind_of_mark(figure) -> None:
    """Text in three colours, default-black markers and palette lines, a legend, a line and
    a colour-mapped mesh over an image, and a colour bar."""
    plain, pictured = figure.subplots(1, 2)
    plain.plot([0, 1, 2], [0, 1, 0], "o-", color="black", label="black")
    plain.plot([0, 1, 2], [1, 0, 1], color="C1", label="palette")
    plain.plot([0, 2], [0.5, 0.5], color="navy", linestyle="--")
    plain.fill_between([0, 2], 0, 0.2, color="0.8")
    plain.set_title("black title")
    plain.set_xlabel("grey label", color="#333333")
    plain.text(1, 0.8, "red note", color="red")
    plain.legend(frameon=True)
    image = pictured.imshow(np.arange(12.0).reshape(3, 4))
    pictured.plot([0, 3], [0, 2], color="white")
    pictured.pcolormesh(np.arange(5), np.arange(3), np.ones((2, 4)), alpha=0.3)
    figure.colorbar(image, ax=pictured, label="value")


def _both_darks(figure) -> tuple[str, str]:
    """The dark variant made from the light SVG, and made by recolouring the figure."""
    dark.mark_kept(figure)
    box = svg.freeze(figure)
    light = svg.export(figure, box)
    from_text = dark.svg_to_dark(light).decode()
    to_dark(figure)
    return from_text, svg.export(figure, box).decode()


def _glyph_fills(data: str) -> Counter:
    """The fill of each text's glyphs: the nearest fill above its first glyph (SVG's
    initial fill, black, if none)."""
    heads = re.findall(r'<g id="text_\d+".*?<use', data, re.S)
    return Counter((re.findall(r"fill: (#[0-9a-f]{6})", head) or ["#000000"])[-1] for head in heads)


def test_the_dark_svg_made_from_the_light_one_draws_what_recolouring_the_figure_draws(figure):
    _every_kind_of_mark(figure)
    from_text, redrawn = _both_darks(figure)
    assert not dark.recoloured_raster(figure)
    key = Counter  # every visible stroke and marker, with its colour and opacity
    assert key((m.colour, m.kind, m.opacity) for m in marks(from_text)) == key(
        (m.colour, m.kind, m.opacity) for m in marks(redrawn)
    )
    assert _glyph_fills(from_text) == _glyph_fills(redrawn)
    assert "#000000" not in _glyph_fills(from_text)  # black text became light grey


def elements(data: bytes | str) -> list[ET.Element]:
    return list(ET.fromstring(data).iter())


def attributes(element: ET.Element) -> dict[str, str]:
    """An element's attributes, line breaks inside values read as the spaces XML makes them."""
    return {name: " ".join(value.split()) for name, value in element.attrib.items()}


def test_what_is_drawn_over_an_image_keeps_its_colours_in_the_dark_svg(figure):
    ax = figure.subplots()
    ax.imshow(np.arange(12.0).reshape(3, 4))
    ax.plot([0, 3], [0, 2], color="white", marker="o", markerfacecolor="black")
    dark.mark_kept(figure)
    light = svg.export(figure, svg.freeze(figure))

    def kept(data: bytes) -> list[tuple[str, dict[str, str]]]:
        (group,) = [e for e in elements(data) if e.get("id") == f"{dark.KEPT}-0"]
        return [(e.tag, attributes(e)) for e in group.iter()]

    assert "#ffffff" in str(kept(light))
    assert len(kept(light)) > 2  # the group, its line and its markers
    assert kept(dark.svg_to_dark(light)) == kept(light)  # every attribute as it was


# --- The recolouring rules, on small hand-written SVGs -------------------------------------

BLACK = to_hex(mirror("#000000"))
WHITE = to_hex(mirror("#ffffff"))


def darkened(body: str) -> dict[str, ET.Element]:
    """The dark variant of an SVG holding ``body``, its elements by id."""
    light = (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" xmlns="http://www.w3.org/2000/svg">'
        f"{body}</svg>\n"
    )
    return {e.get("id"): e for e in elements(dark.svg_to_dark(light.encode())) if e.get("id")}


def test_colours_are_mirrored_in_styles_and_in_fill_and_stroke_attributes():
    found = darkened(
        '<path id="styled" style="fill: #ffffff; stroke: #000000; stroke-width: 0.8"/>'
        '<rect id="attributes" fill="#ffffff" stroke="#000000"/>'
        '<path id="none" style="fill: none; stroke: url(#gradient)"/>'
    )
    assert found["styled"].get("style") == f"fill: {WHITE}; stroke: {BLACK}; stroke-width: 0.8"
    assert (found["attributes"].get("fill"), found["attributes"].get("stroke")) == (WHITE, BLACK)
    assert found["attributes"].get("style") is None  # its fill is set: no black added
    assert found["none"].get("style") == "fill: none; stroke: url(#gradient)"


def test_a_shape_left_at_the_initial_black_fill_is_given_the_mirrored_black():
    found = darkened(
        '<path id="bare" d="M 0 0 L 1 1"/>'
        '<use id="stroked" style="stroke: #ff0000" xlink:href="#m"/>'
        '<g id="text_1"><use id="glyph" xlink:href="#g"/></g>'
        '<g id="filled" style="fill: #ffffff"><path id="inherits"/></g>'
        '<g id="plain"><circle id="in-a-plain-group"/></g>'
    )
    assert found["bare"].get("style") == f"fill: {BLACK}"
    red = to_hex(mirror("#ff0000"))
    assert found["stroked"].get("style") == f"fill: {BLACK}; stroke: {red}"
    assert found["text_1"].get("style") == f"fill: {BLACK}"  # its glyphs inherit it
    assert found["glyph"].get("style") is None
    assert found["inherits"].get("style") is None  # filled by its group
    assert found["plain"].get("style") is None  # a plain group draws nothing itself
    assert found["in-a-plain-group"].get("style") == f"fill: {BLACK}"


def test_definitions_take_the_fill_of_what_uses_them():
    found = darkened(
        '<defs><path id="marker" style="stroke: #000000"/></defs>'
        '<clipPath id="clip"><rect id="clip-box"/></clipPath>'
    )
    assert found["marker"].get("style") == f"stroke: {BLACK}"  # mirrored, no fill added
    assert found["clip-box"].get("style") is None


def test_a_kept_group_and_all_it_holds_keep_their_colours():
    found = darkened(
        f'<g id="{dark.KEPT}-0" style="stroke: #000000">'
        '<path id="line" style="stroke: #000000"/><path id="unfilled"/></g>'
    )
    assert found[f"{dark.KEPT}-0"].get("style") == "stroke: #000000"
    assert found["line"].get("style") == "stroke: #000000"
    assert found["unfilled"].get("style") is None


def test_the_dark_svg_is_the_light_one_with_only_colours_changed(figure):
    """Same declaration and doctype, same namespace prefixes, same elements in the same
    order, the same attributes except fill and stroke colours (and a fill given to shapes
    left at the initial black)."""
    _every_kind_of_mark(figure)
    dark.mark_kept(figure)
    light = svg.export(figure, svg.freeze(figure))
    made = dark.svg_to_dark(light)
    head = light[: light.index(b"<svg")]
    assert head.startswith(b"<?xml") and b"<!DOCTYPE svg" in head
    assert made.startswith(head)
    assert b"xlink:href=" in made and b"ns0:" not in made
    pairs = list(zip(elements(light), elements(made), strict=True))
    changed = 0
    for before, after in pairs:
        assert before.tag == after.tag
        assert (before.text or "").strip() == (after.text or "").strip()
        a, b = attributes(before), attributes(after)
        assert a.keys() <= b.keys() <= a.keys() | {"style"}
        for name in a.keys() - {"style", "fill", "stroke"}:
            assert a[name] == b[name], (before.tag, name)
        changed += a != b
    assert changed > 20  # text, lines, markers, the legend, the colour bar


def test_the_dark_svg_is_the_same_bytes_every_time(figure):
    _every_kind_of_mark(figure)
    dark.mark_kept(figure)
    box = svg.freeze(figure)
    first, second = svg.export(figure, box), svg.export(figure, box)
    assert first == second  # svg.hashsalt and no date: the light SVG is reproducible
    assert dark.svg_to_dark(first) == dark.svg_to_dark(second)


def test_a_recoloured_layer_drawn_as_an_image_is_redrawn_not_rewritten(figure):
    ax = figure.subplots()
    ax.scatter([0, 1], [0, 1], color="black", rasterized=True)
    assert dark.recoloured_raster(figure)
    ax.collections[0].set_rasterized(False)
    ax.imshow(np.ones((2, 2)), rasterized=True)  # an image is kept as it is anyway
    assert not dark.recoloured_raster(figure)
