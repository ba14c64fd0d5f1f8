"""Benchmark: parsing a corpus into units on one core, against decoding the same files.

The corpus is the scale suite's ``50x10`` without OCR repair (500 synthetic documents, 12 MB:
``benchmarks/scale.py`` generates it once under ``benchmarks/corpora/``), or any data directory
given with ``--data``. In one process, on one core, CPU time (``time.process_time``):

* baseline -- ``read_source`` on every file (decoding alone: the floor for any loader);
* ``build`` cold -- ``build_frame(n_jobs=1)`` the first time in the process: every distinct
  word is analysed anew (the shared tables -- lemma dictionary, word list, action nouns -- are
  loaded before timing, as any first parse of a session does);
* ``build`` warm -- the same build again: every word seen.

During both builds the unit-kind features (``plancompare.forms.kinds.features``, the generic
parser's main cost) are timed per call. Reported: CPU seconds, MB/s per core, the ratio to
the baseline, µs per ``features`` call, and the load average (the machine may be shared).
Not a test: tests never assert on time.

    .venv/bin/python benchmarks/bench_parse.py [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from plancompare.decode import read_source
from plancompare.forms import generic, kinds
from plancompare.frame import build_frame
from plancompare.manifest import read_manifest

RESULTS = Path(__file__).resolve().parent / "results" / "parse.txt"


def _cpu(func: Callable[[], object]) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


class _FeatureClock:
    """Wraps ``kinds.features`` and adds up the CPU time of its calls."""

    def __init__(self) -> None:
        self.seconds, self.calls = 0.0, 0
        self._features = kinds.features

    def __call__(self, candidate: kinds.Candidate) -> dict[str, float]:
        start = time.process_time()
        found = self._features(candidate)
        self.seconds += time.process_time() - start
        self.calls += 1
        return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a data directory (default: 50x10 no OCR)")
    args = parser.parse_args()
    if args.data is None:
        import scale

        args.data = scale.prepare(["50x10"], seed=0, jobs=None, ocr=False)["50x10"]
    records = read_manifest(args.data)
    files = [args.data / "raw" / r.file for r in records]
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    generic.parse("Vi ska stärka kompetensförsörjningen.\n\n• Översyn av lönerna")  # tables
    base = _cpu(lambda: [read_source(f) for f in files])
    rows = []
    for run in ("cold", "warm"):
        clock = _FeatureClock()
        kinds.features = clock
        try:
            seconds = _cpu(lambda: build_frame(records, n_jobs=1))
        finally:
            kinds.features = clock._features
        rows.append((run, seconds, clock))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"corpus: {args.data.name}, {len(files)} files, {megabytes:.1f} MB; load {load}",
        f"baseline read_source on every file: {base:.2f} CPU s",
    ]
    for run, seconds, clock in rows:
        lines.append(
            f"build_frame {run:4s} (one core): {seconds:6.2f} CPU s = {seconds / base:5.1f}x "
            f"baseline, {megabytes / seconds:.2f} MB/s per core; features {clock.calls:,} "
            f"calls, {clock.seconds / clock.calls * 1e6:.0f} µs each "
            f"({clock.seconds / seconds:.0%} of the build)"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
