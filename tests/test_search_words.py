"""Formulas in the search index are written as the symbols they show
(build_hooks/katex_render.py ``as_words``): scripts as Unicode's small letters where it has
them, so that a preview reads ``zᵢ = wᵢx + bᵢ``, not ``zi = wix + bi`` nor TeX."""

from __future__ import annotations

import pytest

from build_hooks.katex_render import as_words


@pytest.mark.parametrize(
    ("tex", "words"),
    [
        (r"z_i \le 0", "zᵢ ≤ 0"),
        (r"z_i = w_i x + b_i", "zᵢ = wᵢx + bᵢ"),
        (r"\mathrm{relu}'(z_i)", "relu′(zᵢ)"),
        (r"y = c + \sum_{i=1}^{N} v_i", "y = c + ∑ᵢ₌₁ᴺvᵢ"),
        (r"-\frac{b_i}{w_i}", "− bᵢ/wᵢ"),
        (r"\frac{1}{2}(x+1)", "1/2(x + 1)"),
        (r"\hat{y}", "ŷ"),
        (r"W^{(2)}", "W⁽²⁾"),
        (r"x_{\text{max}}", "xₘₐₓ"),
        (r"a_{\beta}", "a_β"),  # no small beta in Unicode: written after _
    ],
)
def test_a_formula_reads_as_the_symbols_it_shows(tex, words):
    assert as_words(tex) == words
