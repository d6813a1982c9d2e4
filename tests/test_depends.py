"""An edit of the package redraws only the pages that used the edited module, and a
docstring or comment edit redraws none."""

from __future__ import annotations

import textwrap

import pytest

from build_hooks.figures import depends
from build_hooks.figures.engine import FigureEngine
from build_hooks.page.model import read_page

MODULE = textwrap.dedent(
    '''
    """A module."""

    SLOPE = 2.0  # a comment


    def line(x):
        """The line."""
        return SLOPE * x
    '''
)

USES_SUMS = """# Sums

```python
from relu_explained import ReluSum
total = ReluSum([0.0], [1.0])(2.0)
```
"""

USES_NOTHING = """# Plain

```python
x = 1 + 1
```
"""


def test_docstrings_and_comments_do_not_change_the_hash_and_code_does():
    same = MODULE.replace('"""The line."""', '"""The line, told otherwise."""')
    same = same.replace("# a comment", "# another comment")
    assert depends.code_hash(same) == depends.code_hash(MODULE)
    assert depends.code_hash(MODULE.replace("2.0", "3.0")) != depends.code_hash(MODULE)
    assert depends.code_hash(MODULE.replace("SLOPE * x", "x * SLOPE")) != depends.code_hash(MODULE)


def test_the_modules_a_page_used_are_recorded_with_what_they_import(tmp_path):
    package = tmp_path / "relu_explained"
    package.mkdir()
    (package / "__init__.py").write_text("from .b import f\n")
    (package / "a.py").write_text("K = 3\n")
    (package / "b.py").write_text("from .a import K\n\ndef f(x):\n    return K * x\n")
    (package / "c.py").write_text("def g():\n    return 1\n")
    state = depends.package_state(tmp_path)
    assert set(state) == {
        "relu_explained",
        "relu_explained.a",
        "relu_explained.b",
        "relu_explained.c",
    }
    assert depends.with_imports({"relu_explained.b"}, tmp_path) == {
        "relu_explained.a",
        "relu_explained.b",
    }


def test_the_code_that_runs_is_recorded():
    from relu_explained import ReluSum

    with depends.recording() as used:
        ReluSum([0.0], [1.0])(2.0)
    assert "relu_explained.sums" in used
    assert "relu_explained.regions" not in used


@pytest.fixture
def engine_with(monkeypatch, tmp_path):
    """An engine that believes the package's module ``name`` was edited."""

    def make(name: str | None) -> FigureEngine:
        engine = FigureEngine(tmp_path)
        if name is not None:
            engine.package = {**engine.package, name: "edited"}
        return engine

    return make


def test_only_pages_that_used_an_edited_module_run_again(engine_with):
    sums = read_page(USES_SUMS, "docs/sums.md", "sums.md")
    plain = read_page(USES_NOTHING, "docs/plain.md", "plain.md")
    for page in (sums, plain):
        assert engine_with(None).render(page).ran
    assert not engine_with(None).render(sums).ran
    assert not engine_with("relu_explained.regions").render(sums).ran  # not used
    assert not engine_with("relu_explained.sums").render(plain).ran  # not used
    assert engine_with("relu_explained.sums").render(sums).ran  # used: drawn again
