"""Notebook pages, as mkdocs-jupyter renders them, made to pass the site's gates."""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

_CDN_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"  # inert without MathJax
    r"|<script type=\"module\">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>",
    re.DOTALL,
)
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)


def for_the_site(html: str, site_dir: Path, dest_uri: str) -> str:
    """A notebook page (published at ``dest_uri`` under ``site_dir``) with every fix below."""
    html = without_cdn_scripts(html)
    html = with_external_stylesheet(html, site_dir, dest_uri)
    return with_accessible_cells(html)


def without_cdn_scripts(html: str) -> str:
    """Without the MathJax and mermaid loaders, which point at a CDN (this site has KaTeX
    and no diagrams)."""
    return _CDN_SCRIPTS.sub("", html)


def with_external_stylesheet(html: str, site_dir: Path, dest_uri: str) -> str:
    """The inline stylesheets (about 590 KB, in the page body, which is not valid HTML)
    moved to one cacheable file under ``site_dir``/assets, linked from the head."""
    css = "\n".join(_STYLE.findall(html))
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    target = site_dir / "assets" / f"notebook-{digest}.css"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    href = posixpath.relpath(f"assets/{target.name}", posixpath.dirname(dest_uri))
    html = _STYLE.sub("", html)
    return html.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)


def with_accessible_cells(html: str) -> str:
    """Scrollable code cells focusable; copy buttons with a role to go with their label."""
    html = html.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
    return html.replace("<clipboard-copy ", '<clipboard-copy role="button" ')
