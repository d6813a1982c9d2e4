"""Full-page screenshots of every page of a built site: at a phone's and a desktop's width,
in light and dark mode, with every lazy-loaded figure scrolled into view first.

Usage: python tools/screenshots.py SITE_DIR OUT_DIR [--width 375 --width 1280] [--only TEXT]
Files are named PAGE-WIDTH-SCHEME.png, e.g. shifted-sums-375-dark.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import LOAD_LAZY_IMAGES, browser_context, page_paths, serve

WIDTHS = (375, 1280)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, action="append", help="375 and 1280 if not given")
    parser.add_argument("--only", default="", help="only pages whose path contains this")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, tempfile.TemporaryDirectory() as profile:
        with browser_context(Path(profile), viewport={"width": 1280, "height": 900}) as ctx:
            # Material remembers the last palette; start each page from the media query.
            ctx.add_init_script("localStorage.clear()")
            page = ctx.new_page()
            page.set_default_timeout(90_000)
            for path in page_paths(args.site):
                if args.only not in path:
                    continue
                for width in args.width or WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    for scheme in ("light", "dark"):
                        page.emulate_media(color_scheme=scheme)
                        page.goto(base + path, wait_until="networkidle")
                        page.evaluate(LOAD_LAZY_IMAGES)  # else figures below the fold are blank
                        stem = path.strip("/").replace("/", "_") or "index"
                        name = args.out / f"{stem}-{width}-{scheme}.png"
                        page.screenshot(path=str(name), full_page=True)
                        print(name)


if __name__ == "__main__":
    main()
