"""The site's own package (build_hooks/downloads.py) and the first cells of its notebooks."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import ROOT
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import relu_explained
from build_hooks.page import placeholders
from build_hooks.page.model import read_page
from build_hooks.site import downloads
from build_hooks.site.notebooks import EXPLAINS, INSTALLS, intro_source, setup_source

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
WHEEL_PATH = "downloads/relu_explained-1.2.3-py3-none-any.whl"


def _project_copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "PACKAGE.md", "LICENSE", "CHANGELOG.md"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(
        ROOT / "relu_explained",
        folder / "relu_explained",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return folder


def test_fingerprint_follows_the_package_source_and_ignores_bytecode(tmp_path):
    root = _project_copy(tmp_path)
    before = downloads.package_fingerprint(root)
    (root / "relu_explained" / "__pycache__").mkdir()
    (root / "relu_explained" / "__pycache__" / "sums.cpython-311.pyc").write_bytes(b"x")
    assert downloads.package_fingerprint(root) == before
    with (root / "relu_explained" / "sums.py").open("a") as source:
        source.write("# changed\n")
    assert downloads.package_fingerprint(root) != before


@pytest.mark.slow
def test_the_wheel_is_built_once_per_source_and_old_ones_are_dropped(tmp_path, monkeypatch):
    root, cache = _project_copy(tmp_path / "project0"), tmp_path / "cache"
    _project_copy(tmp_path / "project1")
    first = downloads.build_wheel(cache, root)
    assert first.is_file() and first.parent.name == downloads.package_fingerprint(root)[:16]

    def no_build(*args, **kwargs):
        raise AssertionError("built again")

    import build

    monkeypatch.setattr(build, "ProjectBuilder", no_build)
    same = downloads.build_wheel(cache, tmp_path / "project1")
    assert same == first, "same sources, wherever they are: the cached wheel"
    monkeypatch.undo()
    (root / "PACKAGE.md").write_text("# changed\n")
    second = downloads.build_wheel(cache, root)
    assert second != first and second.is_file() and not first.exists()
    assert [p.name for p in cache.iterdir()] == [second.parent.name]


@pytest.mark.slow
def test_two_builds_of_the_same_source_are_byte_identical(tmp_path):
    root = _project_copy(tmp_path / "project")
    one = downloads.build_wheel(tmp_path / "a", root).read_bytes()
    two = downloads.build_wheel(tmp_path / "b", root).read_bytes()
    assert one == two


def test_a_wheel_without_metadata_is_refused_by_name(tmp_path):
    path = tmp_path / "broken-0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("broken/__init__.py", "")
    with pytest.raises(ValueError, match=r"broken-0-py3-none-any\.whl: expected one"):
        downloads.read_wheel(path)


def _wheel(version: str = "1.2.3") -> downloads.Wheel:
    return downloads.Wheel(
        path=Path(WHEEL_PATH),
        version=version,
        requires_python=PROJECT["requires-python"],
        requires=(
            *PROJECT["dependencies"],
            *[
                f"{r}; extra == '{extra}'"
                for extra, reqs in PROJECT["optional-dependencies"].items()
                for r in reqs
            ],
        ),
    )


def test_what_it_needs_is_the_core_and_the_plot_extra_only():
    wheel = _wheel()
    expected = [
        f"Python {PROJECT['requires-python']}",
        *PROJECT["dependencies"],
        *PROJECT["optional-dependencies"]["plot"],
    ]
    assert wheel.needs() == ", ".join(expected)
    assert "mkdocs" not in wheel.needs() and "pytest" not in wheel.needs()


def test_the_wheel_url_needs_a_site_url():
    wheel = _wheel()
    assert wheel.url("") is None and wheel.url(None) is None
    assert wheel.url("https://example.org/site") == f"https://example.org/site/{WHEEL_PATH}"
    assert wheel.url("https://example.org/site/") == f"https://example.org/site/{WHEEL_PATH}"


def _page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def test_the_build_s_values_fill_their_placeholders_and_leave_the_page_s(monkeypatch):
    monkeypatch.setitem(downloads._published, "wheel", _wheel())
    config = SimpleNamespace(site_url="http://127.0.0.1:8000/", extra={})
    text = "{{ version }} [{{ wheel }}]({{ wheel_link }}) `{{wheel_url}}` {{ nope }}"
    page = read_page(text, "docs/guide/get.md", "guide/get.md")
    assert [p.from_build for p in page.placeholders] == [True] * 4 + [False]
    values = downloads.site_values(_page("guide/get.md"), config).as_dict()
    assert placeholders.fill(text, page.placeholders, values) == (
        f"1.2.3 [{Path(WHEEL_PATH).name}](../{WHEEL_PATH}) "
        f"`http://127.0.0.1:8000/{WHEEL_PATH}` {{{{ nope }}}}"
    )
    # only {{ nope }} is the page's code's to fill in
    assert [p.expr for p in page.regions[-1].parsed] == ["nope"]


def test_without_site_url_the_wheel_s_address_is_a_stand_in_the_page_replaces(monkeypatch):
    monkeypatch.setitem(downloads._published, "wheel", _wheel())
    config = SimpleNamespace(site_url="", extra={})
    values = downloads.site_values(_page("get.md"), config)
    assert values.wheel_url == downloads.UNKNOWN_SITE + WHEEL_PATH
    assert values.wheel_link == WHEEL_PATH


@pytest.mark.parametrize(
    ("repo", "phrase"),
    [
        ("", "a clone of this site's repository"),
        (
            "https://github.com/someone/relu-explained.git",
            "a clone of [github.com/someone/relu-explained]"
            "(https://github.com/someone/relu-explained)",
        ),
    ],
)
def test_the_repository_is_named_only_where_the_build_knows_it(monkeypatch, repo, phrase):
    monkeypatch.setitem(downloads._published, "wheel", _wheel())
    config = SimpleNamespace(site_url="", extra={"repo_url": repo})
    assert downloads.site_values(_page("get.md"), config).clone == phrase


def test_a_repository_address_that_is_not_http_is_refused_by_name():
    with pytest.raises(PluginError, match=r"extra\.repo_url \(REPO_URL\) must be an http"):
        downloads.repo_url(SimpleNamespace(extra={"repo_url": "git@github.com:a/b.git"}))


def _files(tmp_path: Path, *names: str) -> Files:
    docs = tmp_path / "docs"
    return Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])


@pytest.mark.parametrize(
    ("site_url", "root"),
    [("https://example.org/relu/", "https://example.org/relu/"), ("", "../../")],
)
def test_a_notebook_links_to_the_site_s_pages(tmp_path, site_url, root):
    files = _files(tmp_path, "index.md", "guide/a.md", "guide/b.md")
    page = SimpleNamespace(file=files.get_file_from_path("guide/a.md"))
    config = SimpleNamespace(site_url=site_url)
    link = downloads.page_links(page, files, config, "notebooks/guide/a.ipynb")
    assert link("b.md#x") == f"{root}guide/b/#x"
    assert link("../index.md") == root
    assert link("#here") == f"{root}guide/a/#here"
    assert link("") == f"{root}guide/a/"
    assert link("missing.md") == "missing.md", "a broken link stays as the strict build saw it"


def _fill(notebook: dict, address: str) -> dict:
    """The download button's fill (docs/javascripts/take-home.js), in Python."""
    from urllib.parse import urljoin

    how = notebook["metadata"][downloads.METADATA_KEY]
    site = urljoin(address, how["site"])
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        for kind, built, filled in how["fill"]:
            if cell["cell_type"] == kind:
                text = text.replace(built, filled.replace("{site}", site))
        cell["source"] = text
    return notebook


