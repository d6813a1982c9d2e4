"""The figure engine: a page in, the page's Markdown with its figures out, no MkDocs needed.

Each ```python block that leaves matplotlib figures open gets them inserted right above
its code, which is folded under them, as SVG in a light and a dark variant, described by
the alt text comments the author writes under the block
(:mod:`build_hooks.page.alt_text`). The engine ties the steps together: the cache
(:mod:`cache`) answers, or the page runs and its figures are exported (:mod:`capture`),
here or in a worker process (:mod:`parallel`); the figures are then put into the
Markdown (:mod:`splice`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from ..page import alt_text, checks, placeholders, snippets
from ..page.model import Page
from . import capture, depends, parallel, splice
from .cache import Drawn, Entry, FigureCache, Miss, source_fingerprint


@dataclass
class Rendered:
    """The page's Markdown with figures inserted, the files to publish, what went wrong
    (``problems``: the page is wrong) and what the build should know (``notes``: the cache
    healed itself)."""

    markdown: str
    files: dict[str, bytes] = field(default_factory=dict)  # site path -> file content
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ran: bool = False  # False on a cache hit
    values: dict[str, str] = field(default_factory=dict)  # prose placeholder -> its text


class FigureEngine:
    """Runs pages and caches their figures under ``cache_dir``."""

    def __init__(
        self, cache_dir: Path, site_prefix: str = "figures", fingerprint: str | None = None
    ) -> None:
        self.cache = FigureCache(cache_dir, fingerprint or source_fingerprint(), site_prefix)
        self.package = depends.package_state()  # the package's modules as they are now
        self._running: parallel.Batch | None = None  # pages started by prefetch

    def render(self, page: Page, build_values: dict[str, str] | None = None) -> Rendered:
        """The page with its figures and its placeholders filled in, and its problems as
        messages that name the page and line. ``build_values`` are the placeholders the
        build fills in (:mod:`build_hooks.site.values`); the page's code gives the rest."""
        notes = self._wait_for_worker(page)
        entry = self.cache.entry(page)
        problems = checks.problems(page)
        try:
            drawn, ran, healed = self._drawn(page, entry)
        except snippets.SnippetError as error:
            note = splice.with_error_note(page.text, error)
            shown = splice.with_problems_note(note, problems)
            return Rendered(shown, problems=[*problems, str(error)], notes=notes, ran=True)
        rendered = self._place(page, entry, drawn, {**drawn.values, **(build_values or {})})
        rendered.problems[:0] = problems
        rendered.markdown = splice.with_problems_note(rendered.markdown, rendered.problems)
        rendered.notes = notes + healed
        rendered.ran = ran
        return rendered

    def prefetch(self, pages: list[Page], workers: int | None = None) -> int:
        """Start running the pages whose figures are not cached in worker processes,
        ``workers`` (default: one per CPU) at a time, and return how many; the build goes
        on meanwhile, and :meth:`render` of such a page waits for its worker. Failures
        are left for :meth:`render`, which reports them with their page and line."""
        self.finish()
        missing = self.missing(pages)
        workers = min(workers or parallel.cpu_count(), len(missing))
        if workers < 2:  # nothing to share out: render runs them here
            return 0
        jobs = {
            page.src_uri: (self.cache.root, self.cache.fingerprint, self.package, page)
            for page in missing
        }
        self._running = parallel.Batch(_draw_in_child, jobs, workers)
        return len(missing)

    def missing(self, pages: list[Page]) -> list[Page]:
        """The pages whose figures are not in the cache, or were drawn by modules of the
        package that have changed since."""
        return [page for page in pages if not self.cache.entry(page).is_current(self.package)]

    def finish(self) -> None:
        """Wait for the pages started by :meth:`prefetch` that nobody rendered."""
        if self._running is not None:
            self._running.close()
            self._running = None

    def prune_pages(self, keep: set[str]) -> None:
        """Drop the cache of pages not in ``keep`` (page ids: the site's pages)."""
        self.finish()
        self.cache.prune_pages(keep)

    def _wait_for_worker(self, page: Page) -> list[str]:
        if self._running is None or page.src_uri not in self._running:
            return []
        try:
            self._running.result(page.src_uri)
        except Exception as error:  # a lost worker: the page runs here instead
            return [f"{page.path}: its worker failed ({error!r}); drawn in the build instead"]
        return []

    def _drawn(self, page: Page, entry: Entry) -> tuple[Drawn, bool, list[str]]:
        """The page's figures and values from the cache, or by running the page; whether
        it ran; and a note if a broken entry was replaced."""
        reason = None  # why an entry that is there could not be used
        if entry.is_current(self.package):
            try:
                drawn = entry.load()
                if {block.fence for block in drawn.blocks} <= {f.id for f in page.code_fences}:
                    return drawn, False, []
                reason = f"entry {entry.key} names fences the page does not have"
            except Miss as miss:
                reason = str(miss)
        elif entry.folder.is_dir():
            try:
                entry.manifest()  # whole but stale: the package changed, no news
            except Miss as miss:
                reason = str(miss)
        healed = [f"{page.path}: figure cache: {reason}; drawn again"] if reason else []
        return entry.store(lambda: capture.draw(page)), True, healed

    def _place(self, page: Page, entry: Entry, drawn: Drawn, values: dict[str, str]) -> Rendered:
        """Each block's figures in place of the alt text comments under it, with the code
        that drew them folded under them; doctests shown as console sessions; the prose
        placeholders filled in."""
        text, rendered = page.text, Rendered(page.text, values=values)
        folder = posixpath.dirname(page.src_uri) or "."
        spans, drawing = [], {block.fence: block for block in drawn.blocks}
        for code in page.code_fences:
            fence = code.fence
            source = splice.as_console(text[fence.start : fence.end])
            block = drawing.get(code.id)
            if block is None:
                if source != text[fence.start : fence.end]:
                    spans.append((fence.start, fence.end, source))
                continue
            after = fence.end + text.startswith("\n", fence.end)
            alts = alt_text.alts_under(text, after, page.figure_comments)
            problem = alt_text.check(alts.texts, len(block.figures))
            if problem:
                rendered.problems.append(f"{page.path}:{page.line(fence.start)}: {problem}")
            markup = []
            for number, figure in enumerate(block.figures):
                light, dark = entry.site_path(figure.light), entry.site_path(figure.dark)
                rendered.files[light] = drawn.files[figure.light]
                rendered.files[dark] = drawn.files[figure.dark]
                alt = alts.texts[number] if number < len(alts.texts) else ""
                image = splice.Image(
                    posixpath.relpath(light, folder),
                    posixpath.relpath(dark, folder),
                    placeholders.fill_alt(alt, values),
                    figure.width,
                    figure.height,
                )
                markup.append(splice.figure_markup(image, fence.indent))
            code_markup = splice.folded(source, fence.indent)
            spans.append((fence.start, alts.end, "".join(markup) + code_markup))
        for found in page.placeholders:
            if not any(start <= found.start < end for start, end, _ in spans):
                original = text[found.start : found.end]
                spans.append((found.start, found.end, values.get(found.expr, original)))
        rendered.markdown = splice.replace_spans(text, sorted(spans))
        return rendered


def _draw_in_child(job: tuple[Path, str, dict[str, str], Page]) -> None:
    """A worker's job: draw the page into the cache, unless it is there already."""
    cache_dir, fingerprint, package, page = job
    entry = FigureCache(cache_dir, fingerprint).entry(page)
    if entry.is_current(package):
        return
    try:
        entry.store(lambda: capture.draw(page))
    except snippets.SnippetError:
        pass  # render runs the page again and reports the failure with its line
