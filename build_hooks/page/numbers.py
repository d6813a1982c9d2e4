"""Numbers typed into a page's prose that none of its code computes or sets: a page
problem, as a failing snippet is (the build names its line and fails with --strict).

A number in prose, tables, headings, formulas or alt text passes when the page's tested
code holds it: as a literal the code sets (a width, a seed, a learning rate: a definition
the reader can see), or as a rounding of a value a doctest prints (checked by the tests).
Everything else must be written ``{{ expr }}``, so the build fills in what the snippets
computed. What is not prose is left out: fenced and inline code, HTML tags and their
attributes, link targets, comments other than alt text, and the placeholders themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Page

_CODE_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e[-+]?\d+)?", re.IGNORECASE)
_PROSE_NUMBER = re.compile(r"(?<![\w.\\])(?P<number>\d+(?:\.\d+)?)(?P<percent>\s?%| percent)?")
_NOT_PROSE = re.compile(
    r"\{\{.*?\}\}"  # placeholders: computed
    r"|(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)"  # inline code
    r"|<!--\s*(?!figure:).*?-->"  # comments other than alt text
    r"|<[^>]*>"  # HTML tags and their attributes
    r"|\]\([^)]*\)"  # link targets
    r"|\{[:.#][^}]*\}",  # attribute lists
    re.DOTALL | re.MULTILINE,
)
SMALL = 10  # counts and ordinals up to ten ("unit 0", "2 × 3") read as words do
YEARS = range(1900, 2100)  # a year, as in a reference to a paper, is not a result


@dataclass(frozen=True)
class Typed:
    line: int
    text: str


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _fences(page: Page) -> list[tuple[int, int]]:
    return sorted([(f.start, f.end) for f in page.code_fences] + list(page.other_fences))


def code_numbers(page: Page) -> set[float]:
    """Every number the page's fenced code writes: literals and doctest outputs."""
    found: set[float] = set()
    for start, end in _fences(page):
        for match in _CODE_NUMBER.finditer(page.text, start, end):
            found.add(float(match.group(0)))
    return found


def _computed(number: str, percent: bool, known: set[float]) -> bool:
    value, places = float(number), _decimals(number)
    for q in known:
        for candidate in (q, 100 * q) if percent else (q,):
            if round(candidate, places) == value or round(-candidate, places) == value:
                return True
    return False


def typed_numbers(page: Page) -> list[Typed]:
    """The numbers of ``page``'s prose that its code neither sets nor computes; their
    lines are lines of the page file."""
    known = code_numbers(page)
    pieces, cursor = [], 0
    for start, end in _fences(page):
        pieces += [page.text[cursor:start], "\n" * page.text.count("\n", start, end)]
        cursor = end
    blank = "".join(pieces) + page.text[cursor:]
    blank = _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), blank)
    problems = []
    for match in _PROSE_NUMBER.finditer(blank):
        number, percent = match["number"], bool(match["percent"])
        if "." not in number and not percent and (int(number) <= SMALL or int(number) in YEARS):
            continue
        if not _computed(number, percent, known):
            line = blank.count("\n", 0, match.start()) + 1 + page.line_offset
            problems.append(Typed(line, match.group(0).strip()))
    return problems


def problems(page: Page) -> list[str]:
    """Each typed-in number as a page problem, with its fix."""
    return [
        f"{page.path}:{typed.line}: the number {typed.text!r} is typed into the prose; "
        "write {{ expr }} with the value the code computes (or set it in the code)"
        for typed in typed_numbers(page)
    ]
