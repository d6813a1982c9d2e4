"""The dark variant of a figure: greys flip, colours keep their hue, dark colours are
lifted, and what is drawn over an image keeps the colours chosen against that image."""

from __future__ import annotations

import colorsys

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from build_hooks.dark import mirror, to_dark
from build_hooks.style import DARK_BACKGROUND, DARK_FOREGROUND, SITE_STYLE


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
