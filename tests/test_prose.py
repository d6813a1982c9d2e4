"""Computed values in prose: ``{{ expr }}`` is filled from the page's own namespace."""

from __future__ import annotations

import re

import pytest

from build_hooks import prose, snippets
from build_hooks.figures import FigureEngine

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
stays code, as in:

```text
{{ share }}
```
"""


def test_placeholders_skip_fenced_blocks_and_inline_code():
    exprs = [found.expr for found in prose.placeholders(PAGE)]
    assert exprs == ["share:.0%", "share:.1%", "round(100 * share)"]
    assert [found.line for found in prose.placeholders(PAGE)] == [10, 17, 17]


def test_a_value_takes_an_f_string_format_spec():
    assert prose.value_text("x:.2f", {"x": 1 / 3}) == "0.33"
    assert prose.value_text("d[1:3]", {"d": [0, 1, 2, 3]}) == "[1, 2]"
    assert prose.value_text("f'{x:.1f} %'", {"x": 12.345}) == "12.3 %"


def test_the_page_its_alt_text_and_its_tests_show_the_computed_values(tmp_path):
    out = FigureEngine(tmp_path / "cache").render(PAGE, "docs/values.md", "values.md")
    assert out.problems == []
    assert "The share is 43.2%, or 43 in a hundred, and `{{ share }}`" in out.markdown
    assert "{{ share }}\n```" in out.markdown  # inside a fence: as written
    alts = re.findall(r"!\[([^\]]*)\]", out.markdown)
    assert alts == ["a line that rises to 43% of the height, drawn by the page"] * 2
    # a second engine reads the values from the cache and shows the same text
    again = FigureEngine(tmp_path / "cache").render(PAGE, "docs/values.md", "values.md")
    assert not again.ran and again.markdown == out.markdown
    # the tests evaluate the same placeholders: Sybil collects them as one more example
    examples = list(snippets.parse(PAGE, "docs/values.md").examples())
    assert examples[-1].region.evaluator == prose.PlaceholderParser.evaluate


def test_a_failing_placeholder_names_its_page_and_line(tmp_path):
    page = PAGE + "\nAnd {{ undefined_name + 1 }} fails.\n"
    with pytest.raises(snippets.SnippetError) as error:
        snippets.run(page, "docs/values.md")
    line = page[: page.index("undefined_name")].count("\n") + 1
    assert str(error.value).startswith(f"docs/values.md:{line}: NameError: name 'undefined_name'")


def test_doctests_are_shown_as_console_sessions_and_the_source_stays_python(tmp_path):
    out = FigureEngine(tmp_path / "cache").render(PAGE, "docs/values.md", "values.md")
    assert "```pycon\n>>> print(round(share, 2))\n0.43\n```" in out.markdown
    assert "```python\n>>> print" in PAGE
