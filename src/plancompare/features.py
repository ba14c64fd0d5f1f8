"""Swedish text features: the vectorizer every analysis uses (:class:`SwedishVectorizer`).

A measure's text becomes counts of *terms* read with :mod:`plancompare.swedish`:

* **lemmas** (``befattningar`` → ``befattning``); modal verbs are verbs (``ska``/``skall`` →
  ``ska``, never ``skola``) and, with the stop words, carry no topic, so they are left out of
  the terms (theme coding still sees them);
* **compounds**, the norm in plan language (``kompetensförsörjningsfonden``): with
  ``compounds="parts"`` a compound counts as itself (``kompetens+försörjning+fond``) *and* as
  each of its parts, so ``lönestrategi`` meets ``lön``; with ``compounds="char"`` each lemma adds
  its character n-grams instead (``~lön`` …), which match parts without a dictionary;
* **meaningful bigrams**: two content words side by side (no stop word or sentence mark
  between), kept when they recur in at least ``bigram_min_df`` texts (``kollegial lärande``).

Speed: each *distinct* word is analysed once and remembered on disk (the store of word
analyses, :func:`plancompare.swedish.word_analyses`, shared with theme coding),
and counting is done with array operations (a texts × words matrix times a words × terms
matrix), so the work per running word is a hash lookup, as in scikit-learn's vectorizers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfTransformer

from . import swedish
from .summary import select_units
from .swedish.tokens import _WORD

__all__ = [
    "COMPOUND_MODES",
    "SwedishVectorizer",
    "select_units",
    "text_vectorizer",
]

#: How compounds become terms: their parts, character n-grams of lemmas, or nothing extra.
COMPOUND_MODES = ("parts", "char", "none")

# Words as plancompare.swedish.tokenize reads them, plus sentence marks that break bigrams.
_TOKENS = re.compile(rf"{_WORD.pattern}|[.!?;:•–]")
_NOT_A_WORD = re.compile(r"[\d\W_]+")

# distinct word → (key, extra terms) per (mode, n-gram range); key None = no content
_ENTRIES: dict[tuple, dict[str, tuple[str | None, tuple[str, ...]]]] = {}


class _Analysed(NamedTuple):
    """Texts read once: running words as codes into the distinct words, the texts' lengths in
    words, and each distinct word's entry (its key and extra terms)."""

    codes: np.ndarray
    lengths: np.ndarray
    entries: list[tuple[str | None, tuple[str, ...]]]


@cache
def _function_words() -> frozenset[str]:
    return swedish.stopwords() | swedish.modal_verbs()


def _content(word: str) -> bool:
    """Whether a distinct word is analysed at all (not a number, mark or stop word)."""
    return not (_NOT_A_WORD.fullmatch(word) or swedish.is_stopword(word))


def _entry(
    word: str, mode: str, ngrams: tuple[int, int], analysis: tuple[str, tuple[str, ...]] | None
) -> tuple[str | None, tuple[str, ...]]:
    """The key term of a distinct ``word`` (None for function words) and its extra terms, from
    its lemma and compound parts (``analysis``, :func:`swedish.word_analyses`; None when the
    word is no content word)."""
    if analysis is None:
        return None, ()
    base = analysis[0]
    function_words = _function_words()
    if base in function_words or len(base) < 2:
        return None, ()
    if mode == "parts":
        parts = tuple(p for p in analysis[1] if p not in function_words)
        if len(parts) > 1:
            return "+".join(parts), parts
        return (parts[0] if parts else base), ()
    if mode == "char":
        return base, _char_grams(base, *ngrams)
    return base, ()


@lru_cache(maxsize=65536)
def _char_grams(base: str, low: int, high: int) -> tuple[str, ...]:
    """The distinct character n-grams of ``<base>``, ``low <= n <= high``, each as ``~gram``."""
    padded = f"<{base}>"
    grams = [
        "~" + padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)
    ]
    return tuple(dict.fromkeys(grams))


class SwedishVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of Swedish lemmas, compounds and bigrams: a scikit-learn vectorizer.

    Parameters (stored as given; all work happens in :meth:`fit`):
    ``compounds`` (one of :data:`COMPOUND_MODES`), ``char_ngram_range`` (for ``"char"``),
    ``bigrams`` and ``bigram_min_df`` (texts a bigram must occur in), ``min_df`` and
    ``max_df`` (document-frequency limits: an int is a count, a float a share),
    ``sublinear_tf``, ``use_idf``, ``smooth_idf`` and ``norm`` (as in ``TfidfVectorizer``).
    Learned: ``vocabulary_`` (term → column, terms sorted) and ``idf_``.

    Example:
        >>> texts = ["Ta fram en lönestrategi.", "Strategisk kompetensförsörjning ska stärkas.",
        ...          "Plan för strategisk kompetensförsörjning."]
        >>> vectorizer = SwedishVectorizer().fit(texts)
        >>> [t for t in vectorizer.get_feature_names_out() if t.startswith(("lön", "strateg"))]
        ['lön', 'lön+strategi', 'strategi', 'strategisk', 'strategisk kompetens+försörjning']
        >>> "ska" in vectorizer.vocabulary_, vectorizer.transform(texts).shape[0]
        (False, 3)
    """

    def __init__(
        self,
        *,
        compounds: str = "parts",
        char_ngram_range: tuple[int, int] = (3, 5),
        bigrams: bool = True,
        bigram_min_df: int = 2,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        sublinear_tf: bool = True,
        use_idf: bool = True,
        smooth_idf: bool = True,
        norm: str | None = "l2",
    ) -> None:
        self.compounds = compounds
        self.char_ngram_range = char_ngram_range
        self.bigrams = bigrams
        self.bigram_min_df = bigram_min_df
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.norm = norm

    # -- counting ---------------------------------------------------------------------------

    def _words(self, texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Running words of all texts as codes into the distinct words, with each one's text."""
        if isinstance(texts, str):
            raise TypeError("SwedishVectorizer takes a sequence of texts, not one string")
        tokens = [_TOKENS.findall(str(text)) for text in texts]
        lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        flat = np.asarray(list(itertools.chain.from_iterable(tokens)), dtype=object)
        codes, distinct = pd.factorize(flat) if len(flat) else (np.zeros(0, np.int64), [])
        return np.asarray(codes, dtype=np.int64), np.asarray(distinct, dtype=object), lengths

    def _entries(
        self, distinct: np.ndarray, save: bool = True
    ) -> list[tuple[str | None, tuple[str, ...]]]:
        if self.compounds not in COMPOUND_MODES:
            raise ValueError(f"compounds must be one of {COMPOUND_MODES}, not {self.compounds!r}")
        ngrams = tuple(self.char_ngram_range)
        cache = _ENTRIES.setdefault((self.compounds, ngrams), {})
        new = [w for w in dict.fromkeys(distinct) if w not in cache]
        content = [w for w in new if _content(w)]
        if self.compounds == "parts":  # the store of word analyses searched once for all
            analyses = dict(zip(content, swedish.word_analyses(content), strict=True))
        else:
            analyses = {
                w: (lem, ()) for w, lem in zip(content, swedish.word_lemmas(content), strict=True)
            }
        for word in new:
            cache[word] = _entry(word, self.compounds, ngrams, analyses.get(word))
        if save and new:
            swedish.analysis_store().save()
        return [cache[word] for word in distinct]

    def _analyse(self, texts: Iterable[str]) -> _Analysed:
        """The texts' running words (codes, distinct words, lengths) and each word's entry."""
        codes, distinct, lengths = self._words(texts)
        return _Analysed(codes, lengths, self._entries(distinct))

    def _count(
        self, texts: Iterable[str] | _Analysed, vocabulary: dict[str, int] | None
    ) -> tuple[sparse.csr_matrix, list[str]]:
        """Term counts (texts × terms) and the terms; with ``vocabulary``, only its terms.
        ``texts`` may be analysed already (:meth:`_analyse`), so a second count of the same
        texts does not read them again.

        Unigrams: a (texts × distinct words) matrix times a (distinct words × terms) matrix.
        Bigrams: pairs of consecutive content words coded as integers (key a · K + key b), so
        only the pairs kept ever become strings.
        """
        analysed = texts if isinstance(texts, _Analysed) else self._analyse(texts)
        codes, lengths, entries = analysed
        n_docs = len(lengths)
        docs = np.repeat(np.arange(n_docs), lengths)
        word_terms, names = self._word_terms(entries, vocabulary)
        width = word_terms.shape[1]
        doc_words = sparse.csr_matrix(
            (np.ones(len(codes)), (docs, codes)), shape=(n_docs, len(entries))
        )
        counts = (doc_words @ word_terms).tocsr()
        if not self.bigrams or len(codes) < 2:
            return counts, names
        key_of_word, key_names = pd.factorize(
            np.asarray([key for key, _ in entries], dtype=object), use_na_sentinel=True
        )
        n_keys = max(len(key_names), 1)
        kid = np.asarray(key_of_word, dtype=np.int64)[codes]
        a, b = kid[:-1], kid[1:]
        ok = (a >= 0) & (b >= 0) & (docs[:-1] == docs[1:])
        pairs, pair_docs = a[ok] * n_keys + b[ok], docs[:-1][ok]
        distinct_pairs, pair_of = np.unique(pairs, return_inverse=True)
        if vocabulary is None:
            seen = np.unique(pair_docs * max(len(distinct_pairs), 1) + pair_of)
            df = np.bincount(seen % max(len(distinct_pairs), 1), minlength=len(distinct_pairs))
            kept = np.flatnonzero(df >= self.bigram_min_df)
            labels = [
                f"{key_names[p // n_keys]} {key_names[p % n_keys]}" for p in distinct_pairs[kept]
            ]
            order = np.argsort(np.asarray(labels, dtype=object), kind="stable")
            column_of_pair = np.full(len(distinct_pairs), -1, dtype=np.int64)
            column_of_pair[kept[order]] = width + np.arange(len(kept))
            names = names + [labels[i] for i in order]
            width = len(names)
        else:
            key_index = {k: i for i, k in enumerate(key_names)}
            column_of_pair = np.full(len(distinct_pairs), -1, dtype=np.int64)
            wanted = {}
            for term, col in vocabulary.items():
                first, _, second = term.partition(" ")
                if second and first in key_index and second in key_index:
                    wanted[key_index[first] * n_keys + key_index[second]] = col
            if wanted:
                codes_wanted = np.fromiter(wanted, dtype=np.int64)
                at = np.searchsorted(distinct_pairs, codes_wanted)
                found = (at < len(distinct_pairs)) & (
                    distinct_pairs[np.minimum(at, len(distinct_pairs) - 1)] == codes_wanted
                )
                column_of_pair[at[found]] = np.fromiter(wanted.values(), dtype=np.int64)[found]
        cols = column_of_pair[pair_of]
        hit = cols >= 0
        bigram_counts = sparse.csr_matrix(
            (np.ones(int(hit.sum())), (pair_docs[hit], cols[hit])), shape=(n_docs, width)
        )
        if counts.shape[1] < width:
            counts = sparse.hstack([counts, sparse.csr_matrix((n_docs, width - counts.shape[1]))])
        return (counts + bigram_counts).tocsr(), names

    @staticmethod
    def _word_terms(
        entries: list[tuple[str | None, tuple[str, ...]]], vocabulary: dict[str, int] | None
    ) -> tuple[sparse.csr_matrix, list[str]]:
        """The (distinct words × terms) matrix, 1 (or more) where a word gives a term, and the
        terms: every term the words give, sorted, or with ``vocabulary`` only its terms."""
        sizes = np.fromiter(
            (1 + len(extra) if key else 0 for key, extra in entries), np.int64, len(entries)
        )
        terms = [t for key, extra in entries if key for t in (key, *extra)]
        rows = np.repeat(np.arange(len(entries)), sizes)
        if vocabulary is None:  # codes of the terms in sorted order (a hash table, in C)
            cols, uniques = pd.factorize(np.asarray(terms, dtype=object), sort=True)
            names, width = list(uniques), len(uniques)
        else:
            cols = np.fromiter(map(vocabulary.get, terms, itertools.repeat(-1)), np.int64)
            names, width = [], len(vocabulary)
            rows = rows[cols >= 0]
            cols = cols[cols >= 0]
        matrix = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(entries), width))
        return matrix, names

    # -- the estimator ----------------------------------------------------------------------

    def _limit(self, counts: sparse.csr_matrix, names: list[str]) -> np.ndarray:
        """Columns kept by min_df / max_df, in alphabetical order of their terms."""
        n_docs = counts.shape[0]
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        low = self.min_df if isinstance(self.min_df, int) else self.min_df * n_docs
        high = self.max_df if isinstance(self.max_df, int) else self.max_df * n_docs
        keep = np.flatnonzero((df >= low) & (df <= high))
        kept = [names[i] for i in keep]  # two sorted runs (unigrams, bigrams): merged in O(n)
        return keep[sorted(range(len(kept)), key=kept.__getitem__)].astype(np.int64)

    def fit(self, raw_documents: Iterable[str], y: object = None) -> SwedishVectorizer:
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents: Iterable[str], y: object = None) -> sparse.csr_matrix:
        counts = self._fit(self._analyse(raw_documents))
        return self.tfidf_.transform(counts)

    def fit_transform_counts(
        self, raw_documents: Iterable[str]
    ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """``fit_transform`` and :meth:`count_matrix` of the same texts, reading them once:
        ``(tfidf, counts)``, each exactly as the two calls give it.

        Example:
            >>> texts = ["Lönerna höjs", "VFU och lön"]
            >>> vectorizer = SwedishVectorizer()
            >>> tfidf, counts = vectorizer.fit_transform_counts(texts)
            >>> (counts != vectorizer.count_matrix(texts)).nnz
            0
            >>> (tfidf != vectorizer.transform(texts)).nnz
            0
        """
        analysed = self._analyse(raw_documents)
        counts = self._fit(analysed)
        return self.tfidf_.transform(counts), self._count(analysed, self.vocabulary_)[0]

    def _fit(self, analysed: _Analysed) -> sparse.csr_matrix:
        """Learn the vocabulary and the weights; the texts' counts over the kept terms."""
        counts, names = self._count(analysed, None)
        keep = self._limit(counts, names)
        if not len(keep):
            raise ValueError("empty vocabulary: the texts hold no content words (or min_df/max_df)")
        counts = counts[:, keep]
        self.vocabulary_ = dict(zip(map(names.__getitem__, keep), range(len(keep)), strict=True))
        self.tfidf_ = TfidfTransformer(
            norm=self.norm,
            use_idf=self.use_idf,
            smooth_idf=self.smooth_idf,
            sublinear_tf=self.sublinear_tf,
        ).fit(counts)
        if self.use_idf:
            self.idf_ = self.tfidf_.idf_
        return counts

    def count_matrix(self, raw_documents: Iterable[str]) -> sparse.csr_matrix:
        """Raw term counts (texts × ``vocabulary_``), before TF-IDF weighting."""
        counts, _ = self._count(raw_documents, self.vocabulary_)
        return counts

    def transform(self, raw_documents: Iterable[str]) -> sparse.csr_matrix:
        return self.weigh(self.count_matrix(raw_documents))

    def weigh(self, counts: sparse.spmatrix) -> sparse.csr_matrix:
        """TF-IDF weights of raw counts from :meth:`count_matrix`: ``transform`` without
        counting again.

        Example:
            >>> vectorizer = SwedishVectorizer().fit(["Lönerna höjs", "VFU"])
            >>> counts = vectorizer.count_matrix(["Lönerna"])
            >>> (vectorizer.weigh(counts) != vectorizer.transform(["Lönerna"])).nnz
            0
        """
        return self.tfidf_.transform(counts)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        names = np.empty(len(self.vocabulary_), dtype=object)
        for term, col in self.vocabulary_.items():
            names[col] = term
        return names

    def build_analyzer(self):  # noqa: ANN201 - the callable scikit-learn's vectorizers expose
        """A callable: text → its terms (lemmas, compound terms, and every bigram).

        Example:
            >>> SwedishVectorizer().build_analyzer()("Lönestrategin ska tas fram.")
            ['lön+strategi', 'lön', 'strategi', 'ta', 'fram', 'ta fram']
        """

        def analyze(text: str) -> list[str]:
            _, distinct, _ = self._words([text])
            lookup = dict(zip(distinct, self._entries(distinct, save=False), strict=True))
            words = [lookup[w] for w in _TOKENS.findall(text)]
            terms = [t for key, extra in words if key for t in (key, *extra)]
            if self.bigrams:
                terms += [
                    f"{a} {b}"
                    for (a, _), (b, _) in itertools.pairwise(words)
                    if a is not None and b is not None
                ]
            return terms

        return analyze


def text_vectorizer(**params: object) -> SwedishVectorizer:
    """The vectorizer of the analysis: :class:`SwedishVectorizer` with the project's defaults.

    Keyword arguments override its parameters.

    Example:
        >>> text_vectorizer(compounds="none").fit(["Stärk VFU-samordningen"]).vocabulary_
        {'stärka': 0, 'vfu-samordning': 1}
    """
    return SwedishVectorizer(**params)
