"""The site palette: one file for figures and widgets, each colour clear of its page."""

from __future__ import annotations

import matplotlib
import pytest
from contrast import contrast, hex_rgb

from build_hooks.figures import dark, palette
from build_hooks.figures.style import SITE_STYLE

LIGHT_PAGE, DARK_PAGE = "#ffffff", "#1e2129"


def test_every_palette_colour_has_its_twin_and_3_to_1_contrast_on_its_page():
    assert set(palette.LIGHT) == set(palette.DARK)
    assert len(palette.CYCLE) == 6
    for name in palette.LIGHT:
        assert contrast(hex_rgb(palette.LIGHT[name]), hex_rgb(LIGHT_PAGE)) >= 3, name
        assert contrast(hex_rgb(palette.DARK[name]), hex_rgb(DARK_PAGE)) >= 3, name


def test_figures_cycle_through_the_palette_and_the_dark_variant_takes_the_twins():
    from matplotlib.colors import to_hex

    with matplotlib.rc_context(SITE_STYLE):
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        lines = [ax.plot([0, 1], [0, i])[0] for i in range(6)]
        named = ax.plot([0, 1], [1, 0], color="C2")[0]
        dark.to_dark(fig)
        plt.close(fig)
    darks = [palette.DARK[f"c{i}"] for i in range(6)]
    assert [to_hex(line.get_color()) for line in lines] == darks
    assert to_hex(named.get_color()) == palette.DARK["c2"]


def test_a_palette_missing_a_dark_twin_is_refused():
    css = ":root { --re-c0: #112233; --re-c1: #445566; }\n"
    css += '[data-md-color-scheme="slate"] { --re-c0: #aabbcc; }\n'
    with pytest.raises(ValueError, match="same colours"):
        palette.read(css)
