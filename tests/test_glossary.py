"""The glossary: one file of abbreviations, appended to every page, each term defined once
and used on some page, and never marked up inside code."""

from __future__ import annotations

import re

import markdown
import yaml
from sitebuild import ROOT

GLOSSARY = ROOT / "includes" / "glossary.md"
ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]: (?P<definition>.+)$")


def entries() -> list[tuple[str, str]]:
    lines = [line for line in GLOSSARY.read_text().splitlines() if line.strip()]
    matches = [ENTRY.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    return [(m["term"], m["definition"]) for m in matches]


def prose(page: str) -> str:
    """A page's Markdown without code fences, inline code, math and HTML comments:
    where an abbreviation can show."""
    page = re.sub(r"^([ \t]*)```.*?^\1```", "", page, flags=re.MULTILINE | re.DOTALL)
    page = re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)
    page = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", "", page, flags=re.DOTALL)
    return re.sub(r"`[^`\n]+`", "", page)


def test_every_term_is_defined_once_with_a_sentence():
    terms = [term for term, _ in entries()]
    assert len(terms) == len(set(terms)), sorted(t for t in terms if terms.count(t) > 1)
    short = [term for term, definition in entries() if len(definition.split()) < 6]
    assert short == []
    assert len(terms) >= 10


def test_every_term_appears_in_the_prose_of_some_page():
    pages = [prose(p.read_text()) for p in sorted((ROOT / "docs").glob("**/*.md"))]
    unused = [
        term
        for term, _ in entries()
        if not any(re.search(rf"\b{re.escape(term)}\b", page) for page in pages)
    ]
    assert unused == []


def test_the_site_appends_the_glossary_and_shows_tooltips():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    extensions = {}
    for item in config["markdown_extensions"]:
        extensions.update(item if isinstance(item, dict) else {item: {}})
    assert "abbr" in extensions
    assert extensions["pymdownx.snippets"]["auto_append"] == ["includes/glossary.md"]
    assert "content.tooltips" in config["theme"]["features"]
    assert not (ROOT / "docs" / "includes").exists()  # the glossary is not a page


def test_terms_get_a_tooltip_in_prose_and_none_in_code():
    """Rendered with the site's extensions: the term in a sentence becomes an abbr with
    its definition; the same word in inline code and in a code block stays as it is."""
    term, definition = entries()[0]
    text = f"A {term} here.\n\nIn code: `{term}`.\n\n```python\n{term} = 1\n```\n"
    html = markdown.markdown(
        text,
        extensions=["abbr", "pymdownx.superfences", "pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": {
                "base_path": [str(ROOT)],
                "auto_append": ["includes/glossary.md"],
                "check_paths": True,
            }
        },
    )
    assert html.count("<abbr") == 1
    assert f'<abbr title="{definition}">{term}</abbr> here' in html.replace("&gt;", ">")
    assert f"<code>{term}</code>" in html
