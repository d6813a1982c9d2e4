"""Every public function, class and method carries an Example (run by Sybil)."""

import inspect

import pytest

import relu_explained


def public_callables():
    for name in relu_explained.__all__:
        obj = getattr(relu_explained, name)
        yield name, obj
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and (
                    inspect.isfunction(member) or isinstance(member, classmethod)
                ):
                    if attr != "copy":  # a thin wrapper, documented by reference
                        yield f"{name}.{attr}", getattr(obj, attr)


@pytest.mark.parametrize(("name", "obj"), list(public_callables()))
def test_has_an_example(name, obj):
    assert ">>>" in (obj.__doc__ or ""), f"{name} has no Examples section"
