"""Every number a page states comes from its code: set there, printed by a doctest the
tests check, or filled in from the snippets' values with ``{{ expr }}``."""

from __future__ import annotations

import pytest
from helpers import PAGES, page_id
from mkdocs.utils.meta import get_data

from build_hooks.page.model import read_page
from build_hooks.page.numbers import typed_numbers

DEFECT = """# A typed-in share

```python
>>> share = 0.4321
>>> print(f"{share:.0%}")
43%
```

The share is 43 %, about 0.43 of the runs, and {{ share:.1% }} exactly, with 200 steps.
The figure says about 42 percent, and the loss 0.0907.

```python
steps = 200
```
"""


def test_the_gate_names_each_typed_in_number_and_its_line():
    assert [(t.line, t.text) for t in typed_numbers(read_page(DEFECT, "docs/d.md", "d.md"))] == [
        (10, "42 percent"),
        (10, "0.0907"),
    ]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_number_on_the_page_is_computed_or_set_by_its_code(page):
    markdown, _ = get_data(page.read_text(encoding="utf-8"))
    typed = typed_numbers(read_page(markdown, page_id(page), page.name))
    where = [f"{page_id(page)}:{t.line}: {t.text!r}" for t in typed]
    assert where == [], "typed into the prose; write {{ expr }} with the value the code computes"
