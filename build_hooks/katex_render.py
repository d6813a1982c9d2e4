"""Typeset every formula at build time with the vendored KaTeX, so that a reader's browser
downloads KaTeX's stylesheet and fonts but no math engine, and the page shows its math
on the first paint.

pymdownx.arithmatex (generic mode) leaves each formula as TeX in an ``arithmatex``
element: ``<span class="arithmatex">\\(...\\)</span>`` inline and
``<div class="arithmatex">\\[...\\]</div>`` on a line of its own. ``on_post_page`` puts
KaTeX's HTML and MathML inside that element (the MathML keeps the TeX as its
annotation, for screen readers and copy). KaTeX runs in V8 through ``mini-racer``.

The search plugin indexed the page before this (its text keeps the TeX); ``on_post_build``
then writes each formula in the search index as the words and symbols it shows, and
leaves the code listings out of the index (a reader searches the prose; the listings
were half the index's weight).

A formula KaTeX cannot parse is logged as a warning, so ``mkdocs build --strict`` fails,
and is counted: a strict build stops even when warnings are silenced.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

KATEX_JS = Path(__file__).resolve().parent.parent / "docs" / "vendor" / "katex" / "katex.min.js"

# arithmatex's generic output: the element, its TeX between \( \) or \[ \], the end tag
MATH = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex">)\s*'
    r"\\(?P<kind>[(\[])(?P<tex>.*?)\\[)\]]\s*(?P<close></(?P=tag)>)",
    re.DOTALL,
)
# In the search index the page's HTML is kept as text: the TeX appears between its delimiters.
INDEXED_MATH = re.compile(r"\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\]", re.DOTALL)
LISTING = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
MATH_TOKEN = re.compile(r"<(m[ion]|mtext)\b[^>]*>(.*?)</\1>", re.DOTALL)
SPACED_OPERATORS = set("=+−-×·<>≤≥≈∼~→∈⋅") | {"≠", "⟹", "⇒"}

_failures: list[str] = []


@functools.cache
def _katex():
    """A V8 context with KaTeX loaded (made on first use, once per process)."""
    from py_mini_racer import MiniRacer

    context = MiniRacer()
    context.eval(KATEX_JS.read_text(encoding="utf-8"))
    return context


@functools.cache
def render(tex: str, display: bool) -> str:
    """KaTeX's HTML and MathML for ``tex``; raises ``ValueError`` with KaTeX's message."""
    from py_mini_racer import JSEvalException

    options = {"displayMode": display, "throwOnError": True, "output": "htmlAndMathml"}
    try:
        return _katex().call("katex.renderToString", tex, options)
    except JSEvalException as error:
        message = str(error).strip().splitlines()
        raise ValueError(message[0] if message else f"KaTeX could not typeset {tex!r}") from None


@functools.cache
def as_words(tex: str) -> str:
    """The formula as the symbols it shows, for search previews: ``z_i \\le 0`` -> ``zi ≤ 0``."""
    try:
        mathml = _katex().call("katex.renderToString", tex, {"output": "mathml"})
    except Exception:  # an unparsable formula was reported when the page was typeset
        return tex
    mathml = re.sub(r"<annotation\b.*?</annotation>", "", mathml, flags=re.DOTALL)
    words = []
    for name, text in MATH_TOKEN.findall(mathml):
        text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u2061", "")
        if name == "mo" and text.strip() in SPACED_OPERATORS:
            words.append(f" {text.strip()} ")
        elif name == "mo" and text.strip() == ",":
            words.append(", ")
        else:
            words.append(text)
    return re.sub(r"\s+", " ", "".join(words)).strip()


def typeset(output: str, where: str) -> str:
    """``output`` with every arithmatex element's TeX replaced by KaTeX's rendering."""

    def replace(match: re.Match[str]) -> str:
        tex = html.unescape(match["tex"]).strip()
        try:
            rendered = render(tex, match["kind"] == "[")
        except ValueError as error:
            _failures.append(where)
            log.warning("%s: KaTeX cannot typeset %r: %s", where, tex[:80], error)
            return match.group(0)
        return match["open"] + rendered + match["close"]

    return MATH.sub(replace, output)


def on_post_page(output: str, page, config) -> str:
    if 'class="arithmatex"' not in output:
        return output
    return typeset(output, page.file.src_uri)


def index_text(text: str) -> str:
    """A search entry's text without code listings and with formulas as words."""
    text = LISTING.sub(" ", text)
    return INDEXED_MATH.sub(
        lambda m: as_words(html.unescape(m["inline"] if m["inline"] is not None else m["display"])),
        text,
    )


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        for entry in data.get("docs", []):
            entry["text"] = index_text(entry.get("text", ""))
            entry["title"] = index_text(entry.get("title", ""))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    failures, _failures[:] = list(_failures), []
    if failures and config.get("strict"):
        raise PluginError(f"KaTeX could not typeset math on: {', '.join(sorted(set(failures)))}")
