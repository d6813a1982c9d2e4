"""The labs in the MkDocs build: each ``docs/labs/<name>.py`` becomes the page
``labs/<name>.ipynb`` (its site notebook, which mkdocs-jupyter renders; it never executes
it) with its figures, and the download of the page is the exercise version."""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass, field

import jupytext
import nbformat
from mkdocs.structure.files import File

from . import html as lab_html
from . import source
from .build import LabBuilder
from .source import Lab

FOLDER = "labs"


@dataclass
class LabSite:
    """The labs of one build: page src_uri (``labs/<name>.ipynb``) -> lab, and problems."""

    labs: dict[str, Lab] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def is_lab_source(file: File) -> bool:
    return (
        posixpath.dirname(file.src_uri) == FOLDER
        and file.src_uri.endswith(".py")
        and file.abs_src_path is not None
    )


def publish(files, config, builder: LabBuilder) -> LabSite:
    """Replace each lab source among ``files`` by its page and figures. The page's
    notebook is written under ``<cache>/pages/labs/``: mkdocs-jupyter reads a notebook
    from its file, so the page is a File with a folder of its own."""
    site = LabSite()
    pages = builder.root / "pages"
    for file in [f for f in files if is_lab_source(f)]:
        files.remove(file)  # the source is not published as it is
        shown = os.path.relpath(file.abs_src_path)
        try:
            lab = source.read_lab(file.content_string, shown)
        except ValueError as error:
            site.problems.append(str(error))
            continue
        uri = file.src_uri.removesuffix(".py") + ".ipynb"
        page_folder = uri.removesuffix(".ipynb") if config.use_directory_urls else FOLDER
        built = builder.build(lab, page_folder)
        site.problems += built.problems
        written = pages / uri
        written.parent.mkdir(parents=True, exist_ok=True)
        if not written.is_file() or written.read_text(encoding="utf-8") != built.notebook:
            staged = written.with_name(f".{written.name}.{os.getpid()}")
            staged.write_text(built.notebook, encoding="utf-8")
            os.replace(staged, written)  # a build reading it meanwhile sees it whole
        files.append(File(uri, str(pages), config.site_dir, config.use_directory_urls))
        for path, content in built.files.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))
        site.labs[uri] = lab
    return site


def with_styles_in_a_file(html: str, page_file: File, config, files) -> str:
    """The lab page's HTML with its notebook CSS moved into a file named by its content
    (labs with the same CSS share it), linked from where the styles were (a ``<link>``
    may stand in a page's body)."""
    body, css = lab_html.split_styles(html)
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    uri = f"assets/labs/notebook-{digest}.css"
    sheet = files.get_file_from_path(uri)
    if sheet is None:
        sheet = File.generated(config, uri, content=css)
        files.append(sheet)
    link = f'<link rel="stylesheet" href="{sheet.url_relative_to(page_file)}">'
    return link + "\n" + body


def exercise_ipynb(
    lab: Lab, preamble: list[nbformat.NotebookNode], metadata: dict | None = None
) -> str:
    """The download: the ``preamble`` cells (where it came from; the setup cell that
    installs the package), then the lab with stubs in place of the solutions; ``metadata``
    is what the download button fills in (see build_hooks.site.downloads.preamble)."""
    notebook = source.to_notebook(lab, "exercise")
    notebook.cells[:0] = [nbformat.from_dict(cell) for cell in preamble]
    notebook.metadata.update(metadata or {})
    return jupytext.writes(notebook, fmt="ipynb")
