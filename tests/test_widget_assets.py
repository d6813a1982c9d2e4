"""The site's own JavaScript: every file is loaded, and all of it stays small."""

from __future__ import annotations

import re

from sitebuild import ROOT

JS_BUDGET_BYTES = 150_000
SCRIPTS = ROOT / "docs" / "javascripts"


def test_every_script_is_loaded_and_the_core_first():
    config = (ROOT / "mkdocs.yml").read_text()
    listed = re.findall(r"^\s*-\s*javascripts/(\S+\.js)\s*$", config, re.MULTILINE)
    assert sorted(listed) == sorted(p.name for p in SCRIPTS.glob("*.js"))
    widgets = [name for name in listed if name not in ("katex-init.js", "relu-core.js")]
    assert all(listed.index("relu-core.js") < listed.index(name) for name in widgets)


def test_all_site_javascript_is_under_150_kb():
    """Every script of docs/javascripts together (the theme's own bundle and the vendored
    KaTeX, loaded only on pages with math, are not the site's code and not counted)."""
    sizes = {p.name: p.stat().st_size for p in SCRIPTS.glob("*.js")}
    assert sum(sizes.values()) < JS_BUDGET_BYTES, sizes


def test_widgets_use_only_the_palette_for_colour():
    """No colour literal in the widgets' code or styles: every colour is a palette
    variable (palette.css), so the light and dark schemes switch together."""
    colour = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")
    sources = [*SCRIPTS.glob("*.js"), ROOT / "docs" / "stylesheets" / "widgets.css"]
    found = {p.name: colour.findall(p.read_text()) for p in sources}
    assert {name: hits for name, hits in found.items() if hits} == {}
