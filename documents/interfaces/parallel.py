"""Work split over the machine's CPUs: a long PDF rendered in parts, one WeasyPrint render per
worker process, the parts joined afterwards (`documents.interfaces.pdf.join_pdfs`).

WeasyPrint is pure Python over Pango and holds the GIL, so threads would not help; processes do.
Workers are forked (Linux): they start in milliseconds with WeasyPrint, Django's templates and
the fonts already loaded, and need no set-up. The pool lives for one call and is shut down before
returning, so no process outlives the request and the caller is charged for its children's CPU.
A worker touches no database connection, socket or file of its parent: it gets frozen
dataclasses and returns bytes.
"""

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cpu_count() -> int:
    """CPUs this process may run on (a container's or taskset's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_parts(func: Callable[[T], R], parts: Sequence[T], *, workers: int | None = None
                    ) -> list[R]:
    """`[func(part) for part in parts]`, in order, with the parts spread over `workers` forked
    processes (default: one per CPU). One part, one CPU or no fork: in this process. `func`
    must be a module-level function (it is pickled by name)."""
    workers = min(len(parts), workers or cpu_count())
    if workers <= 1 or not can_fork():
        return [func(part) for part in parts]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(func, parts))
    except BrokenProcessPool:
        # A worker killed from outside (out of memory, a signal): the document is still owed.
        return [func(part) for part in parts]


def split_evenly(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """`items` in `parts` consecutive slices whose lengths differ by at most one (no empty
    slice: fewer items than parts gives one slice per item)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    slices, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        slices.append(items[start:end])
        start = end
    return slices
