"""Computed values in prose: ``{{ expr }}`` is filled from the page's own namespace."""

from __future__ import annotations

import re

import pytest

from build_hooks.figures.engine import FigureEngine
from build_hooks.page import placeholders, snippets
from build_hooks.page.model import read_page

PAGE = """# Values

```python
import numpy as np
import matplotlib.pyplot as plt
share = 0.4321
fig, ax = plt.subplots()
ax.plot([0, 1], [0, share])
```
<!-- figure: a line that rises to {{ share:.0% }} of the height, drawn by the page -->

```python
>>> print(round(share, 2))
0.43
```

The share is {{ share:.1% }}, or {{ round(100 * share) }} in a hundred, and `{{ share }}`
is filled in code that does not run too, as in:

```text
{{ share }}
```
"""


def test_placeholders_skip_python_fences_and_are_filled_in_other_code():
    found = read_page(PAGE, "docs/values.md", "values.md").placeholders
    exprs = [p.expr for p in found]
    assert exprs == ["share:.0%", "share:.1%", "round(100 * share)", "share", "share"]
    assert [p.line for p in found] == [10, 17, 17, 17, 21]


def test_a_value_takes_an_f_string_format_spec():
    assert placeholders.value_text("x:.2f", {"x": 1 / 3}) == "0.33"
    assert placeholders.value_text("d[1:3]", {"d": [0, 1, 2, 3]}) == "[1, 2]"
    assert placeholders.value_text("f'{x:.1f} %'", {"x": 12.345}) == "12.3 %"


def test_the_page_its_alt_text_and_its_tests_show_the_computed_values(tmp_path):
    out = FigureEngine(tmp_path / "cache").render(read_page(PAGE, "docs/values.md", "values.md"))
    assert out.problems == []
    assert "The share is 43.2%, or 43 in a hundred, and `0.4321`" in out.markdown
    assert "```text\n0.4321\n```" in out.markdown  # a fence that does not run: filled in
    alts = re.findall(r"!\[([^\]]*)\]", out.markdown)
    assert alts == ["a line that rises to 43% of the height, drawn by the page"] * 2
    # a second engine reads the values from the cache and shows the same text
    again = FigureEngine(tmp_path / "cache").render(read_page(PAGE, "docs/values.md", "values.md"))
    assert not again.ran and again.markdown == out.markdown
    # the tests evaluate the same placeholders: Sybil collects them as one more example
    examples = list(read_page(PAGE, "docs/values.md", "values.md").document().examples())
    assert examples[-1].region.evaluator == placeholders.evaluate


def test_a_failing_placeholder_names_its_page_and_line(tmp_path):
    page = PAGE + "\nAnd {{ undefined_name + 1 }} fails.\n"
    with pytest.raises(snippets.SnippetError) as error:
        snippets.run(read_page(page, "docs/values.md", "values.md"))
    line = page[: page.index("undefined_name")].count("\n") + 1
    assert str(error.value).startswith(f"docs/values.md:{line}: NameError: name 'undefined_name'")


def test_doctests_are_shown_as_console_sessions_and_the_source_stays_python(tmp_path):
    out = FigureEngine(tmp_path / "cache").render(read_page(PAGE, "docs/values.md", "values.md"))
    assert "```pycon\n>>> print(round(share, 2))\n0.43\n```" in out.markdown
    assert "```python\n>>> print" in PAGE
