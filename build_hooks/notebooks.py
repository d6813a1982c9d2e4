"""Page -> notebook: prose as Markdown cells, every Python block and doctest as a code cell.

Doctests lose their prompts and expected output; solutions hidden in collapsible
admonitions become plain cells under a bold title; math switches to the notebook's
``$...$`` delimiters. The conversion itself is jupytext's.
"""

from __future__ import annotations

import ast
import doctest
import re

import jupytext
import nbformat
from sybil import Document
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer

from .fences import python_fences
from .splice import replace_spans

FIRST_CELL = """\
# Generated from a page of relu-explained: run the cells in order.
# It needs the relu_explained package, numpy and matplotlib.
try:
    import relu_explained  # noqa: F401
except ImportError:
    %pip install --quiet relu-explained matplotlib
"""

_ADMONITION = re.compile(
    r'^(\?\?\?\+?|!!!) +\w+(?: +"(?P<title>[^"]*)")?[ \t]*\n'
    r"(?P<body>(?:(?:    .*)?\n)+)",
    re.MULTILINE,
)
_DIRECTIVES = DirectiveInHTMLCommentLexer(directive="figure|skip|clear-namespace")
_COMMENT_END = re.compile(r"--+>[ \t]*\n?")


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


def _without_directives(text: str) -> str:
    """The page without its figure, skip and clear-namespace comments."""
    spans = []
    for region in _DIRECTIVES(Document(text, "")):
        closing = _COMMENT_END.match(text, region.end)
        spans.append((region.start, closing.end() if closing else region.end, ""))
    return replace_spans(text, sorted(spans))


def _code_cells(text: str) -> str:
    """Each ```python fence at the margin, a doctest turned into the code it runs."""
    spans = []
    for fence in python_fences(text):
        body = fence.source
        if body.lstrip().startswith(">>>"):
            body = _doctest_to_code(body)
        spans.append((fence.start, fence.end, f"```python\n{body}```"))
    return replace_spans(text, spans)


def page_to_markdown(text: str) -> str:
    """The page's Markdown, rewritten into what jupytext should turn into cells."""
    text = _without_directives(text)
    text = _ADMONITION.sub(_unfold_admonition, text)
    text = _code_cells(text)
    text = re.sub(r"\\\((.+?)\\\)", r"$\1$", text)
    text = re.sub(r"\\\[(.+?)\\\]", r"$$\1$$", text, flags=re.DOTALL)
    return text


def page_to_notebook(text: str) -> nbformat.NotebookNode:
    """The notebook of a page: a first cell that gets the package, then the page."""
    notebook = jupytext.reads(page_to_markdown(text), fmt="md")
    notebook.cells.insert(0, nbformat.v4.new_code_cell(FIRST_CELL))
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


def page_to_ipynb(text: str) -> str:
    """The notebook as .ipynb JSON text."""
    return jupytext.writes(page_to_notebook(text), fmt="ipynb")
