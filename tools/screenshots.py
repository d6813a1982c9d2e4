"""Full-page screenshots of every page of a built site, in light and dark mode.

Usage: python tools/screenshots.py SITE_DIR OUT_DIR [--width 1280]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import browser_context, page_paths, serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--only", default="", help="only pages whose path contains this")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, tempfile.TemporaryDirectory() as profile:
        with browser_context(Path(profile), viewport={"width": args.width, "height": 900}) as ctx:
            # Material remembers the last palette; start each page from the media query.
            ctx.add_init_script("localStorage.clear()")
            page = ctx.new_page()
            for path in page_paths(args.site):
                if args.only not in path:
                    continue
                for scheme in ("light", "dark"):
                    page.emulate_media(color_scheme=scheme)
                    page.goto(base + path, wait_until="networkidle")
                    page.wait_for_timeout(150)
                    name = (path.strip("/").replace("/", "_") or "index") + f"-{scheme}.png"
                    page.screenshot(path=str(args.out / name), full_page=True)
                    print(args.out / name)


if __name__ == "__main__":
    main()
