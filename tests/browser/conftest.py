"""Fixtures for the browser gates: the built site served on 127.0.0.1, and Chromium.

Each test asks only for the tools it uses: every browser test needs Chromium and
Playwright for Python (`browser`); the accessibility gate also needs axe-core (`axe`), and
the HTML gate Java and the Nu checker (`java_and_vnu`). So a machine with Chromium but no
npm still checks the widgets against the package. A missing tool skips the tests that
need it, naming what to install; with REQUIRE_BROWSER=1 it is a failure. A browser that
is present but fails to start is always a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from gates import SUMMARY
from helpers import AXE, VNU
from site_server import browser_context, chromium_path, serve


def need(condition: bool, what: str) -> None:
    """Skip (or, with REQUIRE_BROWSER=1, fail) when a tool is missing."""
    if condition:
        return
    message = f"{what}; `make browser-tools` installs every browser tool"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_and_playwright() -> None:
    need(chromium_path() is not None, "Chromium is not installed: apt-get install chromium")
    need(
        importlib.util.find_spec("playwright") is not None,
        "Playwright for Python is not installed: pip install playwright",
    )


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
def browser(chromium_and_playwright, tmp_path_factory: pytest.TempPathFactory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with browser_context(profile, viewport={"width": 1280, "height": 900}) as context:
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
