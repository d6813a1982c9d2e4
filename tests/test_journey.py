"""A reader takes the site home from a copy of it that knows nothing of its own address:
the site built without site_url (as `make serve` elsewhere, or any copy, would be) and
served on 127.0.0.1 under a sub-path, /copies/relu-explained/, with nothing at the root.

- Every page offers its notebook, and every link in every notebook reaches a page (and
  section) of the served site, once the download button has filled in the address.
- In Chromium: Get the code's install command, read as the browser shows it (and as its
  copy button copies it), runs in a clean virtual environment and installs the package
  from the served site.
- In Chromium: one notebook (Shifted sums: figures, a widget, links), downloaded through
  its page's button, runs with nbclient in the clean environment, where its first cell
  installs the package from the served site and its cells draw the page's figures. This
  is the one notebook the journey runs: tests/test_notebooks.py runs every page's
  notebook (in this environment, in-process), so each runs once per test run.
- The first block of every page runs alone with only the package installed.

The clean environment is a new virtual environment with only numpy, matplotlib,
ipykernel and nbclient (their wheels are kept in .cache/journey-wheels, so only the
first run downloads them). Its kernels see no package index and have every HTTP proxy
pointed at a closed port, except for 127.0.0.1: a notebook that needs anything but the
served site fails. Where a virtual environment cannot be made, the tests skip and say why;
where Chromium or Playwright is missing, the browser tests skip naming it (with
REQUIRE_BROWSER=1 they fail, as the browser gates do).
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest
from helpers import LABS
from mkdocs.utils.meta import get_data
from sitebuild import ROOT

from build_hooks.page.model import read_page

sys.path.insert(0, str(ROOT / "tools"))
from site_server import browser_context, page_paths, serve

pytestmark = pytest.mark.slow

READER_PACKAGES = ["numpy", "matplotlib", "ipykernel", "nbclient"]
CLOSED_PORT = "http://127.0.0.1:9"  # discard: nothing listens there
PREFIX = "/copies/relu-explained/"  # where the copy is served: not the server's root
JOURNEY_PAGE = "shifted-sums"  # the page whose notebook the browser downloads and runs


def _run(command: list[str], **options) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **options)


def _reader_env(venv: Path, home: Path) -> dict[str, str]:
    """A reader's shell: this venv first on PATH, a home of its own, no package index, and
    every address but 127.0.0.1 behind a proxy that does not answer."""
    env = {
        "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIP_NO_INDEX": "1",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env[name] = CLOSED_PORT
    env["no_proxy"] = env["NO_PROXY"] = "127.0.0.1"
    return env


@pytest.fixture(scope="session")
def reader(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A clean virtual environment with only the reader's packages; skips saying why when
    one cannot be made here."""
    base = tmp_path_factory.mktemp("reader")
    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    if made.returncode != 0 or not python.exists():
        pytest.skip(f"cannot make a virtual environment here: {made.stderr.strip()[-300:]}")
    tag = f"py{sys.version_info.major}{sys.version_info.minor}-" + "-".join(READER_PACKAGES)
    wheels = ROOT / ".cache" / "journey-wheels" / tag
    if not (wheels / ".complete").exists():
        fetched = _run(
            [
                str(python),
                "-m",
                "pip",
                "download",
                "--quiet",
                "--dest",
                str(wheels),
                *READER_PACKAGES,
            ]
        )
        if fetched.returncode != 0:
            pytest.skip(
                f"cannot download {READER_PACKAGES} from the package registry: "
                f"{fetched.stderr.strip()[-300:]}"
            )
        (wheels / ".complete").touch()
    installed = _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-compile",
            "--no-index",
            "--find-links",
            str(wheels),
            *READER_PACKAGES,
        ]
    )
    if installed.returncode != 0:
        pytest.skip(
            f"cannot install {READER_PACKAGES} into a new venv: {installed.stderr.strip()[-300:]}"
        )
    home = base / "home"
    home.mkdir()
    return {"python": python, "venv": venv, "env": _reader_env(venv, home), "base": base}


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


@pytest.fixture(scope="session")
def served_site(built_site: Path):
    """The site, built without site_url (nor a repository address) as every test shares
    it, served on 127.0.0.1 under PREFIX, and the log of every request the server answers."""
    requests: list[str] = []
    with serve(built_site, requests, prefix=PREFIX) as url:
        yield {"url": url, "dir": built_site, "requests": requests}


def _expected_notebooks() -> set[str]:
    """URL paths of the notebooks the sources say the site offers."""
    paths = set()
    for source in sorted((ROOT / "docs").rglob("*")):
        stem = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        if source.suffix == ".md" and "vendor" not in source.parts:
            _, meta = get_data(source.read_text(encoding="utf-8"))
            if meta.get("notebook", True):
                paths.add(f"{PREFIX}notebooks/{stem}.ipynb")
    paths |= {f"{PREFIX}notebooks/labs/{lab.stem}.ipynb" for lab in LABS}  # their exercises
    return paths


