"""MkDocs adapter for the figure engine: runs each page's snippets, inserts their figures,
offers each page as a notebook.

Set ``RELU_EXPLAINED_FIGURES=off`` to build without running anything (pages show code only).
"""

from __future__ import annotations

import importlib
import logging
import os
import posixpath
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_hooks import cache, figures, parallel  # noqa: E402

log = logging.getLogger("mkdocs.hooks.figures")
# MkDocs imports a hook once per process, so under `mkdocs serve` this file keeps running
# as it was when serve started: the cache key hashes this source, not the file on disk.
_HOOK_NAME = Path(__file__).resolve().relative_to(ROOT).as_posix()
_HOOK_SOURCE = Path(__file__).read_bytes()
_RELOADED = ("relu_explained", "build_hooks")  # packages re-imported after an edit


def _cache_root() -> Path:
    """Where figures and the wheel are cached; RELU_EXPLAINED_CACHE overrides it."""
    return Path(os.environ.get("RELU_EXPLAINED_CACHE", ROOT / ".cache"))


def _start_workers_early() -> None:
    """If pages of ROOT/docs will run, start the fork server now: numpy and matplotlib load
    on another CPU while MkDocs loads (pages start 0.4 s sooner). Cached: nothing starts."""
    if os.environ.get("RELU_EXPLAINED_FIGURES", "on") == "off":
        return  # a plain build runs no page
    fingerprint = cache.source_fingerprint({_HOOK_NAME: _HOOK_SOURCE})
    engine = figures.FigureEngine(_cache_root() / "figures", fingerprint=fingerprint)
    docs = ROOT / "docs"
    pages = [
        (p.read_text(), os.path.relpath(p), p.relative_to(docs).as_posix())
        for p in docs.rglob("*.md")
    ]
    if engine.missing(pages):
        parallel.start_fork_server()


_start_workers_early()

from build_hooks import downloads, fences, notebooks, prose, snippets  # noqa: E402


@dataclass
class _State:
    """What one build carries from event to event (and `mkdocs serve` from build to build)."""

    engine: figures.FigureEngine | None = None  # None: a plain build
    fingerprint: str | None = None  # of the code the last build ran
    notebooks: dict[str, File] = field(default_factory=dict)  # page src_uri -> its notebook


_state = _State()


# --- Events ----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fingerprint, _state.notebooks = _fingerprint(), {}
    if os.environ.get("RELU_EXPLAINED_FIGURES", "on") == "off":
        _state.engine = None  # a plain build
    else:
        _state.engine = figures.FigureEngine(_cache_root() / "figures", fingerprint=fingerprint)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Start running, in parallel, the snippets of every page whose figures are not cached
    (each page waits for its own in `on_page_markdown`); publish the package's wheel."""
    if _state.engine is not None:
        pages = [
            (Path(f.abs_src_path).read_text(encoding="utf-8"), _shown_path(f), f.src_uri)
            for f in files.documentation_pages()
            if f.abs_src_path and f.src_uri.endswith(".md")
        ]
        _state.engine.prefetch(pages)
    downloads.publish(files, config, _cache_root() / "wheels")
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown
    offset = snippets.lines_before(page.file.content_string, markdown)
    markdown = downloads.fill_in(markdown, page, config)
    _warn_untested_fences(markdown, _shown_path(page.file), offset)
    shown, values = _with_figures(markdown, page, offset, config, files)
    if _state.engine is not None and page.meta.get("notebook", True):
        _add_notebook(prose.fill(markdown, values), page, config, files)
    return shown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _with_download_button(html, page)


def on_post_build(config: MkDocsConfig) -> None:
    if _state.engine is not None:
        _state.engine.prune_pages()


# --- One helper per job ----------------------------------------------------------------


def _fingerprint() -> str:
    """Hash of the code that will run: after an edit under `mkdocs serve`, the package and
    the engine are imported afresh, so that the figures are drawn by the code the cache
    key describes."""
    global cache, downloads, fences, figures, notebooks, prose, snippets
    fingerprint = cache.source_fingerprint({_HOOK_NAME: _HOOK_SOURCE})
    if _state.fingerprint not in (None, fingerprint):
        for name in [m for m in sys.modules if m.split(".")[0] in _RELOADED]:
            del sys.modules[name]
        modules = ("cache", "downloads", "fences", "figures", "notebooks")
        cache, downloads, fences, figures, notebooks = (
            importlib.import_module(f"build_hooks.{name}") for name in modules
        )
        prose, snippets = (
            importlib.import_module(f"build_hooks.{n}") for n in ("prose", "snippets")
        )
        fingerprint = cache.source_fingerprint({_HOOK_NAME: _HOOK_SOURCE})
    if Path(__file__).read_bytes() != _HOOK_SOURCE:
        log.warning(f"{_HOOK_NAME} changed: restart `mkdocs serve` to run the new hook")
    _state.fingerprint = fingerprint
    return fingerprint


def _shown_path(file: File) -> str:
    """How messages name a page: its path relative to where the build runs."""
    return os.path.relpath(file.abs_src_path or file.src_uri)


def _warn_untested_fences(markdown: str, path: str, offset: int) -> None:
    for line, info in fences.untested_fences(markdown):
        log.warning(
            f"{path}:{line + offset}: fence '{info}' is not run by the tests; "
            "tag Python code blocks exactly 'python'"
        )


def _add_notebook(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Publish the page as a notebook, for the download button."""
    uri = f"notebooks/{page.file.src_uri.removesuffix('.md')}.ipynb"
    notebook = files.get_file_from_path(uri)
    if notebook is None:
        content = notebooks.page_to_ipynb(markdown, downloads.preamble(page, config))
        notebook = File.generated(config, uri, content=content)
        files.append(notebook)
    _state.notebooks[page.file.src_uri] = notebook


def _with_figures(
    markdown: str, page: Page, offset: int, config: MkDocsConfig, files: Files
) -> tuple[str, dict[str, str]]:
    """The page with its figures, which are published, and its prose placeholders' text;
    problems become warnings."""
    engine, path = _state.engine, _shown_path(page.file)
    if engine is None:  # a plain build
        return markdown, {}
    rendered = engine.render(markdown, path, page.file.src_uri, line_offset=offset)
    for problem in rendered.problems:
        log.warning(problem)
    for dest, source in rendered.files.items():
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, abs_src_path=str(source)))
    return rendered.markdown, rendered.values


def _with_download_button(html: str, page: Page) -> str:
    """A button under the page's title that downloads the page as a notebook."""
    notebook = _state.notebooks.get(page.file.src_uri)
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
