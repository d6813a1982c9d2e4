"""What counts as a snippet on a page, and how one page's snippets are run.

The test suite (root ``conftest.py``) and the site build (``capture.py``) both take their
parsers from :func:`parsers`, so what is tested and what draws the figures cannot diverge.
"""

from __future__ import annotations

import doctest
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sybil import Document, Example
from sybil.example import SybilFailure
from sybil.parsers.markdown import ClearNamespaceParser, PythonCodeBlockParser, SkipParser
from sybil.typing import Parser

from .fences import python_fences
from .prose import VALUES, PlaceholderParser

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def parsers() -> list[Parser]:
    """The Sybil parsers for pages: Python code blocks and doctests, skip, clear-namespace,
    and the values that prose placeholders show (:mod:`prose`)."""
    return [
        PythonCodeBlockParser(doctest_optionflags=DOCTEST_FLAGS),
        SkipParser(),
        ClearNamespaceParser(),
        PlaceholderParser(),
    ]


def parse(text: str, path: str) -> Document:
    """Parse page text (not read from disk) into a Sybil document."""
    document = Document(text, path)
    for parser in parsers():
        for region in parser(document):
            document.add(region)
    return document


class SnippetError(Exception):
    """A snippet raised, or a doctest printed something else than the page says."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class BlockOutput:
    """What one fenced block left behind: the figures it opened."""

    fence: int  # index among the page's ```python fences
    line: int
    figures: list[Figure] = field(default_factory=list)


def _failure_line(error: BaseException, example: Example) -> int:
    """The page line where `error` was raised, from the traceback (Sybil pads line numbers)."""
    line = example.line
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == example.path:
            line = lineno
    return line


def run(
    text: str,
    path: str,
    *,
    after_example: Callable[[], list[Figure]] | None = None,
    line_offset: int = 0,
    values: dict[str, str] | None = None,
) -> list[BlockOutput]:
    """Evaluate the page's examples in order, as the tests do, one namespace for the page.

    ``after_example`` is called after each example and returns the figures it left
    open; they are attributed to the fence that holds the example. Raises
    :class:`SnippetError` naming the page and line on the first failure. ``values``, if
    given, receives the text of the page's prose placeholders.
    """
    document = parse(text, path)
    fences = python_fences(text)
    outputs: dict[int, BlockOutput] = {}
    for example in document.examples():
        try:
            example.evaluate()
        except Exception as error:  # any failure becomes "page:line: what happened"
            line = _failure_line(error, example) + line_offset
            if isinstance(error, SybilFailure):  # a doctest's output: the diff says it all
                message = str(error.result).strip()
            else:
                message = "".join(traceback.format_exception_only(error)).strip()
            raise SnippetError(path, line, message) from None
        if after_example is None:
            continue
        figures = after_example()
        if not figures:
            continue
        index = next(
            (i for i, f in enumerate(fences) if f.start <= example.region.start < f.end), None
        )
        if index is None:  # an invisible code block drew something: nowhere to show it
            raise SnippetError(path, example.line + line_offset, "figure drawn outside a fence")
        block = outputs.setdefault(index, BlockOutput(index, example.line + line_offset))
        block.figures.extend(figures)
    if values is not None:
        values.update(document.namespace.get(VALUES, {}))
    return [outputs[i] for i in sorted(outputs)]


def lines_before(raw: str, markdown: str) -> int:
    """How many lines of ``raw`` (a page file) precede ``markdown`` (its body after meta)."""
    position = raw.find(markdown) if markdown else -1
    return raw.count("\n", 0, position) if position > 0 else 0
