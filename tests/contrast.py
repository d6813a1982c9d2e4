"""WCAG 2.1 contrast, and the page backgrounds the built site's stylesheets give each scheme.

The figures are saved with a transparent background, so a figure's background is the
page's: ``--md-default-bg-color`` of the theme's scheme (``default`` light, ``slate``
dark), read from the built CSS with any override in the site's own stylesheet.
"""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

from figure_svg import Mark, marks

RGB = tuple[float, float, float]
SCHEMES = {"light": "default", "dark": "slate"}


def luminance(rgb: RGB) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: RGB, other: RGB) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_rgb(colour: str) -> RGB:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))


def rgb_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def over(colour: RGB, alpha: float, background: RGB) -> RGB:
    """A colour drawn at ``alpha`` over ``background``, as the browser composites it."""
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(colour, background, strict=True))


def mark_contrast(mark: Mark, background: RGB) -> float:
    return contrast(over(hex_rgb(mark.colour), mark.opacity, background), background)


def css_colour(value: str, variables: dict[str, str]) -> RGB:
    """``#hex``, ``rgb()``/``rgba()`` or ``hsl()``/``hsla()``, with ``var(--x)`` resolved."""
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)], value).strip()
    if value.startswith("#"):
        return hex_rgb(value[:7] if len(value) > 5 else value[:4])
    name, _, args = value.partition("(")
    numbers = [float(n) for n in re.findall(r"[-\d.]+", args)]
    if name.startswith("rgb"):
        return tuple(n / 255 for n in numbers[:3])
    if name.startswith("hsl"):
        hue, saturation, lightness = numbers[:3]
        return colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    raise ValueError(f"unknown CSS colour {value!r}")


def _declarations(css: str, selector: str) -> dict[str, str]:
    """Custom properties set by the rules that list ``selector`` on its own."""
    found: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if selector in {s.strip().replace('"', "") for s in selectors.split(",")}:
            found.update(re.findall(r"(--[\w-]+)\s*:\s*([^;]+)", body))
    return found


def page_background(site: Path, scheme: str) -> RGB:
    """The page background of ``scheme`` ("light" or "dark") in the built ``site``."""
    styles = sorted((site / "assets" / "stylesheets").glob("*.css"))
    styles += sorted((site / "stylesheets").glob("*.css"))  # the site's own, applied last
    texts = [css.read_text() for css in styles]
    variables: dict[str, str] = {}
    for selector in (":root", f"[data-md-color-scheme={SCHEMES[scheme]}]"):
        for text in texts:
            variables.update(_declarations(text, selector))
    return css_colour(variables["--md-default-bg-color"], variables)


def contrast_problems(name: str, svg: str, background: RGB, minimum: float = 3.0) -> list[str]:
    """One sentence per mark colour of figure ``name`` below ``minimum`` against the page."""
    low: dict[tuple[str, float, str], list[str]] = {}
    for mark in marks(svg):
        if mark_contrast(mark, background) < minimum:
            low.setdefault((mark.colour, mark.opacity, mark.kind), []).append(mark.where)
    problems = []
    for (colour, opacity, kind), where in sorted(low.items()):
        ratio = mark_contrast(Mark(colour, opacity, kind, ""), background)
        alpha = f" at opacity {opacity:.2f}" if opacity < 1 else ""
        problems.append(
            f"{name}: {kind} {colour}{alpha} has {ratio:.2f}:1 against "
            f"{rgb_hex(background)} (needs {minimum:g}:1), in "
            f"{', '.join(sorted(set(where))[:4])}"
        )
    return problems


def lowest_contrast(svg: str, background: RGB) -> tuple[float, str] | None:
    """The lowest mark contrast of a figure and its colour (None: no marks)."""
    found = [(mark_contrast(m, background), m.colour) for m in marks(svg)]
    return min(found) if found else None
