"""The figure cache: one folder per page, one entry per version of the page's code.

An entry's key hashes every byte of the page that is run or compared
(:meth:`build_hooks.page.model.Page.runs`) and a fingerprint of everything else that
decides what the code draws (the package, this engine, matplotlib and numpy), so a prose
edit is a hit and a hit runs nothing.

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


class Miss(Exception):
    """The entry is absent, or present but incomplete or unreadable (the message says
    which file, and why)."""


def source_fingerprint(loaded: dict[str, bytes] | None = None) -> str:
    """Hash of everything besides the page that decides what a snippet draws.

    ``loaded`` maps a file (relative to the repository) to the source that is actually
    running, for a module that cannot be re-imported (the MkDocs hook, loaded once per
    process); every other file is read from disk.
    """
    loaded = loaded or {}
    digest = hashlib.sha256()
    for folder in ("relu_explained", "build_hooks"):
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

    def load(self) -> Drawn:
        """The entry, every file read; raises :class:`Miss` unless it is whole."""
        if not self.folder.is_dir():
            raise Miss(f"no entry {self.key}")
        try:
            manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            blocks = tuple(
                Block(b["fence"], tuple(SavedFigure(**f) for f in b["figures"]))
                for b in manifest["blocks"]
            )
            names = [name for b in blocks for f in b.figures for name in (f.light, f.dark)]
            files = {name: (self.folder / name).read_bytes() for name in names}
            return Drawn(blocks, dict(manifest["values"]), files)
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
            manifest = {"blocks": [asdict(b) for b in drawn.blocks], "values": drawn.values}
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            self._put_in_place(staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self._drop_other_entries()
        return drawn

    def _put_in_place(self, staging: Path) -> None:
        """Rename ``staging`` into place. An entry already there stays if it is whole
        (another process drew it meanwhile) and is set aside if it is not."""
        for _ in range(3):
            try:
                os.rename(staging, self.folder)
                return
            except OSError:
                if self._is_whole():
                    return
            aside = Path(tempfile.mkdtemp(prefix=_STAGING, dir=self.folder.parent))
            try:
                os.rename(self.folder, aside / "broken")
            except OSError:
                pass  # another process set it aside first
            shutil.rmtree(aside, ignore_errors=True)
        os.rename(staging, self.folder)  # a third refusal is a real failure: say so

    def _is_whole(self) -> bool:
        try:
            self.load()
        except Miss:
            return False
        return True

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
