"""Which modules of the package a page's code used, and a hash of each module's code that
ignores its docstrings and comments.

A cache entry records the modules its page used (:func:`recording`), each with its hash
(:func:`package_state`). An edit of the package then redraws only the pages that used an
edited module, and a docstring or comment edit redraws none.

Used means: a function of the module ran while the page ran (its module-level values
included), or the page's namespace holds one of the module's functions or classes; and,
to be safe, every module of the package that a used module imports.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "relu_explained"


def module_name(path: Path, root: Path = ROOT) -> str:
    """``relu_explained/sums.py`` -> ``relu_explained.sums``."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def code_hash(source: str) -> str:
    """A hash of the module's code: docstrings and comments left out, so that editing
    them changes nothing; any other edit changes it."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()[:16]


def package_state(root: Path = ROOT) -> dict[str, str]:
    """Every module of the package, by name, with its :func:`code_hash`."""
    return {
        module_name(path, root): code_hash(path.read_text(encoding="utf-8"))
        for path in sorted((root / PACKAGE).rglob("*.py"))
    }


def _imports(path: Path, root: Path) -> set[str]:
    """The package's modules that the module at ``path`` imports."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1]])
                base = f"{base}.{node.module}" if node.module else base
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {m for m in found if m == PACKAGE or m.startswith(PACKAGE + ".")}


def with_imports(used: set[str], root: Path = ROOT) -> set[str]:
    """``used`` and every module of the package they import, transitively (the package's
    ``__init__`` only where it was used itself: it imports everything)."""
    paths = {module_name(p, root): p for p in (root / PACKAGE).rglob("*.py")}
    done: set[str] = set()
    todo = [m for m in used if m in paths]
    while todo:
        name = todo.pop()
        if name in done:
            continue
        done.add(name)
        todo += [m for m in _imports(paths[name], root) if m in paths and m != PACKAGE]
    return done


@contextmanager
def recording(root: Path = ROOT) -> Iterator[set[str]]:
    """Within the block, the names of the package's modules whose code runs are added to
    the set it gives; call :func:`add_namespace` after, and :func:`with_imports`."""
    folder = str(root / PACKAGE)
    used: set[str] = set()
    files: dict[str, bool] = {}

    def on_call(frame: FrameType, event: str, arg: Any) -> None:
        filename = frame.f_code.co_filename
        inside = files.get(filename)
        if inside is None:
            inside = files[filename] = filename.startswith(folder)
        if inside:
            used.add(module_name(Path(filename), root))
        return None  # no line-by-line tracing: only calls are seen

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield used
    finally:
        sys.settrace(previous)


def add_namespace(used: set[str], namespace: dict[str, Any]) -> None:
    """Add the modules of the package that the page's names come from."""
    for value in namespace.values():
        module = getattr(value, "__module__", None)
        if isinstance(module, str) and module.startswith(PACKAGE + "."):
            used.add(module)
        name = getattr(value, "__name__", None)
        if isinstance(value, type(sys)) and isinstance(name, str) and name.startswith(PACKAGE):
            used.add(name)
