"""Every in-site link of a built site resolves: its file exists, and its #fragment names an
element id on the target page.

Deterministic by construction: each page is parsed once, its ids collected, and every
reference (``href``, ``src``, ``srcset``, CSS ``url()``) resolved relative to the file it
is written in, the way a static server would resolve it (``dir/`` serves
``dir/index.html``). Links to other hosts, ``mailto:``, ``data:`` and ``javascript:`` are
not followed: the site is checked offline.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_URL_ATTRIBUTES = {"href", "src", "poster", "data"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)""")
_SKIPPED_SCHEMES = ("mailto:", "data:", "javascript:", "tel:", "blob:")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[int, str]] = []  # (line, url)
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "link" and values.get("rel") in ("preconnect", "dns-prefetch"):
            return  # a hint, not a resource
        for name in _URL_ATTRIBUTES & values.keys():
            self.references.append((line, values[name]))
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.references.append((line, candidate.split()[0]))
        if "style" in values:
            self.references.extend((line, m["url"]) for m in _CSS_URL.finditer(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            line = self.getpos()[0]
            self.references.extend((line, m["url"]) for m in _CSS_URL.finditer(data))


def _target(site: Path, url_path: str) -> Path | None:
    """The file a static server would send for ``url_path`` (site-relative), or None."""
    candidate = site / url_path
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _references(site: Path, file: Path) -> Iterator[tuple[int, str]]:
    if file.suffix == ".html":
        parser = _PageParser()
        parser.feed(file.read_text(encoding="utf-8", errors="replace"))
        yield from parser.references
    elif file.suffix == ".css":
        text = file.read_text(encoding="utf-8", errors="replace")
        for match in _CSS_URL.finditer(text):
            yield text.count("\n", 0, match.start()) + 1, match["url"]


def broken_links(site: Path) -> list[str]:
    """Every in-site reference in ``site`` that does not resolve, as a sentence naming the
    page (as a URL path), the line and the link; an empty list when all resolve."""
    site = Path(site)
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            parser = _PageParser()
            parser.feed(page.read_text(encoding="utf-8", errors="replace"))
            ids[page] = parser.ids
        return ids[page]

    problems = []
    files = sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css") and p.is_file())
    for file in files:
        relative = file.relative_to(site).as_posix()
        page = "/" + (relative.removesuffix("index.html") if file.suffix == ".html" else relative)
        base = posixpath.dirname(relative)
        for line, url in _references(site, file):
            url = url.strip()
            parts = urlsplit(url)
            if not url or url.startswith(_SKIPPED_SCHEMES) or parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            if path:
                joined = posixpath.normpath(posixpath.join("/" + base, path)).lstrip("/")
                if path.endswith("/") and joined:
                    joined += "/"
                if joined.startswith("../") or joined == "..":
                    problems.append(f"{page}:{line}: link {url} leaves the site")
                    continue
                target = _target(site, joined)
            else:
                target = file
            if target is None:
                problems.append(f"{page}:{line}: broken link {url}: no such file")
            elif parts.fragment and target.suffix == ".html":
                fragment = unquote(parts.fragment)
                if fragment not in ids_of(target):
                    problems.append(
                        f"{page}:{line}: broken link {url}: no element with id "
                        f"'{fragment}' on {target.relative_to(site).as_posix()}"
                    )
    return problems
