"""The figure engine: page text in, page text with figures out, no MkDocs needed.

Each ```python block that leaves matplotlib figures open gets them inserted right below
it, as SVG in a light and a dark variant, described by the alt text comments the author
writes under the block (:mod:`alt_text`). The engine ties the steps together: the cache
(:mod:`cache`) answers, or the page runs and its figures are saved (:mod:`capture`); the
figures are then put into the Markdown (:mod:`splice`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from . import alt_text, capture, parallel, prose, snippets, splice
from .cache import Drawn, Entry, FigureCache, source_fingerprint
from .fences import python_fences


@dataclass
class Rendered:
    """The page text with figures inserted, the files to publish, and what went wrong."""

    markdown: str
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file on disk
    problems: list[str] = field(default_factory=list)
    ran: bool = False  # False on a cache hit
    values: dict[str, str] = field(default_factory=dict)  # prose placeholder -> its text


@dataclass(frozen=True)
class Page:
    """A page as the engine sees it: its text, its name in messages (``path``), its
    source path in the site (``src_uri``), and the lines before ``text`` in its file."""

    text: str
    path: str
    src_uri: str
    line_offset: int = 0


class FigureEngine:
    """Runs pages and caches their figures under ``cache_dir``."""

    def __init__(
        self, cache_dir: Path, site_prefix: str = "figures", fingerprint: str | None = None
    ) -> None:
        self.cache = FigureCache(cache_dir, fingerprint or source_fingerprint(), site_prefix)
        self.seen: set[str] = set()
        self._running: parallel.Batch | None = None  # pages started by prefetch

    def render(self, text: str, path: str, src_uri: str, *, line_offset: int = 0) -> Rendered:
        """Insert the figures of page ``src_uri`` (shown as ``path`` in messages)."""
        page = Page(text, path, src_uri, line_offset)
        self._wait_for_worker(src_uri)
        entry = self.cache.entry(text, path, src_uri)
        self.seen.add(entry.page_id)
        try:
            drawn, ran = self._blocks(page, entry)
        except snippets.SnippetError as error:
            return Rendered(splice.with_error_note(text, error), problems=[str(error)])
        rendered = self._place(page, entry, drawn)
        rendered.ran = ran
        return rendered

    def prefetch(self, pages: list[tuple[str, str, str]], workers: int | None = None) -> int:
        """Start running the pages whose figures are not cached in worker processes,
        ``workers`` (default: one per CPU) at a time, and return how many; the build goes
        on meanwhile, and :meth:`render` of such a page waits for its worker. Pages are
        ``(text, path, src_uri)``. Failures are left for :meth:`render`, which reports them
        with their page and line."""
        self.finish()
        missing = self.missing(pages)
        workers = min(workers or parallel.cpu_count(), len(missing))
        if workers < 2:  # nothing to share out: render runs them here
            return 0
        jobs = {page[2]: (self.cache.root, self.cache.fingerprint, *page) for page in missing}
        self._running = parallel.Batch(_render_in_child, jobs, workers)
        return len(missing)

    def missing(self, pages: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        """The pages, ``(text, path, src_uri)``, whose figures are not in the cache."""
        return [page for page in pages if not self.cache.entry(*page).exists()]

    def finish(self) -> None:
        """Wait for the pages started by :meth:`prefetch` that nobody rendered."""
        if self._running is not None:
            self._running.close()
            self._running = None

    def prune_pages(self) -> None:
        """Drop the cache of pages that no longer exist (call after a full build)."""
        self.finish()
        self.cache.prune_pages(self.seen)

    def _wait_for_worker(self, src_uri: str) -> None:
        if self._running is not None and src_uri in self._running:
            try:
                self._running.result(src_uri)
            except Exception:  # a lost worker: the page runs here instead, and reports
                pass

    def _blocks(self, page: Page, entry: Entry) -> tuple[Drawn, bool]:
        """The page's figures and values from the cache, or by running the page; and
        whether it ran."""
        try:
            return entry.load(), False
        except FileNotFoundError:
            pass

        def draw(folder: Path) -> Drawn:
            return capture.draw(page.text, page.path, folder, line_offset=page.line_offset)

        return entry.store(draw), True

    def _place(self, page: Page, entry: Entry, drawn: Drawn) -> Rendered:
        """Each block's figures in place of the alt text comments under it, with the code
        that drew them folded under them; doctests shown as console sessions; the prose
        placeholders filled in."""
        text, rendered = page.text, Rendered(page.text, values=drawn.values)
        fences, comments = python_fences(text), alt_text.figure_comments(text)
        folder = posixpath.dirname(page.src_uri) or "."
        spans, drawing = [], {block.fence: block for block in drawn.blocks}
        for index, fence in enumerate(fences):
            source = splice.as_console(text[fence.start : fence.end])
            block = drawing.get(index)
            if block is None:
                if source != text[fence.start : fence.end]:
                    spans.append((fence.start, fence.end, source))
                continue
            after = fence.end + text.startswith("\n", fence.end)
            alts = alt_text.alts_under(text, after, comments)
            problem = alt_text.check(alts.texts, len(block.figures))
            if problem:
                line = text.count("\n", 0, fence.start) + 1 + page.line_offset
                rendered.problems.append(f"{page.path}:{line}: {problem}")
            markup = []
            for number, figure in enumerate(block.figures):
                light, dark = entry.site_path(figure.light), entry.site_path(figure.dark)
                rendered.files[light] = entry.folder / figure.light
                rendered.files[dark] = entry.folder / figure.dark
                alt = alts.texts[number] if number < len(alts.texts) else ""
                image = splice.Image(
                    posixpath.relpath(light, folder),
                    posixpath.relpath(dark, folder),
                    prose.fill_alt(alt, drawn.values),
                    figure.width,
                    figure.height,
                )
                markup.append(splice.figure_markup(image, fence.indent))
            code = splice.folded(source, fence.indent)
            spans.append((fence.start, alts.end, "".join(markup) + code))
        for found in prose.placeholders(text):
            if not any(start <= found.start < end for start, end, _ in spans):
                spans.append((found.start, found.end, drawn.values[found.expr]))
        rendered.markdown = splice.replace_spans(text, sorted(spans))
        return rendered


def _render_in_child(job: tuple[Path, str, str, str, str]) -> list[str]:
    cache_dir, fingerprint, text, path, src_uri = job
    return FigureEngine(cache_dir, fingerprint=fingerprint).render(text, path, src_uri).problems
