"""Lint and format the Python snippets of the pages (docs/**/*.md) with ruff, as the
package's code is linted: `make lint` checks, `make format` rewrites.

A page's ```python fences run in one namespace, so they are checked as one module (a name
defined in an earlier block is known in a later one), with the rules that make sense for
snippets (pyflakes, syntax, bugbear); doctest blocks contribute their statements. Problems
are reported as ``docs/page.md:LINE: CODE message``. Formatting applies to the plain code
blocks (doctests keep their prompts as written).

    python tools/snippet_lint.py check [PAGE ...]
    python tools/snippet_lint.py format [PAGE ...]
"""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_hooks.figures.splice import replace_spans  # noqa: E402
from build_hooks.page.model import Page, read_page  # noqa: E402

RUFF = [sys.executable, "-m", "ruff"]
# Snippets are read in a page's column: a line of 79 characters fits it at 1280 px.
LINE_LENGTH = ["--line-length", "79"]
# Snippets redefine names from block to block and show values as bare expressions.
# Doctests show comparisons as values (B015); timing loops define closures they call at
# once (B023); a default array is a constant the snippet never changes (B008).
RULES = ["--select", "F,E9,B", "--ignore", "F811,F841,B008,B015,B018,B023,B905,E402"]


def _page(path: Path) -> tuple[Page, str]:
    raw = path.read_text(encoding="utf-8")
    markdown, _ = get_data(raw)
    offset = raw.count("\n", 0, raw.find(markdown)) if markdown and raw.find(markdown) > 0 else 0
    shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    return read_page(markdown, shown, path.name, offset), raw


def _module(page: Page) -> tuple[str, list[int]]:
    """The page's snippets as one module, and the page line of each of its lines."""
    lines: list[str] = []
    where: list[int] = []
    for code in page.code_fences:
        first = page.line(code.start) + 1  # the fence's first line of code
        source = code.fence.source
        if source.lstrip().startswith(">>>"):
            for example in doctest.DocTestParser().get_examples(source):
                for n, line in enumerate(example.source.rstrip("\n").splitlines()):
                    lines.append(line)
                    where.append(first + example.lineno + n)
        else:
            for n, line in enumerate(source.rstrip("\n").splitlines()):
                lines.append(line)
                where.append(first + n)
    return "\n".join(lines) + "\n", where


def check(paths: list[Path]) -> list[str]:
    problems = []
    for path in paths:
        page, _ = _page(path)
        module, where = _module(page)
        result = subprocess.run(
            [*RUFF, "check", *RULES, "--output-format", "json", "--stdin-filename",
             "snippets.py", "-"],
            input=module, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        for found in json.loads(result.stdout or "[]"):
            row = found["location"]["row"]
            line = where[row - 1] if 0 < row <= len(where) else 0
            problems.append(f"{page.path}:{line}: {found['code']} {found['message']}")
        for code in page.code_fences:
            if code.fence.source.lstrip().startswith(">>>"):
                continue
            formatted = _formatted(code.fence.source)
            if formatted != code.fence.source:
                line = page.line(code.start)
                problems.append(f"{page.path}:{line}: the block is not formatted (make format)")
    return problems


def _formatted(source: str) -> str:
    result = subprocess.run(
        [*RUFF, "format", *LINE_LENGTH, "--stdin-filename", "snippet.py", "-"],
        input=source, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return result.stdout if result.returncode == 0 else source


def format_pages(paths: list[Path]) -> int:
    """Rewrite the plain code blocks of the pages formatted; how many changed."""
    changed = 0
    for path in paths:
        page, raw = _page(path)
        head = raw[: len(raw) - len(page.text)]
        spans = []
        for code in page.code_fences:
            fence = code.fence
            if fence.source.lstrip().startswith(">>>"):
                continue
            formatted = _formatted(fence.source)
            if formatted == fence.source:
                continue
            block = page.text[fence.start : fence.end]
            opening, _, _ = block.partition("\n")
            closing = block.rsplit("\n", 1)[1]
            body = "".join(
                (fence.indent + line if line.strip() else line)
                for line in formatted.splitlines(keepends=True)
            )
            spans.append((fence.start, fence.end, f"{opening}\n{body}{closing}"))
        if spans:
            path.write_text(head + replace_spans(page.text, spans), encoding="utf-8")
            changed += len(spans)
    return changed


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "format"):
        print(__doc__)
        return 2
    paths = [Path(p).resolve() for p in argv[1:]] or sorted((ROOT / "docs").rglob("*.md"))
    if argv[0] == "format":
        print(f"snippets: {format_pages(paths)} block(s) reformatted")
        return 0
    problems = check(paths)
    for problem in problems:
        print(problem)
    print(f"snippets: {len(problems)} problem(s) in {len(paths)} page(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
