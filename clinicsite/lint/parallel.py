"""Lint large sites on every available core: pages are independent, so they split cleanly.

Worker processes are forked, so they inherit the compiled rules and the documents; only index
ranges go out and findings come back. Small runs, platforms without fork, and
CLINICSITE_LINT_JOBS=1 stay in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

MIN_DOCUMENTS = 400  # below this, starting processes costs more than it saves
_JOB: tuple[Callable[..., Any], Sequence[Any], tuple[Any, ...]] | None = None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: linting makes millions of short-lived, acyclic
    objects, and repeated full collections over a big site's documents cost more than the
    lint itself. Reference counting still frees everything; one collection runs at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def worker_count(documents: int, jobs: int | None) -> int:
    """How many processes to use for `documents` pages (1: lint in this process)."""
    if jobs is None:
        env = os.environ.get("CLINICSITE_LINT_JOBS", "")
        jobs = int(env) if env.isdigit() else _cores()
    if documents < MIN_DOCUMENTS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(jobs, documents // (MIN_DOCUMENTS // 2)))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def lint_in_processes(documents: Sequence[Any], workers: int, lint_one: Callable[..., Any],
                      *args: Any) -> tuple[list[Any], list[Any]]:
    """Run `lint_one(document, *args)` over `documents` in `workers` forked processes."""
    global _JOB
    _JOB = (lint_one, documents, args)
    gc.freeze()  # keep the parent's objects out of the children's collections (copy-on-write)
    try:
        # many small ranges: pages differ in length, and the last range should not run alone
        size = -(-len(documents) // (workers * 16))
        ranges = [(i, min(i + size, len(documents))) for i in range(0, len(documents), size)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            parts = list(pool.map(_lint_range, ranges))
    finally:
        _JOB = None
        gc.unfreeze()
    findings = [f for part in parts for f in part[0]]
    suppressions = [s for part in parts for s in part[1]]
    return findings, suppressions


def _lint_range(bounds: tuple[int, int]) -> tuple[list[Any], list[Any]]:
    assert _JOB is not None
    lint_one, documents, args = _JOB
    findings: list[Any] = []
    suppressions: list[Any] = []
    for document in documents[bounds[0]:bounds[1]]:
        page_findings, page_suppressions = lint_one(document, *args)
        findings.extend(page_findings)
        suppressions.extend(page_suppressions)
    return findings, suppressions
