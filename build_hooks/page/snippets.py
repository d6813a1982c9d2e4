"""What counts as a snippet on a page, and how one page's snippets are run.

The test suite (root ``conftest.py``) takes its parsers from :func:`parsers`, and the
build reads a page with the same ones (:func:`build_hooks.page.model.read_page`), so what
is tested and what draws the figures cannot diverge.
"""

from __future__ import annotations

import doctest
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sybil import Example
from sybil.example import SybilFailure
from sybil.parsers.markdown import ClearNamespaceParser, PythonCodeBlockParser, SkipParser
from sybil.typing import Parser

from .placeholders import VALUES, PlaceholderParser

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .model import Page

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def code_parsers() -> list[Parser]:
    """The Sybil parsers for a page's code: Python code blocks and doctests, skip and
    clear-namespace."""
    return [
        PythonCodeBlockParser(doctest_optionflags=DOCTEST_FLAGS),
        SkipParser(),
        ClearNamespaceParser(),
    ]


def parsers() -> list[Parser]:
    """The parsers the tests collect a page with: its code, then the values that prose
    placeholders show (:mod:`placeholders`)."""
    return [*code_parsers(), PlaceholderParser()]


class SnippetError(Exception):
    """A snippet raised, or a doctest printed something else than the page says."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass
class BlockOutput:
    """What one ```python fence left behind: the figures it opened."""

    fence: str  # the fence's id (see model.CodeFence)
    line: int  # the fence's first line in the page file
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Ran:
    """What running a page gives: each fence's figures, in page order, and the text of
    the page's prose placeholders (expression as written -> text)."""

    blocks: list[BlockOutput]
    values: dict[str, str]
    namespace: dict  # the page's names after its last example


def _failure_line(error: BaseException, example: Example) -> int:
    """The page line where `error` was raised, from the traceback (Sybil pads line numbers)."""
    line = example.line
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == example.path:
            line = lineno
    return line


def run(page: Page, *, after_example: Callable[[], list[Figure]] | None = None) -> Ran:
    """Evaluate the page's examples in order, as the tests do, one namespace for the page.

    ``after_example`` is called after each example and returns the figures it left
    open; they belong to the fence that holds the example. Raises :class:`SnippetError`
    naming the page and line on the first failure.
    """
    document = page.document()
    outputs: dict[str, BlockOutput] = {}
    for example in document.examples():
        try:
            example.evaluate()
        except Exception as error:  # any failure becomes "page:line: what happened"
            line = _failure_line(error, example) + page.line_offset
            if isinstance(error, SybilFailure):  # a doctest's output: the diff says it all
                message = str(error.result).strip()
            else:
                message = "".join(traceback.format_exception_only(error)).strip()
            raise SnippetError(page.path, line, message) from None
        figures = after_example() if after_example is not None else []
        if not figures:
            continue
        start = example.region.start
        fence = next((f for f in page.code_fences if f.start <= start < f.end), None)
        if fence is None:  # an invisible code block drew something: nowhere to show it
            raise SnippetError(page.path, page.line(start), "figure drawn outside a fence")
        block = outputs.setdefault(fence.id, BlockOutput(fence.id, page.line(fence.start)))
        block.figures.extend(figures)
    order = [f.id for f in page.code_fences if f.id in outputs]
    values = dict(document.namespace.get(VALUES, {}))
    return Ran([outputs[i] for i in order], values, document.namespace)


def lines_before(raw: str, markdown: str) -> int:
    """How many lines of ``raw`` (a page file) precede ``markdown`` (its body after meta)."""
    position = raw.find(markdown) if markdown else -1
    return raw.count("\n", 0, position) if position > 0 else 0
