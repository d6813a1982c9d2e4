"""Alt text: the author describes each figure in a comment under its block, and the build
checks there is one per figure and that each says something.

    <!-- figure: ReLU is flat at zero left of the origin and the identity right of it -->

The comments are read by Sybil's lexer for directives in HTML comments, the one that reads
``<!-- skip: next -->``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sybil import Document
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer

_FIGURE = DirectiveInHTMLCommentLexer(directive="figure(?=:)")  # the colon is required
# Comments that speak to the build or the tests, not to the reader of a notebook.
_DIRECTIVES = DirectiveInHTMLCommentLexer(directive="figure|skip|clear-namespace")
_COMMENT_END = re.compile(r"--+>[ \t]*\n?")
_GENERIC = {"figure", "plot", "image", "chart", "graph", "picture", "diagram", "img"}


@dataclass(frozen=True)
class AltTexts:
    """The alt texts written right under a block, and where the text after them starts."""

    texts: list[str]
    end: int


def figure_comments(text: str) -> dict[int, tuple[str, int]]:
    """Every ``<!-- figure: ... -->`` of a page: its start -> (alt text, end)."""
    found = {}
    for region in _FIGURE(Document(text, "")):
        alt = " ".join(f"{region.lexemes['arguments']} {region.lexemes['source']}".split())
        closing = _COMMENT_END.match(text, region.end)
        found[region.start] = (alt, closing.end() if closing else region.end)
    return found


def directive_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every figure, skip and clear-namespace comment, its closing
    ``-->`` and line end included."""
    spans = []
    for region in _DIRECTIVES(Document(text, "")):
        closing = _COMMENT_END.match(text, region.end)
        spans.append((region.start, closing.end() if closing else region.end))
    return sorted(spans)


def alts_under(text: str, position: int, comments: dict[int, tuple[str, int]]) -> AltTexts:
    """The alt texts that follow ``position`` (the end of a block's line), blank lines
    apart; ``comments`` is :func:`figure_comments` of the same text."""
    texts, end = [], position
    while True:
        start = end
        while text.startswith("\n", start):
            start += 1
        if start not in comments:
            return AltTexts(texts, end)
        alt, end = comments[start]
        texts.append(alt)


def check(alts: list[str], count: int) -> str | None:
    """What is wrong with the alt texts of a block that draws ``count`` figures, if anything."""
    if len(alts) != count:
        return (
            f"the block draws {count} figure(s) but {len(alts)} alt text(s) follow it; write "
            "one '<!-- figure: what the figure shows -->' per figure right under the block"
        )
    for alt in alts:
        words = alt.lower().strip(" .").split()
        if len(words) < 4 or " ".join(words) in _GENERIC:
            return f"alt text {alt!r} is too thin: say in a sentence what the figure shows"
    return None
