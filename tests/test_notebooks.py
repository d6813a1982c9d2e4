"""Every content page, as the notebook the site offers for download, runs top to bottom in
a fresh kernel."""

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


def page_to_notebook(text: str) -> nbformat.NotebookNode:
    return notebooks.page_to_notebook(read_page(text, "docs/t.md", "t.md"))


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
