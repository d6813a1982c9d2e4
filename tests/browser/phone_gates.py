"""What a reader on a phone (and at a desk, by keyboard) meets, measured in the browser.

Each ``*_problems`` function loads a page at a viewport width and returns sentences that
name the page, the place and the defect; an empty list means the gate passed:

- ``copy_button_problems``: the copy button of a code block lies over code text;
- ``formula_width_problems``: a display formula is wider than its column;
- ``focus_problems``: a control shows no focus ring, or one under 3:1 against the page;
- ``sticky_plot_problems``: using a widget's control leaves its plot out of view;
- ``zoom_problems``: a tapped figure does not open across the screen on a dimmed page;
- ``search_problems``: a search preview shows TeX source.

(Code wider than its column is ``reader_gates.code_width_problems``.)
"""

from __future__ import annotations

from contextlib import contextmanager

from reader_gates import TEX_SOURCE
from site_server import LOAD_LAZY_IMAGES

HEIGHT = {375: 812, 1280: 900}  # a phone's and a laptop's screen
FOCUS_CONTRAST = 3.0  # WCAG 2.2 non-text contrast, for a focus indicator


@contextmanager
def opened(context, base: str, path: str, width: int, scheme: str = "light"):
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        page.set_viewport_size({"width": width, "height": HEIGHT.get(width, 900)})
        page.emulate_media(color_scheme=scheme)
        page.goto(base + path, wait_until="networkidle")
        yield page
    finally:
        page.close()


def _name(path: str, width: int, scheme: str | None = None) -> str:
    return f"/{path} at {width} px" + (f" ({scheme})" if scheme else "")


# --- 1. the copy button never lies over code text ---------------------------------------
COPY_OVER_TEXT = """() => {
    for (const d of document.querySelectorAll('article details')) d.open = true;
    const found = [];
    let heading = '(top)';
    const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
        && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const el of document.querySelectorAll('article h1, article h2, article h3, article pre')) {
        if (el.tagName !== 'PRE') {
            heading = el.textContent.replace('¶', '').replace(/\\s+/g, ' ').trim();
            continue;
        }
        // a page's listing holds its button; a lab's cell has one beside its <pre>
        const button = el.querySelector('.md-code__nav, .md-clipboard')
            || el.closest('.CodeMirror')?.querySelector('clipboard-copy');
        const code = el.querySelector('code') || (el.closest('.highlight-ipynb') && el);
        if (!button || !code) continue;
        const box = button.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent;
            if (!/\\S/.test(text)) continue;
            // word by word: a space that hangs at the end of a wrapped line is no text
            const range = document.createRange();
            const covered = [...text.matchAll(/\\S+/g)].find(word => {
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                return [...range.getClientRects()].some(r => r.width > 0 && hit(r, box));
            });
            if (covered) {  // the covered word and what follows it
                found.push([heading, text.slice(covered.index, covered.index + 30).trim()]);
                break;
            }
        }
    }
    return found;
}"""


def copy_button_problems(context, base: str, path: str, width: int) -> list[str]:
    with opened(context, base, path, width) as page:
        found = page.evaluate(COPY_OVER_TEXT)
    return [
        f"{_name(path, width)}, '{section}': the copy button covers code text {text!r}"
        for section, text in found
    ]


# --- 2. every display formula fits its column -------------------------------------------
# the formula's box, or the element around it that the theme lets scroll (on a phone)
WIDE_FORMULAS = """() => [...document.querySelectorAll('article .katex-display')]
    .filter(d => d.checkVisibility())
    .map(d => [d, d.parentElement].filter(b => b.scrollWidth > b.clientWidth + 1)
        .map(b => [b.scrollWidth, b.clientWidth,
                   (d.querySelector('annotation') || d).textContent.trim().slice(0, 50)])[0])
    .filter(Boolean)"""


def formula_width_problems(context, base: str, path: str, width: int) -> list[str]:
    with opened(context, base, path, width) as page:
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(200)  # the fitting runs on the next frame after the fonts
        found = page.evaluate(WIDE_FORMULAS)
    return [
        f"{_name(path, width)}: display formula {tex!r} is {wide} px wide in a {room} px column"
        for wide, room, tex in found
    ]


