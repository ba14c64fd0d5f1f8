"""Byte-identity check of OCR repair: the repaired text and the reported changes of every
evaluation input, as sha256 digests, against those recorded before a speed-up.

Inputs: the Södertälje scan (003); every ``dev`` text of ``tests/data/ocr_unseen`` (not the
held-out sets, read by ``eval_ocr.py --final`` alone), damaged by the evaluation
channel at rates 1.0 and 0.5 with seeds 0, 1 and 2; and two samples of novel text
(``bench_ocr.novel_text``, seeds 11 and 12, rate 0.5). The repairer is fitted on the clean seed
plans as ``plancompare.load`` fits it; ``repair_ocr`` (wordfreq alone) is checked on the first
three inputs. A change of speed must leave every digest as it is; a deliberate change of
behaviour re-records them (``--write``) and says so in its commit.

    .venv/bin/python benchmarks/ocr_golden.py           # check (exit 1 on any difference)
    .venv/bin/python benchmarks/ocr_golden.py --write   # record

Also writes ``tests/data/ocr/golden/`` (``--write``): the fixed sample (6 kB of novel text, and
the 003 scan) whose repaired text ``tests/test_ocr.py`` compares in full on every ``make test``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from bench_ocr import novel_text
from eval_ocr import unseen_texts

from plancompare import fit_repairer, paths, read_manifest
from plancompare.ocr import print_damage, repair_ocr

ROOT = Path(__file__).resolve().parent.parent
DIGESTS = Path(__file__).resolve().parent / "results" / "ocr_golden.tsv"
SAMPLE = ROOT / "tests" / "data" / "ocr" / "golden"
SAMPLE_SEED = 2026


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def inputs() -> list[tuple[str, str]]:
    """``(name, damaged text)`` of every input, in a fixed order."""
    raw = (paths.raw_dir() / "003_fe82394e5538ee61.txt").read_text(encoding="utf-8")
    out = [("003", raw)]
    for seed in (0, 1, 2):
        for rate in (1.0, 0.5):
            for name, (_, text) in unseen_texts("all").items():
                out.append((f"{name}@{rate}#{seed}", print_damage(text, rate=rate, seed=seed).text))
    for seed in (11, 12):
        out.append((f"novel#{seed}", print_damage(novel_text(30, seed), rate=0.5, seed=seed).text))
    return out


def sample() -> str:
    """The fixed sample the test compares in full: 6 kB of novel text, damaged (rate 0.5)."""
    return print_damage(novel_text(6, SAMPLE_SEED), rate=0.5, seed=SAMPLE_SEED).text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the digests and the sample")
    args = parser.parse_args()
    start = time.perf_counter()
    repairer = fit_repairer(read_manifest())
    rows = []
    for name, text in inputs():
        changes = "\n".join(repr(c) for c in repairer.changes(text))
        rows.append((name, _digest(text), _digest(repairer.repair(text)), _digest(changes)))
    for name, text in inputs()[:3]:
        rows.append((f"repair_ocr:{name}", _digest(text), _digest(repair_ocr(text)), "-"))
    table = "name\tinput\trepaired\tchanges\n" + "".join("\t".join(r) + "\n" for r in rows)
    seconds = time.perf_counter() - start
    if args.write:
        DIGESTS.write_text(table, encoding="utf-8")
        SAMPLE.mkdir(parents=True, exist_ok=True)
        text = sample()
        (SAMPLE / "novel_damaged.txt").write_text(text, encoding="utf-8")
        (SAMPLE / "novel_repaired.txt").write_text(repairer.repair(text), encoding="utf-8")
        raw = inputs()[0][1]
        (SAMPLE / "003_repaired.txt").write_text(repairer.repair(raw), encoding="utf-8")
        print(f"recorded {len(rows)} digests and the sample ({seconds:.0f} s)")
        return
    # compared by input name: an input added or gone (a text moved into dev) differs too
    recorded = {r.split("\t")[0]: r for r in DIGESTS.read_text(encoding="utf-8").splitlines()}
    now = {r.split("\t")[0]: r for r in table.splitlines()}
    differ = [name for name in {**recorded, **now} if recorded.get(name) != now.get(name)]
    print(
        f"{len(rows)} inputs, {len(differ)} differ ({seconds:.0f} s)"
        + "".join(f"\n  {d}" for d in differ)
    )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
