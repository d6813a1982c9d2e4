"""Sybil's lexers find the blocks and comments the build works with: on every page, the
same regions the hand-written patterns they replaced found, and fences in list items too."""

from __future__ import annotations

import re

import pytest
from helpers import PAGES, page_id

from build_hooks import alt_text, fences, notebooks, snippets

# The patterns the build used before it used Sybil's lexers, kept as the reference.
OLD_FENCE = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$", re.M)
OLD_ALT = re.compile(r"[ \t]*<!--\s*figure:(?P<alt>.*?)-->[ \t]*\n?", re.DOTALL)
OLD_COMMENT = re.compile(
    r"^[ \t]*<!--\s*(figure|skip|clear-namespace)\b.*?-->[ \t]*\n?", re.DOTALL | re.MULTILINE
)


def old_python_fences(text: str) -> list[tuple[int, int, str]]:
    found, opened = [], None
    for match in OLD_FENCE.finditer(text):
        if opened is None:
            opened = match
        elif (
            match.group("fence")[0] == opened.group("fence")[0]
            and len(match.group("fence")) >= len(opened.group("fence"))
            and not match.group("info").strip()
        ):
            if opened.group("info").strip() == "python":
                found.append((opened.start(), match.end(), opened.group("indent")))
            opened = None
    return found


def old_alts(text: str, position: int) -> tuple[list[str], int]:
    alts = []
    while True:
        blank = len(text[position:]) - len(text[position:].lstrip("\n"))
        match = OLD_ALT.match(text, position + blank)
        if not match:
            return alts, position
        alts.append(" ".join(match.group("alt").split()))
        position = match.end()


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_lexers_find_the_regions_the_old_patterns_found(page):
    text = page.read_text(encoding="utf-8")
    found = fences.python_fences(text)
    assert [(f.start, f.end, f.indent) for f in found] == old_python_fences(text)
    comments = alt_text.figure_comments(text)
    for fence in found:
        after = fence.end + text.startswith("\n", fence.end)
        alts = alt_text.alts_under(text, after, comments)
        assert (alts.texts, alts.end) == old_alts(text, after)
    assert notebooks._without_directives(text) == OLD_COMMENT.sub("", text)


def test_every_figure_comment_of_the_site_is_found():
    count = sum(p.read_text(encoding="utf-8").count("<!-- figure:") for p in PAGES)
    found = sum(len(alt_text.figure_comments(p.read_text(encoding="utf-8"))) for p in PAGES)
    assert count > 10 and found == count


def test_a_fence_in_a_list_item_is_found_and_indented_under_the_item():
    text = "1. First step:\n\n   ```python\n   x = 1\n   ```\n- ```python\n  y = 2\n  ```\n"
    found = fences.python_fences(text)
    assert [f.source for f in found] == ["x = 1\n", "y = 2\n"]
    assert [f.indent for f in found] == ["   ", "  "]
    assert text[found[1].start : found[1].end] == "- ```python\n  y = 2\n  ```"


def test_quoted_and_tilde_fences_and_longer_closing_fences():
    text = "> ```python\n> a = 1\n> ```\n\n~~~python\nb = 2\n~~~~\n"
    found = fences.python_fences(text)
    assert [(f.source, f.indent) for f in found] == [("a = 1\n", "> "), ("b = 2\n", "")]


def test_a_fence_inside_a_longer_fence_is_found_as_the_tests_find_it():
    text = "````markdown\n```python\nx = 1\n```\n````\n"
    assert [f.source for f in fences.python_fences(text)] == ["x = 1\n"]
    document = snippets.parse(text, "page.md")
    assert [e.region.start for e in document.examples()] == [text.index("```python")]


def test_only_a_figure_comment_with_its_colon_is_alt_text():
    text = "<!-- figures below are drawn by the block above -->\n<!-- figure: a line -->\n"
    assert [alt for alt, _ in alt_text.figure_comments(text).values()] == ["a line"]


def test_multiline_alt_text_is_one_sentence():
    text = "<!-- figure: a line that rises\n     from left to right -->\nAfter.\n"
    comments = alt_text.figure_comments(text)
    assert comments == {0: ("a line that rises from left to right", text.index("After."))}
