"""The lab page's HTML as mkdocs-jupyter renders it, made to look and load like the
site's pages: no script from another host (its template names MathJax and Mermaid on a
CDN), math typeset by the site's KaTeX, and the worked solutions folded."""

from __future__ import annotations

import re

# A <script> element that loads from, or imports from, another host.
_OFFSITE_SCRIPT = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*?</script>", re.DOTALL | re.IGNORECASE
)
_MATHJAX_NOTE = re.compile(r"<!--[^>]*?mathjax[^>]*?-->\n?", re.IGNORECASE)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
_DISPLAY_MATH = re.compile(r"<p>\$\$(.+?)\$\$</p>", re.DOTALL)
_INLINE_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")
_CELL_START = re.compile(r'<div class="jp-Cell jp-CodeCell[^"]*celltag_solution[^"]*">')
_DIV = re.compile(r"<div\b|</div>")


def _offsite(script: str) -> bool:
    head = script[: script.index(">") + 1]
    return (
        bool(re.search(r"https?://|\bsrc=(\"\"|'')", head))
        or bool(re.search(r"""(?:import|from)\s*\(?\s*['"]https?://""", script))
        or "MathJax" in script
    )


def without_offsite_scripts(html: str) -> str:
    """``html`` without the scripts that load from another host (or, with an empty
    ``src``, request the page itself again) or configure MathJax."""
    html = _OFFSITE_SCRIPT.sub(lambda m: "" if _offsite(m.group(0)) else m.group(0), html)
    return _MATHJAX_NOTE.sub("", html)  # the template's comments around them


def with_site_math(html: str) -> str:
    """The ``$...$`` and ``$$...$$`` nbconvert leaves in Markdown cells, marked for the
    site's KaTeX (``docs/javascripts/katex-init.js`` typesets ``.arithmatex``), as
    pymdownx.arithmatex marks the pages' math. Code blocks are left alone."""
    pieces = _PRE.split(html)
    for index in range(0, len(pieces), 2):
        text = pieces[index]
        text = _DISPLAY_MATH.sub(r'<div class="arithmatex">\\[\1\\]</div>', text)
        text = _INLINE_DISPLAY.sub(r'<span class="arithmatex">\\[\1\\]</span>', text)
        text = _INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', text)
        pieces[index] = text
    return "".join(pieces)


def with_folded_solutions(html: str, summary: str = "Solution") -> str:
    """Each code cell tagged ``solution`` (with its outputs) inside a closed
    ``<details>``: the reader opens it after trying."""
    out, cursor = [], 0
    for start in _CELL_START.finditer(html):
        if start.start() < cursor:
            continue
        end = _matching_div_end(html, start.start())
        if end is None:
            break
        out += [
            html[cursor : start.start()],
            f'<details class="re-solution"><summary>{summary}</summary>',
            html[start.start() : end],
            "</details>",
        ]
        cursor = end
    out.append(html[cursor:])
    return "".join(out)


def finish(html: str) -> str:
    """The lab page's HTML as the site shows it."""
    html = with_folded_solutions(with_site_math(without_offsite_scripts(html)))
    html = with_theme_permalinks(with_line_elements(html))
    return with_used_css(with_valid_copy_buttons(without_code_in_search(html)))


_INPUT_AREA = re.compile(r'<div class="jp-InputArea jp-Cell-inputArea">')


def without_code_in_search(html: str) -> str:
    """The cells' code (with its prompt and copy notice) left out of the search index, as
    the pages' listings are: a search preview of a lab read "In [1]: Copied! import ...".

    Each input area goes in a ``<section data-search-exclude>`` (``display: contents`` in
    labs.css: the layout is unchanged). Not on the ``<div>`` itself: the theme's indexer
    tells elements apart by tag name only, so the first inner ``</div>`` would end it."""
    out, cursor = [], 0
    for start in _INPUT_AREA.finditer(html):
        end = _matching_div_end(html, start.start())
        if end is None:
            break
        out += [html[cursor : start.start()], "<section data-search-exclude>"]
        out += [html[start.start() : end], "</section>"]
        cursor = end
    out.append(html[cursor:])
    return "".join(out)


def _matching_div_end(html: str, start: int) -> int | None:
    """Where the ``<div`` at ``start`` ends (after its ``</div>``)."""
    depth = 0
    for tag in _DIV.finditer(html, start):
        depth += 1 if tag.group(0) == "<div" else -1
        if depth == 0:
            return tag.end()
    return None


