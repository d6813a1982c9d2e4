"""Edit-to-visible times under a real `mkdocs serve`, as `make serve` runs it (--dirty):
a copy of the project is served on 127.0.0.1, edited three ways, and each edit timed from
the moment the file is written to the moment the served page shows it.

1. a prose edit of one page;
2. an edit of one page's snippet (the page runs again, the others do not);
3. a docstring edit in the package (visible on the API reference; no snippet runs);
4. a code edit of one module of the package (the pages that used it run again).

Targets: 1 within 2 s; 2 within the page's own run time plus 2 s; 3 runs no snippet.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["docs", "overrides", "build_hooks", "relu_explained", "includes"]
COPIED_FILES = ["mkdocs.yml", "pyproject.toml", "PACKAGE.md", "LICENSE"]


@dataclass
class Edit:
    name: str
    file: str  # relative to the project
    old: str
    new: str
    page: str  # URL path that shows it
    shows: str  # text the page shows once the edit is in


EDITS = [
    Edit(
        "prose edit (Shifted sums)",
        "docs/shifted-sums.md",
        "# Shifted sums\n",
        "# Shifted sums\n\nEdited prose, marker 7f3a.\n",
        "shifted-sums/",
        "marker 7f3a",
    ),
    Edit(
        "snippet edit (Shifted sums)",
        "docs/shifted-sums.md",
        "```python\n",
        "```python\nmarker_b41c = 1\n",
        "shifted-sums/",
        "marker_b41c",
    ),
    Edit(
        "docstring edit (ReluSum)",
        "relu_explained/sums.py",
        '"""The function',
        '"""Marker c9d2. The function',
        "reference/",
        "Marker c9d2",
    ),
    Edit(
        "code edit (relu_explained.regions)",
        "relu_explained/regions.py",
        "\nimport numpy as np\n",
        "\nimport numpy as np\n\nMARKER_E5 = 1\n",
        "",
        "",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


class Served:
    """`mkdocs serve --dirty` of a project folder; counts the builds it logs."""

    def __init__(self, project: Path, cache: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "RELU_EXPLAINED_CACHE": str(cache), "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty",
             "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.log: list[str] = []
        self.builds = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.log.append(line)
            if "Documentation built in" in line:
                self.builds += 1

    def wait_for_builds(self, count: int, timeout: float = 600) -> None:
        end = time.monotonic() + timeout
        while self.builds < count:
            if time.monotonic() > end or self.process.poll() is not None:
                raise RuntimeError("mkdocs serve did not build:\n" + "".join(self.log[-30:]))
            time.sleep(0.02)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(project: Path, cache: Path) -> list[tuple[str, float, int]]:
    """Each edit: seconds from the write to the page showing it, and how many pages ran."""
    served = Served(project, cache)
    results = []
    try:
        served.wait_for_builds(1)
        for edit in EDITS:
            path = project / edit.file
            before = served.builds
            entries = _entries(cache)
            text = path.read_text(encoding="utf-8")
            assert edit.old in text, f"{edit.file} no longer holds {edit.old!r}"
            start = time.monotonic()
            path.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
            if edit.shows:
                while edit.shows not in _get(served.url + edit.page):
                    if time.monotonic() - start > 600:
                        raise RuntimeError(f"{edit.name}: not shown after 600 s")
                    time.sleep(0.02)
            served.wait_for_builds(before + 1)
            seconds = time.monotonic() - start
            ran = len(_entries(cache) - entries)
            results.append((edit.name, seconds, ran))
    finally:
        served.close()
    return results


def _entries(cache: Path) -> set[str]:
    """The figure cache's entries, as page/key, each with its manifest's modified time."""
    found = set()
    for manifest in (cache / "figures").glob("*/*/manifest.json"):
        found.add(
            f"{manifest.parent.parent.name}/{manifest.parent.name}@{manifest.stat().st_mtime_ns}"
        )
    return found


def copy_project(folder: Path) -> Path:
    for name in COPIED:
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in COPIED_FILES:
        shutil.copy(ROOT / name, folder / name)
    return folder


def report() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        cache = tmp / "cache"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp / "site")],
            cwd=project, check=True, capture_output=True,
            env={**os.environ, "RELU_EXPLAINED_CACHE": str(cache), "NO_MKDOCS_2_WARNING": "1"},
        )  # fmt: skip
        results = measure(project, cache)
    lines = ["edit to visible under `mkdocs serve --dirty` (make serve), warm cache:"]
    for name, seconds, ran in results:
        lines.append(f"  {name:38s} {seconds:6.2f} s   pages run again: {ran}")
    return lines


if __name__ == "__main__":
    print("\n".join(report()))
