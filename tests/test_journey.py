"""A reader takes the site home: the site, built with its own address (SITE_URL) and
served on 127.0.0.1, is all a clean Python needs to run every notebook it links to and
the first block of every page.

The clean environment is a new virtual environment with only numpy, matplotlib,
ipykernel and nbclient (their wheels are kept in .cache/journey-wheels, so only the
first run downloads them). Its kernels see no package index and have every HTTP proxy
pointed at a closed port, except for 127.0.0.1: a notebook that needs anything but the
served site fails. Where a virtual environment cannot be made, the tests skip and say why.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest
from helpers import LABS
from mkdocs.utils.meta import get_data
from sitebuild import ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "tools"))
from site_server import page_paths, serve

pytestmark = pytest.mark.slow

READER_PACKAGES = ["numpy", "matplotlib", "ipykernel", "nbclient"]
CLOSED_PORT = "http://127.0.0.1:9"  # discard: nothing listens there


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
def served_site(tmp_path_factory: pytest.TempPathFactory):
    """The site served on 127.0.0.1, built with that address as its SITE_URL, and the log
    of every request the server answers."""
    site = tmp_path_factory.mktemp("served-site")
    requests: list[str] = []
    with serve(site, requests) as url:  # the address first, then the build that uses it
        result = mkdocs_build(ROOT / "mkdocs.yml", site, SITE_URL=url)
        assert result.returncode == 0, result.stderr[-3000:]
        yield {"url": url, "dir": site, "requests": requests}


def _expected_notebooks() -> set[str]:
    """URL paths of the notebooks the sources say the site offers."""
    paths = set()
    for source in sorted((ROOT / "docs").rglob("*")):
        stem = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        if source.suffix == ".md" and "vendor" not in source.parts:
            _, meta = get_data(source.read_text(encoding="utf-8"))
            if meta.get("notebook", True):
                paths.add(f"/notebooks/{stem}.ipynb")
    paths |= {f"/notebooks/labs/{lab.stem}.ipynb" for lab in LABS}  # their exercises
    return paths


def _figures_on_page(site: Path, stem: str) -> int:
    page = site / ("" if stem == "index" else stem) / "index.html"
    return len(
        re.findall(
            r'<img [^>]*src="[^"]*figures/[^"]*-light\.svg(?:#[^"]*)?"',
            page.read_text(encoding="utf-8"),
        )
    )


def test_every_notebook_the_site_links_to_runs_on_a_clean_machine(served_site, reader):
    base = served_site["url"]
    linked = set()
    for path in page_paths(served_site["dir"]):
        parser = _Links()
        parser.feed(_get(urljoin(base, path)).decode("utf-8"))
        linked |= {urljoin(urljoin(base, path), h) for h in parser.hrefs if h.endswith(".ipynb")}
    assert {urlsplit(u).path for u in linked} == _expected_notebooks()
    wheel = next((served_site["dir"] / "downloads").glob("*.whl"))

    out = reader["base"] / "executed"
    out.mkdir()
    served_site["requests"].clear()
    runner = _run(
        [
            str(reader["python"]),
            "-I",
            str(ROOT / "tests" / "journey_runner.py"),
            str(out),
            *sorted(linked),
        ],
        env=reader["env"],
        cwd=reader["base"],
        timeout=1800,
    )
    assert runner.returncode == 0, runner.stderr[-3000:]
    results = json.loads(runner.stdout.strip().splitlines()[-1])
    failed = {r["url"]: r["error"] for r in results if r["error"]}
    assert not failed, "\n\n".join(f"{u}:\n{e}" for u, e in failed.items())
    for result in results:  # a lab's exercise: each check fails with its hint, nothing else
        path = urlsplit(result["url"]).path
        if path.startswith("/notebooks/labs/"):
            lab = ROOT / "docs" / "labs" / (Path(path).stem + ".py")
            checks = lab.read_text(encoding="utf-8").count('# %% tags=["check"]')
            assert result["raised"] == ["AssertionError"] * checks, (path, result["raised"])
        else:
            assert result["raised"] == [], path

    site_packages = next((reader["venv"] / "lib").glob("python*/site-packages"))
    for result in results:
        notebook = nbformat.read(result["saved"], as_version=4)
        name = urlsplit(result["url"]).path
        setup, *cells, where = [c for c in notebook.cells if c.cell_type == "code"]
        said = "".join(o.get("text", "") for o in setup.outputs)
        assert "is ready" in said and wheel.name in setup.source, (name, said)
        python, package = "".join(o.get("text", "") for o in where.outputs).split()
        assert Path(python).parent == reader["venv"] / "bin", name
        assert Path(package).is_relative_to(site_packages), (name, package)
        images = sum("image/png" in o.get("data", {}) for c in cells for o in c.outputs)
        if name.startswith("/notebooks/"):
            stem = name.removeprefix("/notebooks/").removesuffix(".ipynb")
            assert images == _figures_on_page(served_site["dir"], stem), name
        assert images >= 1, f"{name}: no figure came out"

    requests = served_site["requests"]
    wheel_gets = [r for r in requests if r == f"GET /downloads/{wheel.name} 200"]
    assert len(wheel_gets) == len(results), "each first cell installs from the site"
    assert [r for r in requests if not r.endswith(" 200")] == []
    print(
        f"journey: {len(results)} notebooks, "
        + ", ".join(f"{urlsplit(r['url']).path} {r['seconds']} s" for r in results)
    )


def _first_block(page: Path) -> str:
    match = re.search(
        r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL
    )
    assert match, f"{page.name} has no python block"
    return match.group(1)


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