_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="(#[^"]*)">¶</a>')


def with_theme_permalinks(html: str) -> str:
    """A heading's permalink as the site's pages have it (the theme's ``headerlink``: shown
    on hover, and left out of the search index, whose results showed the lab headings
    with a stray "¶")."""
    return _ANCHOR_LINK.sub(r'<a class="headerlink" href="\1" title="Permanent link">¶</a>', html)


_CELL_CODE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)(.*?)(</pre>)', re.DOTALL)


def with_line_elements(html: str) -> str:
    """Each line of a code cell in an element of its own (``span.re-line``), as the pages'
    listings have, so that a line wrapped on a phone shows the site's continuation mark
    (extra.css). Pygments closes its spans at each line's end; a cell where it did not
    is left as it was."""

    def lines(match: re.Match[str]) -> str:
        code = match.group(2).removeprefix("<span></span>")
        rows = code.split("\n")
        if rows and rows[-1] == "":
            rows.pop()
        if any(row.count("<span") != row.count("</span>") for row in rows):
            return match.group(0)
        body = "".join(f'<span class="re-line">{row}\n</span>' for row in rows)
        return match.group(1) + body + match.group(3)

    return _CELL_CODE.sub(lines, html)


_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
_CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def with_used_css(html: str) -> str:
    """``html`` with the rules of its ``<style>`` elements that name a class the page does
    not use left out. mkdocs-jupyter inlines all of JupyterLab's stylesheet (about 570 KB)
    into every notebook page, nearly all of it for an application's controls that a
    rendered notebook does not have; the page keeps what styles its own elements."""
    used = {name for found in _CLASS_ATTRIBUTE.findall(html) for name in found.split()}

    def purge(match: re.Match[str]) -> str:
        return match.group(1) + _used_rules(match.group(2), used) + match.group(3)

    return _STYLE.sub(purge, html)


def _used_rules(css: str, used: set[str]) -> str:
    """The rules of ``css`` to keep: each rule with a selector whose classes are all in
    ``used``; at-rules (``@media``, ``@supports``) filtered inside; others kept whole."""
    kept, cursor = [], 0
    while cursor < len(css):
        brace, semicolon = css.find("{", cursor), css.find(";", cursor)
        if brace < 0:
            kept.append(css[cursor:])
            break
        if 0 <= semicolon < brace and css[cursor:semicolon].lstrip().startswith("@"):
            kept.append(css[cursor : semicolon + 1])  # @charset, @import
            cursor = semicolon + 1
            continue
        end = _closing(css, brace)
        prelude, body = css[cursor:brace], css[brace + 1 : end]
        head = prelude.strip()
        if head.startswith(("@media", "@supports")):
            inner = _used_rules(body, used)
            if inner.strip():
                kept.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@") or any(
            set(_CLASS_NAME.findall(selector)) <= used for selector in head.split(",")
        ):
            kept.append(css[cursor : end + 1])
        cursor = end + 1
    return "".join(kept)


_SPECIAL = re.compile(r"[{}\"'\\]")


def _closing(css: str, brace: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``brace`` (quoted text skipped)."""
    depth, quote, escaped = 0, "", -1
    for found in _SPECIAL.finditer(css, brace):
        char, index = found.group(0), found.start()
        if index == escaped:
            continue
        if char == "\\":
            escaped = index + 1
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return index
    return len(css) - 1


_CLIPBOARD = re.compile(r"<clipboard-copy\b([^>]*)>")


def with_valid_copy_buttons(html: str) -> str:
    """The template's copy buttons as valid HTML: the stray attribute its markup leaves
    (``,=""``) dropped, and the role the element takes when its script runs (``button``)
    written out, which an ``aria-label`` needs."""

    def valid(match: re.Match[str]) -> str:
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        target, label = attributes.get("for", ""), attributes.get("aria-label", "Copy")
        return f'<clipboard-copy for="{target}" role="button" tabindex="0" aria-label="{label}">'

    return _CLIPBOARD.sub(valid, html)


def split_styles(html: str) -> tuple[str, str]:
    """``html`` without its ``<style>`` elements, and their CSS joined in order: a page's
    body may not hold a ``<style>`` after other elements, so the CSS goes in a file."""
    css = [match.group(2) for match in _STYLE.finditer(html)]
    return _STYLE.sub("", html), "\n".join(css)