def _figures_on_page(site: Path, stem: str) -> int:
    page = site / ("" if stem == "index" else stem) / "index.html"
    return len(
        re.findall(
            r'<img [^>]*src="[^"]*figures/[^"]*-light\.svg(?:#[^"]*)?"',
            page.read_text(encoding="utf-8"),
        )
    )


def _fill_as_the_button_does(notebook: dict, address: str) -> dict:
    """What take-home.js does to a notebook fetched from `address`, in Python: used only
    to check the links of every notebook without a browser (the browser tests check the
    script itself on one)."""
    how = notebook["metadata"]["relu_explained"]
    site = urljoin(address, how["site"])
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        for kind, built, filled in how["fill"]:
            if cell["cell_type"] == kind:
                text = text.replace(built, filled.replace("{site}", site))
        cell["source"] = text
    return notebook


def _markdown_links(notebook: dict) -> list[str]:
    return [
        target
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for target in re.findall(r"\]\(([^)\s]+)\)", "".join(cell["source"]))
    ]


def _notebook_urls(served_site) -> set[str]:
    base = served_site["url"]
    linked = set()
    for path in page_paths(served_site["dir"]):
        parser = _Links()
        parser.feed(_get(urljoin(base, path)).decode("utf-8"))
        linked |= {urljoin(urljoin(base, path), h) for h in parser.hrefs if h.endswith(".ipynb")}
    return linked


def test_every_link_in_every_notebook_reaches_a_section_of_the_served_copy(served_site):
    linked = _notebook_urls(served_site)
    assert {urlsplit(u).path for u in linked} == _expected_notebooks()
    pages: dict[str, str] = {}
    checked = 0
    for url in sorted(linked):
        notebook = json.loads(_get(url))
        setup = "".join(notebook["cells"][1]["source"])
        assert "WHEEL = None" in setup, f"{url}: a copy without site_url cannot know the wheel"
        links = _markdown_links(_fill_as_the_button_does(notebook, url))
        assert links, url
        for target in links:
            assert target.startswith(served_site["url"]), f"{url}: {target} is not on the site"
            page, _, anchor = target.partition("#")
            if page not in pages:
                try:
                    pages[page] = _get(page).decode("utf-8")
                except urllib.error.HTTPError as error:
                    pytest.fail(f"{url}: {target} answers {error.code}")
            if anchor:
                assert f'id="{anchor}"' in pages[page], f"{url}: no section {target}"
            checked += 1
    print(f"notebook links: {checked} links in {len(linked)} notebooks, {len(pages)} pages")


@pytest.fixture(scope="module")
def browser(playwright, tmp_path_factory: pytest.TempPathFactory, served_site):
    """Chromium (from the session's one Playwright), allowed to read what the copy
    buttons put on the clipboard."""
    profile = tmp_path_factory.mktemp("journey-chromium")
    viewport = {"width": 1280, "height": 900}
    with browser_context(profile, playwright, viewport=viewport, accept_downloads=True) as context:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(served_site["url"]))
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        yield context


def _wheel(served_site) -> Path:
    return next((served_site["dir"] / "downloads").glob("*.whl"))


def test_the_install_command_the_browser_shows_installs_from_the_copy(served_site, reader, browser):
    wheel_url = urljoin(served_site["url"], f"downloads/{_wheel(served_site).name}")
    page = browser.new_page()
    page.goto(urljoin(served_site["url"], "get-the-code/"))
    block = page.locator("article .highlight", has_text="pip install").first
    shown = block.locator("code").inner_text()
    print(f"Get the code shows:\n{shown}")
    assert f'WHEEL="{wheel_url}"' in shown, "the wheel's real address, worked out by the page"
    block.hover()
    block.get_by_title("Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == shown.strip(), "the copy button copies what is shown"
    page.close()

    served_site["requests"].clear()
    _run([str(reader["python"]), "-m", "pip", "uninstall", "-yq", "relu-explained"])
    ran = _run(["bash", "-e", "-c", copied], env=reader["env"], cwd=reader["base"], timeout=600)
    print(f"the copied command printed, last: {ran.stdout.strip().splitlines()[-1:]}")
    assert ran.returncode == 0, ran.stderr[-2000:]
    where = _run(
        [
            str(reader["python"]),
            "-c",
            "import relu_explained as r; print(r.__version__, r.__file__)",
        ],
        env=reader["env"],
        cwd=reader["base"],
    )
    print(f"then the clean Python imports: {where.stdout.strip()}")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.split()[1]).is_relative_to(reader["venv"])
    assert f"GET {urlsplit(wheel_url).path} 200" in served_site["requests"]


