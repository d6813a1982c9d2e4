"""Alt text is true in both colour schemes: the dark variant of a figure draws black as
white and white as black, so a description that names either is false for one of them."""

from __future__ import annotations

import re

import pytest
from helpers import PAGES, page_id
from mkdocs.utils.meta import get_data

from build_hooks.page.model import read_page

# Words for colours that the dark variant swaps; greys and the palette's hues keep theirs.
FLIPPING = re.compile(r"\b(black|white|blackish|whitish)\b", re.IGNORECASE)

DEFECT = """# Sums

```python
import matplotlib.pyplot as plt
plt.plot([0, 1], [0, 1], color="black")
```
<!-- figure: three units in colour and their sum in black, rising to the right -->
"""


def scheme_bound_words(text: str) -> list[str]:
    """Each alt text of the page that names a colour the dark variant swaps."""
    page = read_page(text, "page.md", "page.md")
    return [
        f"line {page.line(start)}: {match.group(0)!r} in {alt!r}"
        for start, (alt, _) in sorted(page.figure_comments.items())
        for match in FLIPPING.finditer(alt)
    ]


def test_the_gate_finds_a_colour_that_flips_in_the_dark():
    assert scheme_bound_words(DEFECT) == [
        "line 7: 'black' in 'three units in colour and their sum in black, rising to the right'"
    ]
    assert scheme_bound_words(DEFECT.replace("in black", "as the thicker line")) == []


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_alt_text_is_true_in_both_schemes(page):
    markdown, _ = get_data(page.read_text(encoding="utf-8"))
    assert scheme_bound_words(markdown) == [], (
        "say 'solid', 'thicker', 'dashed', not a colour that flips"
    )
