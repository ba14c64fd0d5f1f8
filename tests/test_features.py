"""The Swedish vectorizer: terms a reader can check against the words of a measure."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

import plancompare
from plancompare.features import SwedishVectorizer, select_units

# Sentences from the seed plans (Malmö 1.1, Norrköping, Södertälje; OCR repaired)
VFU = "Utveckla ett systematiskt arbete av VFU-samordning för att attrahera lärarstudenter"
LON = (
    "Ta fram en strategi för chefsorganisation inom respektive verksamhetsområde "
    "samt en lönestrategi."
)
SKA = "Förvaltningen ska arbeta med medarbetarskap. Man skall välja att stanna kvar."


def terms(text: str, **params) -> list[str]:
    return SwedishVectorizer(**params).build_analyzer()(text)


def test_lemmas_and_no_function_words():
    found = terms(SKA)
    assert "förvaltning" in found and "medarbetarskap" in found
    # ska/skall are modal verbs (not skola, school) and, like stop words, no topic term
    assert not {"ska", "skall", "skola", "med", "att", "man"} & set(found)


def test_compounds_count_as_themselves_and_as_their_parts():
    found = terms(LON)
    assert "lön+strategi" in found and {"lön", "strategi"} <= set(found)
    assert "chef+organisation" in found and "chef" in found
    assert terms(LON, compounds="none").count("strategi") == 1  # the simple word only
    chars = terms(LON, compounds="char")
    assert "lönestrategi" in chars and "~<lön" in chars and "lön" not in chars


def test_bigrams_are_adjacent_content_words_kept_when_they_recur():
    found = terms(VFU)
    assert "systematisk arbete" in found
    assert "arbete vfu-samordning" not in found  # "av" stands between them
    texts = [VFU, "Ett systematiskt arbete med lönestrategi", "Inget annat"]
    vocabulary = SwedishVectorizer().fit(texts).vocabulary_
    assert "systematisk arbete" in vocabulary  # in two texts
    assert "attrahera lärarstudent" not in vocabulary  # in one only (bigram_min_df=2)
    assert "systematisk" in SwedishVectorizer(bigrams=False).fit(texts).vocabulary_


def test_sentence_marks_break_bigrams():
    assert "medarbetarskap man" not in terms(SKA)
    assert "medarbetarskap välja" not in terms(SKA.replace("Man skall", ""))


def test_transform_counts_what_fit_counted_and_ignores_new_words():
    frame = plancompare.load()
    texts = select_units(frame).text.tolist()
    vectorizer = SwedishVectorizer()
    fitted = vectorizer.fit_transform(texts)
    np.testing.assert_allclose(fitted.toarray(), vectorizer.transform(texts).toarray())
    unseen = vectorizer.count_matrix(["Xyzzy plugh och lönestrategi"])
    names = vectorizer.get_feature_names_out()
    expected = {"lön", "strategi", "lön+strategi"}  # Norrköping's plan has a lönestrategi
    assert {names[i] for i in unseen.nonzero()[1]} == expected


def test_fit_transform_counts_is_the_two_calls_bit_for_bit():
    # cluster_measures and term_counts read the texts once with it: their numbers must not move
    texts = select_units(plancompare.load()).text.tolist()
    for compounds in ("parts", "char"):
        one_pass = SwedishVectorizer(compounds=compounds)
        tfidf, counts = one_pass.fit_transform_counts(texts)
        two_calls = SwedishVectorizer(compounds=compounds)
        expected = two_calls.fit_transform(texts)
        expected_counts = two_calls.count_matrix(texts)
        assert one_pass.vocabulary_ == two_calls.vocabulary_
        for got, want in ((tfidf, expected), (counts, expected_counts)):
            assert (got.indptr == want.indptr).all() and (got.indices == want.indices).all()
            assert (got.data == want.data).all()  # same entries in the same order: same sums


def test_counts_equal_the_analyzer_terms():
    frame = plancompare.load()
    texts = select_units(frame).text.tolist()
    vectorizer = SwedishVectorizer(bigram_min_df=1).fit(texts)
    counts = vectorizer.count_matrix(texts).toarray()
    names = vectorizer.get_feature_names_out()
    analyze = vectorizer.build_analyzer()
    for row, text in zip(counts, texts, strict=True):
        expected = Counter(analyze(text))
        assert {names[i]: int(row[i]) for i in np.flatnonzero(row)} == dict(expected)


@pytest.mark.parametrize("ngrams", [(3, 5), (1, 2), (5, 5), (4, 2)])
def test_char_counts_equal_the_analyzer_terms(ngrams):
    # the counts make the n-grams of all lemmas at once, the analyzer one lemma at a time
    texts = [VFU, LON, SKA, "Öka SKR:s IT-stöd 2024-2025, naïve café", VFU + " " + LON]
    vectorizer = SwedishVectorizer(compounds="char", char_ngram_range=ngrams, bigram_min_df=1)
    counts = vectorizer.fit(texts).count_matrix(texts).toarray()
    names = vectorizer.get_feature_names_out()
    assert list(names) == sorted(names)
    analyze = vectorizer.build_analyzer()
    for row, text in zip(counts, texts, strict=True):
        expected = Counter(analyze(text))
        assert {names[i]: int(row[i]) for i in np.flatnonzero(row)} == dict(expected)


def test_follows_the_estimator_contract():
    vectorizer = SwedishVectorizer(compounds="char", min_df=2)
    assert vectorizer.get_params()["compounds"] == "char" and not hasattr(vectorizer, "vocabulary_")
    texts = [VFU, LON, SKA, VFU]
    pipe = make_pipeline(clone(vectorizer), Normalizer()).fit(texts)
    assert pipe.transform([LON]).shape == (1, len(pipe[0].vocabulary_))
    assert all(t.startswith("~") or t in terms(VFU, compounds="char") for t in pipe[0].vocabulary_)
    with pytest.raises(ValueError, match="compounds"):
        SwedishVectorizer(compounds="split").fit(texts)
    with pytest.raises(TypeError, match="sequence of texts"):
        SwedishVectorizer().fit(VFU)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="abcåäö SKR:.-1\n", max_size=40), min_size=1, max_size=6))
def test_any_text_vectorizes(texts):
    vectorizer = SwedishVectorizer(bigram_min_df=1)
    if not any(terms(t) for t in texts):
        with pytest.raises(ValueError, match="empty vocabulary"):
            vectorizer.fit_transform(texts)
        return
    matrix = vectorizer.fit_transform(texts)
    assert matrix.shape == (len(texts), len(vectorizer.vocabulary_))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert np.all((np.abs(norms - 1) < 1e-9) | (norms == 0))


_FIT_IN_CHILD = """
import hashlib, json, sys
from plancompare import features
from plancompare.swedish import compounds
if sys.argv[1] == "stored":  # every word must come from the store: no compound search
    def _no_search(word):
        raise AssertionError(f"{word} analysed again")
    compounds._plain_search = _no_search
