"""The labs (docs/labs/*.py): with their solutions every check passes; with the stubs the
reader downloads every check fails with its own hint; the build runs a lab once per change,
fails naming the lab and cell, and shows it as a page of the site in both schemes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import LABS, ROOT
from sitebuild import make_project, mkdocs_build

from build_hooks.labs import html as lab_html
from build_hooks.labs.build import LabBuilder
from build_hooks.labs.run import run
from build_hooks.labs.source import CHECK, EXERCISE, SOLUTION, read_lab

# What each check cell of the exercise version says, in order: the stubs are answers a
# reader has not given yet, so each check must fail, with its own hint, not a NameError.
STUB_HINTS = {
    "broken-line": [
        "w is still None: replace it with your answer",
        "w is still None: replace it with your answer",
    ],
    "dead-unit": [
        "the answer is still None: give the number of the dead unit, 0 to 5.",
        'reason is still None: set it to "a", "b" or "c".',
        "unit 3 is still dead: its w x + b is at most -0.0935 on the data.",
    ],
    "regions": [
        "predicted is still None: write the number of regions you expect.",
        "weight is still None: replace it with your answer (2 numbers, one per input).",
    ],
}


def _lab(path: Path):
    return read_lab(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())


def _text(value: str | list[str]) -> str:
    """A notebook's text field: .ipynb JSON may hold it as a list of lines."""
    return value if isinstance(value, str) else "".join(value)


def _checks(lab) -> list[int]:
    return [n for n, cell in enumerate(lab.cells) if CHECK in cell.tags]


def test_every_lab_is_listed_here():
    assert sorted(path.stem for path in LABS) == sorted(STUB_HINTS)


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.stem)
def test_with_the_solutions_every_check_passes(path):
    lab = _lab(path)
    ran = run(lab, "site")
    assert ran.failures == []
    assert ran.problems == []
    checks = _checks(lab)
    assert len(checks) == len(STUB_HINTS[path.stem]) >= 2
    for number in checks:
        printed = "".join(o.text for o in ran.outputs[number] if o.output_type == "stream")
        assert printed.startswith("Right:"), (lab.cells[number].line, printed)


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.stem)
def test_with_the_stubs_every_check_fails_with_its_own_hint(path):
    lab = _lab(path)
    ran = run(lab, "exercise", keep_going=True)
    # only the check cells fail, each with an AssertionError, never a NameError or TypeError
    assert [f.cell for f in ran.failures] == _checks(lab)
    assert {f.kind for f in ran.failures} == {"AssertionError"}
    said = [f.message for f in ran.failures]
    assert len(said) == len(STUB_HINTS[path.stem])
    for message, hint in zip(said, STUB_HINTS[path.stem], strict=True):
        assert message.startswith(hint), message
    # and each failure names the lab file and the line of the check
    for failure in ran.failures:
        line = path.read_text(encoding="utf-8").splitlines()[failure.line - 1]
        assert line.startswith("check_"), failure.describe(lab)


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.stem)
def test_every_task_has_a_stub_a_solution_and_a_check(path):
    lab = _lab(path)
    roles = [next((t for t in c.tags if t in (EXERCISE, SOLUTION, CHECK)), "") for c in lab.cells]
    tasks = "".join({EXERCISE: "e", SOLUTION: "s", CHECK: "c"}.get(r, ".") for r in roles)
    assert tasks.count("esc") == len(STUB_HINTS[path.stem]), tasks
    for cell in lab.cells:
        if EXERCISE in cell.tags:
            assert "your answer here" in cell.source, cell.line
            assert "NotImplementedError" not in cell.source, cell.line


LAB = """\
# %% [markdown]
# # Lab: tiny
#
# The sum $a + b$ of two numbers.

# %%
import matplotlib.pyplot as plt

# %% tags=["exercise"]
answer = None  # your answer here

# %% tags=["solution"]
answer = 2

# %% tags=["check"]
assert answer == 2, "the answer is 2"
print("Right")

# %%
plt.plot([0, 1], [0, answer])
# figure: A line rising to the answer.
"""


