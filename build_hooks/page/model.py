"""One page, read once: everything the build needs to know about a page's text.

:func:`read_page` lexes a page a single time, with Sybil's lexers and the same parsers the
tests use, into a :class:`Page`. The cache key, the runner, the placement of figures, the
prose pass and the notebook all read that one object; none of them looks at the text
with a parser of its own.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sybil import Document, Region
from sybil.region import Lexeme

from . import alt_text, fences, placeholders, snippets
from .fences import Fence
from .placeholders import Placeholder


@dataclass(frozen=True)
class CodeFence:
    """A ```python fence of the page and its identity: a hash of its source (with a
    number for repeats), the same however the prose around it moves, so that cached
    figures find their fence after a prose edit and never another fence's."""

    id: str
    fence: Fence

    @property
    def start(self) -> int:
        return self.fence.start

    @property
    def end(self) -> int:
        return self.fence.end


@dataclass(frozen=True)
class Page:
    """A page as the build sees it.

    ``text`` is the page's Markdown after its front matter, ``path`` how messages name it
    (``docs/page.md``), ``src_uri`` its path in the site, ``line_offset`` the lines of
    front matter before ``text``. The rest is what lexing the text found.
    """

    text: str
    path: str
    src_uri: str
    line_offset: int
    code_fences: tuple[CodeFence, ...]  # the ```python fences, which the tests run
    other_fences: tuple[tuple[int, int], ...]  # (start, end) of every other fenced block
    untested: tuple[tuple[int, str], ...]  # (line, info) of fences Sybil would skip
    figure_comments: dict[int, tuple[str, int]]  # start -> (alt text, end)
    directives: tuple[tuple[int, int], ...]  # spans of figure, skip, clear-namespace comments
    placeholders: tuple[Placeholder, ...]  # every {{ expr }} outside code
    regions: tuple[Region, ...]  # the examples Sybil runs, in order

    @property
    def page_id(self) -> str:
        """The page's name in the cache and in figure addresses: ``guide__intro``."""
        return self.src_uri.removesuffix(".md").replace("/", "__")

    def line(self, position: int) -> int:
        """The line of the page file at character ``position`` of ``text``."""
        return self.text.count("\n", 0, position) + 1 + self.line_offset

    def runs(self) -> bytes:
        """Every byte of the page that is run or compared: each ```python fence whole
        (doctests' expected output included), each example region (the skip and
        clear-namespace directives are examples too), and the placeholders'
        expressions. A prose edit leaves it as it is; any edit that could change a
        result changes it."""
        digest = hashlib.sha256()
        spans = [(f.start, f.end) for f in self.code_fences]
        spans += [(r.start, r.end) for r in self.regions]
        for start, end in sorted(set(spans)):
            digest.update(self.text[start:end].encode())
            digest.update(b"\0")
        for found in self.placeholders:
            digest.update(found.expr.encode())
            digest.update(b"\0")
        return digest.digest()

    def document(self) -> Document:
        """A fresh Sybil document of the page, its examples ready to run in order."""
        document = Document(self.text, self.path)
        for region in self.regions:
            document.add(region)
        return document

    # A page goes to a worker process whole. Sybil keeps source text in `Lexeme`, a str
    # subclass that pickle cannot rebuild; it travels as its three arguments.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(vars(self))
        state["regions"] = tuple(_portable_region(r) for r in self.regions)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        state["regions"] = tuple(_restored_region(r) for r in state["regions"])
        for name, value in state.items():
            object.__setattr__(self, name, value)


def read_page(text: str, path: str, src_uri: str, line_offset: int = 0) -> Page:
    """Lex page ``text`` once into a :class:`Page` (see the class for the arguments)."""
    code = fences.python_fences(text)
    every = fences.all_fences(text)
    code_spans = {(f.start, f.end) for f in code}
    found = placeholders.find(text, code_spans)
    document = Document(text, path)
    for parser in snippets.code_parsers():
        for region in parser(document):
            document.add(region)
    region = placeholders.region_for(found, len(text))
    if region is not None:
        document.add(region)
    return Page(
        text=text,
        path=path,
        src_uri=src_uri,
        line_offset=line_offset,
        code_fences=_with_ids(code),
        other_fences=tuple(span for span in every if span not in code_spans),
        untested=tuple(fences.untested_fences(text)),
        figure_comments=alt_text.figure_comments(text),
        directives=tuple(alt_text.directive_spans(text)),
        placeholders=tuple(found),
        regions=tuple(r for _, r in sorted(document.regions, key=lambda pair: pair[0])),
    )


def _with_ids(code: list[Fence]) -> tuple[CodeFence, ...]:
    seen: Counter[str] = Counter()
    fenced = []
    for fence in code:
        digest = hashlib.sha256(fence.source.encode()).hexdigest()[:12]
        seen[digest] += 1
        fenced.append(CodeFence(f"{digest}-{seen[digest]}", fence))
    return tuple(fenced)


def _portable(value: Any) -> Any:
    if isinstance(value, Lexeme):
        return ("lexeme", str(value), value.offset, value.line_offset)
    return ("value", value)


def _restored(packed: tuple) -> Any:
    if packed[0] == "lexeme":
        return Lexeme(*packed[1:])
    return packed[1]


def _portable_region(region: Region) -> tuple:
    lexemes = {name: _portable(value) for name, value in region.lexemes.items()}
    return (region.start, region.end, _portable(region.parsed), region.evaluator, lexemes)


def _restored_region(packed: tuple) -> Region:
    start, end, parsed, evaluator, lexemes = packed
    lexemes = {name: _restored(value) for name, value in lexemes.items()}
    return Region(start, end, _restored(parsed), evaluator, lexemes)
