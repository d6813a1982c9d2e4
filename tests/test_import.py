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
