"""The page sources hold no TAB and no control character: a TAB is what a TeX command
such as ``\\times`` becomes when its backslash escape is eaten on the way into the file."""

from __future__ import annotations

import re
import unicodedata

import pytest
from helpers import ROOT

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # all but the newline
NAMES = {"\t": "TAB", "\x0c": "FORM FEED", "\x08": "BACKSPACE", "\r": "CARRIAGE RETURN"}


def control_characters(text: str) -> list[tuple[int, int, str]]:
    """(line, column, name) of every control character but the newline."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        for match in CONTROL.finditer(line):
            char = match.group()
            name = NAMES.get(char) or unicodedata.name(char, f"U+{ord(char):04X}")
            found.append((number, match.start() + 1, name))
    return found


def test_the_lint_names_a_tab_and_a_form_feed():
    text = "fine line\nslope \\(2 \times 3\\) and \\(\frac{1}{2}\\)\n"
    assert control_characters(text) == [(2, 11, "TAB"), (2, 27, "FORM FEED")]
    assert control_characters("no controls here\n") == []


@pytest.mark.parametrize(
    "page", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))
)
def test_page_source_has_no_tab_or_control_character(page):
    found = control_characters((ROOT / page).read_text())
    assert [f"{page}:{line}:{column}: {name}" for line, column, name in found] == []
