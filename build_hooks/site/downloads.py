"""The site serves its own package: the wheel of the source it was built from
(:mod:`wheel`), published under ``downloads/``, and notebooks that install it from there.

A site built with its address (``site_url``) writes that address into its pages and
notebooks. A site built without one (``make serve`` elsewhere than 127.0.0.1:8000, a copy
served under any path) cannot know it; the reader's browser can. Its Get the code page
shows a stand-in (:data:`UNKNOWN_SITE`) that ``docs/javascripts/take-home.js`` replaces
with the address of the wheel's link, and its notebooks carry their links relative to
themselves plus, in their metadata, what that script fills in when the download button is
pressed (:func:`notebook_fill`): the wheel's address in the setup cell, the site's address
in every link. A notebook downloaded without the script says how to install instead.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

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

# What Get the code shows in place of the site's address when the build does not know it;
# the page's script replaces it (and nothing else) with the address the browser sees.
UNKNOWN_SITE = "<this site>/"
# The notebook metadata key that holds what the download button fills in.
METADATA_KEY = "relu_explained"


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
    to it from the page), ``{{ wheel_url }}`` (its address; :data:`UNKNOWN_SITE` in place
    of the site's on a site built without site_url), ``{{ needs }}`` and ``{{ clone }}``
    (a clone of the repository, named and linked where the build knows it) show on
    ``page``."""
    wheel = _wheel()
    directory = posixpath.dirname(page.file.src_uri) or "."  # links are written from src
    return SiteValues(
        version=wheel.version,
        wheel=wheel.name,
        wheel_link=posixpath.relpath(wheel.dest_uri, directory),
        wheel_url=wheel.url(config.site_url) or UNKNOWN_SITE + wheel.dest_uri,
        needs=wheel.needs(),
        clone=clone_phrase(repo_url(config)),
    )


def repo_url(config) -> str | None:
    """The repository's address, from ``extra.repo_url`` in mkdocs.yml (REPO_URL, which
    the docs workflow sets from GitHub's own variables), or None.

    Raises
    ------
    PluginError
        If it is set to something other than an http(s) address.
    """
    url = (config.extra or {}).get("repo_url") or ""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PluginError(f"extra.repo_url (REPO_URL) must be an http(s) address, not {url!r}")
    return url.rstrip("/").removesuffix(".git")


def clone_phrase(url: str | None) -> str:
    """'a clone of [github.com/owner/name](https://github.com/owner/name)', or, where the
    build does not know the repository, 'a clone of this site's repository'."""
    if url is None:
        return "a clone of this site's repository"
    shown = url.split("://", 1)[1]
    return f"a clone of [{shown}]({url})"


def _site_root(config, notebook_uri: str) -> str:
    """The site's root as a notebook's links start: its address, or, without site_url,
    the way up from the notebook (``../`` for ``notebooks/page.ipynb``)."""
    if config.site_url:
        return config.site_url.rstrip("/") + "/"
    return "../" * notebook_uri.count("/")


def page_links(page, files, config, notebook_uri: str) -> Callable[[str], str]:
    """How a notebook links to what its page links to: a link as written on ``page``
    (``other.md#anchor``, ``#anchor``, ``''`` for the page itself) -> the address of that
    page on the site (see :func:`_site_root`). A link to no file of the site stays as
    written (the strict build reports it on the page)."""
    root = _site_root(config, notebook_uri)
    directory = posixpath.dirname(page.file.src_uri)

    def link(target: str) -> str:
        path, hash_, anchor = target.partition("#")
        file = page.file
        if path:
            file = files.get_file_from_path(posixpath.normpath(posixpath.join(directory, path)))
            if file is None:
                return target
        url = "" if file.url in ("./", ".") else file.url
        return root + url + hash_ + anchor

    return link


def notebook_fill(root: str, wheel: Wheel) -> list[list[str]]:
    """What the download button fills in a notebook of a site built without site_url:
    [cell type, text as built, text with ``{site}`` standing for the site's address]. The
    setup cell's wheel, every link (written from ``root``, the way up from the notebook),
    and what the first cell says the setup cell does."""
    return [
        ["code", notebooks.UNKNOWN_WHEEL, f'WHEEL = "{{site}}{wheel.dest_uri}"'],
        ["markdown", f"]({root}", "]({site}"],
        ["markdown", notebooks.EXPLAINS, notebooks.INSTALLS],
    ]


def notebook(model, values: dict[str, str], page, files, config, uri: str) -> str:
    """The .ipynb text of ``page`` (read as ``model``, its placeholders' ``values``), to be
    published at ``uri``: where it came from, a setup cell that installs the wheel from
    the site, then the page, its links pointing at the site's pages."""
    cells, metadata = preamble(page, files, config, uri)
    link = page_links(page, files, config, uri)
    return notebooks.page_to_ipynb(model, values, cells, link, metadata)


def preamble(page, files, config, uri: str) -> tuple[list[nbformat.NotebookNode], dict]:
    """The first cells of every notebook the site offers (a page's, a lab's exercise),
    published at ``uri``: where it came from and a setup cell that installs the wheel
    from the site; and the notebook metadata the download button fills in when the build
    does not know the site's address."""
    wheel = _wheel()
    url = wheel.url(config.site_url)
    link = page_links(page, files, config, uri)
    intro = notebooks.intro_source(
        title=page.title or page.file.src_uri,
        page_url=link(""),
        version=wheel.version,
        needs=wheel.needs(),
        installs=url is not None,
    )
    cells = [
        nbformat.v4.new_markdown_cell(intro),
        nbformat.v4.new_code_cell(notebooks.setup_source(wheel.version, url, wheel.dest_uri)),
    ]
    metadata = {}
    if url is None:
        root = _site_root(config, uri)
        metadata[METADATA_KEY] = {"site": root, "fill": notebook_fill(root, wheel)}
    return cells, metadata
