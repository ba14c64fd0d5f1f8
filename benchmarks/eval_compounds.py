"""Compound parts or character n-grams? Cluster stability and theme coherence on the seeds.

For each way of treating compounds (``SwedishVectorizer(compounds=...)``: ``parts``, ``char``,
and ``none`` as the baseline) and each k, the leaf measures of the seed plans are clustered
(k-means on 20 LSA dimensions, fixed seeds) and judged by:

- stability: mean adjusted Rand index between the full-data clustering and clusterings of
  bootstrap resamples of the measures (``silhouette_scan``), and the mean per-measure
  co-assignment rate (``cluster_stability``);
- theme coherence: adjusted mutual information between the clusters and each measure's
  dominant theme in the codebook's ``plan_themes`` and ``process`` frameworks.

Run from the repository root: ``.venv/bin/python benchmarks/eval_compounds.py``; writes
``benchmarks/results/compounds.txt``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import plancompare
from plancompare.clusters import (
    MeasureClusterer,
    MeasureSpace,
    cluster_stability,
    dominant_themes,
    silhouette_scan,
    theme_agreement,
)
from plancompare.features import SwedishVectorizer, select_units

MODES = ("parts", "char", "none")
KS = range(3, 9)
N_BOOT = 50
SEEDS = (0, 1, 2, 3, 4)


def evaluate() -> pd.DataFrame:
    frame = plancompare.load()
    codes = plancompare.code_themes(frame)
    units = select_units(frame).reset_index(drop=True)
    themes = {f: dominant_themes(units, codes, f) for f in ("plan_themes", "process")}
    rows = []
    for mode in MODES:
        for seed in SEEDS:
            space = MeasureSpace(SwedishVectorizer(compounds=mode), 20, random_state=seed)
            X = space.fit(units.text).transform(units.text)
            scan = silhouette_scan(X, KS, n_boot=N_BOOT, random_state=seed).set_index("k")
            for k in KS:
                model = MeasureClusterer(k, random_state=seed).fit(X)
                stability = cluster_stability(X, model, n_boot=N_BOOT, random_state=seed)
                rows.append(
                    {
                        "compounds": mode,
                        "seed": seed,
                        "k": k,
                        "n_terms": len(space.vectorizer_.vocabulary_),
                        "silhouette": scan.loc[k, "silhouette"],
                        "ari": scan.loc[k, "ari_mean"],
                        "coassignment": np.nanmean(stability.by_measure.coassignment),
                        "ami_plan_themes": theme_agreement(model.assigned_, themes["plan_themes"]),
                        "ami_process": theme_agreement(model.assigned_, themes["process"]),
                    }
                )
    return pd.DataFrame(rows)


def main() -> None:
    table = evaluate()
    by_k = table.groupby(["compounds", "k"]).mean(numeric_only=True).drop(columns="seed")
    overall = table.groupby("compounds").mean(numeric_only=True).drop(columns=["seed", "k"])
    spread = table.groupby("compounds")[["ari", "ami_plan_themes", "ami_process"]].std()
    measures = ["ari", "coassignment", "ami_plan_themes", "ami_process"]
    wide = table.pivot_table(index=["seed", "k"], columns="compounds", values=measures)
    paired = []
    for other in ("char", "none"):
        for m in measures:
            diff = wide[(m, "parts")] - wide[(m, other)]
            paired.append(
                {
                    "parts minus": other,
                    "measure": m,
                    "mean": diff.mean(),
                    "sd": diff.std(),
                    "parts better": f"{int((diff > 0).sum())} of {len(diff)}",
                }
            )
    paired = pd.DataFrame(paired)
    text = "\n".join(
        [
            f"Seeds: {len(select_units(plancompare.load()))} leaf measures; k-means on 20 LSA "
            f"dimensions; k = {KS.start}…{KS.stop - 1}; {N_BOOT} bootstrap resamples; "
            f"LSA/k-means seeds {SEEDS}.",
            "",
            "Mean over k and seeds:",
            overall.round(3).to_string(),
            "",
            "Standard deviation over k and seeds:",
            spread.round(3).to_string(),
            "",
            "Paired by (seed, k): parts minus the other treatment:",
            paired.round(3).to_string(index=False),
            "",
            "Per k (mean over seeds):",
            by_k.round(3).to_string(),
        ]
    )
    out = Path("benchmarks/results/compounds.txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
