"""Whole-site checker run as a program: the Nu HTML Checker. It returns its problems as
sentences naming the page and the defect. (Links and anchors: tests/site_links.py.)"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def html_errors(java: str, vnu: Path, site: Path) -> list[str]:
    """Nu HTML Checker errors in every built page, less one documented false positive:
    `autocomplete` on the theme's drawer and search toggles (checkbox inputs)."""
    result = subprocess.run(
        [java, "-jar", str(vnu), "--format", "json", "--skip-non-html", "--errors-only", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = []
    for message in messages:
        text = message.get("message", "")
        extract = message.get("extract", "")
        theme_toggle = 'type="checkbox"' in extract
        if text.startswith("Attribute “autocomplete” is only allowed") and theme_toggle:
            continue
        page = message.get("url", "").split(site.resolve().as_posix(), 1)[-1]
        problems.append(f"{page}:{message.get('lastLine', '?')}: HTML {message['type']}: {text}")
    return problems
