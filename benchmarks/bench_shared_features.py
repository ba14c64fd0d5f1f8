"""One fit of the vectorizer shared by the analysis steps, against each step fitting its own.

Issue 12: the scale suite's ``vectorize``, ``distinctive``, ``gaps`` and ``cluster`` steps each
fitted the Swedish vectorizer again on the same leaf measures. Here, in one process on one
frame (its themes coded once), two variants run alternately for ``--repeat`` rounds:

* ``own`` (the baseline, the library's default): the vectorizer fitted for ``vectorize``
  (``text_vectorizer().fit_transform`` of the leaf measures), then ``distinctive_terms``,
  ``gaps`` (the largest municipality against every other) and ``cluster_measures`` (the scale
  suite's settings), each fitting it again;
* ``shared``: ``compare.unit_features`` of the leaf measures once, then the same three calls
  with ``features=``.

Reported: CPU seconds (``time.process_time``) of each step, the median over the rounds, and
the ratio shared / own; every round checks that both variants give the same tables (the
cluster labels, scan, agreement and coordinates, the gap and distinctive-term tables).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_shared_features.py \\
        --data benchmarks/corpora/master-…-290x10-noocr --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
CLUSTER_SETTINGS = {"map_method": "svd", "n_init": 2, "n_boot": 5}  # as benchmarks/scale.py
STEPS = ("vectorize", "distinctive", "gaps", "cluster")


def run(variant: str, frame: pd.DataFrame, codes: pd.DataFrame) -> tuple[dict, dict]:
    """CPU seconds per step and the tables of one variant."""
    from plancompare.clusters import cluster_measures
    from plancompare.compare import distinctive_terms, gaps, unit_features
    from plancompare.features import text_vectorizer
    from plancompare.summary import select_units

    leaves = select_units(frame)
    group = leaves["municipality"].astype(str).value_counts().index[0]
    cpu, tables, kw = {}, {}, {}
    t = time.process_time()
    if variant == "shared":
        kw["features"] = unit_features(leaves)
    else:
        text_vectorizer().fit_transform(leaves["text"].astype(str).tolist())
    cpu["vectorize"] = time.process_time() - t
    t = time.process_time()
    tables["distinctive"] = distinctive_terms(frame, by="municipality", **kw)
    cpu["distinctive"] = time.process_time() - t
    t = time.process_time()
    tables["gaps"] = gaps(frame, group, codes=codes, **kw)
    cpu["gaps"] = time.process_time() - t
    t = time.process_time()
    result = cluster_measures(frame, codes=codes, **CLUSTER_SETTINGS, **kw)
    cpu["cluster"] = time.process_time() - t
    for name in ("units", "clusters", "scan", "agreement"):
        tables[f"cluster.{name}"] = getattr(result, name)
    tables["cluster.X"] = pd.DataFrame(result.X)
    return cpu, tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="a data directory (e.g. a scale corpus)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(HERE / "results" / "shared_features.txt"))
    args = parser.parse_args()
    import plancompare

    load0 = os.getloadavg()
    frame = plancompare.load(Path(args.data), progress=False)
    codes = plancompare.code_themes(frame)
    times: dict[str, dict[str, list[float]]] = {
        v: {s: [] for s in STEPS} for v in ("own", "shared")
    }
    for r in range(args.repeat):
        results = {}
        for variant in ("own", "shared") if r % 2 == 0 else ("shared", "own"):
            cpu, tables = run(variant, frame, codes)
            results[variant] = tables
            for step, seconds in cpu.items():
                times[variant][step].append(seconds)
            print(
                f"round {r} {variant:6} " + "  ".join(f"{s} {cpu[s]:.2f}" for s in STEPS),
                flush=True,
            )
        for name, table in results["own"].items():
            pd.testing.assert_frame_equal(table, results["shared"][name], obj=name)
    load1 = os.getloadavg()
    lines = [
        f"shared vectorizer fit, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {args.data}",
        f"{len(frame):,} units, {len(codes):,} theme hits; {args.repeat} rounds, variants "
        "alternated; OMP_NUM_THREADS=" + os.environ.get("OMP_NUM_THREADS", "(unset)"),
        f"load average at start {load0[0]:.2f} {load0[1]:.2f}, "
        f"at end {load1[0]:.2f} {load1[1]:.2f}",
        "every round: the same tables from both variants (cluster units, clusters, scan,",
        "agreement, X; gaps; distinctive terms)",
        "",
        f"{'step':<12} {'own CPU s':>10} {'shared CPU s':>13} {'shared/own':>11}   (medians)",
    ]
    total = {"own": 0.0, "shared": 0.0}
    for step in STEPS:
        own = statistics.median(times["own"][step])
        shared = statistics.median(times["shared"][step])
        total["own"] += own
        total["shared"] += shared
        lines.append(f"{step:<12} {own:>10.2f} {shared:>13.2f} {shared / own:>11.2f}")
    ratio = total["shared"] / total["own"]
    lines.append(f"{'all four':<12} {total['own']:>10.2f} {total['shared']:>13.2f} {ratio:>11.2f}")
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
