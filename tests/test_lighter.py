"""Lighter pages (build_hooks/site/lighter.py): the trimmed stylesheets keep every rule a page
can use, and the listings lose only wrappers the theme draws as plain code."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import tinycss2

from build_hooks.site.lighter import (
    Used,
    plain_code_tokens,
    properties_read,
    trim_stylesheet,
    used_in,
    without_unread_properties,
)

USED = Used(
    classes=frozenset({"md-typeset", "admonition", "note", "md-nav__link"}),
    values=frozenset({"slate", "indigo", "default"}),
    prefixes=("md-tag--",),
)


def kept(css: str, used: Used = USED) -> str:
    return trim_stylesheet(css, used)


def test_a_rule_goes_only_when_a_class_it_needs_is_used_nowhere():
    assert kept(".md-typeset .note{color:red}") == ".md-typeset .note{color:red}"
    assert kept(".md-typeset .tabbed-set{color:red}") == ""
    # one selector of a list can go while the others stay
    assert kept(".note,.tabbed-set,.admonition{margin:0}") == ".note,.admonition{margin:0}"


def test_classes_under_not_or_is_never_remove_a_rule():
    css = ".md-nav__link:not(.md-nav__container){color:red}"
    assert kept(css) == css
    css = ".md-typeset :is(.tabbed-set,.note){color:red}"
    assert kept(css) == css


def test_exact_attribute_values_must_be_used_and_other_matches_stay():
    assert kept("[data-md-color-scheme=slate]{a:b}") == "[data-md-color-scheme=slate]{a:b}"
    assert kept('[data-md-color-primary="red"]{a:b}') == ""
    assert kept("[data-md-color-primary^=re]{a:b}") == "[data-md-color-primary^=re]{a:b}"
    assert kept("[hidden]{display:none}") == "[hidden]{display:none}"


def test_classes_a_script_completes_at_run_time_are_kept():
    assert kept(".md-tag--python{color:red}") == ".md-tag--python{color:red}"


def test_media_blocks_are_trimmed_inside_and_dropped_when_empty():
    css = "@media print{.note{a:b}.tabbed-set{c:d}}@media screen{.tabbed-set{c:d}}"
    assert kept(css) == "@media print{.note{a:b}}"


def test_fonts_keyframes_and_element_rules_are_kept_whole():
    css = "@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{to{a:b}}body{margin:0}"
    assert kept(css) == css


def test_a_custom_property_goes_when_nothing_reads_it():
    css = ":root{--used:1px;--unused:url(data:x);color:var(--used)}"
    read = properties_read([css], ["<p>no property here</p>"])
    assert without_unread_properties(css, read) == ":root{--used:1px;color:var(--used)}"
    read = properties_read([css], ["el.style.getPropertyValue('--unused')"])
    assert "--unused" in without_unread_properties(css, read)


def test_rewriting_keeps_the_spaces_that_mean_something():
    """A descendant's space stays; spaces around punctuation go; tokens that would run
    together are kept apart by an empty comment, as CSS Syntax serialises them."""
    css = ".a  .b ,\n .c>.d{margin : 0  auto ;color:red !important}.e:nth-child(2n+1){x:y}"
    assert without_unread_properties(css, set()) == (
        ".a .b , .c>.d{margin:0 auto;color:red!important}.e:nth-child(2n/**/+1){x:y}"
    )


def test_what_the_site_uses_is_read_from_its_pages_and_scripts(tmp_path: Path):
    (tmp_path / "index.html").write_text(
        '<div class="a b" data-x="slate dark"><script>el.classList.add("c")</script></div>'
    )
    (tmp_path / "app.js").write_text('el.className = `md-tag--${name}`; el.id = "d";')
    used = used_in(tmp_path)
    assert {"a", "b", "c", "d"} <= used.classes
    assert used.has_value("slate") and used.has_value("slate dark")
    assert used.has_class("md-tag--anything") and not used.has_class("e")


def test_listings_lose_name_and_space_wrappers_and_nothing_else():
    listing = (
        '<div class="highlight"><pre><span></span><code><span class="n">x</span>'
        '<span class="w"> </span><span class="o">=</span> <span class="mi">1</span>'
        "</code></pre></div>"
    )
    assert plain_code_tokens(listing) == (
        '<div class="highlight"><pre><span></span><code>x <span class="o">=</span> '
        '<span class="mi">1</span></code></pre></div>'
    )
    # a notebook's listing (its own colours for names) and prose are left alone
    other = '<div class="highlight-ipynb"><pre><span class="n">x</span></pre></div>'
    assert plain_code_tokens(other) == other
    prose = '<p><span class="n">x</span></p>'
    assert plain_code_tokens(prose) == prose


def test_the_theme_draws_names_as_plain_code_and_spaces_with_no_style():
    """What makes plain_code_tokens invisible: if a theme update gives names a colour of
    their own, or spaces a style, this fails and the unwrapping must go."""
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    css = "".join(p.read_text() for p in theme.glob("*.css"))
    assert re.search(r"--md-code-hl-name-color:\s*var\(--md-code-fg-color\)", css)
    assert not re.search(r"--md-code-hl-name-color:\s*(?!var\(--md-code-fg-color\))", css)
    assert not re.search(r"\.highlight \.w\b", css)


@pytest.mark.slow
def test_no_class_a_built_page_uses_loses_its_rules(built_site: Path):
    """Every class on a built page that the theme's untrimmed stylesheet styles is still
    styled by the trimmed one."""
    sheet = next((built_site / "assets" / "stylesheets").glob("main.*.min.css"))
    source = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / sheet.name

    def classes_in(css: str) -> set[str]:
        return set(re.findall(r"\.([A-Za-z_][\w-]*)", re.sub(r"url\([^)]*\)", "", css)))

    styled_before, styled_after = classes_in(source.read_text()), classes_in(sheet.read_text())
    on_pages = set()
    for page in built_site.rglob("*.html"):
        for value in re.findall(r'class="([^"]*)"', page.read_text()):
            on_pages.update(value.split())
    lost = (on_pages & styled_before) - styled_after
    assert not lost, f"classes used on pages lost every rule: {sorted(lost)}"
    assert sheet.stat().st_size < 0.8 * source.stat().st_size  # and it was trimmed


def _tokens(css: str) -> list:
    """The stylesheet's tokens, white space and comments left out."""
    found = []

    def walk(tokens):
        for token in tokens:
            if token.type in ("whitespace", "comment"):
                continue
            if token.type == "function":
                found.append(("function", token.lower_name))
                walk(token.arguments)
            elif token.type.endswith("block"):
                found.append(token.type)
                walk(token.content)
            else:
                found.append(
                    (token.type, getattr(token, "value", None), getattr(token, "unit", None))
                )

    walk(tinycss2.parse_component_value_list(css))
    return found


def test_a_stylesheet_whose_every_rule_is_used_keeps_every_token():
    """Rewriting (white space collapsed, declarations written anew) changes nothing a
    browser reads: the theme's stylesheet, all of it used, comes out token for token."""
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    source = next(theme.glob("main.*.min.css")).read_text()
    values = frozenset(str(t[1]) for t in _tokens(source) if t[0] in ("ident", "string"))
    everything = Used(frozenset(), values, prefixes=("",))  # every class, every value
    trimmed = trim_stylesheet(source, everything)
    rewritten = without_unread_properties(trimmed, properties_read([trimmed], [source]))
    assert _tokens(rewritten) == _tokens(source)
    assert len(rewritten) <= len(source)
