"""The site serves its own package: the wheel of the source it was built from
(:mod:`wheel`), published under ``downloads/``, and the cells that let a downloaded
notebook install it from there.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from . import notebooks
from .values import SiteValues
from .wheel import (  # noqa: F401 - the wheel's API, as this module offers it
    FOLDER,
    METADATA_FILES,
    PACKAGE,
    ROOT,
    Wheel,
    build_wheel,
    package_fingerprint,
    read_wheel,
)

log = logging.getLogger("mkdocs.hooks.downloads")
_published: dict[str, Wheel] = {}


def publish(files, config, cache_dir: Path) -> Wheel:
    """Build (or reuse) the wheel and add it to the site's files under downloads/."""
    try:
        wheel = read_wheel(build_wheel(cache_dir))
    except RuntimeError as error:
        raise PluginError(str(error)) from None
    if files.get_file_from_path(wheel.dest_uri) is None:
        files.append(File.generated(config, wheel.dest_uri, abs_src_path=str(wheel.path)))
    _published["wheel"] = wheel
    return wheel


def _wheel() -> Wheel:
    if "wheel" not in _published:
        raise PluginError("downloads.publish() must run (in on_files) before pages are built")
    return _published["wheel"]


def site_values(page, config) -> SiteValues:
    """What ``{{ version }}``, ``{{ wheel }}`` (the file name), ``{{ wheel_link }}`` (a link
    to it from the page), ``{{ wheel_url }}`` (its address; a placeholder on a site built
    without site_url) and ``{{ needs }}`` show on ``page``."""
    wheel = _wheel()
    directory = posixpath.dirname(page.file.src_uri) or "."  # links are written from src
    return SiteValues(
        version=wheel.version,
        wheel=wheel.name,
        wheel_link=posixpath.relpath(wheel.dest_uri, directory),
        wheel_url=wheel.url(config.site_url) or f"SITE/{wheel.dest_uri}",
        needs=wheel.needs(),
    )


def preamble(page, config) -> list[nbformat.NotebookNode]:
    """The first cells of a page's notebook: where it came from and what it needs, then a
    setup cell that installs this build's wheel from the site when the package is missing."""
    wheel = _wheel()
    url = wheel.url(config.site_url)
    intro = notebooks.intro_source(
        title=page.title or page.file.src_uri,
        page_url=page.canonical_url or None,
        version=wheel.version,
        needs=wheel.needs(),
        installs=url is not None,
    )
    return [
        nbformat.v4.new_markdown_cell(intro),
        nbformat.v4.new_code_cell(notebooks.setup_source(wheel.version, url, wheel.dest_uri)),
    ]
