"""Run a page's snippets in the site's style and save the figures each block leaves open,
as a light and a dark SVG (the figure-capture step, as in sphinx-gallery's scrapers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..page import snippets
from . import dark, depends, svg
from .cache import Block, Drawn, SavedFigure
from .style import SITE_STYLE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..page.model import Page


def draw(page: Page) -> Drawn:
    """Run ``page`` and export its figures, numbered in drawing order, with the text of
    its prose placeholders. Raises :class:`snippets.SnippetError` naming page and line
    when a snippet fails or a figure cannot be published."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.close("all")
    blocks: list[Block] = []
    files: dict[str, bytes] = {}
    number = 0
    with matplotlib.rc_context(SITE_STYLE):
        with depends.recording() as used:
            ran = snippets.run(page, after_example=_take_figures)
        depends.add_namespace(used, ran.namespace)
        for output in ran.blocks:
            saved = []
            for figure in output.figures:
                number += 1
                try:
                    saved.append(save_pair(figure, files, number))
                except ValueError as error:
                    raise snippets.SnippetError(page.path, output.line, str(error)) from None
            blocks.append(Block(output.fence, tuple(saved)))
    state = depends.package_state()
    modules = {name: state[name] for name in sorted(depends.with_imports(used)) if name in state}
    return Drawn(tuple(blocks), ran.values, files, modules)


def save_pair(figure: Figure, files: dict[str, bytes], number: int) -> SavedFigure:
    """Export ``figure`` into ``files`` as ``fig<number>-light.svg`` and ``-dark.svg``. The
    figure is laid out once; the light export may rasterize heavy layers (:mod:`svg`); the
    dark variant is the light SVG recoloured (:mod:`dark`), or, when a recoloured layer is
    a raster image, the figure recoloured and exported again, in the same box and at the
    resolution the light one needed. Raises ValueError when a variant is over the size
    budget."""
    dark.mark_kept(figure)
    box = svg.freeze(figure)
    light, dpi = svg.export_within_budget(figure, box)
    if dark.recoloured_raster(figure):
        dark.to_dark(figure)
        variants = {"light": light, "dark": svg.export(figure, box, dpi)}
    else:
        variants = {"light": light, "dark": dark.svg_to_dark(light)}
    for name, data in variants.items():
        problem = svg.over_budget(data, number)
        if problem:
            raise ValueError(problem)
        files[f"fig{number}-{name}.svg"] = data
    width, height = svg.css_size(light)
    return SavedFigure(f"fig{number}-light.svg", f"fig{number}-dark.svg", width, height)


def _take_figures() -> list[Figure]:
    """The figures left open by the example that just ran, closed for the next one."""
    import matplotlib.pyplot as plt

    figures = [plt.figure(n) for n in plt.get_fignums()]
    for figure in figures:
        plt.close(figure)
    return figures