def test_without_site_url_the_button_s_fill_makes_a_notebook_that_installs(tmp_path, monkeypatch):
    """Built without site_url, a notebook says how to install; filled in as the button
    does, from where it was downloaded, it installs from there and links there."""
    monkeypatch.setitem(downloads._published, "wheel", _wheel())
    files = _files(tmp_path, "index.md", "t.md")
    page = SimpleNamespace(file=files.get_file_from_path("t.md"), title="T")
    model = read_page("# T\n\nSee [home](index.md).\n\n```python\nx = 1\n```\n", "t.md", "t.md")
    config = SimpleNamespace(site_url="")
    built = json.loads(downloads.notebook(model, {}, page, files, config, "notebooks/t.ipynb"))
    intro, setup = ("".join(c["source"]) for c in built["cells"][:2])
    assert EXPLAINS in intro and "[T](../t/)" in intro
    assert "WHEEL = None" in setup

    address = "http://127.0.0.1:8123/copies/x/notebooks/t.ipynb"
    filled = _fill(built, address)
    intro, setup, prose = ("".join(c["source"]) for c in filled["cells"][:3])
    assert INSTALLS in intro and "[T](http://127.0.0.1:8123/copies/x/t/)" in intro
    assert "[home](http://127.0.0.1:8123/copies/x/)" in prose
    wheel_url = f"http://127.0.0.1:8123/copies/x/{WHEEL_PATH}"
    assert f'WHEEL = "{wheel_url}"' in setup

    import subprocess

    called = []

    def pip(command, **options):
        called.append(command)
        return SimpleNamespace(returncode=1, stderr="offline")

    monkeypatch.setattr(subprocess, "run", pip)
    with pytest.raises(RuntimeError, match="pip could not install"):
        _run_cell(setup, monkeypatch, hide_package=True)
    assert called[0][-1] == f"relu-explained[plot] @ {wheel_url}"


