"""Each gate, shown a page with the defect it guards against, fails naming page and defect.

A small site is built with one defect per page (non-strict, since some defects would stop
a strict build), served, and every gate is run on it."""

from __future__ import annotations

import pytest
from checkers import html_errors
from gates import (
    axe_problems,
    budget_problems,
    console_problems,
    image_problems,
    math_problems,
    request_problems,
    visit,
)
from helpers import VNU
from site_server import serve
from sitebuild import make_project, mkdocs_build

pytestmark = pytest.mark.browser

PIXEL = "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20width=%224%22%20height=%224%22/%3E"
DEFECTS = {
    "index.md": "# Defects\n\nOne defect per page.\n",
    "offsite.md": '# Offsite\n\n<img src="http://offsite.invalid/pic.png" alt="a picture '
    'hosted elsewhere">\n',
    "console.md": "# Console\n\n<script>console.error('deliberate console error');</script>\n"
    "<script>notDefinedAnywhere();</script>\n",
    "images.md": f'# Images\n\n<img src="missing.png" alt="">\n\n<div class="re-figure">'
    f'<img src="{PIXEL}" alt="first variant"><img src="{PIXEL}" '
    f'alt="second variant"></div>\n',
    "math.md": "# Math\n\nBroken: \\(\\notacommand{x}\\).\n",
    "contrast.md": '# Contrast\n\n<p style="color: #c8c8c8">faint text that is hard to read</p>\n',
    "heavy.md": '# Heavy\n\n<img src="../big.svg" alt="a very large picture">\n',
    "html.md": '# HTML\n\n<span id="twice">a</span> <span id="twice">b</span>\n',
}


@pytest.fixture(scope="module")
def defect_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("defects")
    config = make_project(folder, DEFECTS)
    big = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><!--"
    (folder / "docs" / "big.svg").write_text(big + "x" * 1_600_000 + "--></svg>")
    site = folder / "site"
    result = mkdocs_build(config, site, strict=False, RELU_EXPLAINED_CACHE=str(folder / "c"))
    assert result.returncode == 0, result.stderr[-2000:]
    return site


@pytest.fixture(scope="module")
def defect_url(defect_site):
    with serve(defect_site) as base:
        yield base


def problems_on(browser, base, page, gate):
    return gate(visit(browser, base, page, "light"))


def test_request_gate_names_the_offsite_request(browser, defect_url):
    found = problems_on(browser, defect_url, "offsite/", request_problems)
    assert "/offsite/ (light): request to another host: http://offsite.invalid/pic.png" in found


def test_console_gate_names_errors(browser, defect_url):
    found = problems_on(browser, defect_url, "console/", console_problems)
    assert "/console/ (light): console error: deliberate console error" in found
    assert any(
        p.startswith("/console/ (light): uncaught error:") and "notDefinedAnywhere" in p
        for p in found
    )


def test_image_gate_names_missing_alt_broken_image_and_double_variant(browser, defect_url):
    found = problems_on(browser, defect_url, "images/", image_problems)
    assert any(
        p.startswith("/images/ (light): image without alt text:") and p.endswith("missing.png")
        for p in found
    )
    assert any(
        p.startswith("/images/ (light): image did not load:") and p.endswith("missing.png")
        for p in found
    )
    assert "/images/ (light): figure 1 shows 2 variants, not 1" in found


def test_request_gate_names_the_404(browser, defect_url):
    found = problems_on(browser, defect_url, "images/", request_problems)
    assert any(p.startswith("/images/ (light): HTTP 404") and "missing.png" in p for p in found)


def test_math_gate_names_unrendered_math(browser, defect_url):
    found = problems_on(browser, defect_url, "math/", math_problems)
    assert found and found[0].startswith("/math/ (light): math not rendered by KaTeX:")
    assert "notacommand" in found[0]


def test_axe_gate_names_low_contrast(browser, defect_url):
    found = problems_on(browser, defect_url, "contrast/", axe_problems)
    assert any(p.startswith("/contrast/ (light): accessibility (color-contrast)") for p in found)


def test_budget_gate_names_the_heavy_page(browser, defect_url):
    found = problems_on(browser, defect_url, "heavy/", budget_problems)
    assert len(found) == 1 and found[0].startswith("/heavy/ (light): first load transferred")


def test_html_checker_names_duplicate_id(java_and_vnu, defect_site):
    found = html_errors(java_and_vnu, VNU, defect_site)
    assert any(p.startswith("/html/index.html") and "Duplicate ID “twice”" in p for p in found)
