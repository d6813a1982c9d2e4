"""The pages' snippets are linted and formatted like the package's code (tools/snippet_lint.py,
run by `make lint`): a page's blocks are one module, so a name from an earlier block counts,
and a problem is named by the page line it is on."""

from __future__ import annotations

import snippet_lint
from helpers import PAGES


def test_the_checker_names_an_undefined_name_and_an_unformatted_block(tmp_path):
    page = tmp_path / "defect.md"
    page.write_text(
        "# Defect\n\n```python\nimport numpy as np\n\nx = np.zeros(3)\n```\n\n"
        "Then:\n\n```python\ny = x+undefined_name\n```\n",
        encoding="utf-8",
    )
    assert snippet_lint.check([page]) == [
        f"{page}:12: F821 Undefined name `undefined_name`",
        f"{page}:11: the block is not formatted (make format)",
    ]


def test_every_page_s_snippets_pass_the_lint():
    assert snippet_lint.check(PAGES) == []
