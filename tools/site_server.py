"""Serve a built site from 127.0.0.1 on a free port, and drive Debian's Chromium.

Shared by `make screenshots` and the browser tests.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass  # a checker that closes early is not a server error

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        requests = getattr(self.server, "requests", None)
        if requests is not None:
            requests.append(f"{self.command} {self.path} {int(code)}")

    def translate_path(self, path: str) -> str:
        """The file for `path` under the server's prefix; outside it, none (404)."""
        prefix = getattr(self.server, "prefix", "/")
        if not path.startswith(prefix):
            return str(Path(self.directory) / ".outside-the-prefix" / "none")
        return super().translate_path("/" + path[len(prefix) :])


@contextlib.contextmanager
def serve(site_dir: Path, requests: list[str] | None = None, prefix: str = "/") -> Iterator[str]:
    """Yield the base URL of `site_dir` served on 127.0.0.1 at a free port, under the
    path `prefix` ('/copies/site/': the site answers there and nowhere else, as a copy
    hosted in a sub-folder does); with `requests`, each request is appended to it as
    'GET /path 200' (the path as requested, prefix included)."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"serve: prefix must start and end with '/', not {prefix!r}")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requests = requests  # type: ignore[attr-defined]
    server.prefix = prefix  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


# Bring each visible (lazy) image into view in turn and wait for it, 5 s at most; then
# back to the top. Without it, images below the first screen never load.
LOAD_LAZY_IMAGES = """async () => {
    for (const img of document.images) {
        if (!img.checkVisibility()) continue;
        img.scrollIntoView();
        if (!img.complete) await new Promise(done => {
            img.addEventListener('load', done, {once: true});
            img.addEventListener('error', done, {once: true});
            setTimeout(done, 5000);
        });
    }
    window.scrollTo(0, 0);
}"""


def page_paths(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths ('' for the home page)."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        relative = html.parent.relative_to(site_dir).as_posix()
        if relative.startswith(("assets", "vendor", "search")):
            continue
        pages.append("" if relative == "." else relative + "/")
    return pages


@contextlib.contextmanager
def browser_context(
    user_data_dir: Path, playwright: object | None = None, **options: object
) -> Iterator[object]:
    """A headless Chromium context with a fresh profile in `user_data_dir`, from
    `playwright` (a started sync_playwright(); one process can run only one at a time,
    so tests share one) or from a Playwright of its own."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError("Chromium not found: apt-get install chromium")
    with contextlib.ExitStack() as stack:
        if playwright is None:
            playwright = stack.enter_context(sync_playwright())
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            **options,
        )
        try:
            yield context
        finally:
            context.close()
