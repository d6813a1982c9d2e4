"""Wire Sybil: every ```python block and doctest in docs/ and every docstring Example in the
package runs as a test, with the same parsers the site build uses (build_hooks/page/snippets.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from sybil import Sybil
from sybil.parsers.rest import DocTestParser

from build_hooks.page.snippets import DOCTEST_FLAGS, parsers


def _close_figures(namespace: dict) -> None:
    import matplotlib.pyplot as plt

    plt.close("all")


pytest_collect_file = (
    Sybil(parsers=parsers(), patterns=["*.md"], path="docs", teardown=_close_figures, name="pages")
    + Sybil(
        parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
        patterns=["*.py"],
        path="relu_explained",
        name="docstrings",
    )
).pytest()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-doc-examples",
        action="store_true",
        help="fail unless every docs/**/*.md page yielded at least one collected example",
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    if not session.config.getoption("--require-doc-examples"):
        return
    from pathlib import Path

    root = Path(session.config.rootpath)
    pages = sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*.md"))
    counts = {page: 0 for page in pages}
    for item in session.items:
        page = item.nodeid.split("::")[0]
        if page in counts:
            counts[page] += 1
    empty = [page for page, count in counts.items() if count == 0]
    total = sum(counts.values())
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"doc examples collected: {total} from {len(pages)} pages")
    if not pages or empty:
        raise pytest.UsageError(f"pages that yielded no tested example: {empty or 'no pages'}")
