"""Every page is tested: it yields examples and has no Python fence Sybil would skip."""

import pytest
from helpers import PAGES, page_id

from build_hooks import fences, snippets


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_page_yields_examples_and_no_untested_fence(page):
    text = page.read_text(encoding="utf-8")
    assert fences.untested_fences(text) == []
    assert len(list(snippets.parse(text, str(page)).examples())) > 0


def test_untested_fences_are_found():
    text = (
        '```py\nx\n```\n\n```pycon\n>>> 1\n```\n\n```python title="a"\nx\n```\n\n'
        "```python\nx = 1\n```\n\n```text\nnot python\n```\n"
    )
    assert fences.untested_fences(text) == [(1, "py"), (5, "pycon"), (9, 'python title="a"')]


def test_fences_inside_admonitions_are_run():
    text = (
        '??? success "Solution"\n\n    ```python\n    answer = 6 * 7\n    ```\n\n'
        "```python\nassert answer == 42\n```\n"
    )
    outputs = snippets.run(text, "page.md")
    assert outputs == []  # ran without error; nothing drawn
    assert len(fences.python_fences(text)) == 2


def test_failure_names_page_and_line():
    text = "# T\n\n```python\nx = 1\ny = 1 / 0\n```\n"
    with pytest.raises(snippets.SnippetError) as info:
        snippets.run(text, "docs/p.md")
    assert str(info.value).startswith("docs/p.md:5: ZeroDivisionError")


def test_doctest_mismatch_names_page_and_line():
    text = "# T\n\nSome prose.\n\n```python\n>>> 1 + 1\n3\n```\n"
    with pytest.raises(snippets.SnippetError) as info:
        snippets.run(text, "docs/p.md")
    assert "docs/p.md:6:" in str(info.value)
    assert "Expected:\n    3\nGot:\n    2" in str(info.value)
