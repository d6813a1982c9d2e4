"""Run by tests/test_journey.py with the clean environment's Python (``python -I``, so that
nothing of the repository is importable): a reader's machine with only numpy,
matplotlib, ipykernel and nbclient.

For each notebook (a URL, or the path of a notebook the browser downloaded): uninstall
relu_explained, so that the notebook's first cell has to install it; read the notebook
(over HTTP for a URL); execute it with nbclient in an empty folder, plus one last cell
that reports where the package was imported from; save the executed notebook. Prints a
JSON summary: per notebook, the seconds it took and the error, if any. Only the standard
library, nbformat and nbclient are used.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

LABS = "/notebooks/labs/"
WHERE_FROM = "import sys, relu_explained\nprint(sys.executable)\nprint(relu_explained.__file__)"


def run(url: str, out_dir: Path) -> dict[str, object]:
    subprocess.run(
        [sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", "relu-explained"],
        capture_output=True,
        check=False,
    )
    if url.startswith(("http://", "https://")):
        with urllib.request.urlopen(url, timeout=60) as response:
            notebook = nbformat.reads(response.read().decode("utf-8"), as_version=4)
    else:
        notebook = nbformat.read(url, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(WHERE_FROM))
    folder = Path(tempfile.mkdtemp(prefix="reader-"))
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": folder}},
        allow_errors=LABS in url,
    )
    start = time.perf_counter()
    error = None
    try:
        client.execute()
    except CellExecutionError as failure:
        error = str(failure)[-4000:]
    seconds = time.perf_counter() - start
    saved = out_dir / url.rstrip("/").rsplit("/", 1)[-1].replace(".ipynb", ".executed.ipynb")
    nbformat.write(notebook, saved)
    raised = [
        output.ename
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    return {
        "url": url,
        "saved": str(saved),
        "seconds": round(seconds, 1),
        "error": error,
        "raised": raised,
    }


def main() -> None:
    out_dir = Path(sys.argv[1])
    results = [run(url, out_dir) for url in sys.argv[2:]]
    print(json.dumps(results))


if __name__ == "__main__":
    main()
