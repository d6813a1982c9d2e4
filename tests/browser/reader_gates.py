"""What the reader sees, measured in the browser: the text as rendered (after KaTeX ran),
the size of figure and widget text on screen, and code blocks that would scroll sideways.

``look`` loads a page at a viewport width and records; each ``*_problems`` function
turns a record into sentences naming the page, the section and the defect."""

from __future__ import annotations

import base64
import re
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import unquote

from figure_svg import text_sizes, viewbox_width
from site_server import LOAD_LAZY_IMAGES

FLOOR_PX = {1280: 12.0, 375: 11.0}  # smallest figure text, CSS px, per viewport width
# Widget text is held to more on a phone. A figure is a picture the reader can tap open
# full screen; a widget's plot cannot be opened, and pinching on it moves its controls
# (touch-action: none), so its labels must be read as they are shown. 11 px is the
# smallest text size both Apple's and Google's type scales list (Caption 2, Label small).
WIDGET_FLOOR_PX = {1280: 12.0, 375: 11.0}

# TeX as source: a command (\sum, \mathrm), a delimiter or spacing (\[ \( \, \;), or a
# braced script (_{i}, ^{2}) left in the prose.
TEX_SOURCE = re.compile(r"\\(?:[A-Za-z]+|[\[\]()\{\},;!])|[_^]\{")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What a TeX command becomes when a string without r"" eats its backslash escape
# (\a \b \f \n \r \t \v): \times -> TAB + "imes", \frac -> FORM FEED + "rac", ...
LOST_ESCAPE = re.compile(
    r"(?<![\\A-Za-z])(imes|ext|extbf|extrm|heta|au|ilde|rac|ho|ight|angle|abla|eq|ewline"
    r"|eta|inom|lpha|pprox|ec|arepsilon)(?![A-Za-z])"
)

READ = """() => {
    const article = document.querySelector('article') || document.body;
    const skip = 'pre, code, .katex, script, style, .headerlink';
    const prose = [], tex = [];
    let section = '(top)';
    const shown = NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT;
    const walker = document.createTreeWalker(article, shown);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === 1 && /^H[1-3]$/.test(node.tagName))
            section = node.textContent.replace('¶', '').replace(/\\s+/g, ' ').trim();
        if (node.nodeType === 1 && node.matches('.katex annotation'))
            tex.push([section, node.textContent]);
        if (node.nodeType === 3 && node.textContent.trim()
            && !node.parentElement.closest(skip)) prose.push([section, node.textContent]);
    }
    for (const d of article.querySelectorAll('details')) d.open = true;  // hidden solutions too
    const code = [];
    let heading = '(top)';
    const blocks = 'pre > code, pre:not(:has(> code))';
    for (const el of article.querySelectorAll('h1, h2, h3, ' + blocks)) {
        if (/^H[1-3]$/.test(el.tagName)) {
            heading = el.textContent.replace('¶', '').replace(/\\s+/g, ' ').trim();
        } else if (el.scrollWidth > el.clientWidth + 1) {
            const line = el.textContent.split('\\n')
                .reduce((a, b) => b.length > a.length ? b : a, '');
            code.push([heading, el.scrollWidth - el.clientWidth, line.trim().slice(0, 50)]);
        }
    }
    for (const d of article.querySelectorAll('details')) d.open = false;
    const count = article.querySelectorAll(blocks).length;
    const figures = [...article.querySelectorAll('.re-figure, .jp-OutputArea-output:has(img)')]
        .map((f, n) => [...f.querySelectorAll('img')].filter(i => i.checkVisibility())
            .map(i => ({number: n + 1, src: i.currentSrc, width: i.getBoundingClientRect().width})))
        .flat();
    // every SVG text drawn on the page (the widgets' plots): its font size times the
    // scale from its own units to CSS px (the SVG's viewBox shown at the width it gets)
    const texts = [...article.querySelectorAll('svg text')]
        .filter(t => t.textContent.trim() && t.checkVisibility())
        .map(t => {
            const m = t.getScreenCTM();
            const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
            const host = t.closest('.re-widget, .relu-playground');
            const name = host ? host.classList[host.classList.length - 1] : 'inline SVG';
            return {host, name, text: t.textContent.replace(/\\s+/g, ' ').trim(),
                    px: parseFloat(getComputedStyle(t).fontSize) * scale};
        });
    const hosts = [...new Set(texts.map(t => t.host))];
    const widgets = hosts.map((host, n) => {
        const mine = texts.filter(t => t.host === host);
        const least = mine.reduce((a, b) => (b.px < a.px ? b : a));
        return {number: n + 1, name: least.name, px: least.px, text: least.text,
                count: mine.length};
    });
    return {prose, tex, code, blocks: count, figures, widgets};
}"""


MATH_DONE = """() => [...document.querySelectorAll('.arithmatex')]
    .every(m => m.querySelector('.katex, .katex-error'))"""


