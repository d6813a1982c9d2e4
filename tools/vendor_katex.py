"""Refresh the vendored KaTeX under docs/vendor/katex from the npm registry package.

Usage: python tools/vendor_katex.py VERSION   (the Makefile's `make katex` passes the pin)

Keeps only what the site loads (about 0.6 MB): the minified script, the auto-render
extension, the stylesheet rewritten to reference only the woff2 fonts it ships, the fonts,
and the licence.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

DEST = Path(__file__).resolve().parent.parent / "docs" / "vendor" / "katex"


def main(version: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = (
            subprocess.run(
                ["npm", "pack", f"katex@{version}", "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        with tarfile.open(Path(tmp) / out) as archive:
            archive.extractall(tmp, filter="data")
        dist = Path(tmp) / "package" / "dist"
        shutil.rmtree(DEST, ignore_errors=True)
        (DEST / "fonts").mkdir(parents=True)
        for name in ("katex.min.js", "contrib/auto-render.min.js"):
            shutil.copy(dist / name, DEST / Path(name).name)
        css = (dist / "katex.min.css").read_text()
        # each @font-face lists woff2, woff and ttf; browsers that run the site read woff2
        css = re.sub(r',url\(fonts/[^)]+\.woff\) format\("woff"\)', "", css)
        css = re.sub(r',url\(fonts/[^)]+\.ttf\) format\("truetype"\)', "", css)
        (DEST / "katex.min.css").write_text(css)
        for font in sorted((dist / "fonts").glob("*.woff2")):
            shutil.copy(font, DEST / "fonts" / font.name)
        shutil.copy(Path(tmp) / "package" / "LICENSE", DEST / "LICENSE")
        (DEST / "VERSION").write_text(version + "\n")
    print(f"KaTeX {version} vendored into {DEST}")


if __name__ == "__main__":
    main(sys.argv[1])
