"""The worker pool: safe to start from a threaded process such as `mkdocs serve`, and
sized from the CPUs."""

from __future__ import annotations

import threading

from test_figures import PAGE

from build_hooks.figures import parallel
from build_hooks.figures.engine import FigureEngine
from build_hooks.page.model import read_page

HELD = threading.Lock()  # held by the test while workers start, as serve's threads hold theirs


def _can_take_the_lock(_: int) -> bool:
    taken = HELD.acquire(timeout=5)
    if taken:
        HELD.release()
    return taken


def test_workers_do_not_inherit_locks_held_in_the_process_that_starts_them():
    # A forked worker would get HELD locked, with no thread left to release it.
    with HELD:
        assert parallel.run_all(_can_take_the_lock, [1, 2], workers=2) == [True, True]


def test_results_come_back_in_job_order():
    assert parallel.run_all(abs, [-3, 1, -2], workers=2) == [3, 1, 2]


def test_prefetch_shares_the_work_out_only_with_more_than_one_cpu(tmp_path, monkeypatch):
    other = PAGE.replace("[0, 1], [0, 1]", "[1, 0]")
    pages = [read_page(PAGE, "docs/a.md", "a.md"), read_page(other, "docs/b.md", "b.md")]
    monkeypatch.setattr(parallel, "cpu_count", lambda: 1)
    assert FigureEngine(tmp_path / "c").prefetch(pages) == 0  # left for render, in-process
    monkeypatch.setattr(parallel, "cpu_count", lambda: 2)
    assert FigureEngine(tmp_path / "c").prefetch(pages) == 2


def test_a_batch_does_not_hold_up_the_caller_while_its_workers_start(monkeypatch):
    started = threading.Event()  # set by the test only after Batch() has returned

    class SlowToStart(parallel.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            assert started.wait(timeout=10), "Batch() waited for its workers"
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", SlowToStart)
    batch = parallel.Batch(abs, {"a": -1, "b": -2}, workers=2)
    assert "a" in batch and "b" in batch
    started.set()
    assert (batch.result("b"), batch.result("a")) == (2, 1)
    assert "a" not in batch
    batch.close()


def test_workers_that_cannot_start_are_reported_by_result(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", broken)
    batch = parallel.Batch(abs, {"a": -1}, workers=2)
    try:
        batch.result("a")
    except OSError as error:
        assert "no processes here" in str(error)
    else:
        raise AssertionError("result() hid the failure")
    batch.close()
