"""A lab as written: a jupytext percent file read into cells, each with its role.

A code cell's tags say what it is for:

- ``exercise``: the stub the reader fills in. The downloaded notebook keeps it; the site
  shows it, not run.
- ``solution``: the worked answer. The site runs it and shows it folded; the download
  leaves it out, so the reader's stub stands in its place.
- ``check``: a call that says what is wrong with the answer above it (an
  ``AssertionError`` with a hint) or prints one line when it is right.

Any other code cell runs in both versions. Figures are described by ``# figure: ...``
lines at the end of the cell that draws them, one per figure in drawing order, as pages
describe theirs in comments; those lines are not shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

EXERCISE, SOLUTION, CHECK = "exercise", "solution", "check"
_MARKER = re.compile(r"^# %%", re.MULTILINE)
_FIGURE = re.compile(r"^# figure: *(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Cell:
    """One cell of a lab: its kind (``code`` or ``markdown``), its source as shown (figure
    lines removed), its tags, the alt texts of its figures, and the line of the source
    file its code starts on."""

    kind: str
    source: str
    tags: tuple[str, ...]
    alts: tuple[str, ...]
    line: int

    def runs_in(self, version: str) -> bool:
        """Whether the cell runs in the ``site`` version (solutions) or the ``exercise``
        version (stubs)."""
        if self.kind != "code":
            return False
        skipped = EXERCISE if version == "site" else SOLUTION
        return skipped not in self.tags


@dataclass(frozen=True)
class Lab:
    """A lab: ``name`` (``broken-line``), ``path`` as messages show it, its ``text`` (what
    the cache key hashes) and its cells."""

    name: str
    path: str
    text: str
    cells: tuple[Cell, ...]

    @property
    def lab_id(self) -> str:
        return f"labs__{self.name}"


def read_lab(text: str, path: str) -> Lab:
    """Read a lab's percent-format ``text``; ``path`` names it in messages."""
    notebook = jupytext.reads(text, fmt="py:percent")
    markers = [text.count("\n", 0, m.start()) + 1 for m in _MARKER.finditer(text)]
    if len(markers) != len(notebook.cells):
        raise ValueError(f"{path}: every cell must start with a '# %%' line")
    cells = []
    for cell, line in zip(notebook.cells, markers, strict=True):
        source = cell.source
        alts: tuple[str, ...] = ()
        if cell.cell_type == "code":
            alts = tuple(alt.strip() for alt in _FIGURE.findall(source))
            source = _FIGURE.sub("", source).rstrip()
        tags = tuple(cell.metadata.get("tags", ()))
        cells.append(Cell(cell.cell_type, source, tags, alts, line + 1))
    return Lab(Path(path).stem, path, text, tuple(cells))


def to_notebook(
    lab: Lab, version: str, outputs: dict[int, list] | None = None
) -> nbformat.NotebookNode:
    """The lab as a notebook: ``site`` keeps every cell (stubs and solutions), with the
    ``outputs`` of the cells that ran (by cell index); ``exercise`` leaves the solutions
    out and has no outputs."""
    cells = []
    count = 0
    for number, cell in enumerate(lab.cells):
        if cell.kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source))
            continue
        if version == "exercise" and SOLUTION in cell.tags:
            continue
        code = nbformat.v4.new_code_cell(cell.source)
        if cell.tags:
            code.metadata["tags"] = list(cell.tags)
        if outputs is not None and number in outputs:
            count += 1
            code.execution_count = count
            code.outputs = outputs[number]
        cells.append(code)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook
