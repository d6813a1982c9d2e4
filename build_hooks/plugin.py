"""The MkDocs adapter: what the engine does, event by event of a build.

- ``on_config``: a build begins; figures on, or a plain build (``RELU_EXPLAINED_FIGURES=off``
  runs nothing: pages show their code only).
- ``on_files``: every page is read once (:func:`build_hooks.page.model.read_page`); the
  pages whose figures are not cached start running in worker processes; the package's
  wheel is published. Under ``mkdocs serve --dirty``, the pages that must change though
  their files did not (figures to draw again; docstrings after a package edit) are marked
  modified.
- ``on_page_markdown``: the page gets its figures and values; its problems are logged
  naming page and line, and it is offered as a notebook.
- ``on_page_content``: the download button under the title; a page that shows docstrings
  links mkdocstrings' stylesheet (no other page waits for it); code listings lose the
  wrappers that change nothing a reader sees (:func:`build_hooks.site.lighter.plain_code_tokens`).
- Labs (:mod:`build_hooks.labs`): in ``on_files`` each ``docs/labs/<name>.py`` becomes the
  page ``labs/<name>.ipynb``, run once per change, which mkdocs-jupyter renders; in
  ``on_page_content`` that page gets the site's math and folded solutions, and its
  download is the exercise version.
- ``on_post_build`` (after every other hook, KaTeX's included): the theme's, KaTeX's and the
  labs' stylesheets are trimmed to the rules the finished pages can use
  (:mod:`build_hooks.site.lighter`; not under ``mkdocs serve``, where an edit shows half a
  second sooner with them whole); the cache of pages that are gone is pruned; with
  ``--strict``, a build
  whose pages had problems fails here, at any verbosity (``-q`` keeps MkDocs' own
  warnings from its strict count).

``mkdocs_hook.py`` is the file MkDocs loads; it keeps one :class:`SitePlugin` per version
of the code and hands it each event.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.meta import get_data

from .figures.engine import FigureEngine
from .labs import html as lab_html
from .labs import site as lab_site
from .labs.build import LabBuilder
from .page import checks, placeholders
from .page.model import Page, read_page
from .page.snippets import lines_before
from .site import downloads, lighter

log = logging.getLogger("mkdocs.hooks.figures")
ROOT = Path(__file__).resolve().parent.parent


def cache_root() -> Path:
    """Where figures and the wheel are cached; RELU_EXPLAINED_CACHE overrides it."""
    return Path(os.environ.get("RELU_EXPLAINED_CACHE", ROOT / ".cache"))


def figures_on() -> bool:
    return os.environ.get("RELU_EXPLAINED_FIGURES", "on") != "off"


class SitePlugin:
    """One build's state, from ``on_config`` to ``on_post_build``. ``code_version`` hashes
    the package and the engine as they were imported; ``fingerprint`` the engine alone,
    the part of the cache key that is not the page (see
    :func:`build_hooks.figures.cache.source_fingerprint`)."""

    def __init__(self, code_version: str, fingerprint: str) -> None:
        self.code_version = code_version
        self.fingerprint = fingerprint
        self.engine: FigureEngine | None = None  # None: a plain build
        self.pages: dict[str, Page] = {}  # src_uri -> the page as read in on_files
        self.notebooks: dict[str, File] = {}  # src_uri -> the page's notebook
        self.problems: list[str] = []
        self.dirty = False  # a dirty build rebuilds only the pages whose files changed
        self.code_edited = False  # the package or the engine changed since the last build
        self.serving = False  # under `mkdocs serve` stylesheets stay whole: edits show sooner
        self.labs = lab_site.LabSite()
        self.lab_builder: LabBuilder | None = None
        self.files: Files | None = None
        self.docstring_css: str | None = None  # mkdocstrings' stylesheet, linked where used

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.pages, self.notebooks, self.problems = {}, {}, []
        self.engine = None
        if figures_on():
            self.engine = FigureEngine(cache_root() / "figures", fingerprint=self.fingerprint)
        self.labs = lab_site.LabSite()
        self.lab_builder = LabBuilder(
            cache_root() / "labs", self.fingerprint, execute=self.engine is not None
        )
        # mkdocstrings lists its stylesheet for every page; only a page that shows
        # docstrings links it (from its content: instant navigation swaps that too)
        docstrings = config.plugins.get("mkdocstrings")
        self.docstring_css = getattr(docstrings, "css_filename", None)
        if self.docstring_css in config.extra_css:
            config.extra_css.remove(self.docstring_css)
        else:
            self.docstring_css = None
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in files.documentation_pages():
            if file.abs_src_path and file.src_uri.endswith(".md"):
                raw = file.content_string
                markdown, _ = get_data(raw)
                line_offset = lines_before(raw, markdown)
                page = read_page(markdown, _shown_path(file), file.src_uri, line_offset)
                self.pages[file.src_uri] = page
        if self.engine is not None:
            pages = list(self.pages.values())
            if self.dirty:  # a page whose figures must be drawn again is rebuilt too
                for page in self.engine.missing(pages):
                    _mark_modified(files.get_file_from_path(page.src_uri))
            self.engine.prefetch(pages)
        if self.dirty and self.code_edited:  # docstrings shown on a page may have changed
            for page in self.pages.values():
                if DOCSTRINGS.search(page.text):
                    _mark_modified(files.get_file_from_path(page.src_uri))
        downloads.publish(files, config, cache_root() / "wheels")
        self._add_labs(files, config)
        return files

    def on_page_markdown(
        self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        if not page.file.src_uri.endswith(".md"):
            return markdown
        model = self._page(markdown, page)
        build_values = downloads.site_values(page, config).as_dict()
        if self.engine is None:  # a plain build: the build's values, the code as written
            for problem in checks.problems(model):
                self._problem(problem)
            return placeholders.fill(model.text, model.placeholders, build_values)
        rendered = self.engine.render(model, build_values)
        for note in rendered.notes:
            log.info(note)
        for problem in rendered.problems:
            self._problem(problem)
        for path, content in rendered.files.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))
        if page.meta.get("notebook", True):
            self._add_notebook(model, rendered.values, page, config, files)
        return rendered.markdown

    def on_page_content(
        self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        self.files = files  # the build's own (a later plugin's on_files may replace ours)
        html = lighter.plain_code_tokens(_unique_line_ids(html))
        lab = self.labs.labs.get(page.file.src_uri)
        if lab is not None:
            html = lab_site.with_styles_in_a_file(lab_html.finish(html), page.file, config, files)
            self._add_exercise(lab, page, config, files)
        model = self.pages.get(page.file.src_uri)
        if self.docstring_css and model is not None and DOCSTRINGS.search(model.text):
            here = posixpath.dirname(page.file.dest_uri)
            href = posixpath.relpath(self.docstring_css, here or ".")
            html = f'<link rel="stylesheet" href="{href}">\n' + html
        return self._with_download_button(html, page)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.code_edited = False
        if self.files is not None and not self.serving:
            lighter.trim_stylesheets(self.files, config.site_dir, ours="stylesheets/")
        if self.engine is not None:
            self.engine.prune_pages({page.page_id for page in self.pages.values()})
        if self.lab_builder is not None:
            self.lab_builder.prune()
        if self.problems and config.strict:
            listed = "\n".join(f"  {problem}" for problem in self.problems)
            raise PluginError(
                f"{len(self.problems)} problem(s) in the pages, with --strict:\n{listed}"
            )

    def on_build_error(self, error: Exception) -> None:
        if self.engine is not None:
            self.engine.finish()

    # --- One helper per job ------------------------------------------------------------

    def _page(self, markdown: str, page: MkDocsPage) -> Page:
        """The page as read in on_files, or read again if something changed its text."""
        model = self.pages.get(page.file.src_uri)
        if model is None or model.text != markdown:
            offset = lines_before(page.file.content_string, markdown)
            model = read_page(markdown, _shown_path(page.file), page.file.src_uri, offset)
        return model

    def _problem(self, message: str) -> None:
        self.problems.append(message)
        log.warning(message)

    def _add_notebook(
        self,
        model: Page,
        values: dict[str, str],
        page: MkDocsPage,
        config: MkDocsConfig,
        files: Files,
    ) -> None:
        """Publish the page as a notebook, for the download button."""
        uri = f"notebooks/{page.file.src_uri.removesuffix('.md')}.ipynb"
        notebook = files.get_file_from_path(uri)
        if notebook is None:
            content = downloads.notebook(model, values, page, files, config, uri)
            notebook = File.generated(config, uri, content=content)
            files.append(notebook)
        self.notebooks[page.file.src_uri] = notebook

    def _add_labs(self, files: Files, config: MkDocsConfig) -> None:
        """Each lab source becomes its page (run, or from the cache) and its figures."""
        if self.lab_builder is not None:
            self.labs = lab_site.publish(files, config, self.lab_builder)
            for problem in self.labs.problems:
                self._problem(problem)

    def _add_exercise(
        self, lab: lab_site.Lab, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> None:
        """Publish the lab's exercise version (stubs, no solutions), for the download
        button."""
        uri = f"notebooks/{page.file.src_uri}"
        notebook = files.get_file_from_path(uri)
        if notebook is None:
            cells, metadata = downloads.preamble(page, files, config, uri)
            content = lab_site.exercise_ipynb(lab, cells, metadata)
            notebook = File.generated(config, uri, content=content)
            files.append(notebook)
        self.notebooks[page.file.src_uri] = notebook

    def _with_download_button(self, html: str, page: MkDocsPage) -> str:
        """A button under the page's title that downloads the page as a notebook."""
        notebook = self.notebooks.get(page.file.src_uri)
        if notebook is None:
            return html
        url, name = notebook.url_relative_to(page.file), posixpath.basename(notebook.src_uri)
        button = (
            f'<p><a class="md-button" download="{name}" href="{url}">'
            "Download this page as a notebook</a></p>"
        )
        if "</h1>" not in html:
            return button + "\n" + html
        title, rest = html.split("</h1>", 1)
        return f"{title}</h1>\n{button}{rest}"


_LINE_ID = re.compile(r'<span id="__span-\d+-(\d+)">')


# A mkdocstrings directive (`::: relu_explained.sums`): the page shows the package's docstrings
DOCSTRINGS = re.compile(r"^:::[ \t]+\S", re.MULTILINE)


def _mark_modified(file: File) -> None:
    """Have a dirty build rebuild ``file``'s page (MkDocs rebuilds a file whose content was set)."""
    file.content_string = file.content_string


def _unique_line_ids(html: str) -> str:
    """Each code line's id (``line_spans`` in mkdocs.yml: one element per line, for
    wrapping) unique on the page: the API reference renders each docstring apart, and
    every rendering numbers its blocks from 0 again."""
    block = -1

    def renumber(match: re.Match[str]) -> str:
        nonlocal block
        block += match[1] == "1"  # a block's first line
        return f'<span id="__span-{block}-{match[1]}">'

    return _LINE_ID.sub(renumber, html)


def _shown_path(file: File) -> str:
    """How messages name a page: its path relative to where the build runs."""
    return os.path.relpath(file.abs_src_path or file.src_uri)
