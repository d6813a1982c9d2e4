"""The figure engine: page text in, page text with figures out, no MkDocs needed.

Each ```python block that leaves matplotlib figures open gets them inserted right below
it, as SVG in a light and a dark variant. The author describes every figure in an HTML
comment written under the block, one per figure, in the order the block draws them:

    <!-- figure: ReLU is flat at zero left of the origin and the identity right of it -->

Results are cached by a hash of the page's code, the package source, the matplotlib
version and this engine's source; a hit runs nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from . import snippets

ROOT = Path(__file__).resolve().parent.parent
MAX_FIGURE_BYTES = 200_000
RASTER_DPI = (144, 96, 72)  # resolutions tried for raster layers until a figure fits
_ALT = re.compile(r"[ \t]*<!--\s*figure:(?P<alt>.*?)-->[ \t]*\n?", re.DOTALL)
_GENERIC_ALT = {"figure", "plot", "image", "chart", "graph", "picture", "diagram", "img"}
_SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')

# The look of every figure on the site; applied while a page's snippets run.
SITE_STYLE: dict[str, Any] = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "svg.fonttype": "path",  # glyphs as paths: no font needed by the reader's browser
    "svg.hashsalt": "relu-explained",  # with metadata Date=None: byte-identical output
    "image.cmap": "viridis",
}

# Dark variant: greys are mirrored between these two; colours keep their hue.
DARK_FOREGROUND = 0.90
DARK_BACKGROUND = 0.13
DARK_LIFT = 0.3  # share of white mixed into dark colours on the dark variant


@dataclass(frozen=True)
class SavedFigure:
    light: str  # file name inside the cache entry
    dark: str
    width: int  # CSS pixels
    height: int


@dataclass
class Rendered:
    """The page text with figures inserted, the files to publish, and what went wrong."""

    markdown: str
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file on disk
    problems: list[str] = field(default_factory=list)
    ran: bool = False  # False on a cache hit


def source_fingerprint(loaded: dict[str, bytes] | None = None) -> str:
    """Hash of everything besides the page that decides what a snippet draws.

    ``loaded`` maps a file (relative to the repository) to the source that is actually
    running, for a module that cannot be re-imported (the MkDocs hook, loaded once per
    process); every other file is read from disk.
    """
    loaded = loaded or {}
    digest = hashlib.sha256()
    for folder in ("relu_explained", "build_hooks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            digest.update(name.encode())
            digest.update(loaded[name] if name in loaded else path.read_bytes())
    for package in ("matplotlib", "numpy"):
        digest.update(f"{package}=={version(package)}".encode())
    return digest.hexdigest()


class FigureEngine:
    """Runs pages and caches their figures under ``cache_dir``."""

    def __init__(
        self, cache_dir: Path, site_prefix: str = "figures", fingerprint: str | None = None
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.site_prefix = site_prefix
        self.fingerprint = fingerprint or source_fingerprint()
        self.seen: set[str] = set()

    def page_key(self, text: str, path: str) -> str:
        document = snippets.parse(text, path)
        digest = hashlib.sha256(self.fingerprint.encode())
        for _, region in document.regions:
            digest.update(text[region.start : region.end].encode())
            digest.update(b"\0")
        return digest.hexdigest()[:16]

    def render(self, text: str, path: str, src_uri: str, *, line_offset: int = 0) -> Rendered:
        """Insert the figures of page ``src_uri`` (shown as ``path`` in messages)."""
        page_id = src_uri.removesuffix(".md").replace("/", "__")
        self.seen.add(page_id)
        key = self.page_key(text, path)
        entry = self.cache_dir / page_id / key
        rendered = Rendered(text)
        try:
            blocks = self._load(entry)
        except FileNotFoundError:
            try:
                blocks = self._run(text, path, entry, line_offset)
            except snippets.SnippetError as error:
                rendered.problems.append(str(error))
                rendered.markdown = _with_error_note(text, error)
                return rendered
            rendered.ran = True
            self._prune(entry)
        fences = snippets.python_fences(text)
        pieces, cursor = [], 0
        for fence_index, figures in blocks:
            fence = fences[fence_index]
            line = text.count("\n", 0, fence.start) + 1 + line_offset
            after = text[fence.end :]
            newline = after[:1] == "\n"
            alts, consumed = _read_alts(after[1:] if newline else after)
            problem = _check_alts(alts, len(figures))
            if problem:
                rendered.problems.append(f"{path}:{line}: {problem}")
            pieces.append(text[cursor : fence.end])
            pieces.append("\n\n")
            for number, figure in enumerate(figures):
                alt = alts[number] if number < len(alts) else ""
                pieces.append(self._markup(figure, alt, src_uri, page_id, key, fence.indent))
                for name in (figure.light, figure.dark):
                    rendered.files[f"{self.site_prefix}/{page_id}/{key}-{name}"] = entry / name
            cursor = fence.end + int(newline) + consumed
        pieces.append(text[cursor:])
        rendered.markdown = "".join(pieces)
        return rendered

    def prefetch(self, pages: list[tuple[str, str, str]], workers: int = 2) -> int:
        """Run the pages whose figures are not cached, ``workers`` at a time, in separate
        processes; returns how many ran. Pages are ``(text, path, src_uri)``. Failures
        are left for :meth:`render`, which reports them with their page and line."""
        missing = []
        for text, path, src_uri in pages:
            page_id = src_uri.removesuffix(".md").replace("/", "__")
            if not (self.cache_dir / page_id / self.page_key(text, path)).is_dir():
                missing.append((text, path, src_uri))
        if len(missing) < 2 or workers < 2:
            return 0
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(missing)), mp_context=context) as pool:
            jobs = [(self.cache_dir, self.fingerprint, *page) for page in missing]
            list(pool.map(_render_in_child, jobs))
        return len(missing)

    def _markup(
        self, figure: SavedFigure, alt: str, src_uri: str, page_id: str, key: str, indent: str
    ) -> str:
        folder = posixpath.dirname(src_uri) or "."
        alt = alt.replace("[", "\\[").replace("]", "\\]")
        size = f'{{ width="{figure.width}" height="{figure.height}" loading="lazy" }}'
        lines = ['<div class="re-figure" markdown>']
        for name, scheme in ((figure.light, "light"), (figure.dark, "dark")):
            target = f"{self.site_prefix}/{page_id}/{key}-{name}"
            url = posixpath.relpath(target, folder)
            lines.append(f"![{alt}]({url}#only-{scheme}){size}")
        lines.append("</div>")
        return "".join(f"{indent}{line}\n" for line in lines) + "\n"

    def _load(self, entry: Path) -> list[tuple[int, list[SavedFigure]]]:
        manifest = json.loads((entry / "manifest.json").read_text())
        return [(b["fence"], [SavedFigure(**f) for f in b["figures"]]) for b in manifest]

    def _run(
        self, text: str, path: str, entry: Path, line_offset: int
    ) -> list[tuple[int, list[SavedFigure]]]:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        def open_figures() -> list[Any]:
            figures = [plt.figure(n) for n in plt.get_fignums()]
            for figure in figures:
                plt.close(figure)
            return figures

        plt.close("all")
        fences = snippets.python_fences(text)
        staging = entry.with_name(entry.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        manifest, blocks = [], []
        with matplotlib.rc_context(SITE_STYLE):
            outputs = snippets.run(text, path, after_example=open_figures, line_offset=line_offset)
            for output in outputs:
                saved = []
                for figure in output.figures:
                    number = sum(len(b[1]) for b in blocks) + len(saved) + 1
                    try:
                        saved.append(_save_pair(figure, staging, number))
                    except ValueError as error:
                        raise snippets.SnippetError(path, output.line, str(error)) from None
                index = fences.index(output.fence)
                blocks.append((index, saved))
                manifest.append({"fence": index, "figures": [vars(f) for f in saved]})
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1))
        shutil.rmtree(entry, ignore_errors=True)
        staging.rename(entry)
        return blocks

    def _prune(self, keep: Path) -> None:
        for old in keep.parent.iterdir():
            if old != keep:
                shutil.rmtree(old, ignore_errors=True)

    def prune_pages(self) -> None:
        """Drop the cache of pages that no longer exist (call after a full build)."""
        if self.cache_dir.is_dir():
            for folder in self.cache_dir.iterdir():
                if folder.name not in self.seen:
                    shutil.rmtree(folder, ignore_errors=True)


def _render_in_child(job: tuple[Path, str, str, str, str]) -> list[str]:
    cache_dir, fingerprint, text, path, src_uri = job
    return FigureEngine(cache_dir, fingerprint=fingerprint).render(text, path, src_uri).problems


def _read_alts(text: str) -> tuple[list[str], int]:
    """The alt texts written right under a block, and how many characters they take."""
    alts, position = [], 0
    while True:
        blank = len(text[position:]) - len(text[position:].lstrip("\n"))
        match = _ALT.match(text, position + blank)
        if not match:
            return alts, position
        alts.append(" ".join(match.group("alt").split()))
        position = match.end()


def _check_alts(alts: list[str], count: int) -> str | None:
    if len(alts) != count:
        return (
            f"the block draws {count} figure(s) but {len(alts)} alt text(s) follow it; write "
            "one '<!-- figure: what the figure shows -->' per figure right under the block"
        )
    for alt in alts:
        words = alt.lower().strip(" .").split()
        if len(words) < 4 or " ".join(words) in _GENERIC_ALT:
            return f"alt text {alt!r} is too thin: say in a sentence what the figure shows"
    return None


def _save_pair(figure: Any, folder: Path, number: int) -> SavedFigure:
    dpi = RASTER_DPI[0]
    light = _svg(figure, dpi)
    if len(light) > MAX_FIGURE_BYTES:  # too many vector paths: rasterize the data layer
        _rasterize_heavy(figure)
        for dpi in RASTER_DPI:  # then lower the resolution of the raster layers
            light = _svg(figure, dpi)
            if len(light) <= MAX_FIGURE_BYTES:
                break
    _to_dark(figure)
    dark = _svg(figure, dpi)
    for name, data in (("light", light), ("dark", dark)):
        if len(data) > MAX_FIGURE_BYTES:
            raise ValueError(
                f"figure {number} is {len(data) // 1000} KB as SVG (limit "
                f"{MAX_FIGURE_BYTES // 1000} KB): draw fewer points or smaller images"
            )
        (folder / f"fig{number}-{name}.svg").write_bytes(data)
    match = _SVG_SIZE.search(light)
    width, height = (float(v) * 4 / 3 for v in match.groups()) if match else (640.0, 360.0)
    return SavedFigure(
        f"fig{number}-light.svg", f"fig{number}-dark.svg", round(width), round(height)
    )


def _svg(figure: Any, dpi: float) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="svg",
        dpi=dpi,
        metadata={"Date": None},
        transparent=True,
        bbox_inches="tight",
        pad_inches=0.05,
    )
    return buffer.getvalue()


def _rasterize_heavy(figure: Any) -> None:
    from matplotlib.collections import Collection

    for artist in figure.findobj(Collection):
        artist.set_rasterized(True)


def _mirror(color: Any) -> Any:
    """Mirror a grey between the light and dark palettes; lift dark colours; keep clear."""
    from matplotlib.colors import to_rgba

    if isinstance(color, str) and color.lower() == "none":
        return color
    r, g, b, a = to_rgba(color)
    if a == 0:
        return (r, g, b, a)
    if max(r, g, b) - min(r, g, b) > 0.06:  # a colour: keep its hue, lift it if it is dark
        if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.3:
            r, g, b = (c + (1 - c) * DARK_LIFT for c in (r, g, b))
        return (r, g, b, a)
    level = (r + g + b) / 3
    grey = DARK_FOREGROUND + (DARK_BACKGROUND - DARK_FOREGROUND) * level
    return (grey, grey, grey, a)


def _to_dark(figure: Any) -> None:
    """Recolour a finished figure for a dark page: greys flip, hues stay."""
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    tick_colors = []  # taken before recolouring: the loop below also reaches existing ticks
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            ticks = axis.get_major_ticks()
            if ticks:
                tick = ticks[0]
                tick_colors.append(
                    (
                        axis,
                        tick.tick1line.get_color(),
                        tick.label1.get_color(),
                        tick.gridline.get_color(),
                    )
                )
    for artist in figure.findobj():
        if isinstance(artist, Text):
            artist.set_color(_mirror(artist.get_color()))
            box = artist.get_bbox_patch()
            if box is not None:
                box.set_facecolor(_mirror(box.get_facecolor()))
                box.set_edgecolor(_mirror(box.get_edgecolor()))
        elif isinstance(artist, Line2D) and _over_image(artist):
            continue  # drawn against the image's colours, not the page's
        elif isinstance(artist, Line2D):
            artist.set_color(_mirror(artist.get_color()))
            artist.set_markerfacecolor(_mirror(artist.get_markerfacecolor()))
            artist.set_markeredgecolor(_mirror(artist.get_markeredgecolor()))
        elif isinstance(artist, Patch):
            artist.set_facecolor(_mirror(artist.get_facecolor()))
            artist.set_edgecolor(_mirror(artist.get_edgecolor()))
        elif isinstance(artist, Collection) and artist.get_array() is None:
            faces, edges = artist.get_facecolor(), artist.get_edgecolor()
            if len(faces):
                artist.set_facecolor([_mirror(c) for c in faces])
            if len(edges):
                artist.set_edgecolor([_mirror(c) for c in edges])
    for axis, tick, label, grid in tick_colors:  # also for ticks created when drawing
        axis.set_tick_params(
            which="both", color=_mirror(tick), labelcolor=_mirror(label), grid_color=_mirror(grid)
        )


def _over_image(artist: Any) -> bool:
    """Whether an artist sits in axes that show an image or a colour-mapped mesh."""
    axes = getattr(artist, "axes", None)
    if axes is None:
        return False
    return bool(axes.images) or any(c.get_array() is not None for c in axes.collections)


def _with_error_note(text: str, error: snippets.SnippetError) -> str:
    note = (
        f'!!! failure "This page\'s code failed at line {error.line}"\n\n'
        + "".join(f"    {line}\n" for line in error.message.splitlines()[-8:])
        + "\n"
    )
    return note + text
