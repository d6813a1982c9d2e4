"""Every content page, as the notebook the site offers for download, runs top to bottom in
a fresh kernel, and the conversion leaves nothing that needs the site's page around it.

This module holds the one run of every page's notebook per test run, in this
environment and in-process. tests/test_journey.py runs a single notebook more, the one a
browser downloads through its page's button, in a clean environment that installs the
package from a served copy of the site.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from helpers import PAGES, offers_notebook, page_id
from mkdocs.utils.meta import get_data
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from build_hooks.page.model import read_page
from build_hooks.site import notebooks

pytestmark = pytest.mark.slow


def page_to_notebook(text: str, link=None) -> nbformat.NotebookNode:
    return notebooks.page_to_notebook(read_page(text, "docs/t.md", "t.md"), link=link)


def markdown_of(text: str, link=None, values=None) -> str:
    return notebooks.page_to_markdown(read_page(text, "docs/t.md", "t.md"), values, link)


def on_the_site(target: str) -> str:
    """A stand-in for the site's link function: where a link on t.md points on the site."""
    path, _, anchor = target.partition("#")
    url = f"{path.removesuffix('.md') or 't'}/" if path.endswith(".md") or not path else path
    return f"https://example.org/{url}" + (f"#{anchor}" if anchor else "")


def run(notebook: nbformat.NotebookNode, name: str, folder: Path) -> None:
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{name}: the notebook failed:\n{error}", pytrace=False)


@pytest.mark.parametrize("page", [p for p in PAGES if offers_notebook(p)], ids=page_id)
def test_page_notebook_runs_clean(page, tmp_path):
    markdown, _ = get_data(page.read_text(encoding="utf-8"))
    notebook = notebooks.page_to_notebook(read_page(markdown, page_id(page), page.name))
    assert sum(cell.cell_type == "code" for cell in notebook.cells) >= 2
    run(notebook, page_id(page), tmp_path)


def test_failing_cell_is_reported_with_the_page_name(tmp_path):
    notebook = page_to_notebook("# Broken\n\n```python\n1 / 0\n```\n")
    with pytest.raises(pytest.fail.Exception, match=r"docs/broken\.md: the notebook failed"):
        run(notebook, "docs/broken.md", tmp_path)


def test_doctests_become_code_without_prompts_or_output():
    notebook = page_to_notebook(
        "# T\n\n```python\n>>> x = 2\n>>> x + 1   # three\n3\n"
        ">>> for i in range(2):\n...     print(i)\n0\n1\n```\n"
    )
    assert notebook.cells[-1].source == (
        "x = 2\ndisplay(x + 1)  # three\nfor i in range(2):\n    print(i)"
    )


def test_hidden_solutions_become_cells():
    page = (
        '# T\n\n??? success "Solution"\n\n    Because.\n\n    ```python\n    assert True\n    ```\n'
    )
    cells = page_to_notebook(page).cells
    assert cells[-1].cell_type == "code" and cells[-1].source == "assert True"
    assert any(
        "**Solution**" in c.source and "Because." in c.source
        for c in cells
        if c.cell_type == "markdown"
    )


WIDGET_PAGE = """# T

## First

Prose.

## Move it yourself

Move the sliders: the line bends.

<div class="re-widget re-linear" data-n="8"></div>

After the widget.

## First

```python
html = '<div class="re-widget"></div>'
```

<div class="relu-playground"></div>
"""


def test_a_widget_becomes_a_link_to_its_section_on_the_site():
    text = markdown_of(WIDGET_PAGE, link=on_the_site)
    assert "<div" not in text.replace("'<div class=\"re-widget\"></div>'", "")
    sentence = notebooks.WIDGET_SENTENCE.format
    assert (
        "Move the sliders: the line bends.\n\n"
        + sentence(target="https://example.org/t/#move-it-yourself")
        + "\n\nAfter the widget."
    ) in text
    # the second "First" heading is first_1 on the site, as the toc extension makes it
    assert sentence(target="https://example.org/t/#first_1") in text
    # a <div> in code is code
    assert "html = '<div class=\"re-widget\"></div>'" in text


def test_links_point_at_the_site_and_code_is_left_alone():
    text = markdown_of(
        "# T\n\nSee [a](a.md), [b](b.md#x), [here](#y), [web](https://w.org/p.md) and "
        "![fig](figures/f.svg).\n\n```python\nx = '[k](k.md)'\n```\n",
        link=on_the_site,
    )
    assert "[a](https://example.org/a/)" in text
    assert "[b](https://example.org/b/#x)" in text
    assert "[here](https://example.org/t/#y)" in text
    assert "[web](https://w.org/p.md)" in text
    assert "![fig](https://example.org/figures/f.svg)" in text
    assert "x = '[k](k.md)'" in text


def test_math_takes_the_notebook_s_delimiters_and_a_dollar_stays_a_dollar():
    text = markdown_of(
        "# T\n\nInline \\(a +\nb\\) over two lines, and\n\n\\[\ny = x\n\\]\n\n"
        "It costs $5, `echo $HOME` in code.\n\n```python\ns = r'\\(x\\)' + '$'\n```\n"
    )
    assert "Inline $a +\nb$ over two lines" in text
    assert "$$\ny = x\n$$" in text
    assert "It costs \\$5, `echo $HOME` in code." in text
    assert "s = r'\\(x\\)' + '$'" in text, "code keeps its backslashes and dollars"


def test_a_block_in_a_solution_comes_out_at_the_margin_with_its_values():
    text = markdown_of(
        '# T\n\n??? note "Shell"\n\n    Run:\n\n    ```sh\n    pip install {{ wheel }}\n'
        "        indented\n    ```\n",
        values={"wheel": "w.whl"},
    )
    assert "**Shell**\n\nRun:\n\n```sh\npip install w.whl\n    indented\n```" in text
