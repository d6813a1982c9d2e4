"""MkDocs adapter for the figure engine: runs each page's snippets, inserts their figures.

Set ``RELU_EXPLAINED_FIGURES=off`` to build without running anything (pages show code only).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_hooks import figures, snippets  # noqa: E402

log = logging.getLogger("mkdocs.hooks.figures")
_state: dict[str, object] = {"engine": None, "fingerprint": None}


def on_config(config):
    if os.environ.get("RELU_EXPLAINED_FIGURES", "on") == "off":
        _state["engine"] = None
        return config
    cache = Path(os.environ.get("RELU_EXPLAINED_CACHE", ROOT / ".cache" / "figures"))
    engine = figures.FigureEngine(cache)
    if _state["fingerprint"] not in (None, engine.fingerprint):
        # `mkdocs serve` after an edit of the package: import the new code, not the old.
        for name in [m for m in sys.modules if m.split(".")[0] == "relu_explained"]:
            del sys.modules[name]
    _state["engine"], _state["fingerprint"] = engine, engine.fingerprint
    return config


def on_files(files, config):
    """Run the snippets of every page whose figures are not cached, in parallel."""
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
        return markdown
    path = os.path.relpath(page.file.abs_src_path)
    raw = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    offset = snippets.lines_before(raw, markdown)
    for line, info in snippets.untested_fences(markdown):
        log.warning(
            f"{path}:{line + offset}: fence '{info}' is not run by the tests; "
            "tag Python code blocks exactly 'python'"
        )
    if engine is None:
        return markdown
    rendered = engine.render(markdown, path, page.file.src_uri, line_offset=offset)
    for problem in rendered.problems:
        log.warning(problem)
    for dest, source in rendered.files.items():
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, abs_src_path=str(source)))
    return rendered.markdown


def on_post_build(config):
    engine = _state["engine"]
    if isinstance(engine, figures.FigureEngine):
        engine.prune_pages()
