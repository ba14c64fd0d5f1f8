"""The analysis API at national scale: ≈ 100,000 measures and ≈ 10⁵ distinct terms.

A synthetic corpus (``plancompare.synthetic.synthetic_frame``: real Swedish words drawn by a
Zipf law over the 100,000 most frequent, 290 municipalities, hidden topics) runs through the
same calls the notebooks make on the seeds. Each step is timed; the process's peak resident
memory is read after each step. A single dense measures × measures matrix of float64 would
take N² × 8 bytes (80 GB at N = 100,000): the peak shows nothing of that kind is built.

Settings that scale (documented parameters, not special cases): ``map_method="svd"``
(t-SNE is O(N log N) but slow at this size), ``n_init=2`` k-means starts, ``n_boot=5``
resamples; the silhouette is computed on a 1,000-measure sample (the default).

Run from the repository root: ``.venv/bin/python benchmarks/bench_scale.py [N_UNITS]``;
writes ``benchmarks/results/scale.txt``. Word analyses are cold unless the on-disk cache
already holds them (point ``PLANCOMPARE_CACHE_DIR`` at an empty directory for a cold run).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import plancompare
from plancompare.clusters import cluster_measures
from plancompare.compare import distinctive_terms, gaps, plan_similarity
from plancompare.features import text_vectorizer
from plancompare.synthetic import synthetic_frame


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(n_units: int = 100_000) -> None:
    rows = []

    def step(name: str, func):
        start = time.perf_counter()
        out = func()
        rows.append(f"{name:<42} {time.perf_counter() - start:8.1f} s   peak {peak_mb():7.0f} MB")
        print(rows[-1], flush=True)
        return out

    frame = step("synthetic frame", lambda: synthetic_frame(n_units, n_groups=290, random_state=0))
    vectorizer = step(
        "SwedishVectorizer.fit (word analyses)", lambda: text_vectorizer().fit(frame.text)
    )
    n_terms = len(vectorizer.vocabulary_)
    codes = step("code_themes", lambda: plancompare.code_themes(frame))
    result = step(
        "cluster_measures (k = 2…10, 5 resamples)",
        lambda: cluster_measures(
            frame, ks=range(2, 11), n_boot=5, n_init=2, map_method="svd", codes=codes
        ),
    )
    step("distinctive_terms (290 groups)", lambda: distinctive_terms(frame, top=10))
    step("plan_similarity (290 × 290, text)", lambda: plan_similarity(frame, by="municipality"))
    step(
        "plan_similarity (290 × 290, themes)",
        lambda: plan_similarity(frame, by="municipality", basis="themes", codes=codes),
    )
    table = step(
        "gaps (one municipality vs all others)", lambda: gaps(frame, "Kommun 000", codes=codes)
    )
    square_gb = n_units**2 * 8 / 1e9
    header = [
        f"{n_units} synthetic measures, {frame.municipality.nunique()} municipalities, "
        f"{n_terms} terms in the vocabulary; one process; peak = maximum resident memory so "
        f"far. A dense measures × measures float64 matrix would take {square_gb:.1f} GB.",
        f"chosen k = {result.model.n_clusters}; gap table rows = {len(table)}",
    ]
    text = "\n".join([*header, *rows])
    out = Path("benchmarks/results/scale.txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print("\n".join(header))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