def test_a_lab_runs_once_per_change_of_its_text_or_the_code(tmp_path):
    lab = read_lab(LAB, "docs/labs/tiny.py")
    builder = LabBuilder(tmp_path, "fingerprint-1")
    first = builder.build(lab, "labs/tiny")
    assert first.ran and first.problems == []
    names = sorted(Path(p).name.split("-", 1)[1] for p in first.files)
    assert names == ["fig1-dark.svg", "fig1-light.svg"]
    again = builder.build(lab, "labs/tiny")
    assert not again.ran and again.notebook == first.notebook and again.files == first.files
    assert LabBuilder(tmp_path, "fingerprint-2").build(lab, "labs/tiny").ran  # the code changed
    edited = read_lab(LAB.replace("rising", "going up"), "docs/labs/tiny.py")
    assert builder.build(edited, "labs/tiny").ran  # the lab changed
    # the site notebook: solutions ran, stubs shown but not run, the figure in both schemes
    cells = json.loads(first.notebook)["cells"]
    stub = next(c for c in cells if "exercise" in c["metadata"].get("tags", []))
    assert stub["outputs"] == [] and stub["execution_count"] is None
    shown = next(o for o in cells[-1]["outputs"] if o["output_type"] == "display_data")
    shown = _text(shown["data"]["text/html"])
    light, dark = re.findall(r'src="([^"]+)"', shown)
    assert light.endswith("-fig1-light.svg#only-light") and light.startswith("../../figures/")
    assert dark == light.replace("light", "dark")
    assert 'alt="A line rising to the answer."' in shown
    # each variant a link to its file, opened full screen by figure-zoom.js
    links = re.findall(r'<a class="re-zoom" href="([^"]+)"><img ', shown)
    assert links == [light.split("#")[0], dark.split("#")[0]]


def test_a_failing_cell_is_a_problem_naming_the_lab_and_the_cell(tmp_path):
    broken = LAB.replace("answer = 2\n", "answer = 1 / 0\n")
    built = LabBuilder(tmp_path, "f").build(read_lab(broken, "docs/labs/tiny.py"), "labs/tiny")
    assert built.problems == ["docs/labs/tiny.py:13: cell 4: ZeroDivisionError: division by zero"]
    assert not list(tmp_path.glob("labs__tiny/*/lab.ipynb"))  # nothing cached


def test_a_figure_without_its_description_is_a_problem(tmp_path):
    bare = LAB.replace("# figure: A line rising to the answer.\n", "")
    built = LabBuilder(tmp_path, "f").build(read_lab(bare, "docs/labs/tiny.py"), "labs/tiny")
    assert built.problems == [
        "docs/labs/tiny.py:20: the cell draws 1 figure(s) but has 0 '# figure:' line(s) "
        "describing them"
    ]


def test_the_page_loads_nothing_from_another_host_and_uses_the_sites_math():
    rendered = (
        '<script src=""> </script><script src="https://cdn.example/mathjax.js"></script>'
        "<script type=\"module\">import mermaid from 'https://cdn.example/m.mjs';</script>"
        '<script src="../../javascripts/own.js"></script>'
        "<p>A unit $w x + b$ and</p>\n<p>$$y = \\sum_i v_i$$</p>"
        "<pre>cost = $5 and $6</pre>"
    )
    html = lab_html.finish(rendered)
    assert "https://" not in html and 'src=""' not in html
    assert '<script src="../../javascripts/own.js"></script>' in html
    assert '<span class="arithmatex">\\(w x + b\\)</span>' in html
    assert '<div class="arithmatex">\\[y = \\sum_i v_i\\]</div>' in html
    assert "<pre>cost = $5 and $6</pre>" in html


