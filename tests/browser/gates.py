"""The browser gates: each takes what a page load recorded and returns its problems,
as sentences that name the page and the defect. An empty list means the gate passed."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from helpers import AXE
from site_server import LOAD_LAZY_IMAGES

PAGE_BUDGET_BYTES = 1_500_000
SUMMARY: dict[str, tuple[int, int]] = {}  # page (scheme) -> first load's bytes, requests


@dataclass
class Visit:
    """Everything one load of one page in one colour scheme recorded."""

    name: str  # "page-path (scheme)", used in every problem
    base: str
    requests: list[tuple[str, int | None]] = field(default_factory=list)  # url, status
    failed: list[tuple[str, str]] = field(default_factory=list)  # url, error
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    transferred: int = 0
    images: list[dict] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)  # visible variants per figure
    math: list[dict] = field(default_factory=list)
    axe: list[dict] = field(default_factory=list)


def visit(context, base: str, path: str, scheme: str, *, run_axe: bool = True) -> Visit:
    """Load ``base + path`` in ``scheme`` and record what the gates need."""
    record = Visit(f"/{path} ({scheme})", base)
    page = context.new_page()
    responses: dict[str, int] = {}
    page.on("request", lambda r: record.requests.append((r.url, None)))
    page.on("response", lambda r: responses.__setitem__(r.url, r.status))
    page.on("requestfailed", lambda r: record.failed.append((r.url, r.failure or "failed")))
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))
    host = urlsplit(base).netloc

    def local_only(route):  # record, but never send, a request to another host
        if urlsplit(route.request.url).netloc in (host, ""):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    page.route("**/*", local_only)
    page.emulate_media(color_scheme=scheme)
    try:
        page.goto(base + path, wait_until="networkidle")
        record.transferred = page.evaluate(
            "performance.getEntriesByType('resource').reduce((s, e) => s + e.encodedBodySize, 0)"
            " + performance.getEntriesByType('navigation')[0].encodedBodySize"
        )
        page.evaluate(LOAD_LAZY_IMAGES)
        page.wait_for_load_state("networkidle")
        record.images = page.evaluate("""() => [...document.images].map(i => ({
            src: i.getAttribute('src'), alt: i.getAttribute('alt'),
            visible: i.checkVisibility(), width: i.naturalWidth}))""")
        record.figures = page.evaluate("""() => [...document.querySelectorAll('.re-figure')]
            .map(f => [...f.querySelectorAll('img')].filter(i => i.checkVisibility()).length)""")
        record.math = page.evaluate("""() => [...document.querySelectorAll('.arithmatex')]
            .map(m => ({text: m.textContent.slice(0, 60),
                        rendered: !!m.querySelector('.katex'),
                        error: !!m.querySelector('.katex-error')}))""")
        if run_axe:
            page.add_script_tag(path=str(AXE))
            record.axe = page.evaluate("""async () => (await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
            })).violations.map(v => ({id: v.id, help: v.help,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    finally:
        record.requests = [(url, responses.get(url)) for url, _ in record.requests]
        page.close()
    return record


def request_problems(v: Visit) -> list[str]:
    host = urlsplit(v.base).netloc
    problems = []
    for url, status in v.requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.netloc != host:
            problems.append(f"{v.name}: request to another host: {url}")
        elif status is not None and status >= 400:
            problems.append(f"{v.name}: HTTP {status} for {url}")
    problems += [
        f"{v.name}: request failed ({error}): {url}"
        for url, error in v.failed
        if urlsplit(url).netloc == host
    ]
    return problems


def console_problems(v: Visit) -> list[str]:
    return [f"{v.name}: console error: {text}" for text in v.console_errors] + [
        f"{v.name}: uncaught error: {text}" for text in v.page_errors
    ]


def image_problems(v: Visit) -> list[str]:
    problems = []
    for image in v.images:
        if not (image["alt"] or "").strip():
            problems.append(f"{v.name}: image without alt text: {image['src']}")
        if image["visible"] and image["width"] == 0:
            problems.append(f"{v.name}: image did not load: {image['src']}")
    for number, visible in enumerate(v.figures, 1):
        if visible != 1:
            problems.append(f"{v.name}: figure {number} shows {visible} variants, not 1")
    return problems


def math_problems(v: Visit) -> list[str]:
    return [
        f"{v.name}: math not rendered by KaTeX: {m['text']!r}"
        for m in v.math
        if not m["rendered"] or m["error"]
    ]


def axe_problems(v: Visit) -> list[str]:
    return [
        f"{v.name}: accessibility ({a['id']}): {a['help']} at {', '.join(a['targets'])}"
        for a in v.axe
    ]


def budget_problems(v: Visit) -> list[str]:
    if v.transferred > PAGE_BUDGET_BYTES:
        return [
            f"{v.name}: first load transferred {v.transferred:,} bytes "
            f"(budget {PAGE_BUDGET_BYTES:,})"
        ]
    return []


GATES = [
    request_problems,
    console_problems,
    image_problems,
    math_problems,
    axe_problems,
    budget_problems,
]
