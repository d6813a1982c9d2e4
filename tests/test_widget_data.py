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


def test_the_fold_widget_draws_the_pages_networks():
    nets = json.loads(widget_attribute("the-fold.md", "re-surface", "data-nets"))
    rng = np.random.default_rng(22)  # the page's first snippet
    w1, b1 = rng.normal(0, 1, (2, 4)), rng.normal(0, 1, 4)
    w2, b2 = rng.normal(0, 1, (4, 3)), rng.normal(0, 1, 3)
    v1, v2 = rng.normal(0, 1, (4, 1)), rng.normal(0, 1, (3, 1))
    expected = {
        "one": MLP([w1, v1], [b1, [0.0]]),
        "two": MLP([w1, w2, v2], [b1, b2, [0.0]]),
    }
    assert set(nets) == set(expected)
    for name, net in expected.items():
        given = nets[name]["weights"] + nets[name]["biases"]
        assert len(given) == len(net.weights) + len(net.biases)
        for array, made in zip(given, net.weights + net.biases, strict=True):
            assert np.array_equal(np.array(array), made)  # bit for bit
