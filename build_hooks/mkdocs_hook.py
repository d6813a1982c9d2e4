"""MkDocs adapter for the figure engine: runs each page's snippets, inserts their figures.

Set ``RELU_EXPLAINED_FIGURES=off`` to build without running anything (pages show code only).
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import posixpath
import re
import shutil
import sys
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_hooks import downloads, figures, notebooks, snippets  # noqa: E402

log = logging.getLogger("mkdocs.hooks.figures")
_state: dict[str, object] = {"engine": None, "fingerprint": None}
# MkDocs imports a hook once per process, so under `mkdocs serve` this file keeps running
# as it was when serve started: the cache key hashes this source, not the file on disk.
_HOOK_NAME = Path(__file__).resolve().relative_to(ROOT).as_posix()
_HOOK_SOURCE = Path(__file__).read_bytes()
_RELOADED = ("relu_explained", "build_hooks")  # packages re-imported after an edit


def _fingerprint() -> str:
    """Hash of the code that will run: after an edit under `mkdocs serve`, the package and
    the engine are imported afresh, so that the figures are drawn by the code the cache
    key describes."""
    global figures, notebooks, snippets
    fingerprint = figures.source_fingerprint({_HOOK_NAME: _HOOK_SOURCE})
    if _state["fingerprint"] not in (None, fingerprint):
        for name in [m for m in sys.modules if m.split(".")[0] in _RELOADED]:
            del sys.modules[name]
        figures, notebooks, snippets = (
            importlib.import_module(f"build_hooks.{name}")
            for name in ("figures", "notebooks", "snippets")
        )
        fingerprint = figures.source_fingerprint({_HOOK_NAME: _HOOK_SOURCE})
    if Path(__file__).read_bytes() != _HOOK_SOURCE:
        log.warning(f"{_HOOK_NAME} changed: restart `mkdocs serve` to run the new hook")
    _state["fingerprint"] = fingerprint
    return fingerprint


def _cache_root() -> Path:
    """Where figures and notebook outputs are cached; RELU_EXPLAINED_CACHE overrides it."""
    return Path(os.environ.get("RELU_EXPLAINED_CACHE", ROOT / ".cache"))


def on_config(config):
    fingerprint = _fingerprint()
    _notebook_cache(config, fingerprint)
    if os.environ.get("RELU_EXPLAINED_FIGURES", "on") == "off":  # a plain build
        _state["engine"] = None
        return config
    _state["engine"] = figures.FigureEngine(_cache_root() / "figures", fingerprint=fingerprint)
    return config


def on_files(files, config):
    """Run the snippets of every page whose figures are not cached, in parallel."""
    downloads.publish(files, config, _cache_root() / "wheels")
    engine = _state["engine"]
    if engine is None:
        return files
    pages = []
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md"):
            text = Path(file.abs_src_path).read_text(encoding="utf-8")
            pages.append((text, os.path.relpath(file.abs_src_path), file.src_uri))
    engine.prefetch(pages, workers=min(2, os.cpu_count() or 1))
    return files


def on_page_markdown(markdown, page, config, files):
    engine = _state["engine"]
    if not page.file.src_uri.endswith(".md"):
        if page.file.src_uri.endswith(".ipynb"):  # no tap-to-zoom: 70 KB over its budget
            page.meta["glightbox"] = False
        return markdown
    path = os.path.relpath(page.file.abs_src_path)
    raw = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    offset = snippets.lines_before(raw, markdown)
    markdown = downloads.fill_in(markdown, page, config)
    for line, info in snippets.untested_fences(markdown):
        log.warning(
            f"{path}:{line + offset}: fence '{info}' is not run by the tests; "
            "tag Python code blocks exactly 'python'"
        )
    notebook = None
    if engine is not None and page.meta.get("notebook", True):
        notebook = f"notebooks/{page.file.src_uri.removesuffix('.md')}.ipynb"
        if files.get_file_from_path(notebook) is None:
            files.append(
                File.generated(
                    config,
                    notebook,
                    content=notebooks.page_to_ipynb(markdown, downloads.preamble(page, config)),
                )
            )
    if engine is not None:
        rendered = engine.render(markdown, path, page.file.src_uri, line_offset=offset)
        for problem in rendered.problems:
            log.warning(problem)
        for dest, source in rendered.files.items():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, abs_src_path=str(source)))
        markdown = rendered.markdown
    if notebook is not None:
        markdown = _with_download_link(markdown, notebook, page.file.src_uri)
    return markdown


def _with_download_link(markdown: str, notebook: str, src_uri: str) -> str:
    """Put a notebook download button right under the page's title."""
    url = posixpath.relpath(notebook, posixpath.dirname(src_uri) or ".")
    button = (
        f"[Download this page as a notebook]({url})"
        f'{{ .md-button download="{posixpath.basename(notebook)}" }}\n\n'
    )
    lines = markdown.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "".join(lines[: number + 1]) + "\n" + button + "".join(lines[number + 1 :])
    return button + markdown


_NOTEBOOK_CDN_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"  # inert without MathJax
    r"|<script type=\"module\">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>",
    re.DOTALL,
)


_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)


def on_post_page(output, page, config):
    """Notebook pages, as mkdocs-jupyter renders them, made to pass the site's gates:
    its MathJax and mermaid loaders (which point at a CDN; this site has KaTeX and no
    diagrams) are dropped; its inline stylesheets (about 590 KB, in the page body, which
    is not valid HTML) move to one cacheable file; scrollable code cells become
    focusable, and its copy buttons get a role to go with their label."""
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    downloads.prepend_to_notebook_copy(page, config)
    output = _NOTEBOOK_CDN_SCRIPTS.sub("", output)
    css = "\n".join(_STYLE.findall(output))
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    target = Path(config.site_dir) / "assets" / f"notebook-{digest}.css"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    href = posixpath.relpath(f"assets/{target.name}", posixpath.dirname(page.file.dest_uri))
    output = _STYLE.sub("", output)
    output = output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
    output = output.replace(
        '<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb'
    )
    return output.replace("<clipboard-copy ", '<clipboard-copy role="button" ')


def _notebook_cache(config, fingerprint: str) -> None:
    """Key mkdocs-jupyter's execution cache by the package source too: its own key is the
    notebook and its options only, so outputs would outlive a change of the package."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return
    base = _cache_root() / "mkdocs-jupyter"
    plugin.config["cache_dir"] = str(base / fingerprint[:16])
    if base.is_dir():
        for old in base.iterdir():
            if old.name != fingerprint[:16]:
                shutil.rmtree(old, ignore_errors=True)


def on_post_build(config):
    engine = _state["engine"]
    if isinstance(engine, figures.FigureEngine):
        engine.prune_pages()
