"""Same input, same numbers; and nothing grows with the square of the number of measures.

The analysis API must run unchanged on a national corpus (≈ 100k units, ≈ 10⁵ terms; see
``benchmarks/bench_scale.py`` for that size). Here a synthetic corpus of moderate size runs
the whole pipeline under ``tracemalloc``: the peak stays far below what one measures ×
measures matrix of floats would take.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest

import plancompare
from plancompare import features
from plancompare.clusters import cluster_measures
from plancompare.compare import (
    all_gaps,
    anatomy,
    distinctive_terms,
    gaps,
    plan_similarity,
    unit_features,
)
from plancompare.summary import select_units
from plancompare.synthetic import synthetic_frame

N_UNITS = 4000


def test_the_pipeline_twice_gives_the_same_labels_and_numbers():
    frame = plancompare.load()

    def run() -> list[pd.DataFrame]:
        features._ENTRIES.clear()  # nothing carried over in memory from the first run
        result = cluster_measures(frame, n_boot=5, map_method="tsne")
        return [
            result.units,
            result.clusters,
            result.scan,
            result.agreement,
            distinctive_terms(frame),
            plan_similarity(frame),
            gaps(frame, "Malmö"),
            anatomy(frame),
        ]

    for first, second in zip(run(), run(), strict=True):
        pd.testing.assert_frame_equal(first, second)


@pytest.fixture(scope="module")
def corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = synthetic_frame(N_UNITS, n_groups=40, vocabulary=5000, random_state=0)
    return frame, plancompare.code_themes(frame)


def peak_bytes(func) -> tuple[object, int]:
    tracemalloc.start()
    try:
        out = func()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_nothing_quadratic_in_memory(corpus):
    frame, codes = corpus
    square = N_UNITS * N_UNITS * 8  # one dense measures × measures matrix of float64: 128 MB
    result, peak = peak_bytes(
        lambda: cluster_measures(
            frame, ks=range(2, 5), n_boot=2, n_init=2, map_method="svd", codes=codes
        )
    )
    assert peak < square / 2, peak
    assert len(result.units) == N_UNITS and result.scan.k.tolist() == [2, 3, 4]
    table, peak = peak_bytes(lambda: gaps(frame, "Kommun 000", codes=codes))
    assert peak < square / 4, peak
    assert set(table.other) == {f"Kommun {g:03d}" for g in range(1, 40)}
    terms, peak = peak_bytes(lambda: distinctive_terms(frame, top=5))
    assert peak < square / 4, peak
    assert terms.group.nunique() == 40
    sims, peak = peak_bytes(lambda: plan_similarity(frame, by="municipality"))
    assert peak < square / 4, peak
    assert sims.shape == (40, 40) and np.allclose(np.diag(sims), 1.0)


def test_clusters_found_at_scale_follow_the_hidden_topics(corpus):
    frame, codes = corpus
    from sklearn.metrics import adjusted_rand_score

    result = cluster_measures(frame, 8, ks=[8], n_boot=2, n_init=2, map_method="svd", codes=codes)
    assert adjusted_rand_score(frame.topic, result.units.assigned) > 0.8


def test_features_fitted_once_give_what_each_function_fits_itself(corpus):
    """One fit of the vectorizer, shared as ``features=``, changes no table (issue 12)."""
    frame, codes = corpus
    features = unit_features(select_units(frame))
    shared = cluster_measures(
        frame, ks=range(2, 5), n_boot=2, n_init=2, map_method="svd", codes=codes, features=features
    )
    own = cluster_measures(frame, ks=range(2, 5), n_boot=2, n_init=2, map_method="svd", codes=codes)
    for name in ("units", "clusters", "scan", "agreement"):
        pd.testing.assert_frame_equal(getattr(shared, name), getattr(own, name), obj=name)
    assert np.array_equal(shared.X, own.X)
    pd.testing.assert_frame_equal(
        distinctive_terms(frame, top=5, features=features), distinctive_terms(frame, top=5)
    )
    pd.testing.assert_frame_equal(plan_similarity(frame, features=features), plan_similarity(frame))
    pd.testing.assert_frame_equal(
        gaps(frame, "Kommun 000", codes=codes, features=features),
        gaps(frame, "Kommun 000", codes=codes),
    )
    pd.testing.assert_frame_equal(
        all_gaps(frame, codes=codes, include_off_topic=True, features=features),
        all_gaps(frame, codes=codes, include_off_topic=True),
    )


def test_features_of_other_units_are_refused(corpus):
    frame, codes = corpus
    leaves = select_units(frame)
    features = unit_features(leaves)
    with pytest.raises(ValueError, match="fitted on other units"):
        distinctive_terms(frame.iloc[1:], features=features)  # one measure fewer
    with pytest.raises(ValueError, match="fitted on other units"):
        gaps(frame.iloc[: len(frame) // 2], "Kommun 000", codes=codes, features=features)
    changed = frame.assign(text=frame["text"].str.upper())  # same ids, other texts
    with pytest.raises(ValueError, match="fitted on other units"):
        cluster_measures(changed, 3, ks=[3], n_boot=2, map_method="svd", features=features)
    with pytest.raises(ValueError, match="not both"):
        plan_similarity(frame, vectorizer=features.vectorizer, features=features)