# --- 4. every control shows a focus ring of at least 3:1 --------------------------------
TABBABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"
)
FOCUS_RINGS = """async (selector) => {
    const canvas = document.createElement('canvas').getContext('2d');
    const rgba = (css) => {  // any CSS colour as [r, g, b, a], 0-255 and 0-1
        canvas.fillStyle = '#000'; canvas.fillStyle = css;
        const c = canvas.fillStyle;
        if (c.startsWith('#')) return [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)).concat(1);
        const n = c.match(/[\\d.]+/g).map(Number);
        return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
    };
    const over = (top, under) => top.slice(0, 3)
        .map((v, i) => v * top[3] + under[i] * (1 - top[3]));
    const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c[3] > 0) layers.push(c);
            if (c[3] >= 1) break;
        }
        let colour = [255, 255, 255];
        for (const layer of layers.reverse()) colour = over(layer, colour);
        return colour;
    };
    const luminance = (rgb) => {
        const [r, g, b] = rgb.map(v => v / 255)
            .map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
    const describe = (el) => {
        const label = el.getAttribute('aria-label') || el.getAttribute('title') || el.id
            || el.textContent.replace(/\\s+/g, ' ').trim().slice(0, 30);
        const type = el.type ? `[type=${el.type}]` : '';
        return `${el.tagName.toLowerCase()}${type} ${JSON.stringify(label)}`;
    };
    // keyboard use: focus rings show for :focus-visible, which a key press turns on
    document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'Tab', bubbles: true}));
    for (const d of document.querySelectorAll('article details')) d.open = true;
    const found = [];
    let checked = 0;
    for (const el of document.querySelectorAll(selector)) {
        if (el.disabled || el.closest('[inert], [aria-hidden=true]')) continue;
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        el.focus();
        if (document.activeElement !== el) continue;
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || box.right <= 0 || box.left >= innerWidth) continue;
        checked += 1;
        const style = getComputedStyle(el);
        const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
        if (!el.matches(':focus-visible') || width < 1) {
            found.push([describe(el), 'no focus ring', 0]);
            continue;
        }
        const ring = rgba(style.outlineColor);
        const behind = background(el.parentElement || el);
        const contrast = ratio(over(ring, behind), behind);
        found.push([describe(el), 'ring', contrast]);
    }
    return {checked, found};
}"""


def focus_problems(context, base: str, path: str, width: int, scheme: str) -> list[str]:
    with opened(context, base, path, width, scheme) as page:
        page.keyboard.press("Shift")  # a key press: the page is used by keyboard
        seen = page.evaluate(FOCUS_RINGS, TABBABLE)
    name = _name(path, width, scheme)
    problems = []
    if seen["checked"] == 0:
        problems.append(f"{name}: no focusable control was found to check")
    for control, kind, contrast in seen["found"]:
        if kind == "no focus ring":
            problems.append(f"{name}: {control} shows no focus ring")
        elif contrast < FOCUS_CONTRAST:
            problems.append(
                f"{name}: {control}'s focus ring is {contrast:.2f}:1 against the page "
                f"(at least {FOCUS_CONTRAST:g}:1)"
            )
    return problems


# --- 5. a widget's plot stays in view while its controls are used -----------------------
WIDGET_CONTROLS = """() => [...document.querySelectorAll('.re-widget, .relu-playground')]
    .map((w, n) => [...w.querySelectorAll('input, select, button, textarea')]
        .filter(c => !c.closest('.re-plot') && c.checkVisibility())
        .map((c, i) => { c.dataset.gate = `${n}-${i}`; return c.dataset.gate; }))"""

PLOT_IN_VIEW = """(gate) => {
    const control = document.querySelector(`[data-gate="${gate}"]`);
    const widget = control.closest('.re-widget, .relu-playground');
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const c = control.getBoundingClientRect();
    const label = (control.labels && control.labels[0] ? control.labels[0].textContent
        : control.textContent || control.type).trim().slice(0, 30);
    const plots = [...widget.querySelectorAll('.re-plot')].map(p => p.getBoundingClientRect());
    const hidden = plots.filter(p => p.top < top - 1 || p.bottom > innerHeight + 1).length;
    const covering = plots.some(p => p.top < c.bottom && c.top < p.bottom);
    const visible = c.top >= top - 1 && c.bottom <= innerHeight + 1;
    return {widget: widget.className, label, hidden, plots: plots.length, covering, visible};
}"""


def sticky_plot_problems(context, base: str, path: str, width: int) -> list[str]:
    """Each control of each widget is focused as Tab reaches it, from the page's top
    (forwards) and from its end (backwards); then every plot of its widget must be on
    screen, below the header, and the control too, not under a plot."""
    problems = []
    with opened(context, base, path, width) as page:
        widgets = page.evaluate(WIDGET_CONTROLS)
        for start, order in (("0", 1), ("document.body.scrollHeight", -1)):
            page.evaluate(f"document.activeElement.blur(); window.scrollTo(0, {start})")
            for controls in widgets:
                for gate in controls[::order]:
                    page.focus(f'[data-gate="{gate}"]')
                    page.wait_for_timeout(30)
                    seen = page.evaluate(PLOT_IN_VIEW, gate)
                    where = f"{_name(path, width)}, {seen['widget']}, control {seen['label']!r}"
                    way = "forwards" if order == 1 else "backwards"
                    if seen["hidden"]:
                        problems.append(
                            f"{where} ({way}): {seen['hidden']} of {seen['plots']} plots "
                            "out of view while it is used"
                        )
                    if seen["covering"] or not seen["visible"]:
                        problems.append(f"{where} ({way}): the control itself is hidden")
    return problems


