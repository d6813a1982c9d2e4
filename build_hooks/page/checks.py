"""What is wrong with a page before any of its code runs: a Python fence the tests would
skip, a number typed into the prose. Each problem names the page file's line and the fix;
the build shows it on the page and fails with --strict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import numbers

if TYPE_CHECKING:
    from .model import Page


def problems(page: Page) -> list[str]:
    """The page's problems, in page order."""
    untested = [
        f"{page.path}:{line + page.line_offset}: fence '{info}' is not run by the tests; "
        "tag Python code blocks exactly 'python'"
        for line, info in page.untested
    ]
    return untested + numbers.problems(page)
