"""The figure cache: one folder per page, one entry per version of the page's code.

An entry's key hashes the page's code regions and a fingerprint of everything else that
decides what the code draws (the package, this engine, matplotlib and numpy), so a prose
edit is a hit and a hit runs nothing. An entry is written in a staging folder and renamed
into place, so a crash never leaves half an entry; the entries it replaces are pruned.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from . import snippets
from .palette import PALETTE_CSS

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class SavedFigure:
    """One figure of an entry: its two files (names inside the entry) and CSS size."""

    light: str
    dark: str
    width: int
    height: int


@dataclass(frozen=True)
class Block:
    """The figures drawn by one ```python fence (its index among the page's fences)."""

    fence: int
    figures: tuple[SavedFigure, ...]


@dataclass(frozen=True)
class Drawn:
    """What running a page leaves for the site: its blocks' figures, and the text of its
    prose placeholders (expression as written -> value)."""

    blocks: tuple[Block, ...]
    values: dict[str, str]


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
    page_id: str
    key: str
    site_folder: str

    def site_path(self, name: str) -> str:
        return f"{self.site_folder}/{self.key}-{name}"

    def exists(self) -> bool:
        return self.folder.is_dir()

    def load(self) -> Drawn:
        """The entry's blocks and values; raises FileNotFoundError on a miss."""
        manifest = json.loads((self.folder / MANIFEST).read_text())
        blocks = (
            Block(b["fence"], tuple(SavedFigure(**f) for f in b["figures"]))
            for b in manifest["blocks"]
        )
        return Drawn(tuple(blocks), manifest["values"])

    def store(self, draw: Callable[[Path], Drawn]) -> Drawn:
        """Fill the entry with what ``draw`` saves into the folder it is given, then drop
        the page's other entries. Nothing is stored if ``draw`` raises."""
        staging = self.folder.with_name(self.folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        drawn = draw(staging)
        (staging / MANIFEST).write_text(json.dumps(asdict(drawn), indent=1))
        shutil.rmtree(self.folder, ignore_errors=True)
        staging.rename(self.folder)
        for old in self.folder.parent.iterdir():
            if old != self.folder:
                shutil.rmtree(old, ignore_errors=True)
        return drawn


class FigureCache:
    """Entries under ``root``, keyed by ``fingerprint`` and each page's code."""

    def __init__(self, root: Path, fingerprint: str, site_prefix: str = "figures") -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.site_prefix = site_prefix

    def entry(self, text: str, path: str, src_uri: str) -> Entry:
        """The entry of page ``src_uri`` (shown as ``path`` in messages) with code ``text``."""
        page_id = src_uri.removesuffix(".md").replace("/", "__")
        digest = hashlib.sha256(self.fingerprint.encode())
        for _, region in snippets.parse(text, path).regions:
            digest.update(text[region.start : region.end].encode())
            digest.update(b"\0")
            if region.start == region.end:  # the prose placeholders' example
                digest.update(repr([p.expr for p in region.parsed]).encode())
        key = digest.hexdigest()[:16]
        return Entry(self.root / page_id / key, page_id, key, f"{self.site_prefix}/{page_id}")

    def prune_pages(self, keep: set[str]) -> None:
        """Drop the entries of pages not in ``keep`` (page ids; call after a full build)."""
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.name not in keep:
                    shutil.rmtree(folder, ignore_errors=True)
