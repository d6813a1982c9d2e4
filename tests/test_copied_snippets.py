"""A snippet copied alone says what it needs: the first block of every page defines or
imports every name it uses. (tests/test_journey.py runs each in a clean environment;
this finds a missing import in milliseconds, and names it.)"""

from __future__ import annotations

import builtins
import doctest
import symtable

import pytest
from helpers import PAGES, ROOT

from build_hooks.page.model import read_page


def first_block(text: str) -> str:
    """The first ```python block's code, doctest prompts and output removed."""
    fences = read_page(text, "page.md", "page.md").code_fences
    if not fences:
        return ""
    body = fences[0].fence.source
    if body.lstrip().startswith(">>>"):
        body = "".join(e.source for e in doctest.DocTestParser().get_examples(body))
    return body


def undefined_names(code: str) -> set[str]:
    """Names the code reads but never binds at module level, and that are not builtins."""
    top = symtable.symtable(code, "<block>", "exec")
    bound = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    used: set[str] = set()

    def walk(table: symtable.SymbolTable) -> None:
        for symbol in table.get_symbols():
            is_top = table is top
            if symbol.is_referenced() and (is_top or symbol.is_global()):
                used.add(symbol.get_name())
        for child in table.get_children():
            walk(child)

    walk(top)
    return used - bound - set(dir(builtins))


def test_the_checker_names_what_is_missing():
    code = (
        "import numpy as np\ndef f(x):\n    return np.sin(x) + plt.gca()\n"
        "y = [relu(v) for v in x]\n"
    )
    assert undefined_names(code) == {"plt", "relu", "x"}
    assert undefined_names(first_block("```python\n>>> print(np.pi)\n3.14...\n```\n")) == {"np"}
    assert first_block("# T\n\n```python\n>>> a = 1\n>>> print(a)\n1\n```\n") == "a = 1\nprint(a)\n"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_first_block_imports_everything_it_uses(page):
    code = first_block(page.read_text(encoding="utf-8"))
    assert code, f"{page.name}: no python block"
    assert undefined_names(code) == set(), f"{page.name}: the first block uses these unimported"
