"""The look of every figure on the site: matplotlib settings applied while a page's
snippets run, and the greys of the dark variant."""

from __future__ import annotations

from cycler import cycler

from .palette import CYCLE

SITE_STYLE: dict[str, object] = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "svg.fonttype": "path",  # glyphs as paths: no font needed by the reader's browser
    "svg.hashsalt": "relu-explained",  # with metadata Date=None: byte-identical output
    "image.cmap": "viridis",
    # images go into the SVG at their own resolution, for the browser to scale (see svg)
    "image.interpolation": "none",
    "axes.prop_cycle": cycler(color=CYCLE),  # "C0".."C5": the site palette
}

# Dark variant: greys are mirrored between these two; colours keep their hue.
DARK_FOREGROUND = 0.90
DARK_BACKGROUND = 0.13
DARK_LIFT = 0.3  # share of white mixed into dark colours on the dark variant
