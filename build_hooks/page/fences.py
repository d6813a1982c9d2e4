"""Where a page's fenced blocks are, found by Sybil's own Markdown lexers.

The tests collect code with these lexers, so the build places figures under exactly the
blocks the tests run: indented under an admonition, quoted, or opened inside a list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sybil import Document
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer, RawFencedCodeBlockLexer

# Fence info strings that look like Python but that Sybil would skip without a word.
_PYTHONISH = {"py", "py3", "pycon", "python", "python3", "ipython", "ipython3", "pyodide"}
_ANY_INFO = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE))
_PYTHON = FencedCodeBlockLexer(language="python")


@dataclass(frozen=True)
class Fence:
    """A fenced block: where it starts and ends (character offsets, closing fence included),
    the indent that text placed under it needs, and its source without that indent."""

    start: int
    end: int
    indent: str
    source: str


def _indent(text: str, start: int) -> str:
    """The indent of a block opened at ``start``: a list marker counts as spaces."""
    end = start
    while text[end] not in "`~":  # the lexer's region starts at the line, not the fence
        end += 1
    return "".join(c if c in " \t>" else " " for c in text[start:end])


def python_fences(text: str) -> list[Fence]:
    """Every ```python fence of the page, in order: the blocks Sybil collects as code."""
    document = Document(text, "")
    return [
        Fence(r.start, r.end, _indent(text, r.start), str(r.lexemes["source"]))
        for r in sorted(_PYTHON(document), key=lambda r: r.start)
    ]


def untested_fences(text: str) -> list[tuple[int, str]]:
    """(line, info string) of each fence that looks like Python but would not be tested."""
    found = []
    for region in sorted(_ANY_INFO(Document(text, "")), key=lambda r: r.start):
        info = region.lexemes["info"].strip()
        words = info.split()
        if words and words[0].lower().strip("{}.") in _PYTHONISH and info != "python":
            found.append((text.count("\n", 0, region.start) + 1, info))
    return found


def all_fences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced block of the page, whatever its info string."""
    return sorted((r.start, r.end) for r in _ANY_INFO(Document(text, "")))
