"""Typeset every formula at build time with the vendored KaTeX, so that a reader's browser
downloads KaTeX's stylesheet and fonts but no math engine, and the page shows its math
on the first paint.

pymdownx.arithmatex (generic mode) leaves each formula as TeX in an ``arithmatex``
element: ``<span class="arithmatex">\\(...\\)</span>`` inline and
``<div class="arithmatex">\\[...\\]</div>`` on a line of its own. After the build,
``on_post_build`` puts KaTeX's HTML and MathML inside each such element of every page
(the MathML keeps the TeX as its annotation, for screen readers and copy), writes each
formula in the search index as the symbols it shows, and leaves the code listings out
of the index (a reader searches the prose; the listings were half the index's weight).

KaTeX runs in V8 (``mini-racer``) in a child process, once per build, with every
formula of the site: V8 starts threads, and the build's own fork server must never
fork a process that holds them.

A formula KaTeX cannot parse is logged as a warning, so ``mkdocs build --strict`` fails,
and is counted: a strict build stops even when warnings are silenced.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

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


@functools.cache
def _katex():
    """A V8 context with KaTeX loaded (in the child process, made once)."""
    from py_mini_racer import MiniRacer

    context = MiniRacer()
    context.eval(KATEX_JS.read_text(encoding="utf-8"))
    return context


def render(tex: str, display: bool) -> str:
    """KaTeX's HTML and MathML for ``tex``; raises ``ValueError`` with KaTeX's message.
    (Used in the child process.)"""
    from py_mini_racer import JSEvalException

    options = {"displayMode": display, "throwOnError": True, "output": "htmlAndMathml"}
    try:
        return _katex().call("katex.renderToString", tex, options)
    except JSEvalException as error:
        message = str(error).strip().splitlines()
        raise ValueError(message[0] if message else f"KaTeX could not typeset {tex!r}") from None


def as_words(tex: str) -> str:
    """The formula as the symbols it shows, for search previews: ``z_i \\le 0`` -> ``zᵢ ≤ 0``
    (a sub- or superscript in Unicode's small letters where it has them all, else after
    ``_`` or ``^``). (Used in the child process.)"""
    try:
        mathml = _katex().call("katex.renderToString", tex, {"output": "mathml"})
        math = ElementTree.fromstring(re.sub(r"<annotation\b.*?</annotation>", "", mathml))
    except Exception:  # an unparsable formula is reported where its page is typeset
        return tex
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", _words(math)).strip())


_MATHML = "{http://www.w3.org/1998/Math/MathML}"
SUBSCRIPTS = dict(
    zip("0123456789+−-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
SUPERSCRIPTS = dict(zip("0123456789+−-=()inNT′", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿᴺᵀ′", strict=True))


def _words(element) -> str:
    """An element of KaTeX's MathML as the text a reader sees."""
    name = element.tag.removeprefix(_MATHML)
    children = list(element)
    if name in ("mi", "mn", "mo", "mtext"):
        text = html.unescape("".join(element.itertext())).replace("\u2061", "")
        if name == "mo" and text.strip() in SPACED_OPERATORS:
            return f" {text.strip()} "
        return ", " if name == "mo" and text.strip() == "," else text
    if name == "mover" and element.get("accent") == "true" and len(children) == 2:
        mark = _words(children[1]).strip()  # a hat, a bar...: drawn over the letter
        return _words(children[0]) + ACCENTS.get(mark, "")
    if name in SCRIPTED and len(children) >= 2:
        base, scripts = _words(children[0]), children[1:]
        marks = SCRIPTED[name]
        return base + "".join(_script(_words(c), m) for c, m in zip(scripts, marks, strict=False))
    if name == "mfrac" and len(children) == 2:
        over, under = (_grouped(_words(child)) for child in children)
        return f"{over}/{under}"
    return "".join(_words(child) for child in children)


def _grouped(text: str) -> str:
    text = text.strip()
    return text if re.fullmatch(r"[\w.]+", text) else f"({text})"


ACCENTS = {"^": "\u0302", "~": "\u0303", "ˉ": "\u0304", "‾": "\u0305", "→": "\u20d7", "˙": "\u0307"}
SCRIPTED = {  # an element with scripts -> the kind of each script after its base
    "msub": [SUBSCRIPTS],
    "munder": [SUBSCRIPTS],
    "msup": [SUPERSCRIPTS],
    "mover": [SUPERSCRIPTS],
    "msubsup": [SUBSCRIPTS, SUPERSCRIPTS],
    "munderover": [SUBSCRIPTS, SUPERSCRIPTS],
}


