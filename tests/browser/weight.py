"""A page's first load on a phone over a slow mobile network, as a reader meets it.

``first_load`` opens a page with an empty cache at 375 x 812 px, on the network Chrome's
DevTools calls slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), and records
the bytes the page and everything it fetched weigh (before any compression: the test
server sends none), the number of requests, and when the first paint came."""

from __future__ import annotations

from dataclasses import dataclass

SLOW_4G = {
    "offline": False,
    "latency": 150,  # ms, round trip
    "downloadThroughput": 1_600_000 / 8,  # bytes/s
    "uploadThroughput": 750_000 / 8,
}
PHONE = {"width": 375, "height": 812}
BUDGET_BYTES = 600_000  # a content page's first load
BUDGET_FIRST_PAINT_MS = 1_500
WEIGHTS: dict[str, FirstLoad] = {}  # page -> its first load, for the run's summary


@dataclass(frozen=True)
class FirstLoad:
    path: str
    bytes: int  # body bytes of the document and every resource it fetched
    requests: int
    first_paint_ms: float  # first contentful paint, after navigation start
    largest: tuple[tuple[str, int], ...]  # the heaviest resources, name and bytes


WEIGH = """() => {
    const entries = [...performance.getEntriesByType('navigation'),
                     ...performance.getEntriesByType('resource')];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
        sizes: entries.map(e => [e.name.replace(location.origin, ''), e.decodedBodySize]),
        paint: paint ? paint.startTime : null,
    };
}"""


def first_load(context, base: str, path: str, *, throttle: bool = True) -> FirstLoad:
    """Load ``base + path`` cold on the slow phone network; wait for the network to idle."""
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        page.set_viewport_size(PHONE)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if throttle:
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        page.goto(base + path, wait_until="networkidle")
        seen = page.evaluate(WEIGH)
        sizes = [(name, int(size)) for name, size in seen["sizes"]]
        heaviest = tuple(sorted(sizes, key=lambda s: -s[1])[:5])
        return FirstLoad(
            path=path,
            bytes=sum(size for _, size in sizes),
            requests=len(sizes),
            first_paint_ms=seen["paint"] if seen["paint"] is not None else float("inf"),
            largest=heaviest,
        )
    finally:
        page.close()


def weight_problems(load: FirstLoad) -> list[str]:
    problems = []
    if load.bytes > BUDGET_BYTES:
        heavy = ", ".join(f"{name} {size:,}" for name, size in load.largest[:3])
        problems.append(
            f"/{load.path}: first load is {load.bytes:,} bytes on a phone "
            f"(budget {BUDGET_BYTES:,}; heaviest: {heavy})"
        )
    if load.first_paint_ms > BUDGET_FIRST_PAINT_MS:
        problems.append(
            f"/{load.path}: first paint at {load.first_paint_ms:,.0f} ms on slow 4G "
            f"(budget {BUDGET_FIRST_PAINT_MS:,} ms)"
        )
    return problems
