"""Byte-identity check of parsing: sha256 digests of what the parsers produce, against those
recorded before a speed-up.

Digests: ``units.csv`` written by ``plancompare build --jobs 1`` on the seed plans and on the
scale suite's 50x10 corpus without OCR repair (a copy of each data directory, no kept frame);
the units of every fixture text (``tests/data/plans/*.txt`` without the final held-out sets,
which nothing parses before their one measurement: ``unit_labels.corpus_files``) through the
generic parser; and
the feature dict of every candidate the unit-kind scorer classified on the way
(``plancompare.forms.kinds.recording``: some 40,000 candidates). A change of speed must leave every
digest as it is; a deliberate change of behaviour re-records them (``--write``) and says so.

    .venv/bin/python benchmarks/parse_golden.py           # check (exit 1 on any difference)
    .venv/bin/python benchmarks/parse_golden.py --write   # record
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

from plancompare import cli, paths
from plancompare.forms import generic, kinds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from unit_labels import corpus_files  # noqa: E402

DIGESTS = Path(__file__).resolve().parent / "results" / "parse_golden.tsv"


def _units_csv(data: Path) -> str:
    """The sha256 of ``units.csv`` as ``plancompare build`` writes it for a copy of ``data``."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy, ignore=shutil.ignore_patterns("processed"))
        with contextlib.redirect_stdout(io.StringIO()):
            if cli.main(["build", "--data", str(copy), "--quiet", "--jobs", "1"]) != 0:
                raise SystemExit(f"plancompare build failed on {data}")
        return hashlib.sha256((copy / "processed" / "units.csv").read_bytes()).hexdigest()


def _corpus_50x10() -> Path:
    """The 50x10 corpus without OCR repair, always the same one: the 50x10 master's
    (``scale.prepare(["50x10"])``, generated once, about 7 s). A 50x10 cut of a larger master
    holds other documents, so taking whichever ``*-50x10-noocr`` happened to be under
    ``benchmarks/corpora`` made the digest depend on what had been generated before."""
    import scale

    return scale.prepare(["50x10"], seed=0, jobs=None, ocr=False)["50x10"]


def digests() -> list[tuple[str, str]]:
    """``(name, sha256)`` of every output checked, in a fixed order."""
    corpus = _corpus_50x10()
    rows = []
    with kinds.recording() as seen:
        fixtures = hashlib.sha256()
        plans = ROOT / "tests" / "data" / "plans"
        for stem in corpus_files(plans, final=False):
            text = (plans / f"{stem}.txt").read_text(encoding="utf-8")
            fixtures.update(repr(generic.parse(text)).encode())
        rows.append(("fixtures: generic units", fixtures.hexdigest()))
        rows.append(("seeds: units.csv", _units_csv(paths.data_dir())))
        rows.append(("50x10 no OCR: units.csv", _units_csv(corpus)))
    found = hashlib.sha256()
    for candidate, features in seen:
        found.update(repr((candidate, sorted(features.items()))).encode())
    rows.append((f"features of {len(seen)} candidates", found.hexdigest()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the digests")
    args = parser.parse_args()
    start = time.perf_counter()
    table = "".join(f"{name}\t{digest}\n" for name, digest in digests())
    seconds = time.perf_counter() - start
    if args.write:
        DIGESTS.write_text(table, encoding="utf-8")
        print(f"recorded {len(table.splitlines())} digests ({seconds:.0f} s)")
        return
    recorded = DIGESTS.read_text(encoding="utf-8").splitlines()
    differ = [new for old, new in zip(recorded, table.splitlines(), strict=False) if old != new]
    if len(recorded) != len(table.splitlines()):
        differ.append("(a different number of digests)")
    print(f"{len(table.splitlines())} digests, {len(differ)} differ ({seconds:.0f} s)")
    for line in differ:
        print(f"  {line}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
