"""Page -> notebook: prose as Markdown cells, every Python block and doctest as a code cell.

Doctests lose their prompts and expected output; solutions hidden in collapsible
admonitions become plain cells under a bold title; math switches to the notebook's
``$...$`` delimiters; a widget's mount point (an empty ``<div>`` that the page's JavaScript
fills) becomes a sentence with a link to the widget on the site; links go where a
``link`` function says (the site's pages, see :mod:`build_hooks.site.downloads`). The
conversion itself is jupytext's.
"""

from __future__ import annotations

import ast
import doctest
import json
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import jupytext
import nbformat
from markdown.extensions.toc import slugify

from ..figures.splice import replace_spans

if TYPE_CHECKING:
    from ..page.model import Page


# The setup cell's line that names the wheel, on a site built without its own address: the
# site's download button replaces it with the address it computes (see downloads.py).
UNKNOWN_WHEEL = "WHEEL = None  # the wheel's address: the site's download button fills it in"


def setup_source(
    version: str | None = None, wheel_url: str | None = None, wheel_path: str | None = None
) -> str:
    """The notebook's first code cell. With `wheel_url` it installs that wheel when
    relu_explained is missing; without, the line ``WHEEL = None`` (:data:`UNKNOWN_WHEEL`)
    waits for the download button to fill it in, and if it is still None the cell stops
    with one sentence that says how to install (`wheel_path`: where the site keeps the
    wheel). Without `version` it only checks for the package."""
    made_with = f"relu_explained {version}" if version else "relu_explained"
    where = f"its site keeps under {wheel_path} " if wheel_path else ""
    how = f"""\
raise ModuleNotFoundError(
        "This notebook needs {made_with}: pip install the wheel {where}"
        "(the site's Get the code page says how), or pip install -e . in a clone of "
        "the repository, then restart the kernel."
    ) from None"""
    if version is None:
        if wheel_url is not None:
            raise ValueError("setup_source: a wheel_url needs the version it installs")
        return f"""\
# Setup: this notebook needs relu_explained, numpy and matplotlib.
try:
    import relu_explained  # noqa: F401
except ImportError:
    {how}
"""
    wheel_line = f"WHEEL = {json.dumps(wheel_url)}" if wheel_url else UNKNOWN_WHEEL
    return f"""\
# Setup: this notebook was made with {made_with}. If the package is missing,
# this cell installs that version (and matplotlib, if missing) from the site it came from.
import importlib
import subprocess
import sys

VERSION = {json.dumps(version)}
{wheel_line}
try:
    import relu_explained
except ImportError:
    if WHEEL is None:
        {how.replace(chr(10), chr(10) + "    ")}
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


# What the first Markdown cell says the setup cell does, when it knows the wheel's address
# and when it does not (the download button swaps the one for the other).
INSTALLS = "the next cell installs relu_explained from the site if it is missing"
EXPLAINS = "the next cell says how to install relu_explained if it is missing"


def intro_source(
    title: str, page_url: str | None, version: str, needs: str, *, installs: bool
) -> str:
    """The notebook's first Markdown cell: where it came from and what it needs."""
    page = f"[{title}]({page_url})" if page_url else f"*{title}*"
    setup = INSTALLS if installs else EXPLAINS
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


