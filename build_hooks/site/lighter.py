"""Lighter pages for a reader on a slow phone: the same look, in fewer bytes.

- :func:`plain_code_tokens`: in a code listing, Pygments wraps every name and every run of
  spaces in a ``<span>`` of its own. The theme draws names in the listing's own colour and
  gives spaces no style, so those wrappers change nothing a reader sees; a page of code
  sheds a tenth of its weight without them.
- :func:`trim_stylesheet`: the theme's stylesheet (and KaTeX's, and the labs' notebook
  styles) style every feature they offer: tabs, cards, blog posts, keyboard keys... A rule
  stays when the site can use it: every class its selector needs appears in a page (a
  ``class`` attribute) or in a script the site ships (a script may add the class), and
  every exact attribute value it needs (``[data-md-color-primary=indigo]``) appears in a
  page or a script. Classes inside ``:not()``, ``:is()``... never remove a rule. Everything
  else (custom properties, fonts, keyframes, element and id selectors) is kept as it is.

A stylesheet is always trimmed from its source (the theme's file, not the copy a previous
build left in the site), so an edit that starts using a class gets its rules back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2.ast import (
    CurlyBracketsBlock,
    FunctionBlock,
    ParenthesesBlock,
    SquareBracketsBlock,
    WhitespaceToken,
)

# --- Code listings -----------------------------------------------------------------------

# Material's listing colours: a name is drawn as plain code (--md-code-hl-name-color is
# var(--md-code-fg-color)), a space has no rule. tests/test_lighter.py checks the theme
# still says so.
PLAIN_TOKENS = ("n", "w")
_LISTING = re.compile(r'(<div class="highlight">\s*<pre\b.*?</pre>)', re.DOTALL)
_PLAIN = re.compile(r'<span class="(?:' + "|".join(PLAIN_TOKENS) + r')">([^<]*)</span>')


def plain_code_tokens(html: str) -> str:
    """``html`` with the listings' name and space tokens as bare text (see the module)."""
    return _LISTING.sub(lambda listing: _PLAIN.sub(r"\1", listing.group(1)), html)


# --- Stylesheets -------------------------------------------------------------------------

_CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATTRIBUTE_VALUE = re.compile(r"""[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_TEMPLATE_PREFIX = re.compile(r"([A-Za-z][A-Za-z0-9_-]{3,})\$\{")  # `md-tag--${name}`


@dataclass(frozen=True)
class Used:
    """What the built site can put in a page: classes, attribute values, and the class
    prefixes scripts complete at run time."""

    classes: frozenset[str]
    values: frozenset[str]
    prefixes: tuple[str, ...]

    def has_class(self, name: str) -> bool:
        return name in self.classes or name.startswith(self.prefixes)

    def has_value(self, value: str) -> bool:
        return value in self.values or all(word in self.values for word in value.split())


def used_in(site_dir: str | Path) -> Used:
    """Every class and attribute value in the site's HTML, and every word of its scripts
    (inline ones included): a script may name a class or a value in any string."""
    classes: set[str] = set()
    values: set[str] = set()
    prefixes: set[str] = set()

    def read_script(text: str) -> None:
        words = set(_WORD.findall(text))
        classes.update(words)
        values.update(words)
        prefixes.update(_TEMPLATE_PREFIX.findall(text))

    for path in Path(site_dir).rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            for double, single in _CLASS_ATTRIBUTE.findall(text):
                classes.update((double or single).split())
            for double, single in _ATTRIBUTE_VALUE.findall(text):
                value = double or single
                values.add(value)
                values.update(value.split())
            for script in _INLINE_SCRIPT.findall(text):
                read_script(script)
        elif path.suffix == ".js":
            read_script(path.read_text(encoding="utf-8", errors="replace"))
    return Used(frozenset(classes), frozenset(values), tuple(sorted(prefixes)))


def trim_stylesheet(css: str, used: Used) -> str:
    """``css`` without the rules no page of the site can match (see the module)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_trimmed(rules, used))


_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def properties_read(stylesheets: list[str], pages_and_scripts: list[str]) -> set[str]:
    """The custom properties the site reads: every ``var(--name)`` of a stylesheet, and
    every ``--name`` a page or a script spells out (a script may read or set one)."""
    names: set[str] = set()
    for css in stylesheets:
        names.update(_VAR.findall(css))
    for text in pages_and_scripts:
        names.update(re.findall(r"--[A-Za-z0-9_-]+", text))
    return names