# --- 3. a tapped figure opens across the screen, on a dimmed page -----------------------
# The figure opened in a modal dialog, its size, and the colours it sits on and behind it
OPENED_FIGURE = """() => {
    const dialog = document.querySelector('dialog[open]');
    const i = dialog.querySelector('img');
    const box = i.getBoundingClientRect();
    const backdrop = getComputedStyle(dialog, '::backdrop');
    return {src: i.getAttribute('src'), width: box.width, height: box.height,
            loaded: i.complete && i.naturalWidth > 0,
            overlay: backdrop.backgroundColor, opacity: Number(backdrop.opacity),
            page: getComputedStyle(document.body).backgroundColor,
            image: getComputedStyle(i).backgroundColor,
            vw: innerWidth, vh: innerHeight}
}"""


def zoom_problems(context, base: str, path: str, width: int, scheme: str) -> list[str]:
    name = _name(path, width, scheme)
    with opened(context, base, path, width, scheme) as page:
        page.evaluate(LOAD_LAZY_IMAGES)
        shown = [i for i in page.locator(".re-figure img").all() if i.is_visible()]
        if not shown:
            return []
        shown[0].scroll_into_view_if_needed()
        shown[0].click()
        try:
            page.locator("dialog[open] img").wait_for(state="visible", timeout=10_000)
            page.wait_for_function(
                "() => document.querySelector('dialog[open] img').complete", timeout=10_000
            )
        except Exception:
            return [f"{name}: tapping figure 1 opens nothing"]
        page.wait_for_function("() => document.getAnimations().length === 0")
        seen = page.evaluate(OPENED_FIGURE)
    problems = []
    if not (seen["src"] or "").split("#")[0].endswith(f"-{scheme}.svg"):
        problems.append(f"{name}: the opened figure is {seen['src']!r}, not the {scheme} one")
    elif not seen["loaded"]:
        problems.append(f"{name}: the opened figure {seen['src']!r} did not load")
    if seen["image"] != seen["page"]:
        problems.append(f"{name}: the opened figure is on {seen['image']}, not the page's colour")
    fills = seen["width"] >= 0.95 * seen["vw"] or seen["height"] >= 0.9 * seen["vh"]
    if not fills:
        problems.append(
            f"{name}: the opened figure is {seen['width']:.0f} x {seen['height']:.0f} px "
            f"on a {seen['vw']} x {seen['vh']} px screen (not across it)"
        )
    if not _dims(seen["overlay"], seen["opacity"]):
        problems.append(
            f"{name}: the page behind the opened figure is not dimmed "
            f"(backdrop {seen['overlay']!r} at opacity {seen['opacity']:g})"
        )
    return problems


def _dims(colour: str, opacity: float) -> bool:
    """A backdrop that darkens the page: a dark colour, mostly opaque."""
    parts = (
        [float(v) for v in colour.replace("rgba(", "").replace("rgb(", "").rstrip(")").split(",")]
        if colour.startswith("rgb")
        else []
    )
    if len(parts) < 3:
        return False
    alpha = (parts[3] if len(parts) > 3 else 1.0) * opacity
    return max(parts[:3]) <= 80 and alpha >= 0.5


# --- 7. search previews show words, not TeX ---------------------------------------------
SEARCH_RESULTS = """() => [...document.querySelectorAll('.md-search-result__article')]
    .map(a => [a.querySelector('h1, h2')?.textContent.trim() || '', a.textContent])"""


def search_problems(context, base: str, query: str, width: int) -> list[str]:
    """Search for ``query`` as a reader would (the search key, then typing) and read the
    previews; TeX source or a heading's permalink mark in any of them is a problem."""
    name = f"search for {query!r} at {width} px"
    with opened(context, base, "", width) as page:
        page.keyboard.press("/")
        page.locator(".md-search__input").wait_for(state="visible")
        page.keyboard.type(query)
        try:
            page.locator(".md-search-result__article").first.wait_for(timeout=20_000)
        except Exception:
            return [f"{name}: no result shown"]
        page.wait_for_timeout(300)
        results = page.evaluate(SEARCH_RESULTS)
    problems = []
    for title, text in results:
        if "¶" in title:
            problems.append(f"{name}: preview {title[:40]!r} shows a permalink's mark")
        if "Copied!" in text or "In [" in text:
            problems.append(f"{name}: preview {title[:40]!r} shows a notebook cell's code")
        tokens = dict.fromkeys(m.group() for m in TEX_SOURCE.finditer(text))
        if tokens:
            start = TEX_SOURCE.search(text).start()
            excerpt = text[max(0, start - 20) : start + 40].replace("\n", " ")
            problems.append(
                f"{name}: preview {title[:40]!r} shows TeX source ({' '.join(tokens)}): {excerpt!r}"
            )
    return problems
