"""Links and anchors: every in-site link of the built site resolves (files and #fragments),
and the checker names each broken one on a site built with one of each defect. No browser
or network is needed, so these run on every machine."""

from __future__ import annotations

import pytest
from site_links import broken_links
from sitebuild import make_project, mkdocs_build

pytestmark = pytest.mark.slow

DEFECTS = {
    "index.md": "# Defects\n\nEvery page holds links; some are broken.\n",
    "math.md": "# Math\n\n## A heading\n\nText.\n",
    "links.md": "# Links\n\n[a missing page](nowhere.html), "
    "[a missing anchor](../math/#no-such-heading), "
    "[a good anchor](../math/#a-heading), [a local anchor](#links) and "
    "[a missing local anchor](#nowhere).\n\n"
    '<img src="missing.png" alt="a picture that is not there">\n\n'
    '<div style="background: url(gone.svg)">styled</div>\n',
}


def test_every_link_and_anchor_of_the_site_resolves(built_site):
    assert broken_links(built_site) == []


@pytest.fixture(scope="module")
def defect_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("link-defects")
    config = make_project(folder, DEFECTS)
    site = folder / "site"
    result = mkdocs_build(config, site, strict=False, RELU_EXPLAINED_CACHE=str(folder / "c"))
    assert result.returncode == 0, result.stderr[-2000:]
    return site


def test_checker_names_each_broken_link_and_anchor_and_nothing_else(defect_site):
    found = [p for p in broken_links(defect_site) if p.startswith("/links/:")]
    messages = sorted(p.split(": ", 1)[1] for p in found)
    assert messages == [
        "broken link #nowhere: no element with id 'nowhere' on links/index.html",
        "broken link ../math/#no-such-heading: no element with id 'no-such-heading' on "
        "math/index.html",
        "broken link gone.svg: no such file",
        "broken link missing.png: no such file",
        "broken link nowhere.html: no such file",
    ]
    line = int(found[0].split(":")[1])
    html = (defect_site / "links" / "index.html").read_text().splitlines()
    assert "links" in found[0] and any(
        word in html[line - 1] for word in ("nowhere", "missing", "gone")
    ), "the line number points at the link"


def test_checker_is_the_same_every_run(defect_site):
    assert broken_links(defect_site) == broken_links(defect_site)
