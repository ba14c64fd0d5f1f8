"""The analysis steps' shortcuts for large corpora give what the plain way gives.

Theme coding tokenizes many texts in one regex pass over a few MB at a time, finds the
words holding a compound stem by one literal search per stem, and follows the units' parent
chains one level at a time for all units; ``cluster_measures`` reuses
the silhouette scan's resamples for the stability of the chosen k, and the space's fitted
vectorizer and the measures' term counts both for their place in the space and for the
clusters' terms. Each is checked here against the plain computation,
including chunk boundaries that only a national corpus would reach otherwise.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancompare import swedish
from plancompare.clusters import (
    MeasureSpace,
    cluster_measures,
    cluster_stability,
    describe_clusters,
)
from plancompare.synthetic import synthetic_frame
from plancompare.themes import coding

# letters (Swedish ones too), digits, and the marks a word keeps inside it or stops at
TEXT = st.text(alphabet="aåäöbeSKRé19-:'’ .,\n\t", max_size=40)


@given(texts=st.lists(TEXT, max_size=12), chunk=st.integers(1, 30))
def test_tokens_of_many_texts_are_those_of_each_text(texts, chunk):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(coding, "_CHUNK", chunk)  # many chunks: every boundary case
        tok, unit, start, end, words = coding._tokens(texts)
    expected = [(i, t) for i, text in enumerate(texts) for t in swedish.tokenize(text)]
    assert unit.tolist() == [i for i, _ in expected]
    assert list(zip(start.tolist(), end.tolist(), strict=True)) == [
        (t.start, t.end) for _, t in expected
    ]
    assert [words[k] for k in tok] == [t.text for _, t in expected]
    first_seen = list(dict.fromkeys(t.text for _, t in expected))
    assert words == first_seen  # numbered in order of first appearance


@given(
    words=st.lists(st.text(alphabet="lönaäst-", min_size=1, max_size=8), max_size=20),
    stems=st.lists(st.text(alphabet="lönaäs", min_size=1, max_size=3), max_size=5),
)
def test_words_holding_a_stem_are_found_by_the_joined_search(words, stems):
    found = coding._containing(tuple(stems), words)
    assert found.tolist() == [any(s in w for s in stems) for w in words]


def _plain_ancestors(ids: list[str], parents: list[str]) -> list[tuple[int, int]]:
    """Each row with its enclosing rows, nearest first: the parent chain walked per row."""
    row_of = {uid: i for i, uid in enumerate(ids)}
    links = []
    for child, parent in enumerate(parents):
        seen: set[int] = set()
        while parent and parent in row_of and row_of[parent] not in seen:
            seen.add(row_of[parent])
            links.append((child, row_of[parent]))
            parent = parents[row_of[parent]]
    return links


@given(st.lists(st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefgx")), max_size=12))
def test_enclosing_units_are_those_of_the_parent_chains(rows):
    # ids may repeat (the last row holding an id is the one found), parents may be missing
    # ('x', ''), chains may loop back: every case the walk per row handles
    ids = [uid for uid, _ in rows]
    parents = [("" if parent == "g" else parent) for _, parent in rows]
    links = coding._ancestors(pd.DataFrame({"unit_id": ids, "parent": parents}))
    assert list(map(tuple, links.values.tolist())) == _plain_ancestors(ids, parents)


@pytest.fixture(scope="module")
def clustered():
    frame = synthetic_frame(300, n_groups=5, n_topics=4, topic_share=0.6, random_state=1)
    return cluster_measures(frame, ks=range(2, 6), n_boot=4, n_init=2, map_method="svd")


def test_measures_are_placed_as_the_space_transforms_them(clustered):
    texts = clustered.units["text"]
    X = MeasureSpace(n_components=20).fit(texts).transform(texts)
    assert (clustered.X == X).all()  # bit for bit: the clusters depend on every digit


def test_stability_of_the_chosen_k_is_that_of_fresh_resamples(clustered):
    fresh = cluster_stability(clustered.X, clustered.model, n_boot=4, random_state=0)
    pd.testing.assert_frame_equal(clustered.stability.by_measure, fresh.by_measure)
    pd.testing.assert_frame_equal(clustered.stability.by_cluster, fresh.by_cluster)
    assert clustered.stability.ari.tolist() == fresh.ari.tolist()


@pytest.mark.parametrize("k", [3, 6])  # a k the scan covers, and one it does not
def test_a_k_given_gets_the_stability_of_fresh_resamples(k):
    frame = synthetic_frame(200, n_groups=4, n_topics=3, random_state=2)
    result = cluster_measures(frame, k, ks=range(2, 5), n_boot=3, n_init=2, map_method="svd")
    fresh = cluster_stability(result.X, result.model, n_boot=3, random_state=0)
    pd.testing.assert_frame_equal(result.stability.by_measure, fresh.by_measure)
    pd.testing.assert_frame_equal(result.stability.by_cluster, fresh.by_cluster)
    assert result.stability.by_cluster.cluster.tolist() == list(range(k))


def test_cluster_terms_are_those_of_a_vectorizer_fitted_again(clustered):
    again = describe_clusters(clustered.units, clustered.X, clustered.model)
    pd.testing.assert_frame_equal(clustered.clusters.drop(columns="jaccard"), again)
