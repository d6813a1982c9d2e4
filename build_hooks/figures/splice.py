"""The Markdown the reader gets: figure markup put under its block in place of the alt
text comments, and a failure note on a page whose code failed."""

from __future__ import annotations

from dataclasses import dataclass

from ..page.snippets import SnippetError

# The class of a figure's link, which figure-zoom.js opens full screen.
ZOOM = "{ .re-zoom }"


@dataclass(frozen=True)
class Image:
    """One figure as the page shows it: its two variants' URLs (relative to the page)."""

    light_url: str
    dark_url: str
    alt: str
    width: int
    height: int


def figure_markup(image: Image, indent: str) -> str:
    """A wrapper with the light and the dark variant; the theme shows one of them. Each
    variant is a link to its own SVG: figure-zoom.js opens it full screen on the page,
    and without JavaScript the link opens the file itself."""
    alt = image.alt.replace("[", "\\[").replace("]", "\\]")
    size = f'{{ width="{image.width}" height="{image.height}" loading="lazy" }}'
    lines = [
        '<div class="re-figure" markdown>',
        f"[![{alt}]({image.light_url}#only-light){size}]({image.light_url}){ZOOM}",
        f"[![{alt}]({image.dark_url}#only-dark){size}]({image.dark_url}){ZOOM}",
        "</div>",
    ]
    return "".join(f"{indent}{line}\n" for line in lines) + "\n"


def folded(fence: str, indent: str) -> str:
    """A fenced block (its text as on the page, indent included) folded under a "Show the
    code" bar, to sit under the figures it drew; a fence opened on a list item's line
    stays as it is, since the bar cannot open there."""
    lines = fence.splitlines(keepends=True)
    if not all(line.startswith(indent) or not line.strip() for line in lines):
        return "\n" + fence + "\n"
    body = "".join(
        indent + "    " + line[len(indent) :] if line.strip() else line for line in lines
    )
    return f'{indent}??? example "Show the code"\n\n{body.rstrip()}\n\n'


def as_console(fence: str) -> str:
    """A doctest block tagged for display as a console session (prompts and input
    highlighted, output plain); the page source keeps ```python, which the tests run."""
    first, _, rest = fence.partition("\n")
    if rest.lstrip().startswith(">>>") and first.rstrip().endswith("python"):
        return first.rstrip()[: -len("python")] + "pycon" + "\n" + rest
    return fence


def replace_spans(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced; spans in order, disjoint."""
    pieces, cursor = [], 0
    for start, end, new in spans:
        pieces += [text[cursor:start], new]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def with_problems_note(text: str, problems: list[str]) -> str:
    """The page with a failure admonition on top that lists its problems, if any."""
    if not problems:
        return text
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    items = "".join(f"    - `{problem}`\n" for problem in problems)
    return f'!!! failure "This page has {count}"\n\n{items}\n' + text


def with_error_note(text: str, error: SnippetError) -> str:
    """The page with a failure admonition on top that quotes the end of the error."""
    note = (
        f'!!! failure "This page\'s code failed at line {error.line}"\n\n'
        + "".join(f"    {line}\n" for line in error.message.splitlines()[-8:])
        + "\n"
    )
    return note + text
