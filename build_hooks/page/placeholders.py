"""Computed values in prose: ``{{ expr }}`` outside the ```python fences is replaced by the value of
``expr``, evaluated in the page's namespace after all of its snippets ran; a format spec
may follow as in an f-string: ``{{ share:.0% }}``, ``{{ loss:.4f }}``. A few names are
the build's own values instead (``{{ version }}``, see :mod:`build_hooks.site.values`).

The evaluation is a Sybil example of its own, placed at the end of the page, so the tests
and the build evaluate the same expressions in the same namespace: a failing expression
fails both, naming the page and the line it is written on. The values are cached with the
page's figures, and the page, its alt texts and its notebook show the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sybil import Document, Example, Region

from ..site.values import NAMES as BUILD_NAMES
from .fences import python_fences

VALUES = "__prose_values__"  # where the evaluated text lands in the page's namespace
_PLACEHOLDER = re.compile(r"\{\{\s*(?P<expr>.+?)\s*\}\}")


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    expr: str  # as written, format spec included
    line: int  # in the text it was found in

    @property
    def from_build(self) -> bool:
        """Whether the build fills it in (``{{ version }}``), not the page's code."""
        return self.expr in BUILD_NAMES


def find(text: str, code: Iterable[tuple[int, int]]) -> list[Placeholder]:
    """Every ``{{ expr }}`` of ``text`` outside the ``code`` spans: the ```python fences,
    whose braces are Python's. In other fences and inline code a placeholder is filled
    in as in prose (a shell command can show the wheel's address)."""
    code = sorted(code)
    found = []
    for match in _PLACEHOLDER.finditer(text):
        if any(start <= match.start() < end for start, end in code):
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


def fill(text: str, found: Iterable[Placeholder], values: dict[str, str]) -> str:
    """``text`` with each placeholder ``found`` in it replaced by its value (one without a
    value stays as written: its page failed, and says so)."""
    pieces, cursor = [], 0
    for placeholder in found:
        original = text[placeholder.start : placeholder.end]
        pieces += [text[cursor : placeholder.start], values.get(placeholder.expr, original)]
        cursor = placeholder.end
    return "".join(pieces) + text[cursor:]


def fill_alt(alt: str, values: dict[str, str]) -> str:
    """An alt text (no code in it) with its placeholders replaced."""
    return _PLACEHOLDER.sub(lambda m: values.get(m["expr"], m.group(0)), alt)


def evaluate(example: Example) -> None:
    """Evaluate the page's placeholders into ``namespace[VALUES]`` (a Sybil evaluator)."""
    values = {}
    for found in example.parsed:
        values[found.expr] = value_text(found.expr, example.namespace, example.path, found.line)
    example.namespace[VALUES] = values


def region_for(found: Iterable[Placeholder], end: int) -> Region | None:
    """The example, at ``end`` of the page, that evaluates the placeholders the page's
    code fills in; None when there are none."""
    mine = [p for p in found if not p.from_build]
    return Region(end, end, mine, evaluate) if mine else None


class PlaceholderParser:
    """A Sybil parser for the tests: the example :func:`region_for` makes
    (:func:`build_hooks.page.model.read_page` is the build's way to the same region)."""

    def __call__(self, document: Document) -> Iterator[Region]:
        text = document.text
        code = [(fence.start, fence.end) for fence in python_fences(text)]
        region = region_for(find(text, code), len(text))
        if region is not None:
            yield region