# A widget's mount point: an empty <div> on a line of its own, filled by the page's script.
_WIDGET = re.compile(r"^<div\b[^>\n]*>[ \t]*</div>[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_CODE_SPAN_OR_DOLLAR = re.compile(r"(?P<code>(`+).+?\2)|\$", re.DOTALL)
WIDGET_SENTENCE = "*This page has an interactive widget here: [open it on the site]({target}).*"


def _section_anchors(page: Page) -> list[tuple[int, str]]:
    """(position, id) of each heading of the page outside fenced blocks, with the id the
    site gives it (the toc extension's slug, made unique the same way)."""
    fenced = [(c.start, c.end) for c in page.code_fences] + list(page.other_fences)
    seen: Counter[str] = Counter()
    anchors = []
    for match in _HEADING.finditer(page.text):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        title = re.sub(r"\\[()]|[*_`]", "", match.group(2))
        slug = slugify(title, "-")
        anchor = slug if not seen[slug] else f"{slug}_{seen[slug]}"
        seen[slug] += 1
        anchors.append((match.start(), anchor))
    return anchors


def _widgets(page: Page) -> list[tuple[int, int, str]]:
    """Each widget's mount point, as a span to replace with a sentence that links to the
    section it sits in on the site."""
    fenced = [(c.start, c.end) for c in page.code_fences] + list(page.other_fences)
    anchors = _section_anchors(page)
    spans = []
    for match in _WIDGET.finditer(page.text):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        above = [anchor for position, anchor in anchors if position < match.start()]
        target = f"#{above[-1]}" if above else "#"
        spans.append((match.start(), match.end(), WIDGET_SENTENCE.format(target=target)))
    return spans


def _is_relative(target: str) -> bool:
    return not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/", target)


def _prose(text: str, link: Callable[[str], str] | None) -> str:
    """Prose as a notebook shows it: a dollar sign is a dollar, not math (Jupyter reads
    ``$`` as math), math in ``$...$`` and ``$$...$$``, relative links through ``link``."""
    text = _CODE_SPAN_OR_DOLLAR.sub(lambda m: m.group("code") or r"\$", text)
    text = re.sub(r"\\\((.+?)\\\)", r"$\1$", text, flags=re.DOTALL)
    text = re.sub(r"\\\[(.+?)\\\]", r"$$\1$$", text, flags=re.DOTALL)
    if link is not None:
        text = _LINK.sub(
            lambda m: f"]({link(m['target'])})" if _is_relative(m["target"]) else m[0], text
        )
    return text


def page_to_markdown(
    page: Page,
    values: dict[str, str] | None = None,
    link: Callable[[str], str] | None = None,
) -> str:
    """The page's Markdown, rewritten into what jupytext should turn into cells: its
    figure, skip and clear-namespace comments left out, each ```python fence at the margin
    (a doctest turned into the code it runs), its placeholders filled in from ``values``,
    each widget replaced by a sentence that links to it, solutions unfolded, math in the
    notebook's delimiters, and every relative link (``page.md#anchor``, or ``#anchor`` on
    the page itself) replaced by what ``link`` makes of it."""
    values = values or {}
    blocks: list[str] = []  # fenced blocks, kept out of the prose passes

    def keep(block: str) -> str:
        blocks.append(block)
        return f"\0{len(blocks) - 1}\0"

    spans = [(start, end, "") for start, end in page.directives]
    for code in page.code_fences:
        body = code.fence.source
        if body.lstrip().startswith(">>>"):
            body = _doctest_to_code(body)
        spans.append((code.start, code.end, keep(f"```python\n{body}```")))
    for start, end in page.other_fences:  # kept as written, indent and all, values filled
        inside = [
            (found.start - start, found.end - start, values[found.expr])
            for found in page.placeholders
            if start <= found.start < end and found.expr in values
        ]
        block = replace_spans(page.text[start:end], inside)
        indent = block[: len(block) - len(block.lstrip(" \t"))]
        lines = block[len(indent) :].splitlines(keepends=True)
        unindented = [line.removeprefix(indent) for line in lines]
        spans.append((start, end, indent + keep("".join(unindented))))
    spans += _widgets(page)
    taken = [(start, end) for start, end, _ in spans]
    for found in page.placeholders:
        if found.expr in values and not any(s <= found.start < e for s, e in taken):
            spans.append((found.start, found.end, values[found.expr]))
    text = replace_spans(page.text, sorted(spans))
    text = _ADMONITION.sub(_unfold_admonition, text)
    text = _prose(text, link)
    # each block back in place, indented as its token ended up (unfolded: at the margin)
    return re.sub(
        "^([ \t]*)\0([0-9]+)\0",
        lambda m: textwrap.indent(blocks[int(m[2])], m[1]),
        text,
        flags=re.MULTILINE,
    )


def page_to_notebook(
    page: Page,
    values: dict[str, str] | None = None,
    preamble: Sequence[nbformat.NotebookNode] | None = None,
    link: Callable[[str], str] | None = None,
) -> nbformat.NotebookNode:
    """The notebook of a page, its placeholders filled in from ``values`` and its links
    made by ``link``: the ``preamble`` cells (by default, a setup cell that says how to
    get the package when it is missing), then the page."""
    notebook = jupytext.reads(page_to_markdown(page, values, link), fmt="md")
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
    link: Callable[[str], str] | None = None,
    metadata: dict[str, object] | None = None,
) -> str:
    """The notebook as .ipynb JSON text, with ``metadata`` added to its own."""
    notebook = page_to_notebook(page, values, preamble, link)
    notebook.metadata.update(metadata or {})
    return jupytext.writes(notebook, fmt="ipynb")
