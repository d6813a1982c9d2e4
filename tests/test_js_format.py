"""Widgets write numbers as the pages do: one rounding rule, Python's, on both sides.

The pages format with Python (`format(x, ".0%")`, `round(x, 2)`), which rounds an exact tie
to the even digit; JavaScript's `toFixed` and `Math.round` send it up. `relu-core.js` has
`fixed`, `percent` and `fmt` for widget text; these tests run them in V8 (mini-racer, no
browser) and compare them with Python on ties and on random values.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sitebuild import ROOT

SCRIPTS = ROOT / "docs" / "javascripts"

py_mini_racer = pytest.importorskip(
    "py_mini_racer", reason="pip install mini-racer (the test extra) runs the widgets' JS"
)


@pytest.fixture(scope="module")
def core():
    ctx = py_mini_racer.MiniRacer()
    ctx.eval("var window = {};")  # the module publishes window.reluCore; it needs no DOM
    ctx.eval((SCRIPTS / "relu-core.js").read_text())

    def call(name, *args):
        return ctx.call(f"window.reluCore.{name}", *args)

    return call


# Exact ties (the digit after the last kept one is a 5 and nothing follows), and their
# neighbours that only look like ties in decimal (2.675 is 2.67499999... as a double).
TIES = [
    (0.125, 2),
    (0.375, 2),
    (0.625, 2),
    (-0.125, 2),
    (2.5, 0),
    (0.5, 0),
    (1.5, 0),
    (3.5, 0),
    (-2.5, 0),
    (-0.5, 0),
    (0.25, 1),
    (0.75, 1),
    (12.5, 0),
    (1.0625, 3),
]
LOOKALIKES = [(2.675, 2), (1.005, 2), (0.045, 2), (0.15, 1), (0.35, 1)]


@pytest.mark.parametrize(("value", "digits"), TIES + LOOKALIKES)
def test_fixed_matches_python_format(core, value, digits):
    assert core("fixed", value, digits) == format(value, f".{digits}f")


@pytest.mark.parametrize("fraction", [1 / 8, 3 / 8, 5 / 8, 7 / 8, 0.005, 0.015, 0.125, 0.5])
def test_percent_matches_python_format(core, fraction):
    """1 of 8 units is 12% on a page, so it is 12% in a widget too."""
    assert core("percent", fraction) == format(fraction, ".0%")


def test_the_rule_is_not_javascripts_own(core):
    """On a tie JavaScript's toFixed rounds up where Python rounds to even: the shared
    formatter must side with Python (this fails if it falls back to toFixed)."""
    ctx = py_mini_racer.MiniRacer()
    assert ctx.eval("(0.125).toFixed(2)") == "0.13" != format(0.125, ".2f")
    assert core("fixed", 0.125, 2) == "0.12"
    assert core("percent", 1 / 8) == "12%"


def python_short(value: float, digits: int) -> str:
    """round(value, digits) written shortest, as `fmt` promises: 0.12, 2, never -0."""
    rounded = round(value, digits) + 0.0
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


@pytest.mark.parametrize(("value", "digits"), [(0.125, 2), (2.5, 0), (-2.5, 0), (-0.001, 2)])
def test_fmt_rounds_as_python_round(core, value, digits):
    assert core("fmt", value, digits) == python_short(value, digits)


@given(
    numerator=st.integers(-10_000, 10_000),
    denominator=st.sampled_from([2, 4, 8, 16, 32, 40, 80, 3, 7, 10, 100, 1000]),
    digits=st.integers(0, 4),
)
def test_fixed_and_percent_agree_with_python_on_fractions(core, numerator, denominator, digits):
    """Fractions like dead / units, and halves, quarters and eighths that land on ties."""
    value = numerator / denominator
    assert core("fixed", value, digits) == format(value, f".{digits}f")
    assert core("percent", value, digits) == format(value, f".{digits}%")


@given(value=st.floats(-1e6, 1e6, allow_nan=False), digits=st.integers(0, 6))
def test_fixed_agrees_with_python_on_any_float(core, value, digits):
    value += 0.0  # -0.0 is "-0" in Python and "0" in JavaScript; no widget shows it
    assert core("fixed", value, digits) == format(value, f".{digits}f")


def test_widget_text_uses_the_shared_formatters():
    """No widget rounds its text with toFixed or Math.round(100 * ...) of its own;
    relu-core's toFixed calls are the formatter itself and the SVG path coordinates."""
    own = re.compile(r"\.toFixed\(|Math\.round\(\s*\(?\s*100\s*\*")
    found = {
        p.name: own.findall(p.read_text()) for p in SCRIPTS.glob("*.js") if p.name != "relu-core.js"
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


def python_share(value: float) -> str:
    """A share as the pages write one: whole percent when that is exact, else one decimal."""
    whole = abs(100 * value - round(100 * value)) < 1e-9
    return format(value, ".0%" if whole else ".1%")


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0%"), (1, "12.5%"), (2, "25%"), (3, "37.5%"), (4, "50%"), (5, "62.5%"), (8, "100%")],
)
def test_share_shows_eighths_exactly(core, count, expected):
    """1 of 8 units is 12.5%, not 12% (half to even) next to 3 of 8 at 38%."""
    assert core("share", count / 8) == python_share(count / 8) == expected


@given(numerator=st.integers(0, 1000), denominator=st.integers(1, 1000))
def test_share_agrees_with_python(core, numerator, denominator):
    assert core("share", numerator / denominator) == python_share(numerator / denominator)
