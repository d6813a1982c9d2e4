"""Ticks and text layouts computed once per layout while saving (build_hooks.once) change
no byte."""

from __future__ import annotations

import contextlib

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from build_hooks import capture, once
from build_hooks.style import SITE_STYLE


def lines_and_outside_legend():
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(5.4, 6.4), layout="constrained")
    steps = np.arange(1001)
    for k in range(3):
        top.plot(steps, np.exp(-steps / (100 * (k + 1))), label=f"run {k}")
    top.set_xscale("symlog", linthresh=1)
    top.set_xticks([0, 1, 10, 100, 1000], ["0", "1", "10", "100", "1000"])
    top.legend(loc="upper left", bbox_to_anchor=(1.02, 1), frameon=True)
    bottom.plot([0.01, 0.05, 0.09], [0.1, 0.2, 0.4], "o-", label="mean")
    bottom.yaxis.set_major_formatter(lambda share, position: f"{share:.0%}")
    bottom.set_title("a title over a percent axis")
    return fig


def log_axes_and_shared_x():
    fig, axes = plt.subplots(1, 2, sharey=True, figsize=(6.4, 3.2), layout="constrained")
    n = np.arange(1, 65)
    axes[0].loglog(n, 1 / n**2, label="1/N²")
    axes[1].semilogx(n, np.sin(n), "s", markersize=3)
    axes[0].set_xlabel("units")
    fig.suptitle("log axes")
    return fig


def image_colorbar_and_twin():
    fig, ax = plt.subplots(figsize=(5.0, 3.6), layout="constrained")
    grid = np.linspace(-2, 2, 40)
    image = ax.imshow(np.maximum(grid[:, None] + grid[None, :], 0), extent=(-2, 2, -2, 2))
    ax.contour(grid, grid, grid[:, None] * grid[None, :], levels=[0], colors="white")
    fig.colorbar(image, ax=ax, label="relu(x1 + x2)")
    twin = ax.twinx()
    twin.plot(grid, grid**2, color="C1")
    return fig


def no_layout_engine():
    fig, ax = plt.subplots()
    ax.plot([-3, 0, 3], [0, 0, 3])
    ax.set_ylim(-1e6, 2e6)  # an offset text on the y axis
    ax.annotate("bend", (0, 0), (1, 1e6), arrowprops={"arrowstyle": "->"})
    return fig


def layout_that_narrows_the_axes():
    """Constrained layout gives the axes much less room than they start with, so that
    fewer ticks fit: the ticks before the layout must not be kept."""
    fig, ax = plt.subplots(figsize=(5.0, 3.0), layout="constrained")
    ax.plot([0, 100], [0, 1e4])
    ax.set_ylabel("a label\nover three\nlines", fontsize=20)
    ax.legend(["a legend outside"], loc="upper left", bbox_to_anchor=(1.02, 1))
    return fig


FIGURES = [lines_and_outside_legend, log_axes_and_shared_x, image_colorbar_and_twin]
FIGURES += [no_layout_engine, layout_that_narrows_the_axes]


def saved(make, folder, *, cached: bool) -> dict[str, bytes]:
    """The figure's light and dark SVG, saved with `once`, or computing everything anew."""
    with matplotlib.rc_context(SITE_STYLE), pytest.MonkeyPatch.context() as monkey:
        if not cached:
            monkey.setattr(once, "computed_once", lambda figure: contextlib.nullcontext())
        figure = make()
        capture.save_pair(figure, folder, 1)
        plt.close(figure)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("make", FIGURES, ids=lambda make: make.__name__)
def test_computed_once_gives_the_same_svg(make, tmp_path):
    (tmp_path / "cached").mkdir()
    (tmp_path / "anew").mkdir()
    cached = saved(make, tmp_path / "cached", cached=True)
    anew = saved(make, tmp_path / "anew", cached=False)
    assert list(cached) == ["fig1-dark.svg", "fig1-light.svg"]
    assert cached == anew


def test_ticks_are_computed_again_for_a_new_layout_and_the_methods_put_back():
    figure = lines_and_outside_legend()
    axes = figure.axes[1]
    with once.computed_once(figure):
        assert "_update_ticks" in vars(axes.yaxis)
        first = axes.yaxis.get_majorticklocs()
        assert axes.yaxis.get_majorticklocs() is first  # answered from the last result
        axes.set_ylim(0, 10)  # a new layout: computed afresh
        assert axes.yaxis.get_majorticklocs().max() == 10
    for axis in (axes.xaxis, axes.yaxis):
        assert not {"_update_ticks", "get_majorticklocs", "get_minorticklocs"} & set(vars(axis))
    plt.close(figure)


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.set_text("a much longer label"),
        lambda text: text.set_fontsize(20),
        lambda text: text.set_fontweight("bold"),
        lambda text: text.set_rotation(30),
        lambda text: text.set_horizontalalignment("right"),
        lambda text: text.set_linespacing(2.0),
        lambda text: text.figure.set_dpi(150),
    ],
)
def test_a_text_is_laid_out_again_when_its_look_changes(change):
    figure, axes = plt.subplots()
    label = axes.set_xlabel("x\nover two lines")
    renderer = figure.canvas.get_renderer()
    with once.computed_once(figure):
        first = label._get_layout(renderer)
        assert label._get_layout(renderer) is first
        change(label)
        again = label._get_layout(renderer)
    assert again is not first
    assert again[0].bounds == label._get_layout(renderer)[0].bounds  # as computed anew
    plt.close(figure)
