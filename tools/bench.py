"""`make bench`: build and package timings on this machine, printed with their ratios,
and the widgets' update times that the last browser test run measured.

Targets (2 cores): warm/plain build <= 1.2; cold/plain build <= 3; each page's snippets
<= 3 s cold; each widget update under one frame (16 ms); under `make serve`, a prose edit
visible within 2 s, a snippet edit within its page's run time plus 2 s, a docstring edit
running no snippet (tools/serve_bench.py).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # as in the build's workers (build_hooks.parallel)


def timed(command: list[str], **env: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    return time.perf_counter() - start


def build(site: Path, **env: str) -> float:
    return timed(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], **env
    )


def per_page_cold(cache: Path) -> list[tuple[str, float, float]]:
    """Each page rendered with an empty cache, one after another in this process, as a
    build's worker renders it: seconds running its snippets, and seconds saving figures."""
    import matplotlib.pyplot  # noqa: F401 - loaded before any page, as in the fork server
    from mkdocs.utils.meta import get_data

    from build_hooks.figures import capture
    from build_hooks.figures.engine import FigureEngine
    from build_hooks.page.model import read_page

    saving = [0.0]
    save_pair = capture.save_pair

    def timed_save(*args, **kwargs):
        start = time.perf_counter()
        try:
            return save_pair(*args, **kwargs)
        finally:
            saving[0] += time.perf_counter() - start

    capture.save_pair = timed_save
    engine = FigureEngine(cache)
    times = []
    try:
        for page in sorted((ROOT / "docs").rglob("*.md")):
            uri = page.relative_to(ROOT / "docs").as_posix()
            saving[0], start = 0.0, time.perf_counter()
            markdown, _ = get_data(page.read_text(encoding="utf-8"))
            result = engine.render(read_page(markdown, str(page), uri))
            assert not result.problems, result.problems
            total = time.perf_counter() - start
            times.append((uri, total - saving[0], saving[0]))
    finally:
        capture.save_pair = save_pair
    return times


def package_bench() -> list[str]:
    import numpy as np

    from relu_explained import MLP, count_regions_1d, fit

    lines = []
    rng = np.random.default_rng(0)
    X = rng.uniform(-3, 3, size=(256, 1))
    y = np.sin(2 * X)
    net = MLP.random([1, 64, 64, 1], rng=0)
    steps = 2000
    start = time.perf_counter()
    fit(net, X, y, lr=0.01, steps=steps, rng=0)
    seconds = time.perf_counter() - start
    lines.append(f"gradient steps/s, 1-64-64-1 ReLU MLP, 256 samples: {steps / seconds:10.0f}")
    deep = MLP.random([1, 32, 32, 32, 1], rng=1)
    for b in deep.biases[:-1]:  # random biases, so that bends spread over the line
        b[:] = rng.normal(0, 1, b.shape)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        pieces = count_regions_1d(deep, -10, 10)
        runs.append(time.perf_counter() - start)
    lines.append(
        f"count_regions_1d, 1-32-32-32-1 on [-10, 10]:  {statistics.median(runs) * 1e3:8.2f} ms"
        f"  ({pieces} pieces)"
    )
    return lines


WIDGET_TIMINGS = ROOT / ".cache" / "bench" / "widget-timings.json"  # tests/browser/test_widgets.py


def widget_bench() -> list[str]:
    """The update times each widget recorded with performance.now() in Chromium."""
    import json

    if not WIDGET_TIMINGS.exists():
        return ["widget updates: not measured yet (run tests/browser/test_widgets.py)"]
    measured = time.strftime("%Y-%m-%d %H:%M", time.localtime(WIDGET_TIMINGS.stat().st_mtime))
    lines = [f"widget updates in Chromium (browser tests of {measured}), target < 16 ms:"]
    for name, t in json.loads(WIDGET_TIMINGS.read_text()).items():
        lines.append(
            f"  {name:34s} median {t['median_ms']:5.1f} ms  p95 {t['p95_ms']:5.1f} ms"
            f"  max {t['max_ms']:5.1f} ms  ({t['updates']} updates)"
        )
    return lines


def main() -> None:
    repeats = 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = str(tmp / "cache")
        build(tmp / "site", RELU_EXPLAINED_CACHE=cache)  # fills the cache for the warm builds
        # Side by side, one of each per round: the machine's speed drifts over minutes.
        cold, warm, plain = [], [], []
        for n in range(repeats):
            cold.append(build(tmp / "site", RELU_EXPLAINED_CACHE=str(tmp / f"cold-{n}")))
            warm.append(build(tmp / "site", RELU_EXPLAINED_CACHE=cache))
            plain.append(build(tmp / "site", RELU_EXPLAINED_FIGURES="off"))
        cold, warm, plain = (statistics.median(times) for times in (cold, warm, plain))
        pages = per_page_cold(tmp / "page-cache")
    tests = timed(
        [sys.executable, "-m", "pytest", "-q", "-m", "not browser", "-p", "no:cacheprovider"]
    )
    print(f"cold build (empty figure cache):   {cold:6.2f} s   median of {repeats}")
    print(f"warm build (figure cache hit):     {warm:6.2f} s   median of {repeats}")
    print(f"plain build (figure hook off):     {plain:6.2f} s   median of {repeats}")
    print(f"warm / plain:                      {warm / plain:6.2f}     target <= 1.2")
    print(f"cold / plain:                      {cold / plain:6.2f}     target <= 3")
    print(f"pytest (not browser):              {tests:6.2f} s")
    print("each page, cold, as a worker renders it (target: snippets <= 3 s):")
    print(f"  {'page':28s} {'snippets':>8s} {'figures':>8s}")
    for uri, run, save in pages:
        print(f"  {uri:28s} {run:6.2f} s {save:6.2f} s")
    for line in package_bench() + widget_bench():
        print(line)
    import serve_bench

    for line in serve_bench.report():
        print(line)


if __name__ == "__main__":
    main()
