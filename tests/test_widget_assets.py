"""The site's own JavaScript: every file is loaded, and all of it stays small."""

from __future__ import annotations

import re

from sitebuild import ROOT

JS_BUDGET_BYTES = 150_000
SCRIPTS = ROOT / "docs" / "javascripts"


def _loader_map() -> dict[str, str]:
    """widgets.js's map: a widget's element selector -> the script that builds it."""
    loader = (SCRIPTS / "widgets.js").read_text()
    block = loader[loader.index("const WIDGETS = {") : loader.index("};")]
    return dict(re.findall(r'"([^"]+)":\s*"([^"]+\.js)"', block))


def test_every_script_is_loaded_by_the_site_or_by_the_widget_loader():
    config = (ROOT / "mkdocs.yml").read_text()
    listed = re.findall(r"^\s*-\s*javascripts/(\S+\.js)\s*$", config, re.MULTILINE)
    loader = (SCRIPTS / "widgets.js").read_text()
    loaded = set(_loader_map().values()) | set(re.findall(r'load\("([^"]+\.js)"\)', loader))
    assert {"relu-core.js", "widget-layout.js"} <= loaded
    assert not set(listed) & loaded, "a widget script listed in mkdocs.yml loads on every page"
    assert sorted(set(listed) | loaded) == sorted(p.name for p in SCRIPTS.glob("*.js"))


def test_every_stylesheet_is_loaded_by_the_site_or_by_the_widget_loader():
    config = (ROOT / "mkdocs.yml").read_text()
    listed = set(re.findall(r"^\s*-\s*stylesheets/(\S+\.css)\s*$", config, re.MULTILINE))
    loader = (SCRIPTS / "widgets.js").read_text()
    loaded = set(re.findall(r'load\("\.\./stylesheets/([^"]+\.css)"\)', loader))
    assert loaded == {"widgets.css"}  # styles for what only the widgets' scripts build
    assert not listed & loaded, "a widget stylesheet listed in mkdocs.yml blocks every page"
    stylesheets = ROOT / "docs" / "stylesheets"
    assert sorted(listed | loaded) == sorted(p.name for p in stylesheets.glob("*.css"))


def test_the_loader_knows_the_element_every_widget_builds_in():
    """Each widget script mounts on one selector (relu-core.js `mount`); the loader must load
    that script where the selector is found, or the widget never appears."""
    mounted = {
        p.name: re.findall(r'core\.mount\("([^"]+)"', p.read_text())
        for p in SCRIPTS.glob("*.js")
        if p.name != "relu-core.js"
    }
    mounted = {name: selectors for name, selectors in mounted.items() if selectors}
    assert mounted, "no widget script mounts anything: the pattern is stale"
    expected = {selector: name for name, selectors in mounted.items() for selector in selectors}
    assert _loader_map() == expected


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
