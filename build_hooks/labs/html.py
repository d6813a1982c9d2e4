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
        depth, end = 0, None
        for tag in _DIV.finditer(html, start.start()):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                end = tag.end()
                break
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
    return with_folded_solutions(with_site_math(without_offsite_scripts(html)))
