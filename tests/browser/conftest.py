"""Fixtures for the browser gates: the built site served on 127.0.0.1, and Chromium.

Each test asks only for the tools it uses: every browser test needs Chromium and
Playwright for Python (`browser`); the accessibility gate also needs axe-core (`axe`), and
the HTML gate Java and the Nu checker (`java_and_vnu`). So a machine with Chromium but no
npm still checks the widgets against the package. A missing tool skips the tests that
need it, naming what to install; with REQUIRE_BROWSER=1 it is a failure. A browser that
is present but fails to start is always a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gates import SUMMARY
from helpers import AXE, VNU, need
from site_server import browser_context, serve
from weight import BUDGET_BYTES, BUDGET_FIRST_PAINT_MS, WEIGHTS


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core's script, for the accessibility gate only."""
    need(AXE.exists(), "axe-core is not installed: npm install axe-core")
    return AXE


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> str:
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser(playwright, tmp_path_factory: pytest.TempPathFactory):
    """Chromium (from the session's one Playwright, tests/conftest.py)."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    viewport = {"width": 1280, "height": 900}
    with browser_context(profile, playwright, viewport=viewport) as context:
        context.add_init_script("localStorage.clear()")  # the palette follows the scheme
        yield context


@pytest.fixture(scope="session")
def java_and_vnu() -> str:
    java = shutil.which("java")
    need(java is not None, "Java is not installed: apt-get install default-jre-headless")
    need(VNU.exists(), "the Nu HTML Checker is not installed: npm install vnu-jar")
    return java


def pytest_terminal_summary(terminalreporter) -> None:
    if SUMMARY:
        terminalreporter.write_sep("-", "first load per page: bytes transferred, requests")
        for name, (size, count) in sorted(SUMMARY.items()):
            terminalreporter.write_line(f"{name:40s} {size:>10,d} B {count:4d} requests")
    if WEIGHTS:
        terminalreporter.write_sep(
            "-",
            f"first load on a slow 4G phone (budget {BUDGET_BYTES:,} B, "
            f"first paint {BUDGET_FIRST_PAINT_MS:,} ms)",
        )
        for path, load in sorted(WEIGHTS.items()):
            terminalreporter.write_line(
                f"/{path:28s} {load.bytes:>10,d} B {load.requests:4d} requests "
                f"first paint {load.first_paint_ms:6,.0f} ms"
            )
