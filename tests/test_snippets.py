"""Every page is tested: it yields examples and has no Python fence Sybil would skip."""

import pytest
from helpers import PAGES, page_id

from build_hooks.page import snippets
from build_hooks.page.model import read_page


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_page_yields_examples_and_no_untested_fence(page):
    text = page.read_text(encoding="utf-8")
    read = read_page(text, str(page), page.name)
    assert read.untested == ()
    assert len(list(read.document().examples())) > 0


def test_untested_fences_are_found():
    text = (
        '```py\nx\n```\n\n```pycon\n>>> 1\n```\n\n```python title="a"\nx\n```\n\n'
        "```python\nx = 1\n```\n\n```text\nnot python\n```\n"
    )
    untested = read_page(text, "p.md", "p.md").untested
    assert untested == ((1, "py"), (5, "pycon"), (9, 'python title="a"'))


def test_fences_inside_admonitions_are_run():
    text = (
        '??? success "Solution"\n\n    ```python\n    answer = 6 * 7\n    ```\n\n'
        "```python\nassert answer == 42\n```\n"
    )
    page = read_page(text, "page.md", "page.md")
    ran = snippets.run(page)
    assert ran.blocks == []  # ran without error; nothing drawn
    assert len(page.code_fences) == 2


def test_failure_names_page_and_line():
    text = "# T\n\n```python\nx = 1\ny = 1 / 0\n```\n"
    with pytest.raises(snippets.SnippetError) as info:
        snippets.run(read_page(text, "docs/p.md", "p.md"))
    assert str(info.value).startswith("docs/p.md:5: ZeroDivisionError")


def test_doctest_mismatch_names_page_and_line():
    text = "# T\n\nSome prose.\n\n```python\n>>> 1 + 1\n3\n```\n"
    with pytest.raises(snippets.SnippetError) as info:
        snippets.run(read_page(text, "docs/p.md", "p.md"))
    assert "docs/p.md:6:" in str(info.value)
    assert "Expected:\n    3\nGot:\n    2" in str(info.value)
