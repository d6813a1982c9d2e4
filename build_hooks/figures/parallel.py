"""Run jobs in worker processes, safely from inside a threaded `mkdocs serve`.

Workers come from a fork server, not from forking the build process: a fork copies only
the thread that calls it, so locks held by serve's other threads (its file watcher, its
HTTP server, logging) would stay locked in the child. The fork server is a fresh
interpreter with no threads; its workers import the engine from disk, which is the code
the cache key describes. numpy and matplotlib are loaded once in the server, not per job.
As with any start method but fork, a worker imports the main module again: a script that
starts a pool keeps its work under ``if __name__ == "__main__":`` (mkdocs's does).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")
_PRELOAD = ["numpy", "matplotlib", "matplotlib.pyplot"]  # never the package or the engine
# The pages' matrices are small: a BLAS thread pool per worker only fights the other
# workers for the same cores (300 steps of a 1-64-64-1 network: 13.1 s with it, 0.8 s
# without, on a busy 2-core machine).
_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def cpu_count() -> int:
    """CPUs this process may run on (its affinity, where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _prepare_environment() -> None:
    for name in _ONE_THREAD:  # read by numpy when the fork server imports it
        os.environ.setdefault(name, "1")


class Batch:
    """Jobs started in worker processes, one per key, ``workers`` (default: one per CPU) at
    a time, in the order given; :meth:`result` waits for one of them, so that the caller
    can go on with other work while the rest run.

    Even the start does not hold the caller up: the first worker waits for the fork
    server to load numpy and matplotlib (about a second), so a thread starts the pool and
    hands out the jobs while the caller goes on (a build packs its wheel meanwhile)."""

    def __init__(
        self, work: Callable[[Job], Result], jobs: dict[str, Job], workers: int | None = None
    ) -> None:
        workers = max(min(workers or cpu_count(), len(jobs)), 1)
        _prepare_environment()
        self._waiting = set(jobs)
        self._futures: dict[str, Future[Result]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._failure: BaseException | None = None
        self._starting = threading.Thread(
            target=self._start, args=(work, jobs, workers), name="batch-start", daemon=True
        )
        self._starting.start()

    def _start(self, work: Callable[[Job], Result], jobs: dict[str, Job], workers: int) -> None:
        try:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            self._pool = ProcessPoolExecutor(workers, mp_context=context)
            for key, job in jobs.items():
                self._futures[key] = self._pool.submit(work, job)
            self._pool.shutdown(wait=False)  # no more jobs: the workers leave when done
        except BaseException as error:  # raised again by result()
            self._failure = error

    def __contains__(self, key: str) -> bool:
        return key in self._waiting

    def result(self, key: str) -> Result:
        """The result of job ``key``, once it is done; raises what the job raised, or why
        the workers could not start."""
        self._starting.join()
        self._waiting.discard(key)
        if key not in self._futures:
            raise self._failure or KeyError(key)
        return self._futures.pop(key).result()

    def close(self) -> None:
        """Wait for the jobs nobody asked for, and for the workers to leave."""
        self._starting.join()
        for future in self._futures.values():
            future.exception()  # waits; a failure is the business of whoever asks
        self._futures.clear()
        self._waiting.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def run_all(
    work: Callable[[Job], Result], jobs: Sequence[Job], workers: int | None = None
) -> list[Result]:
    """``work`` applied to each job, in order, ``workers`` (default: one per CPU) at a time."""
    batch = Batch(work, {str(i): job for i, job in enumerate(jobs)}, workers)
    try:
        return [batch.result(str(i)) for i in range(len(jobs))]
    finally:
        batch.close()
