"""The figure cache: one folder per page, one entry per version of the page's code.

An entry's key hashes every byte of the page that is run or compared
(:meth:`build_hooks.page.model.Page.runs`) and a fingerprint of the engine (this folder's
code, the palette, matplotlib's and numpy's versions), so a prose edit is a hit and a hit
runs nothing. An entry also names the modules of the package the page used, each with a
hash of its code (:mod:`depends`): it is current while those are unchanged, so an edit of
one module redraws only the pages that used it, and a docstring edit redraws none.

An entry is either complete or absent. Each process writes its entry in a staging folder
of its own and renames it into place; a second process that drew the same entry meanwhile
keeps its own result and leaves the first one's. An entry that is incomplete or unreadable
(a file deleted, a manifest cut short) is a miss: it is drawn again and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from ..page.model import Page
from .palette import PALETTE_CSS

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = "manifest.json"
_STAGING = ".staging-"  # folders being written; never an entry


@dataclass(frozen=True)
class SavedFigure:
    """One figure of an entry: its two files (names inside the entry) and CSS size."""

    light: str
    dark: str
    width: int
    height: int


@dataclass(frozen=True)
class Block:
    """The figures drawn by one ```python fence, named by the fence's id."""

    fence: str
    figures: tuple[SavedFigure, ...]


@dataclass(frozen=True)
class Drawn:
    """What running a page leaves for the site: its blocks' figures, the files' bytes
    (by name), and the text of its prose placeholders (expression as written -> value)."""

    blocks: tuple[Block, ...]
    values: dict[str, str]
    files: dict[str, bytes]
    modules: dict[str, str]  # module of the package the page used -> hash of its code


class Miss(Exception):
    """The entry is absent, or present but incomplete or unreadable (the message says
    which file, and why)."""


def source_fingerprint(
    loaded: dict[str, bytes] | None = None, folders: tuple[str, ...] = ("build_hooks",)
) -> str:
    """Hash of the engine: everything besides the page and the package that decides
    what a snippet draws (``folders=("relu_explained", "build_hooks")``: the code as a
    whole, which `mkdocs serve` watches to import it afresh).

    ``loaded`` maps a file (relative to the repository) to the source that is actually
    running, for a module that cannot be re-imported (the MkDocs hook, loaded once per
    process); every other file is read from disk.
    """
    loaded = loaded or {}
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            digest.update(name.encode())
            digest.update(loaded[name] if name in loaded else path.read_bytes())
    digest.update(PALETTE_CSS.read_bytes())  # the colours figures are drawn in
    for package in ("matplotlib", "numpy"):
        digest.update(f"{package}=={version(package)}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """The cached figures of one page for one version of its code, and where the site
    publishes them: ``<site prefix>/<page id>/<key>-<file name>``."""

    folder: Path
    key: str
    site_folder: str

    def site_path(self, name: str) -> str:
        return f"{self.site_folder}/{self.key}-{name}"

    def exists(self) -> bool:
        return (self.folder / MANIFEST).is_file()

    def manifest(self) -> dict:
        """The entry's manifest; raises :class:`Miss` when there is none or it is broken."""
        if not self.folder.is_dir():
            raise Miss(f"no entry {self.key}")
        try:
            manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            if not isinstance(manifest.get("modules"), dict):
                raise ValueError("no modules in the manifest")
            return manifest
        except (OSError, ValueError, AttributeError) as error:
            raise Miss(f"entry {self.key} is incomplete or unreadable ({error})") from None

    def is_current(self, package: dict[str, str]) -> bool:
        """Whether the entry is there and the modules it used are as they are now
        (``package``: :func:`depends.package_state`); reads only its manifest."""
        try:
            modules = self.manifest()["modules"]
        except Miss:
            return False
        return all(package.get(name) == code for name, code in modules.items())

    def load(self) -> Drawn:
        """The entry, every file read; raises :class:`Miss` unless it is whole."""
        manifest = self.manifest()
        try:
            blocks = tuple(
                Block(b["fence"], tuple(SavedFigure(**f) for f in b["figures"]))
                for b in manifest["blocks"]
            )
            names = [name for b in blocks for f in b.figures for name in (f.light, f.dark)]
            files = {name: (self.folder / name).read_bytes() for name in names}
            return Drawn(blocks, dict(manifest["values"]), files, dict(manifest["modules"]))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise Miss(f"entry {self.key} is incomplete or unreadable ({error})") from None

    def store(self, draw: Callable[[], Drawn]) -> Drawn:
        """Draw the entry and put it in place whole; the page's other entries go.

        Nothing is stored if ``draw`` raises. If another process put a whole entry with
        this key in place meanwhile, it stays (the same code draws the same bytes)."""
        drawn = draw()
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=self.folder.parent))
        try:
            for name, data in drawn.files.items():
                (staging / name).write_bytes(data)
            manifest = {
                "blocks": [asdict(b) for b in drawn.blocks],
                "values": drawn.values,
                "modules": drawn.modules,
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            self._put_in_place(staging, drawn.modules)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self._drop_other_entries()
        return drawn

    def _put_in_place(self, staging: Path, modules: dict[str, str]) -> None:
        """Rename ``staging`` into place. An entry already there stays if it is whole and
        drawn by the same code (another process drew it meanwhile); otherwise it is set
        aside."""
        for _ in range(3):
            try:
                os.rename(staging, self.folder)
                return
            except OSError:
                if self._is_whole(modules):
                    return
            aside = Path(tempfile.mkdtemp(prefix=_STAGING, dir=self.folder.parent))
            try:
                os.rename(self.folder, aside / "broken")
            except OSError:
                pass  # another process set it aside first
            shutil.rmtree(aside, ignore_errors=True)
        os.rename(staging, self.folder)  # a third refusal is a real failure: say so

    def _is_whole(self, modules: dict[str, str]) -> bool:
        try:
            return self.load().modules == modules
        except Miss:
            return False

    def _drop_other_entries(self) -> None:
        for other in self.folder.parent.iterdir():
            if other != self.folder and not other.name.startswith(_STAGING):
                shutil.rmtree(other, ignore_errors=True)


class FigureCache:
    """Entries under ``root``, keyed by ``fingerprint`` and each page's code."""

    def __init__(self, root: Path, fingerprint: str, site_prefix: str = "figures") -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.site_prefix = site_prefix

    def entry(self, page: Page) -> Entry:
        """The entry of ``page`` as its code is now."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(page.runs())
        key = digest.hexdigest()[:16]
        return Entry(self.root / page.page_id / key, key, f"{self.site_prefix}/{page.page_id}")

    def prune_pages(self, keep: set[str]) -> None:
        """Drop the entries of pages not in ``keep`` (page ids; call after a full build)."""
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.name not in keep:
                    shutil.rmtree(folder, ignore_errors=True)