texts = json.loads(sys.argv[2])
vectorizer = features.SwedishVectorizer()
matrix = vectorizer.fit_transform(texts).tocsr()
matrix.sort_indices()
digest = hashlib.sha256(matrix.data.tobytes() + matrix.indices.tobytes() + matrix.indptr.tobytes())
print(json.dumps([digest.hexdigest(), sorted(vectorizer.vocabulary_)]))
"""


def test_a_new_process_vectorizes_from_the_stored_word_analyses_the_same(tmp_path, monkeypatch):
    import json
    import subprocess
    import sys

    from plancompare import swedish
    from plancompare.swedish import cache

    swedish.lemma("och"), swedish.zipf("och")  # the session's prepared tables exist
    directory = tmp_path / "cache"
    directory.mkdir()
    for table in cache.cache_dir().glob("*.bin"):  # the tables, but an empty store
        if not table.name.startswith(swedish.analysis_store().name):
            (directory / table.name).symlink_to(table)
    monkeypatch.setenv(cache.CACHE_ENV, str(directory))
    texts = json.dumps([VFU, LON, SKA, "Kompetensförsörjningsfonden stärker skolledarna."])

    def fit(how: str) -> list:
        run = [sys.executable, "-c", _FIT_IN_CHILD, how, texts]
        return json.loads(subprocess.run(run, check=True, capture_output=True, text=True).stdout)

    first = fit("analyse")
    assert list(directory.glob("sv-word-analyses-*"))  # the first process stored its analyses
    assert fit("stored") == first
    assert {"lön+strategi", "kompetens+försörjning+fond", "skola+ledare"} <= set(first[1])
