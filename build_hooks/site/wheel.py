"""The wheel of the package, built from the source the site is built from.

It is built in this environment by ``build`` with the ``hatchling`` backend (both in the
docs extra), with no isolated environment and so no network, and cached under a hash of
every file that goes into it: a build with an unchanged package only hashes a few files;
a changed package costs one wheel build, about a second.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDER = "downloads"
PACKAGE = "relu_explained"
# What the wheel is made of (besides the package folder): its metadata and texts.
METADATA_FILES = ("pyproject.toml", "PACKAGE.md", "LICENSE")


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
