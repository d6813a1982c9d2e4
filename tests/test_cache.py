"""The figure cache never lies: its key covers every byte that runs or is compared, two
builds at once both succeed, and a damaged entry is drawn again instead of breaking the
build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from helpers import ROOT
from sitebuild import MKDOCS, make_project
from test_figures import ALT, PAGE

from build_hooks.figures.engine import FigureEngine
from build_hooks.page.model import read_page

DOCTEST = """# Doctest

```python
>>> import numpy as np
>>> print(np.array([-1.0, 0.0, 0.5, 2.0]))
[-1.   0.   0.5  2. ]
```
"""


def render(cache, text, name="demo"):
    return FigureEngine(cache).render(read_page(text, f"docs/{name}.md", f"{name}.md"))


def test_an_edit_of_a_doctest_s_expected_output_is_a_miss_and_fails(tmp_path):
    assert render(tmp_path, DOCTEST).problems == []
    edited = render(tmp_path, DOCTEST.replace("2. ]", "3. ]"))
    assert edited.ran
    assert edited.problems and edited.problems[0].startswith("docs/demo.md:5:")
    assert "Expected:" in edited.problems[0]


@pytest.mark.parametrize(
    "edit",
    [
        ("[0, 1], [0, 1]", "[0, 1], [0, 2]"),  # code
        ('ax.set_xlabel("x")', '# a comment\nax.set_xlabel("x")'),  # a comment runs too
        ("```python\nimport", "<!-- skip: next -->\n```python\nimport"),  # a directive
    ],
    ids=["code", "comment", "directive"],
)
def test_what_runs_is_in_the_key_and_prose_and_alt_text_are_not(tmp_path, edit):
    first = FigureEngine(tmp_path).cache.entry(read_page(PAGE, "docs/d.md", "d.md")).key
    prose_only = PAGE.replace("Text after.", "Other prose.").replace(
        ALT, "<!-- figure: another description of the same line -->"
    )
    assert (
        FigureEngine(tmp_path).cache.entry(read_page(prose_only, "docs/d.md", "d.md")).key == first
    )
    edited = PAGE.replace(*edit)
    assert FigureEngine(tmp_path).cache.entry(read_page(edited, "docs/d.md", "d.md")).key != first


def test_a_placeholder_s_expression_is_in_the_key(tmp_path):
    def key(text):
        return FigureEngine(tmp_path).cache.entry(read_page(text, "docs/d.md", "d.md")).key

    page = "# P\n\n```python\nx = 2\n```\n\nTwice x is {{ 2 * x }}.\n"
    assert key(page) != key(page.replace("{{ 2 * x }}", "{{ 3 * x }}"))
    assert key(page) == key(page.replace("Twice x is", "Two times x is"))


def test_a_deleted_file_of_an_entry_heals_on_the_next_render(tmp_path):
    first = render(tmp_path, PAGE)
    entry = next((tmp_path / "demo").iterdir())
    victim = next(entry.glob("*-dark.svg"))
    victim.unlink()
    healed = render(tmp_path, PAGE)
    assert healed.ran and healed.problems == []
    assert healed.notes and "drawn again" in healed.notes[0]
    assert healed.files == first.files
    assert victim.exists()
    assert not render(tmp_path, PAGE).ran


def test_a_truncated_manifest_heals_too(tmp_path):
    first = render(tmp_path, PAGE)
    manifest = next((tmp_path / "demo").iterdir()) / "manifest.json"
    manifest.write_text(manifest.read_text()[:20])
    healed = render(tmp_path, PAGE)
    assert healed.ran and healed.problems == [] and healed.files == first.files


@pytest.mark.slow
def test_two_cold_builds_at_once_both_succeed_with_the_same_bytes(tmp_path):
    config = make_project(tmp_path / "project", {"index.md": PAGE, "other.md": DOCTEST})
    cache = tmp_path / "cache"
    for round_ in range(3):
        subprocess.run(["rm", "-rf", str(cache)], check=True)
        sites = [tmp_path / f"site-{round_}-{n}" for n in (1, 2)]
        builds = [
            subprocess.Popen(
                [*MKDOCS, "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env={
                    **os.environ,
                    "RELU_EXPLAINED_CACHE": str(cache),
                    "NO_MKDOCS_2_WARNING": "1",
                },
            )
            for site in sites
        ]
        outputs = [build.communicate(timeout=300)[0] for build in builds]
        assert [build.returncode for build in builds] == [0, 0], outputs
        one, two = ({p.relative_to(s): p.read_bytes() for p in s.rglob("*.svg")} for s in sites)
        assert one and one == two
        html = [(s / "index.html").read_text() for s in sites]
        assert html[0] == html[1]


# A build in its own process that counts how often each page's text is lexed for its
# fences (the first thing `read_page` does, and nothing else in the build does it).
COUNT_LEXING = textwrap.dedent(
    """
    import collections, json, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    sys.path.insert(0, sys.argv[1])
    from build_hooks.page import fences

    lexed = collections.Counter()
    real = fences.python_fences

    def counted(text):
        lexed[text.splitlines()[0]] += 1
        return real(text)

    fences.python_fences = counted
    build(load_config(sys.argv[2], site_dir=sys.argv[3]))
    print(json.dumps(lexed))
    """
)


@pytest.mark.slow
def test_a_cold_build_lexes_each_page_once(tmp_path):
    config = make_project(tmp_path / "project", {"index.md": PAGE, "other.md": DOCTEST})
    result = subprocess.run(
        [sys.executable, "-c", COUNT_LEXING, str(ROOT), str(config), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env={**os.environ, "RELU_EXPLAINED_CACHE": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts == {"# Demo": 1, "# Doctest": 1}


def test_only_the_page_model_lexes_pages():
    """Every other part of the build reads the page model; none parses a page itself."""
    lexing = ("sybil.parsers.markdown.lexers", "python_fences(", "figure_comments(", "Document(")
    allowed = {"page/model.py", "page/fences.py", "page/alt_text.py", "page/placeholders.py"}
    offenders = []
    for path in sorted((ROOT / "build_hooks").rglob("*.py")):
        name = path.relative_to(ROOT / "build_hooks").as_posix()
        text = path.read_text(encoding="utf-8")
        if name not in allowed and any(word in text for word in lexing):
            offenders.append(name)
    assert offenders == []
