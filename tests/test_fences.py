"""Sybil's lexers find the blocks and comments the build works with: fences in list items,
quotes and longer fences, figure descriptions and directives."""

from __future__ import annotations

from helpers import PAGES

from build_hooks.page import alt_text, fences
from build_hooks.page.model import read_page


def test_figure_and_directive_comments_are_found_with_their_line_ends():
    text = (
        "```python\nx = 1\n```\n<!-- figure: a line\n  that rises -->\n\n"
        "<!-- skip: next -->\n```python\ny = 2\n```\n<!-- a comment for authors -->\n"
    )
    page = read_page(text, "p.md", "p.md")
    assert [text[s:e] for s, e in page.directives] == [
        "<!-- figure: a line\n  that rises -->\n",
        "<!-- skip: next -->\n",
    ]
    fence = page.code_fences[0]
    after = fence.end + text.startswith("\n", fence.end)
    alts = alt_text.alts_under(text, after, page.figure_comments)
    assert alts.texts == ["a line that rises"]
    assert text[alts.end :].startswith("\n<!-- skip")


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
    document = read_page(text, "page.md", "page.md").document()
    assert [e.region.start for e in document.examples()] == [text.index("```python")]


def test_only_a_figure_comment_with_its_colon_is_alt_text():
    text = "<!-- figures below are drawn by the block above -->\n<!-- figure: a line -->\n"
    assert [alt for alt, _ in alt_text.figure_comments(text).values()] == ["a line"]


def test_multiline_alt_text_is_one_sentence():
    text = "<!-- figure: a line that rises\n     from left to right -->\nAfter.\n"
    comments = alt_text.figure_comments(text)
    assert comments == {0: ("a line that rises from left to right", text.index("After."))}
