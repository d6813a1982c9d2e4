"""Computed values in prose: ``{{ expr }}`` outside code is replaced by the value of
``expr``, evaluated in the page's namespace after all of its snippets ran; a format spec
may follow as in an f-string: ``{{ share:.0% }}``, ``{{ loss:.4f }}``.

The evaluation is a Sybil example of its own, placed at the end of the page, so the tests
and the build evaluate the same expressions in the same namespace: a failing expression
fails both, naming the page and the line it is written on. The values are cached with the
page's figures, and the page, its alt texts and its notebook show the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sybil import Document, Example, Region

from .fences import all_fences

VALUES = "__prose_values__"  # where the evaluated text lands in the page's namespace
# Filled in from the build, not from the page (build_hooks/downloads.py): left alone here.
SITE_PLACEHOLDERS = frozenset({"version", "wheel", "wheel_link", "wheel_url", "needs"})
_PLACEHOLDER = re.compile(r"\{\{\s*(?P<expr>.+?)\s*\}\}")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    expr: str  # as written, format spec included
    line: int


def placeholders(text: str) -> list[Placeholder]:
    """Every ``{{ expr }}`` of the page outside fenced blocks and inline code."""
    code = all_fences(text) + [m.span() for m in _INLINE_CODE.finditer(text)]
    found = []
    for match in _PLACEHOLDER.finditer(text):
        if match["expr"] in SITE_PLACEHOLDERS or any(s <= match.start() < e for s, e in code):
            continue
        line = text.count("\n", 0, match.start()) + 1
        found.append(Placeholder(match.start(), match.end(), match["expr"], line))
    return found


def value_text(expr: str, namespace: dict, path: str = "<page>", line: int = 1) -> str:
    """``expr`` (with an optional ``:spec``) evaluated in ``namespace``, formatted. The code
    is compiled as if written at ``line`` of ``path``, so a traceback names that line."""
    body, spec = expr, ""
    try:
        compile(expr, path, "eval")
    except SyntaxError:  # `share:.0%`: an expression, then a format spec
        body, _, spec = expr.rpartition(":")
    code = compile("\n" * (line - 1) + body.strip(), path, "eval")
    return format(eval(code, namespace), spec)


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each placeholder replaced by its value (one without a value stays as
    written: its page failed, and says so)."""
    pieces, cursor = [], 0
    for found in placeholders(text):
        pieces += [
            text[cursor : found.start],
            values.get(found.expr, text[found.start : found.end]),
        ]
        cursor = found.end
    return "".join(pieces) + text[cursor:]


def fill_alt(alt: str, values: dict[str, str]) -> str:
    """An alt text (no code in it) with its placeholders replaced."""
    return _PLACEHOLDER.sub(lambda m: values[m["expr"]], alt)


class PlaceholderParser:
    """A Sybil parser: one example at the end of the page that evaluates every placeholder
    of the page (alt texts in HTML comments included) into ``namespace[VALUES]``."""

    def __call__(self, document: Document):
        found = placeholders(document.text)
        if found:
            end = len(document.text)
            yield Region(end, end, found, self.evaluate)

    @staticmethod
    def evaluate(example: Example) -> None:
        values = {}
        for found in example.parsed:
            values[found.expr] = value_text(found.expr, example.namespace, example.path, found.line)
        example.namespace[VALUES] = values