def test_solutions_are_folded_with_their_outputs():
    cell = (
        '<div class="jp-Cell jp-CodeCell jp-Notebook-cell   celltag_solution">'
        "<div><div>code</div></div><div>output</div></div>"
    )
    other = '<div class="jp-Cell jp-CodeCell jp-Notebook-cell   celltag_check"><div>c</div></div>'
    html = lab_html.with_folded_solutions(other + cell + other)
    assert html == (
        other
        + '<details class="re-solution"><summary>Solution</summary>'
        + cell
        + "</details>"
        + other
    )


def test_only_the_css_the_page_uses_is_kept():
    css = (
        '@charset "UTF-8";.jupyter-wrapper{--a: 1}.jp-Used .jp-Inner{color:red}'
        ".jp-Toolbar{color:blue}.jp-Toolbar,.jp-Used{margin:0}"
        "@media (max-width:1px){.jp-Toolbar{x:1}.jp-Used{y:2}}"
        '@media print{.jp-Toolbar{z:3}}.jp-Used::after{content:"}"}'
    )
    html = (
        f'<style>{css}</style><div class="jupyter-wrapper"><div class="jp-Used x">'
        '<span class="jp-Inner"></span></div></div>'
    )
    kept = lab_html.with_used_css(html)
    assert kept == (
        '<style>@charset "UTF-8";.jupyter-wrapper{--a: 1}.jp-Used .jp-Inner{color:red}'
        ".jp-Toolbar,.jp-Used{margin:0}@media (max-width:1px){.jp-Used{y:2}}"
        '.jp-Used::after{content:"}"}</style>' + html[html.index("<div") :]
    )


def test_copy_buttons_are_valid_html_and_styles_leave_the_body():
    rendered = (
        '<style>.a{b:c}</style><p>x</p><clipboard-copy ,="" aria-label="Copy" for="cell-1">'
        "<style>.d{e:f}</style>"
    )
    html = lab_html.with_valid_copy_buttons(rendered)
    assert '<clipboard-copy for="cell-1" role="button" tabindex="0" aria-label="Copy">' in html
    body, css = lab_html.split_styles(html)
    assert "<style" not in body and css == ".a{b:c}\n.d{e:f}"


@pytest.mark.slow
def test_an_error_in_a_lab_fails_the_strict_build_naming_lab_and_cell(tmp_path):
    config = make_project(tmp_path / "project", {"index.md": "# Home\n\nText.\n"})
    (config.parent / "docs" / "labs").mkdir()
    broken = LAB.replace("answer = 2\n", "answer = 1 / 0\n")
    (config.parent / "docs" / "labs" / "tiny.py").write_text(broken)
    settings = json.loads(config.read_text())
    settings["nav"] = ["index.md", {"Tiny": "labs/tiny.ipynb"}]
    config.write_text(json.dumps(settings))
    result = mkdocs_build(config, tmp_path / "site", RELU_EXPLAINED_CACHE=str(tmp_path / "cache"))
    assert result.returncode != 0
    assert "docs/labs/tiny.py:13: cell 4: ZeroDivisionError: division by zero" in result.stderr


