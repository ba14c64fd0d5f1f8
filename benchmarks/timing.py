"""Shared timing helper for the benchmark scripts (run from the repository root)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(func: Callable[[], object], rounds: int) -> float:
    """Seconds of the fastest of ``rounds`` calls of ``func`` (after the caller's warm-up).

    Example:
        >>> best_of(lambda: None, 3) >= 0
        True
    """
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)
