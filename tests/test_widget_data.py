"""Numbers a page hands to its widget, because the browser cannot compute them the same
way (numpy's random generator): each must be exactly what the package makes."""

from __future__ import annotations

import html
import json
import re

import numpy as np
from sitebuild import ROOT

from relu_explained import MLP


def widget_attribute(page: str, widget: str, name: str) -> str:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = re.findall(rf'<div class="[^"]*\b{widget}\b[^"]*"[^>]*>', text)
    assert len(blocks) == 1, f"{page}: expected one {widget} widget, found {len(blocks)}"
    found = re.search(rf"""\b{name}=(?:'([^']*)'|"([^"]*)")""", blocks[0])
    assert found, f"{page}: the {widget} widget has no {name}"
    return html.unescape(found.group(1) or found.group(2))


def test_dead_neurons_widget_starts_from_the_pages_network():
    start = json.loads(widget_attribute("dead-neurons.md", "re-trainer", "data-start"))
    expected = MLP.random([1, 8, 1], rng=0)  # the page's first snippet
    expected.biases[0][0] = -5.0
    assert len(start["weights"]) == len(expected.weights)
    for given, made in zip(
        start["weights"] + start["biases"], expected.weights + expected.biases, strict=True
    ):
        assert np.array_equal(np.array(given), made)  # bit for bit: JSON keeps every digit