def without_unread_properties(css: str, read: set[str]) -> str:
    """``css`` without the custom property declarations nothing reads (see the module)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_without_unread(rules, read))


def _without_unread(rules, read: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            if any(d.type not in ("declaration", "error") for d in declarations):
                body = tinycss2.serialize(rule.content)  # nested rules: kept as written
            else:
                body = ";".join(
                    _declaration(d)
                    for d in declarations
                    if d.type == "declaration" and (not d.name.startswith("--") or d.name in read)
                )
            if body.strip():
                kept.append(_compact(rule.prelude) + "{" + body + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            body = "".join(_without_unread(inner, read))
            if body:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif rule.type != "error":
            kept.append(tinycss2.serialize([rule]))
    return kept


def _declaration(declaration) -> str:
    important = "!important" if declaration.important else ""
    return f"{declaration.lower_name}:{_compact(declaration.value)}{important}"


def _compact(tokens) -> str:
    """The tokens as CSS, each run of white space one space (the same to a browser: no
    token of CSS tells one space from several), none at the ends. tinycss2 writes them,
    keeping apart the tokens that would run together."""
    return tinycss2.serialize(_collapsed(tokens)).strip()


def _collapsed(tokens) -> list:
    out = []
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            if out and out[-1].type != "whitespace":
                out.append(WhitespaceToken(token.source_line, token.source_column, " "))
            continue
        if token.type == "function":
            token = FunctionBlock(
                token.source_line, token.source_column, token.name, _collapsed(token.arguments)
            )
        elif token.type in _BLOCKS:
            token = _BLOCKS[token.type](
                token.source_line, token.source_column, _collapsed(token.content)
            )
        out.append(token)
    return out


_BLOCKS = {
    "() block": ParenthesesBlock,
    "[] block": SquareBracketsBlock,
    "{} block": CurlyBracketsBlock,
}


_GROUPING = {"media", "supports", "layer", "container", "document"}


def _trimmed(rules, used: Used) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _can_match(s, used)]
            if selectors:
                body = tinycss2.serialize(rule.content)
                kept.append(",".join(tinycss2.serialize(s).strip() for s in selectors))
                kept.append("{" + body + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            body = "".join(_trimmed(inner, used))
            if body:
                prelude = tinycss2.serialize(rule.prelude)
                kept.append(f"@{rule.at_keyword}{prelude}{{{body}}}")
        elif rule.type == "error":  # what a browser skips too (CSS Syntax's error recovery)
            continue
        else:  # @font-face, @keyframes, @charset, @import, @property...: kept whole
            kept.append(tinycss2.serialize([rule]))
    return kept


def _selectors(prelude) -> list[list]:
    """A selector list split at its top-level commas (commas inside ``:is(...)`` or an
    attribute's brackets stay with their selector)."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return [s for s in selectors if any(t.type not in ("whitespace", "comment") for t in s)]


def _can_match(selector: list, used: Used) -> bool:
    """False only when the selector needs, outside any function, a class or an exact
    attribute value that the site never uses."""
    for before, token in zip([None, *selector], selector, strict=False):
        if token.type == "ident" and _is_dot(before) and not used.has_class(token.value):
            return False
        if token.type == "[] block" and not _attribute_can_match(token.content, used):
            return False
    return True


def _is_dot(token) -> bool:
    return token is not None and token.type == "literal" and token.value == "."


def _attribute_can_match(content: list, used: Used) -> bool:
    parts = [t for t in content if t.type not in ("whitespace", "comment")]
    # [name=value] or [name="value"] (an exact match; ~= |= ^= $= *= and flags are kept)
    if len(parts) == 3 and parts[1].type == "literal" and parts[1].value == "=":
        value = parts[2]
        if value.type in ("ident", "string"):
            return used.has_value(value.value)
    return True


def trim_stylesheets(files, site_dir: str, ours: str) -> dict[str, tuple[int, int]]:
    """Trim, in the built site, every stylesheet of ``files`` but the site's own (those whose
    path starts with ``ours``: written by hand, they are kept as written), each from its
    source. Returns each trimmed file's bytes before and after."""
    site = Path(site_dir)
    sheets = {
        file.dest_uri: file.content_string
        for file in files
        if file.dest_uri.endswith(".css") and not file.dest_uri.startswith(ours)
    }
    used = used_in(site)
    trimmed = {uri: trim_stylesheet(css, used) for uri, css in sheets.items()}
    untouched = [p for p in site.rglob("*.css") if p.relative_to(site).as_posix() not in sheets]
    read = properties_read(
        [*trimmed.values(), *(p.read_text(encoding="utf-8", errors="replace") for p in untouched)],
        [
            p.read_text(encoding="utf-8", errors="replace")
            for p in site.rglob("*")
            if p.suffix in (".html", ".js")
        ],
    )
    sizes = {}
    for uri, css in trimmed.items():
        lighter = without_unread_properties(css, read)
        (site / uri).write_text(lighter, encoding="utf-8")
        sizes[uri] = (len(sheets[uri].encode()), len(lighter.encode()))
    return sizes
