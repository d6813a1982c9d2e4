"""The distribution: one version, stated once; metadata PyPI can render; a wheel that holds
the package and nothing else. `make dist` builds the sdist and wheel with build isolation
and checks them with `twine check --strict`; these tests check what that cannot."""

from __future__ import annotations

import doctest
import re
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from helpers import ROOT

import relu_explained
from build_hooks.page.model import read_page
from build_hooks.page.snippets import DOCTEST_FLAGS
from build_hooks.site import downloads

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = relu_explained.__version__


def test_the_version_is_read_from_the_package_and_stated_nowhere_else():
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "relu_explained/__init__.py"
    literal = re.compile(rf"(?<![\w.]){re.escape(VERSION)}(?![\w.])")
    sources = [ROOT / n for n in ("pyproject.toml", "mkdocs.yml", "README.md", "PACKAGE.md")]
    for folder in ("docs", "build_hooks", "relu_explained", "tools", ".github"):
        sources += [
            p
            for p in (ROOT / folder).rglob("*")
            if p.suffix in (".md", ".py", ".yml", ".ipynb", ".toml") and "vendor" not in p.parts
        ]
    stated = [
        p.relative_to(ROOT).as_posix()
        for p in sources
        if literal.search(p.read_text(encoding="utf-8"))
    ]
    assert stated == ["relu_explained/__init__.py"]


def test_the_changelog_has_an_entry_for_this_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(VERSION)}\]", changelog, re.MULTILINE)


def test_the_package_readme_examples_run():
    text = (ROOT / "PACKAGE.md").read_text(encoding="utf-8")
    blocks = [code.fence.source for code in read_page(text, "PACKAGE.md", "PACKAGE.md").code_fences]
    examples = [e for b in blocks for e in doctest.DocTestParser().get_examples(b)]
    assert len(examples) >= 3
    test = doctest.DocTest(examples, {}, "PACKAGE.md", str(ROOT / "PACKAGE.md"), 0, None)
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return downloads.build_wheel(tmp_path_factory.mktemp("wheels"))


@pytest.mark.slow
def test_the_wheel_holds_the_package_and_its_metadata_and_nothing_else(wheel):
    assert wheel.name == f"relu_explained-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"relu_explained-{VERSION}.dist-info/METADATA").decode()
    top = {name.split("/")[0] for name in names}
    assert top == {"relu_explained", f"relu_explained-{VERSION}.dist-info"}
    assert "relu_explained/py.typed" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    message = Parser().parsestr(metadata)
    assert message["Requires-Python"] == PYPROJECT["project"]["requires-python"]
    assert message["Description-Content-Type"] == "text/markdown"
    assert message.get_payload().strip() == (ROOT / "PACKAGE.md").read_text().strip()
    assert set(message.get_all("Classifier")) == set(PYPROJECT["project"]["classifiers"])
    assert message["License-Expression"] == "MIT"
