"""Clustering: scan, stability, outliers, topics, map — properties a reader can state."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score

from plancompare.clusters import (
    MeasureClusterer,
    MeasureSpace,
    _adjusted_rand,
    cluster_stability,
    fit_topics,
    measure_map,
    silhouette_scan,
    theme_agreement,
    topic_shares,
)
from plancompare.synthetic import synthetic_frame


@pytest.fixture(scope="module")
def synthetic() -> pd.DataFrame:
    # four hidden topics, strongly marked: clusters exist to be found
    return synthetic_frame(160, n_groups=6, n_topics=4, topic_share=0.6, random_state=3)


@pytest.fixture(scope="module")
def space_and_X(synthetic):
    space = MeasureSpace(n_components=20, random_state=0).fit(synthetic.text)
    return space, space.transform(synthetic.text)


def test_space_rows_have_unit_length_and_themes_are_weighted(synthetic):
    themes = pd.DataFrame({"text": synthetic.text, "t0": (synthetic.topic == 0).astype(int)})
    themes["t1"] = 1 - themes["t0"]
    space = MeasureSpace(n_components=10, theme_weight=0.5).fit(themes)
    X = space.transform(themes)
    assert X.shape == (len(synthetic), 12)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0)
    # cosine = half the text cosine + half the theme cosine
    text_only = MeasureSpace(n_components=10).fit(synthetic.text).transform(synthetic.text)
    same_theme = (synthetic.topic == 0).to_numpy()
    i, j = 0, int(np.flatnonzero(same_theme == same_theme[0])[1])
    assert X[i] @ X[j] == pytest.approx(0.5 * (text_only[i] @ text_only[j]) + 0.5)
    with pytest.raises(ValueError, match="theme columns"):
        space.transform(themes.drop(columns="t1"))


def test_kmeans_and_agglomerative_recover_hidden_topics(synthetic, space_and_X):
    _, X = space_and_X
    for method in ("kmeans", "agglomerative"):
        model = MeasureClusterer(4, method=method, random_state=0).fit(X)
        assert adjusted_rand_score(synthetic.topic, model.assigned_) > 0.9, method
        assert theme_agreement(model.labels_, synthetic.topic.astype(str)) > 0.8
        assert (np.diff(model.sizes_) <= 0).all()  # numbered by size, largest first


def test_clusterer_follows_the_estimator_contract(space_and_X):
    _, X = space_and_X
    model = MeasureClusterer(3, random_state=7)
    assert model.get_params()["n_clusters"] == 3 and not hasattr(model, "labels_")
    assert model.fit(X) is model
    again = clone(model).fit(X)
    np.testing.assert_array_equal(model.labels_, again.labels_)
    with pytest.raises(ValueError, match="n_clusters"):
        MeasureClusterer(len(X)).fit(X)
    with pytest.raises(ValueError, match="unknown method"):
        MeasureClusterer(3, method="dbscan").fit(X)


def test_a_measure_unlike_every_other_is_an_outlier_not_a_member(synthetic):
    # words no synthetic measure uses (not Swedish: synthetic text is made of Swedish words)
    texts = [*synthetic.text, "xylofonzzq quuxbaz wibblewobble frobnicate"]
    space = MeasureSpace(n_components=20).fit(texts)
    model = MeasureClusterer(4, random_state=0).fit(space.transform(texts))
    assert model.labels_[-1] == -1 and model.outlier_[-1]
    assert model.similarity_[-1] < model.min_similarity
    assert model.outlier_[:-1].mean() < 0.05  # topic measures stay in their clusters


def test_silhouette_scan_covers_the_range_it_claims(space_and_X):
    _, X = space_and_X
    scan = silhouette_scan(X, range(2, 8), n_boot=8)
    assert scan.k.tolist() == [2, 3, 4, 5, 6, 7]
    assert scan.set_index("k").silhouette.idxmax() == 4  # the four hidden topics
    assert scan.silhouette.between(-1, 1).all()
    assert (scan.ari_low <= scan.ari_mean).all() and (scan.ari_mean <= scan.ari_high).all()
    assert (scan.n_boot == 8).all()
    for bad in ([1, 2], [2, len(X)]):
        with pytest.raises(ValueError, match="every k must lie"):
            silhouette_scan(X, bad)


def test_stability_separates_real_clusters_from_forced_ones(space_and_X):
    _, X = space_and_X
    real = cluster_stability(X, MeasureClusterer(4).fit(X), n_boot=15)
    forced = cluster_stability(X, MeasureClusterer(9).fit(X), n_boot=15)
    assert real.by_cluster.jaccard.min() > 0.85
    assert forced.by_cluster.jaccard.min() < real.by_cluster.jaccard.min()
    assert real.by_measure.coassignment.between(0, 1).all()
    assert real.by_measure.coassignment.mean() > forced.by_measure.coassignment.mean()
    assert (real.by_measure.draws > 0).all() and len(real.ari) == 15
    assert real.by_cluster["size"].sum() == len(X)


def test_same_input_same_numbers(space_and_X):
    _, X = space_and_X
    first = (silhouette_scan(X, [3, 4], n_boot=5), measure_map(X[:40]))
    second = (silhouette_scan(X, [3, 4], n_boot=5), measure_map(X[:40]))
    pd.testing.assert_frame_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


def test_topics_have_terms_and_shares_sum_to_one(synthetic):
    topics = fit_topics(synthetic.text, 4, n_terms=5, random_state=0)
    assert topics.weights.shape == (len(synthetic), 4)
    assert topics.terms.terms.str.split("; ").map(len).eq(5).all()
    shares = topic_shares(synthetic, topics.weights)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    assert list(shares.columns) == [0, 1, 2, 3]
    dominant = topics.weights.argmax(axis=1)
    assert adjusted_rand_score(synthetic.topic, dominant) > 0.9


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=1, max_size=60))
def test_bootstrap_agreement_is_scikit_learns_adjusted_rand_index(pairs):
    """The scan's and the stability's ARI of two clusterings (cluster numbers from 0), counted
    with one bincount, is the number scikit-learn gives, to the last bit."""
    true = np.array([a for a, _ in pairs])
    pred = np.array([b for _, b in pairs])
    assert _adjusted_rand(true, pred) == adjusted_rand_score(true, pred)
    assert _adjusted_rand(true, true) == 1.0


@given(
    st.lists(
        st.tuples(st.sampled_from(["lön", "vfu", "Lön", "(none)", "ö", "a b"]), st.integers(-1, 4)),
        min_size=2,
        max_size=40,
    )
)
def test_theme_agreement_is_the_adjusted_mutual_information_of_the_labels_as_given(pairs):
    """Themes and clusters are numbered before scoring (fast); the number must be the one
    scikit-learn gives for the strings and cluster numbers themselves, to the last bit."""
    themes = pd.Series([t for t, _ in pairs], dtype="str")
    clusters = np.array([c for _, c in pairs])
    expected = float(adjusted_mutual_info_score(list(themes), list(clusters)))
    assert theme_agreement(clusters, themes) == expected
    assert theme_agreement(list(clusters), list(themes)) == expected
