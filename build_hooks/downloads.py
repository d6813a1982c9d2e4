"""The site serves its own package: the wheel of the source it was built from, published
under ``downloads/``, and the cells that let a downloaded notebook install it from there.

The wheel is built in this environment by ``build`` with the ``hatchling`` backend (both in
the docs extra), with no isolated environment and so no network, and cached under a hash
of every file that goes into it: a build with an unchanged package only hashes a few
files; a changed package costs one wheel build, about a second.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from build_hooks import notebooks

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "downloads"
PACKAGE = "relu_explained"
# What the wheel is made of (besides the package folder): its metadata and texts.
METADATA_FILES = ("pyproject.toml", "PACKAGE.md", "LICENSE")
_PLACEHOLDER = re.compile(r"\{\{ *(\w+) *\}\}")

log = logging.getLogger("mkdocs.hooks.downloads")
_published: dict[str, Wheel] = {}


@dataclass(frozen=True)
class Wheel:
    """A built wheel and what its metadata says it needs."""

    path: Path
    version: str
    requires_python: str
    requires: tuple[str, ...]  # Requires-Dist, extras included

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def dest_uri(self) -> str:
        return f"{FOLDER}/{self.name}"

    def url(self, site_url: str | None) -> str | None:
        """The wheel's absolute address on a site hosted at `site_url`, or None."""
        if not site_url:
            return None
        return site_url.rstrip("/") + "/" + self.dest_uri

    def needs(self, extra: str = "plot") -> str:
        """What it needs with `extra` (the pages draw), for a reader: 'Python >=3.11, ...'."""
        from packaging.requirements import Requirement

        wanted = []
        for line in self.requires:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or marker.evaluate({"extra": extra}):
                wanted.append(f"{requirement.name}{requirement.specifier}")
        return ", ".join([f"Python {self.requires_python}", *wanted])


def package_fingerprint(root: Path = ROOT) -> str:
    """Hash of every file the wheel is built from, paths included."""
    package = root / PACKAGE
    paths = [root / name for name in METADATA_FILES] + sorted(
        path
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.relative_to(package).parts
    )
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_wheel(cache_dir: Path, root: Path = ROOT) -> Path:
    """The package's wheel, from `cache_dir` when its sources are unchanged, else built.

    Raises
    ------
    RuntimeError
        If ``build`` or the backend is missing, or the backend fails (its output included).
    """
    folder = cache_dir / package_fingerprint(root)[:16]
    cached = sorted(folder.glob("*.whl"))
    if cached:
        return cached[0]
    try:
        import build
        import pyproject_hooks
    except ImportError as error:
        raise RuntimeError(
            f"building the site's wheel needs `build`: pip install -e '.[docs]' ({error})"
        ) from None
    cache_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".building-"))
    try:
        builder = build.ProjectBuilder(root, runner=pyproject_hooks.quiet_subprocess_runner)
        missing = builder.check_dependencies("wheel")
        if missing:
            names = sorted(" ".join(chain) for chain in missing)
            raise RuntimeError(f"building the site's wheel needs {', '.join(names)}")
        name = Path(builder.build("wheel", work)).name
        try:
            work.rename(folder)
        except OSError:  # built meanwhile by another build: keep that one
            if not (folder / name).is_file():
                raise
    except build.BuildBackendException as error:
        output = getattr(error.exception, "output", b"") or b""
        raise RuntimeError(
            f"the wheel did not build: {error}\n{output.decode(errors='replace')}"
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in cache_dir.iterdir():
        if old.is_dir() and old != folder and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return folder / name


def read_wheel(path: Path) -> Wheel:
    """The version and requirements a wheel's METADATA states."""
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        if len(names) != 1:
            raise ValueError(f"{path.name}: expected one .dist-info/METADATA, found {names}")
        metadata = Parser().parsestr(archive.read(names[0]).decode("utf-8"), headersonly=True)
    return Wheel(
        path=path,
        version=metadata["Version"],
        requires_python=metadata["Requires-Python"] or "",
        requires=tuple(metadata.get_all("Requires-Dist") or ()),
    )


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


def fill_in(markdown: str, page, config) -> str:
    """A page's Markdown with ``{{ version }}``, ``{{ wheel }}`` (the file name),
    ``{{ wheel_link }}`` (a link to it from the page), ``{{ wheel_url }}`` (its address; a
    placeholder on a site built without site_url) and ``{{ needs }}`` filled in."""
    if "{{" not in markdown:
        return markdown
    wheel = _wheel()
    directory = posixpath.dirname(page.file.src_uri) or "."  # links are written from src
    values = {
        "version": wheel.version,
        "wheel": wheel.name,
        "wheel_link": posixpath.relpath(wheel.dest_uri, directory),
        "wheel_url": wheel.url(config.site_url) or f"SITE/{wheel.dest_uri}",
        "needs": wheel.needs(),
    }

    def value(match: re.Match[str]) -> str:  # other names: the page's own values (prose)
        return values.get(match.group(1), match.group(0))

    return _PLACEHOLDER.sub(value, markdown)


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


def prepend_to_notebook_copy(page, config) -> None:
    """A notebook page's downloadable copy (mkdocs-jupyter writes it next to the page) gets
    the same first cells as the notebooks made from pages."""
    if page.file.abs_src_path is None:
        return
    copy = Path(page.file.abs_dest_path).parent / Path(page.file.abs_src_path).name
    if not copy.is_file():
        return
    notebook = nbformat.read(copy, as_version=4)
    notebook.cells[:0] = preamble(page, config)
    nbformat.write(notebook, copy)
