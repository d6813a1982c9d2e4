"""What counts as a snippet on a page, and how one page's snippets are run.

The test suite (root ``conftest.py``) and the site build (``figures.py``) both take their
parsers from :func:`parsers`, so what is tested and what draws the figures cannot diverge.
"""

from __future__ import annotations

import doctest
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sybil import Document, Example
from sybil.parsers.markdown import ClearNamespaceParser, PythonCodeBlockParser, SkipParser

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# Fence info strings that look like Python but that Sybil would skip without a word.
_PYTHONISH = {"py", "py3", "pycon", "python", "python3", "ipython", "ipython3", "pyodide"}
_FENCE = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$", re.MULTILINE)


def parsers() -> list[Any]:
    """The Sybil parsers for pages: Python code blocks and doctests, skip, clear-namespace."""
    return [
        PythonCodeBlockParser(doctest_optionflags=DOCTEST_FLAGS),
        SkipParser(),
        ClearNamespaceParser(),
    ]


def parse(text: str, path: str) -> Document:
    """Parse page text (not read from disk) into a Sybil document."""
    document = Document(text, path)
    for parser in parsers():
        for region in parser(document):
            document.add(region)
    return document


def untested_fences(text: str) -> list[tuple[int, str]]:
    """(line, info string) of each fence that looks like Python but would not be tested."""
    found = []
    for match in _FENCE.finditer(text):
        info = match.group("info").strip()
        words = info.split()
        if words and words[0].lower().strip("{}.") in _PYTHONISH and info != "python":
            found.append((text.count("\n", 0, match.start()) + 1, info))
    return found


@dataclass(frozen=True)
class Fence:
    """A fenced block: where it starts and ends (character offsets) and its indent."""

    start: int
    end: int
    indent: str


def python_fences(text: str) -> list[Fence]:
    """Every ```python fence of the page, in order (closing fence included in ``end``)."""
    fences = []
    opened: re.Match[str] | None = None
    for match in _FENCE.finditer(text):
        if opened is None:
            opened = match
        elif (
            match.group("fence")[0] == opened.group("fence")[0]
            and len(match.group("fence")) >= len(opened.group("fence"))
            and not match.group("info").strip()
        ):
            if opened.group("info").strip() == "python":
                fences.append(Fence(opened.start(), match.end(), opened.group("indent")))
            opened = None
    return fences


class SnippetError(Exception):
    """A snippet raised, or a doctest printed something else than the page says."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class BlockOutput:
    """What one fenced block left behind: the figures it opened (matplotlib Figures)."""

    fence: Fence
    line: int
    figures: list[Any] = field(default_factory=list)


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
    after_example: Callable[[], list[Any]] | None = None,
    line_offset: int = 0,
) -> list[BlockOutput]:
    """Evaluate the page's examples in order, as the tests do, one namespace for the page.

    ``after_example`` is called after each example and returns the figures it left
    open; they are attributed to the fence that holds the example. Raises
    :class:`SnippetError` naming the page and line on the first failure.
    """
    document = parse(text, path)
    fences = python_fences(text)
    outputs: dict[int, BlockOutput] = {}
    for example in document.examples():
        try:
            example.evaluate()
        except Exception as error:  # any failure becomes "page:line: what happened"
            line = _failure_line(error, example) + line_offset
            if hasattr(error, "result"):  # SybilFailure from a doctest: the diff says it all
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
        block = outputs.setdefault(index, BlockOutput(fences[index], example.line + line_offset))
        block.figures.extend(figures)
    return [outputs[i] for i in sorted(outputs)]


def lines_before(raw: str, markdown: str) -> int:
    """How many lines of ``raw`` (a page file) precede ``markdown`` (its body after meta)."""
    position = raw.find(markdown) if markdown else -1
    return raw.count("\n", 0, position) if position > 0 else 0