@dataclass
class Look:
    name: str  # "/page/ at 1280 px"
    width: int
    prose: list[list[str]] = field(default_factory=list)  # section, text
    tex: list[list[str]] = field(default_factory=list)  # section, KaTeX annotation
    code: list[list] = field(default_factory=list)  # section, hidden px, longest line
    blocks: int = 0
    figures: list[dict] = field(default_factory=list)  # number, src, width (CSS px)
    # per widget (SVG text on the page): number, name, smallest text px and its words, count
    widgets: list[dict] = field(default_factory=list)


def look(context, base: str, path: str, width: int, scheme: str = "light") -> Look:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    page.set_default_timeout(90_000)  # a loaded machine: waiting is not what is measured
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.emulate_media(color_scheme=scheme)
        page.goto(base + path, wait_until="networkidle")
        page.evaluate(LOAD_LAZY_IMAGES)  # waits for each image itself
        try:  # KaTeX renders after load; math it never renders is then reported as TeX
            page.wait_for_function(MATH_DONE, timeout=30_000)
        except PlaywrightTimeout:
            pass
        return Look(f"/{path} at {width} px", width, **page.evaluate(READ))
    finally:
        page.close()


def _excerpt(text: str, start: int, end: int) -> str:
    return text[max(0, start - 25) : end + 25].replace("\n", " ").strip()


def rendered_text_problems(seen: Look) -> list[str]:
    problems = []
    for section, text in seen.prose:
        tex = [match for match in TEX_SOURCE.finditer(text)]
        if tex:
            tokens = " ".join(dict.fromkeys(match.group() for match in tex))
            problems.append(
                f"{seen.name}, '{section}': TeX source in the text ({tokens}): "
                f"{_excerpt(text, tex[0].start(), tex[-1].end())[:90]!r}"
            )
        for match in CONTROL.finditer(text.strip()):
            problems.append(
                f"{seen.name}, '{section}': control character "
                f"U+{ord(match.group()):04X} in the text"
            )
        if "\t" in text.strip():
            problems.append(f"{seen.name}, '{section}': TAB in the text: {text.strip()[:60]!r}")
    for section, tex in seen.tex:
        lost = LOST_ESCAPE.search(tex)
        control = re.search(r"[\x00-\x09\x0b-\x1f\x7f]", tex)
        if control or lost:
            what = f"U+{ord(control.group()):04X}" if control else repr(lost.group())
            problems.append(
                f"{seen.name}, '{section}': formula lost a backslash escape "
                f"({what}): {tex.strip()[:60]!r}"
            )
    return problems


def code_width_problems(seen: Look) -> list[str]:
    return [
        f"{seen.name}, '{section}': code block scrolls sideways, {hidden} px hidden: {line!r}"
        for section, hidden, line in seen.code
    ]


_SVGS: dict[str, str | None] = {}


def _svg_text(src: str) -> str | None:
    """The SVG behind an image URL (http or data:), or None when it is not an SVG."""
    if src not in _SVGS:
        if src.startswith("data:"):
            header, _, data = src.partition(",")
            raw = base64.b64decode(data) if header.endswith(";base64") else unquote(data).encode()
            _SVGS[src] = raw.decode() if header.startswith("data:image/svg") else None
        else:
            with urllib.request.urlopen(src.split("#")[0], timeout=30) as response:
                body = response.read()
            _SVGS[src] = body.decode() if b"<svg" in body[:2000] else None
    return _SVGS[src]


def smallest_figure_text(seen: Look) -> list[tuple[int, float | None]]:
    """(figure number, smallest text in CSS px, or None for a raster figure) per figure."""
    sizes = []
    for figure in seen.figures:
        svg = _svg_text(figure["src"])
        if svg is None:
            sizes.append((figure["number"], None))
            continue
        pt = min(text_sizes(svg), default=None)
        px = None if pt is None else pt * figure["width"] / viewbox_width(svg)
        sizes.append((figure["number"], px if px is not None else float("inf")))
    return sizes


def figure_text_problems(seen: Look) -> list[str]:
    floor = FLOOR_PX[seen.width]
    problems = []
    for number, px in smallest_figure_text(seen):
        if px is None:
            problems.append(
                f"{seen.name}: figure {number} is a raster image: its text size "
                "cannot be measured (draw it as SVG)"
            )
        elif px < floor:
            problems.append(
                f"{seen.name}: figure {number}'s smallest text is {px:.1f} px "
                f"(at least {floor:g} px)"
            )
    return problems


def widget_text_problems(seen: Look) -> list[str]:
    """The widgets (every SVG text on the page, by the widget holding it) whose smallest
    text is under the widget floor, with that text."""
    floor = WIDGET_FLOOR_PX[seen.width]
    return [
        f"{seen.name}: widget {w['number']} ({w['name']})'s smallest text is {w['px']:.1f} px, "
        f"{w['text'][:40]!r} (at least {floor:g} px)"
        for w in seen.widgets
        if w["px"] < floor
    ]
