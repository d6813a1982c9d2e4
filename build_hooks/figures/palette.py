"""The site's palette, read from ``docs/stylesheets/palette.css``: the one place where the
colours of figures and widgets are written, so the two cannot drift apart.

Figures are drawn with the light colours (matplotlib's "C0".."C5" are the palette's
``--re-c0``..``--re-c5``); the dark variant swaps each for its twin of the slate scheme.
"""

from __future__ import annotations

import re
from pathlib import Path

PALETTE_CSS = Path(__file__).resolve().parents[2] / "docs" / "stylesheets" / "palette.css"
_BLOCK = re.compile(r"(?P<selector>[^{}]+)\{(?P<body>[^}]*)\}")
_COLOUR = re.compile(r"--re-(?P<name>[\w-]+)\s*:\s*(?P<value>#[0-9a-fA-F]{6})\s*;")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def read(css: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """The light (``:root``) and dark (slate scheme) colours by name (``c0``, ``ink``...),
    as lower-case ``#rrggbb``. Raises ValueError when the two schemes name different
    colours, so that every light colour has its dark twin."""
    text = _COMMENT.sub("", PALETTE_CSS.read_text(encoding="utf-8") if css is None else css)
    schemes: dict[str, dict[str, str]] = {}
    for block in _BLOCK.finditer(text):
        scheme = "dark" if "slate" in block.group("selector") else "light"
        colours = {m["name"]: m["value"].lower() for m in _COLOUR.finditer(block["body"])}
        schemes.setdefault(scheme, {}).update(colours)
    light, dark = schemes.get("light", {}), schemes.get("dark", {})
    if not light or set(light) != set(dark):
        raise ValueError(
            f"{PALETTE_CSS.name}: the light and dark schemes must name the same colours "
            f"(light: {sorted(light)}, dark: {sorted(dark)})"
        )
    return light, dark


LIGHT, DARK = read()
CYCLE = [LIGHT[name] for name in sorted(LIGHT) if re.fullmatch(r"c\d", name)]
DARK_TWIN = {LIGHT[name]: DARK[name] for name in LIGHT}  # light colour -> its dark twin
