"""Fixtures for the browser gates: the built site served on 127.0.0.1, and Chromium.

Missing tools skip these tests with what to install; with REQUIRE_BROWSER=1 a missing
tool is a failure. A browser that is present but fails to start is always a failure.
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
from weight import BUDGET_BYTES, BUDGET_FIRST_PAINT_MS, WEIGHTS


def need(condition: bool, what: str) -> None:
    """Skip (or, with REQUIRE_BROWSER=1, fail) when a tool is missing."""
    if condition:
        return
    message = f"{what}; `make browser-tools` installs every browser tool"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def tools() -> None:
    need(chromium_path() is not None, "Chromium is not installed: apt-get install chromium")
    need(
        importlib.util.find_spec("playwright") is not None,
        "Playwright for Python is not installed: pip install playwright",
    )
    need(AXE.exists(), "axe-core is not installed: npm install axe-core")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> str:
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser(tools, tmp_path_factory: pytest.TempPathFactory):
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
