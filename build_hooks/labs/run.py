"""Run a lab's cells in order in one namespace, as a kernel would, and keep what each cell
shows: printed text, the value of a last bare expression, and the figures it leaves open,
exported as light and dark SVG in the site's style (:func:`build_hooks.figures.capture.save_pair`).
"""

from __future__ import annotations

import ast
import contextlib
import io
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

import nbformat

from ..figures.cache import SavedFigure
from ..figures.capture import save_pair
from ..figures.style import SITE_STYLE
from .source import Cell, Lab


@dataclass(frozen=True)
class Failure:
    """A cell that raised: which one, the line of the lab file, the exception's type name
    and message, and the traceback's last lines."""

    cell: int
    line: int
    kind: str
    message: str
    trace: str

    def describe(self, lab: Lab) -> str:
        return f"{lab.path}:{self.line}: cell {self.cell + 1}: {self.kind}: {self.message}"


@dataclass
class Ran:
    """What running a lab left: each run cell's notebook outputs (by cell index), the SVG
    files (by name), the failures (at most one unless the run kept going) and problems
    that are not exceptions (a figure without alt text)."""

    outputs: dict[int, list] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    figures: list[SavedFigure] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    namespace: dict[str, object] = field(default_factory=dict)  # the names the cells left


FigureMarkup = Callable[[SavedFigure, str], str]


def run(
    lab: Lab,
    version: str = "site",
    *,
    keep_going: bool = False,
    figure_markup: FigureMarkup | None = None,
) -> Ran:
    """Run ``lab``'s cells of ``version`` (see :meth:`Cell.runs_in`). A cell that raises
    stops the run, unless ``keep_going``. ``figure_markup(saved, alt)`` gives the HTML a
    figure is shown with; without it figures are closed and not exported."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.close("all")
    ran = Ran()
    namespace: dict[str, object] = {"__name__": "__main__"}
    with matplotlib.rc_context(SITE_STYLE):
        for number, cell in enumerate(lab.cells):
            if not cell.runs_in(version):
                continue
            stdout = io.StringIO()
            outputs: list = []
            try:
                with contextlib.redirect_stdout(stdout):
                    value = _execute(cell, number, namespace)
            except Exception as error:
                _stream(outputs, stdout.getvalue())
                ran.failures.append(_failure(cell, number, error))
                outputs.append(
                    nbformat.v4.new_output(
                        "error",
                        ename=type(error).__name__,
                        evalue=str(error),
                        traceback=[ran.failures[-1].trace],
                    )
                )
                ran.outputs[number] = outputs
                plt.close("all")
                if keep_going:
                    continue
                break
            _stream(outputs, stdout.getvalue())
            if value is not None:
                outputs.append(
                    nbformat.v4.new_output(
                        "execute_result", data={"text/plain": repr(value)}, execution_count=None
                    )
                )
            outputs += _figures(lab, cell, ran, figure_markup)
            ran.outputs[number] = outputs
    ran.namespace = namespace
    return ran


def _execute(cell: Cell, number: int, namespace: dict[str, object]) -> object:
    """Run the cell; return the value of its last statement if that is a bare expression."""
    name = f"<lab cell {number}>"
    tree = ast.parse(cell.source, name)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, name, "exec"), namespace)
    if last is None:
        return None
    return eval(compile(last, name, "eval"), namespace)


def _stream(outputs: list, text: str) -> None:
    if text:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=text))


def _failure(cell: Cell, number: int, error: Exception) -> Failure:
    name = f"<lab cell {number}>"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == name]
    lineno = frames[-1].lineno if frames else getattr(error, "lineno", 1) or 1
    lines = traceback.format_exception_only(type(error), error)
    return Failure(number, cell.line + lineno - 1, type(error).__name__, str(error), "".join(lines))


def _figures(lab: Lab, cell: Cell, ran: Ran, markup: FigureMarkup | None) -> list:
    """The figures the cell left open as display outputs, exported into ``ran.files``."""
    import matplotlib.pyplot as plt

    figures = [plt.figure(n) for n in plt.get_fignums()]
    outputs = []
    if markup is not None and figures and len(cell.alts) != len(figures):
        ran.problems.append(
            f"{lab.path}:{cell.line}: the cell draws {len(figures)} figure(s) but has "
            f"{len(cell.alts)} '# figure:' line(s) describing them"
        )
    for index, figure in enumerate(figures):
        if markup is not None:
            number = len(ran.files) // 2 + 1
            saved = save_pair(figure, ran.files, number)
            ran.figures.append(saved)
            alt = cell.alts[index] if index < len(cell.alts) else ""
            outputs.append(
                nbformat.v4.new_output(
                    "display_data",
                    data={"text/html": markup(saved, alt), "text/plain": alt or "a figure"},
                )
            )
        plt.close(figure)
    return outputs
