"""Page -> notebook: prose as Markdown cells, every Python block and doctest as a code cell.

Doctests lose their prompts and expected output; solutions hidden in collapsible
admonitions become plain cells under a bold title; math switches to the notebook's
``$...$`` delimiters. The conversion itself is jupytext's.
"""

from __future__ import annotations

import ast
import doctest
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import jupytext
import nbformat

from ..figures.splice import replace_spans

if TYPE_CHECKING:
    from ..page.model import Page


def setup_source(
    version: str | None = None, wheel_url: str | None = None, wheel_path: str | None = None
) -> str:
    """The notebook's first code cell. With `wheel_url` (a site built with site_url) it
    installs that wheel when relu_explained is missing; without, it stops with one sentence
    that says how to install it (`wheel_path`: where the site keeps the wheel)."""
    made_with = f"relu_explained {version}" if version else "relu_explained"
    if wheel_url is None:
        where = f"its site keeps under {wheel_path} " if wheel_path else ""
        return f"""\
# Setup: this notebook was made with {made_with}; it needs numpy and matplotlib.
try:
    import relu_explained  # noqa: F401
except ImportError:
    raise ModuleNotFoundError(
        "This notebook needs {made_with}: pip install the wheel {where}"
        "(the site's Get the code page says how), or pip install -e . in a clone of "
        "the repository, then restart the kernel."
    ) from None
"""
    if version is None:
        raise ValueError("setup_source: a wheel_url needs the version it installs")
    return f"""\
# Setup: this notebook was made with {made_with}. If the package is missing,
# this cell installs that version (and matplotlib, if missing) from the site it came from.
import importlib
import subprocess
import sys

VERSION = {json.dumps(version)}
WHEEL = {json.dumps(wheel_url)}
try:
    import relu_explained
except ImportError:
    pip = [sys.executable, "-m", "pip", "install", "--quiet", f"relu-explained[plot] @ {{WHEEL}}"]
    result = subprocess.run(pip, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pip could not install {{WHEEL}}:\\n{{result.stderr}}") from None
    importlib.invalidate_caches()
    import relu_explained
if relu_explained.__version__ != VERSION:
    print(f"Note: made with relu_explained {{VERSION}}, running {{relu_explained.__version__}}.")
print(f"relu_explained {{relu_explained.__version__}} is ready.")
"""


def intro_source(
    title: str, page_url: str | None, version: str, needs: str, *, installs: bool
) -> str:
    """The notebook's first Markdown cell: where it came from and what it needs."""
    page = f"[{title}]({page_url})" if page_url else f"*{title}*"
    setup = (
        "the next cell installs relu_explained from the site if it is missing"
        if installs
        else "the next cell says how to install relu_explained if it is missing"
    )
    return (
        f"This notebook is the page {page} of relu-explained, made with relu_explained "
        f"{version}. It needs {needs}; {setup}. Run the cells in order."
    )


_ADMONITION = re.compile(
    r'^(\?\?\?\+?|!!!) +\w+(?: +"(?P<title>[^"]*)")?[ \t]*\n'
    r"(?P<body>(?:(?:    .*)?\n)+)",
    re.MULTILINE,
)


def _doctest_to_code(body: str) -> str:
    """The statements of a doctest without prompts or expected output; a bare expression
    is wrapped in display() so the notebook shows every value the page shows."""
    code = []
    for example in doctest.DocTestParser().get_examples(body):
        source = example.source.rstrip("\n")
        try:
            tree = ast.parse(source)
        except SyntaxError:
            tree = None
        bare = tree is not None and len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
        is_print = (
            bare
            and isinstance(tree.body[0].value, ast.Call)
            and getattr(tree.body[0].value.func, "id", None) == "print"
        )
        if bare and not is_print:
            node = tree.body[0].value
            tail = source.splitlines()[node.end_lineno - 1][node.end_col_offset :].strip()
            source = f"display({ast.get_source_segment(source, node)})"
            source += f"  {tail}" if tail else ""
        code.append(source)
    return "\n".join(code) + "\n"


def _unfold_admonition(match: re.Match[str]) -> str:
    title = match.group("title") or "Note"
    body = "\n".join(line[4:] for line in match.group("body").splitlines())
    return f"**{title}**\n\n{body.strip(chr(10))}\n\n"


def page_to_markdown(page: Page, values: dict[str, str] | None = None) -> str:
    """The page's Markdown, rewritten into what jupytext should turn into cells: its
    figure, skip and clear-namespace comments left out, each ```python fence at the margin
    (a doctest turned into the code it runs), its placeholders filled in from ``values``,
    solutions unfolded, and math in the notebook's delimiters."""
    values = values or {}
    spans = [(start, end, "") for start, end in page.directives]
    for code in page.code_fences:
        body = code.fence.source
        if body.lstrip().startswith(">>>"):
            body = _doctest_to_code(body)
        spans.append((code.start, code.end, f"```python\n{body}```"))
    taken = [(start, end) for start, end, _ in spans]
    for found in page.placeholders:
        if found.expr in values and not any(s <= found.start < e for s, e in taken):
            spans.append((found.start, found.end, values[found.expr]))
    text = replace_spans(page.text, sorted(spans))
    text = _ADMONITION.sub(_unfold_admonition, text)
    text = re.sub(r"\\\((.+?)\\\)", r"$\1$", text)
    text = re.sub(r"\\\[(.+?)\\\]", r"$$\1$$", text, flags=re.DOTALL)
    return text


def page_to_notebook(
    page: Page,
    values: dict[str, str] | None = None,
    preamble: Sequence[nbformat.NotebookNode] | None = None,
) -> nbformat.NotebookNode:
    """The notebook of a page, its placeholders filled in from ``values``: the
    ``preamble`` cells (by default, a setup cell that says how to get the package when it
    is missing), then the page."""
    notebook = jupytext.reads(page_to_markdown(page, values), fmt="md")
    if preamble is None:
        preamble = [nbformat.v4.new_code_cell(setup_source())]
    notebook.cells[:0] = [nbformat.from_dict(cell) for cell in preamble]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata.pop("jupytext", None)
    notebook.cells = [cell for cell in notebook.cells if cell.source.strip()]
    for cell in notebook.cells:
        cell.metadata.pop("lines_to_next_cell", None)
    return notebook


def page_to_ipynb(
    page: Page,
    values: dict[str, str] | None = None,
    preamble: Sequence[nbformat.NotebookNode] | None = None,
) -> str:
    """The notebook as .ipynb JSON text."""
    return jupytext.writes(page_to_notebook(page, values, preamble), fmt="ipynb")