def test_a_notebook_downloaded_by_its_button_installs_from_the_copy_and_draws(
    served_site, reader, browser
):
    base = served_site["url"]
    wheel_url = urljoin(base, f"downloads/{_wheel(served_site).name}")
    page = browser.new_page()
    page.goto(urljoin(base, f"{JOURNEY_PAGE}/"))
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download this page as a notebook").click()
    download = downloading.value
    saved = reader["base"] / "downloaded" / download.suggested_filename
    download.save_as(saved)
    page.close()
    print(f"the button gave {download.suggested_filename} ({saved.stat().st_size} bytes)")
    assert download.suggested_filename == f"{JOURNEY_PAGE}.ipynb"

    notebook = nbformat.read(saved, as_version=4)
    intro, setup = notebook.cells[0].source, notebook.cells[1].source
    assert f"[Shifted sums]({base}{JOURNEY_PAGE}/)" in intro and "installs" in intro, intro
    assert f'WHEEL = "{wheel_url}"' in setup, setup
    links = _markdown_links(notebook)
    assert links and all(link.startswith(base) for link in links), links
    widget = [c.source for c in notebook.cells if "interactive widget" in c.source]
    assert widget and f"]({base}{JOURNEY_PAGE}/#playground)" in widget[0]

    out = reader["base"] / "executed"
    out.mkdir(exist_ok=True)
    served_site["requests"].clear()
    runner = _run(
        [
            str(reader["python"]),
            "-I",
            str(ROOT / "tests" / "journey_runner.py"),
            str(out),
            str(saved),
        ],
        env=reader["env"],
        cwd=reader["base"],
        timeout=1800,
    )
    assert runner.returncode == 0, runner.stderr[-3000:]
    (result,) = json.loads(runner.stdout.strip().splitlines()[-1])
    assert result["error"] is None, result["error"]

    executed = nbformat.read(result["saved"], as_version=4)
    setup, *cells, where = [c for c in executed.cells if c.cell_type == "code"]
    said = "".join(o.get("text", "") for o in setup.outputs)
    print(f"its setup cell printed: {said.strip()!r} ({result['seconds']} s in all)")
    assert "is ready" in said
    python, package = "".join(o.get("text", "") for o in where.outputs).split()
    site_packages = next((reader["venv"] / "lib").glob("python*/site-packages"))
    assert Path(python).parent == reader["venv"] / "bin"
    assert Path(package).is_relative_to(site_packages), package
    images = sum("image/png" in o.get("data", {}) for c in cells for o in c.outputs)
    print(f"its cells drew {images} figures")
    assert images == _figures_on_page(served_site["dir"], JOURNEY_PAGE) >= 1
    requests = served_site["requests"]
    print(f"the server answered: {requests}")
    assert requests == [f"GET {urlsplit(wheel_url).path} 200"], "it installs from the copy"


def _first_block(page: Path) -> str:
    fences = read_page(page.read_text(encoding="utf-8"), page.name, page.name).code_fences
    assert fences, f"{page.name} has no python block"
    return fences[0].fence.source


PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if "vendor" not in p.parts)


@pytest.fixture(scope="module")
def reader_with_package(reader, served_site):
    """The clean environment with the package installed as the Get the code page says:
    pip, given the address of the site's wheel."""
    wheel = next((served_site["dir"] / "downloads").glob("*.whl"))
    url = urljoin(served_site["url"], f"downloads/{wheel.name}")
    installed = _run(
        [str(reader["python"]), "-m", "pip", "install", "--quiet", f"relu-explained[plot] @ {url}"],
        env=reader["env"],
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    return reader


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_first_block_of_each_page_runs_alone_in_an_empty_folder(
    page, reader_with_package, tmp_path
):
    """Copied into a file of its own, the page's first block runs with only the package
    installed (from the served site's wheel): it imports everything it uses."""
    reader = reader_with_package
    block = _first_block(page)
    env = {**reader["env"], "MPLBACKEND": "Agg"}
    if block.lstrip().startswith(">>>"):  # a doctest runs as one: python -m doctest
        (tmp_path / "first_block.txt").write_text(block)
        command = [
            str(reader["python"]),
            "-I",
            "-m",
            "doctest",
            "-o",
            "ELLIPSIS",
            "-o",
            "NORMALIZE_WHITESPACE",
            "first_block.txt",
        ]
    else:
        (tmp_path / "first_block.py").write_text(block)
        command = [str(reader["python"]), "-I", "first_block.py"]
    ran = _run(command, env=env, cwd=tmp_path, timeout=600)
    assert ran.returncode == 0, f"{page.name}: {ran.stdout[-2000:]}{ran.stderr[-2000:]}"
