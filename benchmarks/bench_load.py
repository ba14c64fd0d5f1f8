"""Benchmark: building the common frame, as a ratio against reading the same files.

Makes a data directory with the seed corpus copied N times (one manifest row per copy),
then times in one process, alternating, best of R rounds:

* baseline — ``read_source`` on every file (decoding alone: the floor for any loader);
* subject  — ``plancompare.load(cache=False, n_jobs=1)`` on the same directory (decode + parse
  + OCR repair + frame, every round, in this process: nothing is read back from
  ``processed/``);
* kept     — ``plancompare.load`` with the processed frame kept by an earlier load (what a
  notebook kernel pays when nothing changed).

The copies repeat the same words, so the per-token caches of OCR repair and of the unit-kind
features are warm after the first copy: this measures the loader on familiar text, in one
process (left to choose, ``load`` would start worker processes for the 20 OCR copies, whose
caches start cold: slower here, faster on novel text). For novel text see ``bench_parse.py``
(one core, the scale suite's corpus) and ``bench_ocr.py``.

It reports seconds, the subject/baseline ratio, characters per second, and the peak Python
memory of one load (tracemalloc). Not a test: tests never assert on time.

    .venv/bin/python benchmarks/bench_load.py [--copies 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import tracemalloc
from pathlib import Path

from timing import best_of

import plancompare
from plancompare.decode import read_source
from plancompare.manifest import COLUMNS
from plancompare.paths import data_dir

RESULTS = Path(__file__).resolve().parent / "results" / "load.txt"


def make_corpus(root: Path, copies: int) -> tuple[Path, list[Path]]:
    """Copy every seed ``copies`` times into ``root/raw`` with a manifest naming each copy."""
    (root / "raw").mkdir(parents=True)
    with open(data_dir() / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    files = []
    with open(root / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        out.writeheader()
        for n in range(copies):
            for row in rows:
                name = f"c{n:03d}_{row['file']}"
                shutil.copy(data_dir() / "raw" / row["file"], root / "raw" / name)
                out.writerow({**row, "file": name, "plan_id": f"{row['plan_id']}-{n:03d}"})
                files.append(root / "raw" / name)
    return root, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, files = make_corpus(Path(tmp) / "data", args.copies)
        chars = sum(len(read_source(f).text) for f in files)
        plancompare.load(root)  # warm: OCR lexicon, parsers' caches; keeps the processed frame
        base = best_of(lambda: [read_source(f) for f in files], args.rounds)
        subject = best_of(lambda: plancompare.load(root, cache=False, n_jobs=1), args.rounds)
        kept = best_of(lambda: plancompare.load(root), args.rounds)
        tracemalloc.start()
        frame = plancompare.load(root, cache=False, n_jobs=1)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    lines = [
        f"corpus: {len(files)} files ({args.copies} copies of the seeds), {chars:,} characters, "
        f"{len(frame):,} units",
        f"baseline read_source on every file: {base * 1000:.1f} ms (best of {args.rounds})",
        f"load(cache=False, n_jobs=1):        {subject * 1000:.1f} ms (best of {args.rounds})",
        f"ratio load / read_source:           {subject / base:.1f}x",
        f"load with the processed frame kept: {kept * 1000:.1f} ms ({kept / base:.1f}x)",
        f"throughput:                         {chars / subject / 1e6:.2f} M characters/s (warm)",
        f"peak Python memory of one load:     {peak / 1e6:.1f} MB",
    ]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
