"""The file MkDocs loads as a hook (``hooks:`` in mkdocs.yml). It hands every event to the
site's plugin (:mod:`build_hooks.plugin`, where the work is described) and does nothing
when it is imported.

MkDocs imports a hook once per process, so under `mkdocs serve` this file keeps running
as it was when serve started. Everything else is imported afresh after an edit of the
package or the engine, so that figures are drawn by the code the cache key describes;
the key hashes this file's source as it is running, not as it is on disk.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
_HOOK_NAME = Path(__file__).resolve().relative_to(ROOT).as_posix()
_HOOK_SOURCE = Path(__file__).read_bytes()
_LOADED = {_HOOK_NAME: _HOOK_SOURCE}  # the source running, whatever the file says now
_RELOADED = ("relu_explained", "build_hooks")  # packages imported afresh after an edit
log = logging.getLogger("mkdocs.hooks.figures")

_plugin = None  # the SitePlugin of the code as it is now
_dirty = False  # `mkdocs serve --dirty`: only the pages whose files changed are rebuilt
_serving = False  # `mkdocs serve`: the site is for the contributor's own browser


def _current():
    """The plugin for the code on disk: the same one while the code is unchanged, a new
    one (of freshly imported modules) after an edit."""
    global _plugin
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    cache = importlib.import_module("build_hooks.figures.cache")
    version = cache.source_fingerprint(_LOADED, folders=_RELOADED)
    if _plugin is not None and _plugin.code_version != version:
        for name in [m for m in sys.modules if m.split(".")[0] in _RELOADED]:
            del sys.modules[name]
        cache = importlib.import_module("build_hooks.figures.cache")
    if _plugin is None or _plugin.code_version != version:
        plugin = importlib.import_module("build_hooks.plugin")
        edited = _plugin is not None  # not the first build of this process: code was edited
        _plugin = plugin.SitePlugin(version, cache.source_fingerprint(_LOADED))
        _plugin.code_edited = edited
    _plugin.dirty = _dirty
    _plugin.serving = _serving
    if Path(__file__).read_bytes() != _HOOK_SOURCE:
        log.warning(f"{_HOOK_NAME} changed: restart `mkdocs serve` to run the new hook")
    return _plugin


def on_startup(command, dirty):
    global _dirty, _serving
    _dirty = dirty
    _serving = command == "serve"


def on_config(config):
    return _current().on_config(config)


# Before the plugins' on_files: the labs' pages are added here, and mkdocs-jupyter must
# find them among the files when its own on_files runs.
@event_priority(50)
def on_files(files, config):
    return _plugin.on_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return _plugin.on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return _plugin.on_page_content(html, page, config, files)


# Last of all (KaTeX's hook typesets the pages at -100): the stylesheets are trimmed to the
# classes the finished pages use.
@event_priority(-200)
def on_post_build(config):
    _plugin.on_post_build(config)


def on_build_error(error):
    if _plugin is not None:
        _plugin.on_build_error(error)