def test_with_site_url_a_notebook_needs_no_fill(tmp_path, monkeypatch):
    monkeypatch.setitem(downloads._published, "wheel", _wheel())
    files = _files(tmp_path, "t.md")
    page = SimpleNamespace(file=files.get_file_from_path("t.md"), title="T")
    model = read_page("# T\n\n```python\nx = 1\n```\n", "t.md", "t.md")
    config = SimpleNamespace(site_url="https://example.org/relu")
    built = json.loads(downloads.notebook(model, {}, page, files, config, "notebooks/t.ipynb"))
    intro, setup = ("".join(c["source"]) for c in built["cells"][:2])
    assert downloads.METADATA_KEY not in built["metadata"]
    assert f'WHEEL = "https://example.org/relu/{WHEEL_PATH}"' in setup
    assert INSTALLS in intro and "[T](https://example.org/relu/t/)" in intro


def _run_cell(source: str, monkeypatch, *, hide_package: bool) -> dict:
    if hide_package:  # `import relu_explained` then raises ModuleNotFoundError
        monkeypatch.setitem(__import__("sys").modules, "relu_explained", None)
    namespace: dict = {}
    exec(compile(source, "setup-cell", "exec"), namespace)
    return namespace


def test_without_a_site_url_the_setup_cell_says_in_one_sentence_how_to_install(monkeypatch):
    source = setup_source("1.2.3", None, WHEEL_PATH)
    with pytest.raises(ModuleNotFoundError) as raised:
        _run_cell(source, monkeypatch, hide_package=True)
    message = str(raised.value)
    assert "relu_explained 1.2.3" in message and WHEEL_PATH in message
    assert "pip install" in message and message.endswith(".")
    assert not re.search(r"[.:;!?] [A-Z]", message), "one sentence"
    assert raised.value.__suppress_context__


def test_with_the_package_present_the_setup_cell_installs_nothing(monkeypatch, capsys):
    import subprocess

    def no_pip(*args, **kwargs):
        raise AssertionError("pip was called")

    monkeypatch.setattr(subprocess, "run", no_pip)
    url = f"http://127.0.0.1:1/{WHEEL_PATH}"
    _run_cell(setup_source(relu_explained.__version__, url), monkeypatch, hide_package=False)
    assert capsys.readouterr().out == f"relu_explained {relu_explained.__version__} is ready.\n"
    _run_cell(setup_source("0.0.1", url), monkeypatch, hide_package=False)
    assert "Note: made with relu_explained 0.0.1, running" in capsys.readouterr().out


def test_a_setup_cell_that_installs_needs_the_version():
    with pytest.raises(ValueError, match="needs the version"):
        setup_source(None, "http://127.0.0.1:1/x.whl")


def test_the_intro_says_where_the_notebook_came_from_and_what_it_needs():
    text = intro_source(
        "Shifted sums",
        "https://example.org/shifted-sums/",
        "1.2.3",
        "Python >=3.11, numpy>=2",
        installs=True,
    )
    assert "[Shifted sums](https://example.org/shifted-sums/)" in text
    assert "relu_explained 1.2.3" in text and "Python >=3.11, numpy>=2" in text
    assert "installs relu_explained from the site" in text
    assert "says how to install" in intro_source("T", None, "1", "x", installs=False)


@pytest.mark.slow
def test_the_built_site_serves_its_wheel_and_its_notebooks_start_alike(built_site):
    served = list((built_site / "downloads").glob("*.whl"))
    assert [p.name for p in served] == [
        f"relu_explained-{relu_explained.__version__}-py3-none-any.whl"
    ]
    html = (built_site / "get-the-code" / "index.html").read_text(encoding="utf-8")
    assert f'href="../downloads/{served[0].name}"' in html
    assert "{{" not in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="get-the-code/"' in home
    notebooks = sorted((built_site / "notebooks").glob("*.ipynb"))
    assert notebooks
    firsts = []
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        intro, setup = ("".join(c["source"]) for c in cells[:2])
        assert [c["cell_type"] for c in cells[:2]] == ["markdown", "code"], path.name
        assert re.match(r"This notebook is the page .+ of relu-explained", intro), path.name
        firsts.append(setup)
    assert len(set(firsts)) == 1, "every notebook has the same setup cell"
    assert served[0].name in firsts[0]
