"""Work on many files: on every core when it pays, with a progress bar when it is long.

:func:`map_files` applies a function to each item (a manifest record) and returns the results
in the items' order, whatever the number of processes: each file is worked on by itself, so
one core and many give the same results. Items are cut into contiguous chunks of about equal
work (a few per process) for worker processes (joblib's ``loky`` executor), which end with
the run; arguments shared by every item (a fitted OCR repairer) are sent to each worker once.
The progress bar (tqdm, on stderr) counts the bytes done, with MB/s and the time left; it
appears only on a terminal and only for runs that last more than a second, unless asked for.

Example:
    >>> map_files(str.upper, ["a", "b", "c"], [1, 1, 1], n_jobs=1, progress=False)
    ['A', 'B', 'C']
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

__all__ = ["PARALLEL_MIN_WORK", "map_files", "progress_bar", "resolve_n_jobs"]

T = TypeVar("T")
R = TypeVar("R")

#: Work (bytes, see :func:`resolve_n_jobs`) below which one process is faster than starting more.
PARALLEL_MIN_WORK = 8_000_000
CHUNKS_PER_JOB = 8  # chunks per process: even load and frequent progress updates
WORKER_IDLE = 600  # seconds a worker waits for work if the run that started it was cut short


def resolve_n_jobs(n_jobs: int | None, work: float, items: int) -> int:
    """The number of processes for ``items`` files of total ``work`` (bytes, weighted).

    ``n_jobs`` follows joblib: a positive number, or ``-1`` for every core. ``None`` (the
    default) uses every core when the work is at least :data:`PARALLEL_MIN_WORK`, else one
    (starting a worker process and importing the library costs about a second). Never more
    processes than items.

    Example:
        >>> resolve_n_jobs(None, 1e3, 5), resolve_n_jobs(1, 1e9, 5), resolve_n_jobs(4, 1e9, 2)
        (1, 1, 2)
    """
    cores = os.cpu_count() or 1
    if n_jobs is None:
        n_jobs = cores if work >= PARALLEL_MIN_WORK else 1
    elif n_jobs < 0:
        n_jobs = max(1, cores + 1 + n_jobs)
    elif n_jobs == 0:
        raise ValueError("n_jobs must be a positive number, -1 (every core) or None")
    return max(1, min(n_jobs, items))


def _chunks(weights: Sequence[float], n: int) -> list[range]:
    """Cut ``len(weights)`` items into at most ``n`` contiguous runs of about equal weight."""
    total = float(sum(weights)) or 1.0
    runs, start, done = [], 0, 0.0
    for i, w in enumerate(weights):
        done += w
        if done >= total * (len(runs) + 1) / n and i + 1 < len(weights):
            runs.append(range(start, i + 1))
            start = i + 1
    runs.append(range(start, len(weights)))
    return [r for r in runs if len(r)]


def progress_bar(iterable: Iterable[T] | None = None, *, progress: bool | None, **kwargs: Any):
    """A tqdm bar on stderr: ``progress=None`` shows it on a terminal once a run passes a second,
    ``True`` always, ``False`` never (the ``--quiet`` of the command line).

    Example:
        >>> list(progress_bar([1, 2], progress=False, desc="files"))
        [1, 2]
    """
    if progress is False or (progress is None and not _on_terminal()):
        return _NoBar(iterable)  # what tqdm would show: nothing (and tqdm is not imported)
    from tqdm import tqdm  # text on stderr (tqdm.auto warns in kernels without ipywidgets)

    disable = False if progress else None  # None: on a terminal, once a second has passed
    return tqdm(iterable, disable=disable, delay=0 if progress else 1.0, **kwargs)


def _on_terminal() -> bool:
    """Whether stderr is a terminal (where tqdm, left to decide, shows a bar)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return False


class _NoBar:
    """A progress bar that shows nothing: iterates what it was given, ignores updates."""

    def __init__(self, iterable: Iterable[T] | None) -> None:
        self._iterable = iterable if iterable is not None else ()

    def __iter__(self):
        return iter(self._iterable)

    def update(self, n: float = 1) -> None:
        pass

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass


def map_files(
    func: Callable[..., R],
    items: Sequence[T],
    sizes: Sequence[float],
    *,
    args: tuple = (),
    work: Sequence[float] | None = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
    desc: str = "files",
) -> list[R]:
    """``[func(item, *args) for item in items]``, on ``n_jobs`` processes, with a progress bar.

    ``sizes`` are the items' bytes (what the bar counts); ``work`` their weighted cost
    (default: ``sizes``), used to choose the number of processes and cut even chunks.
    ``func`` must be a module-level function (it is sent to worker processes); an exception
    in a worker is raised here. ``progress``: ``None`` shows a bar on a terminal for runs
    over a second, ``True`` always, ``False`` never.

    Example:
        >>> map_files(pow, [2, 3], [1, 1], args=(2,), n_jobs=1, progress=False)
        [4, 9]
    """
    items = list(items)
    work = list(work) if work is not None else list(sizes)
    jobs = resolve_n_jobs(n_jobs, sum(work), len(items))
    bar = progress_bar(
        progress=progress, total=sum(sizes), desc=desc, unit="B", unit_scale=True, unit_divisor=1000
    )
    done = 0
    try:
        if jobs == 1:
            results = []
            for item, size in zip(items, sizes, strict=True):
                results.append(func(item, *args))
                done += 1
                bar.set_postfix_str(f"{done}/{len(items)} files", refresh=False)
                bar.update(size)
            return results
        from concurrent.futures import as_completed

        from joblib.externals.loky import get_reusable_executor

        # the shared arguments go to each worker once (initializer), not with every chunk
        executor = get_reusable_executor(
            max_workers=jobs, timeout=WORKER_IDLE, initializer=_share, initargs=(args,)
        )
        finished = False
        try:
            runs = _chunks(work, jobs * CHUNKS_PER_JOB)
            futures = {
                executor.submit(_run, func, [items[i] for i in run]): k
                for k, run in enumerate(runs)
            }
            parts: dict[int, list[R]] = {}
            for future in as_completed(futures):
                k = futures[future]
                parts[k] = future.result()  # a worker's exception is raised here
                done += len(runs[k])
                bar.set_postfix_str(f"{done}/{len(items)} files", refresh=False)
                bar.update(sum(sizes[i] for i in runs[k]))
            finished = True
            return [r for k in range(len(runs)) for r in parts[k]]
        finally:
            # the workers end with the run: what they hold (the shared arguments, the memos
            # of a corpus's words) is not kept while the analysis goes on in this process;
            # after an error (or ^C) they are stopped at once rather than left to finish
            executor.shutdown(wait=True, kill_workers=not finished)
    finally:
        bar.close()


_SHARED: tuple = ()  # in a worker process: the shared arguments, set once by _share


def _share(args: tuple) -> None:
    """Worker initializer: keep the shared arguments (an OCR repairer) for every chunk."""
    global _SHARED
    _SHARED = args


def _run(func: Callable[..., R], items: Sequence[Any]) -> list[R]:
    """One chunk's results (run in a worker process)."""
    return [func(item, *_SHARED) for item in items]
