import subprocess
import sys


def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, relu_explained; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_public_names_are_exported():
    import relu_explained

    for name in relu_explained.__all__:
        assert hasattr(relu_explained, name), name


def _package_imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports, at any depth."""
    import ast
    from pathlib import Path

    import relu_explained

    folder = Path(relu_explained.__file__).parent
    graph = {}
    for path in folder.glob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.ImportFrom) and node.module == "relu_explained":
                imported.update(alias.name for alias in node.names)
        graph[path.stem] = imported
    return graph


def test_the_modules_import_each_other_without_a_cycle():
    graph = {name: deps for name, deps in _package_imports().items() if name != "__init__"}
    order = []  # Kahn's algorithm: repeatedly take a module whose imports are all taken
    while len(order) < len(graph):
        ready = [m for m in graph if m not in order and graph[m] <= set(order)]
        assert ready, f"import cycle among {sorted(set(graph) - set(order))}"
        order.extend(sorted(ready))
    assert order.index("network") < order.index("training")
    assert order.index("network") < order.index("dead") < order.index("training")


def test_no_private_name_is_imported_across_modules():
    import ast
    from pathlib import Path

    import relu_explained

    for path in Path(relu_explained.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.name} imports {private} from .{node.module}"
            dunder = isinstance(node, ast.Attribute) and node.attr.endswith("__")
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not dunder:
                owner = node.value
                assert isinstance(owner, ast.Name) and owner.id in ("self", "cls"), (
                    f"{path.name}:{node.lineno} uses private {node.attr} of another object"
                )


def test_each_module_imports_alone():
    code = (
        "import importlib, pkgutil, relu_explained, sys\n"
        "for info in pkgutil.iter_modules(relu_explained.__path__):\n"
        "    for name in [n for n in sys.modules if n.startswith('relu_explained.')]:\n"
        "        del sys.modules[name]\n"
        "    importlib.import_module('relu_explained.' + info.name)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_plain_passes_hold_no_performance_plumbing():
    """What a reader studies (the activations, the network and its backpropagation) writes
    no result into a reused array and does not lean on the stacked passes training uses."""
    import ast
    from pathlib import Path

    import relu_explained

    folder = Path(relu_explained.__file__).parent
    graph = _package_imports()
    for name in ("kernels", "activations", "backprop", "network"):
        tree = ast.parse((folder / f"{name}.py").read_text())
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        assert not [k for call in calls for k in call.keywords if k.arg == "out"], name
        assert "stacked" not in graph[name], name