@pytest.mark.slow
def test_the_labs_are_pages_of_the_built_site(built_site):
    page_setup = json.loads((built_site / "notebooks" / "relu-vs-linear.ipynb").read_text())
    setup = _text(next(c for c in page_setup["cells"] if c["cell_type"] == "code")["source"])
    assert "import relu_explained" in setup
    for path in LABS:
        lab = _lab(path)
        html = (built_site / "labs" / path.stem / "index.html").read_text(encoding="utf-8")
        assert 'class="jupyter-wrapper"' in html  # rendered by mkdocs-jupyter
        assert not re.search(r"<script[^>]*src=\"(https?:|\")", html)
        scripts = re.findall(r"<script\b.*?</script>", html, re.DOTALL)
        assert not [s for s in scripts if re.search("mathjax|mermaid", s, re.IGNORECASE)]
        assert 'class="arithmatex"' in html
        # the notebook's CSS in a file, linked: a <style> in the body is not valid HTML
        assert "<style" not in html[html.index("<body") :]
        sheet = re.search(r'<link rel="stylesheet" href="([^"]*assets/labs/[^"]+)">', html)
        assert (built_site / "labs" / path.stem / sheet.group(1)).resolve().is_file()
        solutions = sum(SOLUTION in cell.tags for cell in lab.cells)
        assert html.count('<details class="re-solution">') == solutions
        # every figure in its light and its dark variant, both published
        drawn = sum(len(cell.alts) for cell in lab.cells)
        figures = re.findall(r'<div class="re-figure">(.*?)</div>', html, re.DOTALL)
        assert len(figures) == drawn
        for figure in figures:
            light, dark = re.findall(r'src="([^"#]+)#only-(?:light|dark)"', figure)
            assert dark == light.replace("-light.svg", "-dark.svg")
            assert re.findall(r'<a class="re-zoom" href="([^"]+)"><img ', figure) == [light, dark]
            for url in (light, dark):
                assert (built_site / "labs" / path.stem / url).resolve().is_file()
        # the download button, under the title, gives the exercise: stubs, no solutions,
        # and the same setup cell as every page's notebook
        button = re.search(r'<a class="md-button" download="[^"]+" href="([^"]+)"', html)
        notebook = (built_site / "labs" / path.stem / button.group(1)).resolve()
        assert notebook == (built_site / "notebooks" / "labs" / f"{path.stem}.ipynb").resolve()
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert _text(code[0]["source"]) == setup
        sources = "".join(_text(c["source"]) for c in code)
        assert "your answer here" in sources
        assert not any(SOLUTION in c["metadata"].get("tags", []) for c in code)
        assert all(c["outputs"] == [] for c in code)


def test_a_change_to_the_checks_reruns_the_labs(tmp_path):
    # the checks decide what a lab's check cells print: a lab that calls them records
    # relu_explained.labcheck among the modules it used, and runs again when it changes
    lab = read_lab(
        LAB.replace(
            'assert answer == 2, "the answer is 2"',
            "from relu_explained import labcheck\nassert answer == 2",
        ),
        "docs/labs/tiny.py",
    )
    assert LabBuilder(tmp_path, "f").build(lab, "labs/tiny").ran
    assert not LabBuilder(tmp_path, "f").build(lab, "labs/tiny").ran
    edited = LabBuilder(tmp_path, "f")
    edited.package = {**edited.package, "relu_explained.labcheck": "edited"}
    assert edited.build(lab, "labs/tiny").ran


def test_each_line_of_a_cell_gets_an_element_for_its_continuation_mark():
    cell = (
        '<div class="highlight-ipynb hl-python"><pre><span></span><span class="n">x</span> = 1\n'
        "\n"
        '<span class="n">y</span> = 2\n</pre></div>'
    )
    assert lab_html.with_line_elements(cell) == (
        '<div class="highlight-ipynb hl-python"><pre>'
        '<span class="re-line"><span class="n">x</span> = 1\n</span>'
        '<span class="re-line">\n</span>'
        '<span class="re-line"><span class="n">y</span> = 2\n</span></pre></div>'
    )
    # a span that runs across lines: the cell is left as it was
    across = '<div class="highlight-ipynb"><pre><span class="s">"""a\nb"""</span>\n</pre></div>'
    assert lab_html.with_line_elements(across) == across


def test_a_cells_code_is_left_out_of_the_search_index():
    cell = (
        '<div class="jp-Cell"><div class="jp-InputArea jp-Cell-inputArea"><div>In [1]:</div>'
        "<div><pre>x = 1</pre></div></div><div>output</div></div>"
    )
    assert lab_html.without_code_in_search(cell) == (
        '<div class="jp-Cell"><section data-search-exclude>'
        '<div class="jp-InputArea jp-Cell-inputArea"><div>In [1]:</div>'
        "<div><pre>x = 1</pre></div></div></section><div>output</div></div>"
    )
