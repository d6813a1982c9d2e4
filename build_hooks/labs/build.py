"""A lab, run once per change: its site notebook (solutions run, figures as light and dark
SVG) cached the way pages' figures are, keyed by the lab's text and the fingerprint of
the package and the engine (:func:`build_hooks.figures.cache.source_fingerprint`)."""

from __future__ import annotations

import hashlib
import html
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..figures import depends
from ..figures.cache import Block, Drawn, Entry, Miss, SavedFigure
from . import run, source
from .source import Lab

NOTEBOOK = "lab.ipynb"


class LabFailed(Exception):
    """A cell of the lab raised; ``ran`` holds the outputs up to it."""

    def __init__(self, ran: run.Ran) -> None:
        super().__init__(ran.failures[0].message)
        self.ran = ran


class LabEntry(Entry):
    """A cache entry that also holds the lab's executed notebook (whole, or a miss)."""

    def load(self) -> Drawn:
        drawn = super().load()
        try:
            notebook = (self.folder / NOTEBOOK).read_bytes()
        except OSError as error:
            raise Miss(f"entry {self.key} has no notebook ({error})") from None
        files = {**drawn.files, NOTEBOOK: notebook}
        return Drawn(drawn.blocks, drawn.values, files, drawn.modules)


@dataclass
class Built:
    """A lab ready for the site: the notebook mkdocs-jupyter renders (JSON text), the
    figure files to publish (site path -> bytes), and what went wrong."""

    lab: Lab
    notebook: str
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    ran: bool = False


def figure_html(light: str, dark: str, alt: str, width: int, height: int) -> str:
    """A figure as a notebook output shows it: the light and the dark variant in the
    wrapper the pages use (``.re-figure``); the theme shows the one of its scheme. Each
    variant is a link to its SVG, which figure-zoom.js opens full screen, as on the pages."""
    alt = html.escape(alt, quote=True)
    size = f'width="{width}" height="{height}" loading="lazy"'
    return (
        '<div class="re-figure">'
        f'<a class="re-zoom" href="{light}"><img alt="{alt}" src="{light}#only-light" {size}></a>'
        f'<a class="re-zoom" href="{dark}"><img alt="{alt}" src="{dark}#only-dark" {size}></a>'
        "</div>"
    )


class LabBuilder:
    """Builds labs into ``cache_dir``; ``execute=False`` (a plain build) runs nothing."""

    def __init__(self, cache_dir: Path, fingerprint: str, *, execute: bool = True) -> None:
        self.root = Path(cache_dir)
        self.fingerprint = fingerprint
        self.execute = execute
        self.seen: set[str] = set()
        self.package = depends.package_state()  # the package's modules as they are now

    def build(self, lab: Lab, page_folder: str, site_prefix: str = "figures") -> Built:
        """Run ``lab`` (or take it from the cache). ``page_folder`` is the folder of the
        lab's page URL (``labs/broken-line``): figure links are written relative to it."""
        self.seen.add(lab.lab_id)
        if not self.execute:
            return Built(lab, nbformat.writes(source.to_notebook(lab, "site")))
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(lab.text.encode())
        digest.update(page_folder.encode())
        key = digest.hexdigest()[:16]
        entry = LabEntry(self.root / lab.lab_id / key, key, f"{site_prefix}/{lab.lab_id}")
        ran = False
        try:
            if not entry.is_current(self.package):  # a module the lab used has changed
                raise Miss(f"entry {key} is stale")
            drawn = entry.load()
        except Miss:
            try:
                drawn = entry.store(lambda: self._draw(lab, entry, page_folder))
            except LabFailed as failed:
                notebook = source.to_notebook(lab, "site", failed.ran.outputs)
                built = Built(lab, nbformat.writes(notebook), ran=True)
                built.problems = [f.describe(lab) for f in failed.ran.failures]
                return built
            ran = True
        built = Built(lab, drawn.files[NOTEBOOK].decode("utf-8"), ran=ran)
        for block in drawn.blocks:
            for figure in block.figures:
                for name in (figure.light, figure.dark):
                    built.files[entry.site_path(name)] = drawn.files[name]
        built.problems = list(drawn.values.get("problems", "").splitlines())
        return built

    def prune(self) -> None:
        """Drop the cache of labs that were not built (call after a full build)."""
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.name.startswith("labs__") and folder.name not in self.seen:
                    shutil.rmtree(folder, ignore_errors=True)

    def _draw(self, lab: Lab, entry: Entry, page_folder: str) -> Drawn:
        def markup(saved: SavedFigure, alt: str) -> str:
            light, dark = (
                posixpath.relpath(entry.site_path(name), page_folder)
                for name in (saved.light, saved.dark)
            )
            return figure_html(light, dark, alt, saved.width, saved.height)

        with depends.recording() as used:
            ran = run.run(lab, "site", figure_markup=markup)
        depends.add_namespace(used, ran.namespace)
        if ran.failures:
            raise LabFailed(ran)
        notebook = source.to_notebook(lab, "site", ran.outputs)
        files = {**ran.files, NOTEBOOK: nbformat.writes(notebook).encode()}
        blocks = (Block("lab", tuple(ran.figures)),)
        used_modules = sorted(depends.with_imports(used))
        modules = {name: self.package[name] for name in used_modules if name in self.package}
        return Drawn(blocks, {"problems": "\n".join(ran.problems)}, files, modules)
