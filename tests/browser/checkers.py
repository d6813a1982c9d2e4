"""Whole-site checkers run as programs: linkchecker (links and anchors) and the Nu HTML
Checker. Each returns its problems as sentences naming the page and the defect."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def broken_links(linkchecker: str, base: str) -> list[str]:
    """Every link or anchor on the served site that does not resolve."""
    result = subprocess.run(
        [linkchecker, "--config", str(HERE / "linkchecker.ini"), "--no-status", "-o", "csv",
         base],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed ({result.returncode}): {result.stderr[-2000:]}")
    rows = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    problems = []
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        page = row["parentname"].removeprefix(base.rstrip("/")) or "/"
        if row["valid"] != "True":
            problems.append(f"{page}: broken link {row['urlname']}: {row['result']}")
        elif "Anchor" in row["warningstring"] and "not found" in row["warningstring"]:
            # linkchecker reports a missing anchor as a warning on a valid URL
            problems.append(f"{page}: broken link {row['urlname']}: anchor not found")
    return problems


def html_errors(java: str, vnu: Path, site: Path) -> list[str]:
    """Nu HTML Checker errors in every built page, less one documented false positive:
    `autocomplete` on the theme's drawer and search toggles (checkbox inputs)."""
    result = subprocess.run(
        [java, "-jar", str(vnu), "--format", "json", "--skip-non-html", "--errors-only",
         str(site)],
        capture_output=True, text=True, timeout=600,
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