def _script(text: str, small: dict[str, str]) -> str:
    fits = all(c in small or c.isspace() for c in text)
    text = re.sub(r"\s+", "", text) if fits else text.strip()
    if all(ch in small for ch in text):
        return "".join(small[ch] for ch in text)
    mark = "_" if small is SUBSCRIPTS else "^"
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def _child(request: dict) -> dict:
    """What the child process answers: each formula rendered (or KaTeX's error), and
    each search-index formula as words."""
    rendered = []
    for tex, display in request["render"]:
        try:
            rendered.append([render(tex, display), None])
        except ValueError as error:
            rendered.append([None, str(error)])
    return {"render": rendered, "words": [as_words(tex) for tex in request["words"]]}


def _in_child(request: dict, timeout: float = 120, tries: int = 2) -> dict:
    """The child's answer. A child that does not answer in ``timeout`` seconds is ended and
    started again, ``tries`` times in all (one was once seen waiting forever on a lock
    under `mkdocs serve`, which then stopped rebuilding)."""
    for attempt in range(1, tries + 1):
        try:
            result = subprocess.run(
                [sys.executable, "-P", __file__],  # -P: not the hooks folder first on the path
                input=json.dumps(request),
                capture_output=True,
                text=True,
                check=False,
                timeout=timeout,
            )
            break
        except subprocess.TimeoutExpired:
            log.info(f"KaTeX did not answer in {timeout:.0f} s (try {attempt} of {tries})")
    else:
        raise PluginError(f"KaTeX did not answer in {timeout:.0f} s, {tries} times")
    if result.returncode != 0:
        raise PluginError(f"KaTeX could not run: {result.stderr.strip()[-1000:]}")
    return json.loads(result.stdout)


def _index_tex(match: re.Match[str]) -> str:
    return html.unescape(match["inline"] if match["inline"] is not None else match["display"])


@event_priority(-100)  # after every other hook and plugin, the search index written
def on_post_build(config) -> None:
    site = Path(config.site_dir)
    pages = {
        path: path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
        if 'class="arithmatex"' in path.read_text(encoding="utf-8")
    }
    formulas = {
        (html.unescape(m["tex"]).strip(), m["kind"] == "[")
        for text in pages.values()
        for m in MATH.finditer(text)
    }
    index = site / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8")) if index.exists() else {"docs": []}
    for entry in data.get("docs", []):
        for key in ("text", "title"):
            entry[key] = LISTING.sub(" ", entry.get(key, ""))
    indexed = {
        _index_tex(m)
        for entry in data["docs"]
        for key in ("text", "title")
        for m in INDEXED_MATH.finditer(entry.get(key, ""))
    }
    if not formulas and not indexed:
        return
    order, words_order = sorted(formulas), sorted(indexed)
    answer = _in_child({"render": order, "words": words_order})
    typeset = dict(zip(order, answer["render"], strict=True))
    words = dict(zip(words_order, answer["words"], strict=True))

    failures = []

    def typeset_page(text: str, where: str) -> str:
        def replace(match: re.Match[str]) -> str:
            tex = html.unescape(match["tex"]).strip()
            rendered, error = typeset[tex, match["kind"] == "["]
            if rendered is None:
                failures.append(where)
                log.warning("%s: KaTeX cannot typeset %r: %s", where, tex[:80], error)
                return match.group(0)
            return match["open"] + rendered + match["close"]

        return MATH.sub(replace, text)

    for path, text in pages.items():
        path.write_text(typeset_page(text, path.relative_to(site).as_posix()), encoding="utf-8")
    if index.exists():
        for entry in data["docs"]:
            for key in ("text", "title"):
                entry[key] = INDEXED_MATH.sub(lambda m: words[_index_tex(m)], entry.get(key, ""))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    if failures and config.get("strict"):
        raise PluginError(f"KaTeX could not typeset math on: {', '.join(sorted(set(failures)))}")


if __name__ == "__main__":  # the child process: a request on stdin, the answer on stdout
    json.dump(_child(json.load(sys.stdin)), sys.stdout)
