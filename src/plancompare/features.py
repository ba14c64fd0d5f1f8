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
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfTransformer

from . import swedish
from .summary import select_units, sorted_distinct
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


_NO_ENTRY: tuple[None, tuple[str, ...]] = (None, ())


def _entry(analysis: tuple[str, tuple[str, ...]], mode: str) -> tuple[str | None, tuple[str, ...]]:
    """The key term of a distinct content word (None for function words) and its extra terms,
    from its lemma and compound parts (``analysis``, :func:`swedish.word_analyses`)."""
    base, parts = analysis
    function_words = _function_words()
    if base in function_words or len(base) < 2:
        return _NO_ENTRY
    if mode == "parts":
        if len(parts) == 1:  # the usual case, without a tuple of parts made
            return (base, ()) if parts[0] in function_words else (parts[0], ())
        kept = tuple(p for p in parts if p not in function_words)
        if len(kept) > 1:
            return "+".join(kept), kept
        return (kept[0] if kept else base), ()
    return base, ()  # "char": the lemmas' n-grams are made when counting (_gram_pairs)


def _gram_pairs(
    keys: list[str], low: int, high: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The character n-grams of ``<key>`` for each of ``keys`` (``low <= n <= high``), made
    for all at once with array operations: ``(key index, n-gram index)`` of each distinct
    pair, and the distinct n-grams, ``~``-prefixed and sorted (a numpy string array) -- the
    terms :func:`_char_grams` gives each key. None when the keys use too many distinct
    characters for an n-gram to be an integer code (then :func:`_char_grams` makes them).

    An n-gram is coded as the digits of its characters (their ranks among the characters
    used, from 1) in base (characters used + 1), padded with zeros to ``high`` digits, so
    codes sort as the strings do (a shorter n-gram before the longer ones it starts).

    Example:
        >>> pair_key, pair_gram, names = _gram_pairs(["lön", "lag"], 3, 3)
        >>> names.tolist()
        ['~<la', '~<lö', '~ag>', '~lag', '~lön', '~ön>']
        >>> names[pair_gram[pair_key == 0]].tolist(), _char_grams("lön", 3, 3)
        (['~<lö', '~lön', '~ön>'], ('~<lö', '~lön', '~ön>'))
    """
    if low > high:  # no n-gram length: no n-grams (as _char_grams gives)
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, "<U1")
    padded = [f"<{key}>" for key in keys]
    try:
        chars = np.frombuffer("".join(padded).encode("utf-32-le"), dtype="<u4")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    alphabet = np.unique(chars)
    base = len(alphabet) + 1
    if base**high >= 2**63:
        return None
    digits = np.searchsorted(alphabet, chars).astype(np.int64) + 1
    lengths = np.fromiter(map(len, padded), np.int64, len(padded))
    starts = np.cumsum(lengths) - lengths
    key_of, code_of, start_of, n_of = [], [], [], []
    for n in range(low, high + 1):
        count = np.maximum(lengths - n + 1, 0)
        key = np.repeat(np.arange(len(keys)), count)
        at = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + starts[key]
        code = np.zeros(len(at), dtype=np.int64)
        for k in range(n):
            code += digits[at + k] * base ** (high - 1 - k)
        key_of.append(key)
        code_of.append(code)
        start_of.append(at)
        n_of.append(np.full(len(at), n))
    codes = np.concatenate(code_of)
    distinct, first, gram = np.unique(codes, return_index=True, return_inverse=True)
    n_grams = max(len(distinct), 1)
    pairs = sorted_distinct(np.concatenate(key_of) * n_grams + gram)
    # the n-grams as strings: "~" and the characters of the first occurrence of each
    table = np.zeros((len(distinct), high + 1), dtype="<u4")
    table[:, 0] = ord("~")
    start, size = np.concatenate(start_of)[first], np.concatenate(n_of)[first]
    for k in range(high):
        there = k < size
        table[there, k + 1] = chars[start[there] + k]
    names = table.view(f"<U{high + 1}").ravel()
    return pairs // n_grams, pairs % n_grams, names


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
        """Each distinct word's entry (key term, extra terms), from the process's memo or
        worked out for all the words it lacks at once (the store of word analyses searched
        once for them: :func:`swedish.word_analyses`, or :func:`swedish.word_lemmas`)."""
        if self.compounds not in COMPOUND_MODES:
            raise ValueError(f"compounds must be one of {COMPOUND_MODES}, not {self.compounds!r}")
        mode, ngrams = self.compounds, tuple(self.char_ngram_range)
        cache = _ENTRIES.setdefault((mode, ngrams), {})
        new = [w for w in dict.fromkeys(distinct) if w not in cache]
        if new:
            # content words: neither numbers or marks nor stop words (the others get no entry)
            stop, not_a_word = swedish.stopwords(), _NOT_A_WORD.fullmatch
            content = [w for w in new if not (not_a_word(w) or w.lower() in stop)]
            if mode == "parts":
                analyses = swedish.word_analyses(content)
            else:
                analyses = [(lem, ()) for lem in swedish.word_lemmas(content)]
            cache.update(dict.fromkeys(new, _NO_ENTRY))
            cache.update(zip(content, [_entry(a, mode) for a in analyses], strict=True))
            if save:
                swedish.analysis_store().save()
        return list(map(cache.__getitem__, distinct))

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
        grams = tuple(self.char_ngram_range) if self.compounds == "char" else None
        word_terms, names, key_of_word, terms = self._word_terms(entries, vocabulary, grams)
        width = word_terms.shape[1]
        doc_words = sparse.csr_matrix(
            (np.ones(len(codes)), (docs, codes)), shape=(n_docs, len(entries))
        )
        counts = (doc_words @ word_terms).tocsr()
        if not self.bigrams or len(codes) < 2:
            return counts, names
        n_keys = max(len(terms), 1)  # keys are coded by their place among all the terms
        kid = key_of_word[codes]
        a, b = kid[:-1], kid[1:]
        ok = (a >= 0) & (b >= 0) & (docs[:-1] == docs[1:])
        pairs, pair_docs = a[ok] * n_keys + b[ok], docs[:-1][ok]
        distinct_pairs, pair_of = np.unique(pairs, return_inverse=True)
        if vocabulary is None:
            n_pairs = max(len(distinct_pairs), 1)
            seen = sorted_distinct(pair_docs * n_pairs + pair_of)
            df = np.bincount(seen % n_pairs, minlength=len(distinct_pairs))
            kept = np.flatnonzero(df >= self.bigram_min_df)
            labels = [
                f"{terms[first]} {terms[second]}"
                for first, second in zip(
                    (distinct_pairs[kept] // n_keys).tolist(),
                    (distinct_pairs[kept] % n_keys).tolist(),
                    strict=True,
                )
            ]
            order = sorted(range(len(labels)), key=labels.__getitem__)
            column_of_pair = np.full(len(distinct_pairs), -1, dtype=np.int64)
            column_of_pair[kept[order]] = width + np.arange(len(kept))
            names = names + [labels[i] for i in order]
            width = len(names)
        else:
            key_index = dict(zip(terms, range(len(terms)), strict=True))
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
        entries: list[tuple[str | None, tuple[str, ...]]],
        vocabulary: dict[str, int] | None,
        grams: tuple[int, int] | None = None,
    ) -> tuple[sparse.csr_matrix, list[str], np.ndarray, list[str]]:
        """The (distinct words × terms) matrix, 1 (or more) where a word gives a term, and the
        terms: every term the words give, sorted, or with ``vocabulary`` only its terms. Then
        each word's key as a place among the terms the words give besides n-grams (-1: none),
        and those terms (first seen first). With ``grams`` (an n-gram range), each key adds
        its character n-grams too (:func:`_gram_pairs`).

        The terms are numbered by a hash table in C (``pd.factorize``) and only the distinct
        ones sorted, by Python's sort of strings (numpy's sort of an object array compares
        through Python, several times slower).
        """
        sizes = np.fromiter(
            (1 + len(extra) if key else 0 for key, extra in entries), np.int64, len(entries)
        )
        flat = [t for key, extra in entries if key for t in (key, *extra)]
        local, distinct = pd.factorize(np.asarray(flat, dtype=object))
        terms = distinct.tolist()
        ends = np.cumsum(sizes)
        key_of_word = np.full(len(entries), -1, dtype=np.int64)
        has_key = sizes > 0
        key_of_word[has_key] = local[(ends - sizes)[has_key]]
        rows = np.repeat(np.arange(len(entries)), sizes)
        pairs = _gram_pairs(terms, *grams) if grams is not None and terms else None
        if grams is not None and terms and pairs is None:  # n-grams the codes cannot hold
            entries = [(k, _char_grams(k, *grams)) if k else (k, e) for k, e in entries]
            return SwedishVectorizer._word_terms(entries, vocabulary)[:2] + (key_of_word, terms)
        gram_names = pairs[2] if pairs is not None else np.zeros(0, dtype="<U1")
        if vocabulary is None:  # each term's place in sorted order (n-grams merged in)
            order = sorted(range(len(terms)), key=terms.__getitem__)
            ordered = [terms[i] for i in order]
            rank = np.empty(len(terms), dtype=np.int64)
            rank[order] = np.arange(len(terms))
            below = bisect_left(ordered, "~")  # the keys before every n-gram ("~...")
            if len(gram_names) and below == bisect_left(ordered, "\x7f"):  # none is "~..."
                rank[rank >= below] += len(gram_names)
                gram_column = below + np.arange(len(gram_names))
                names = ordered[:below] + gram_names.tolist() + ordered[below:]
            elif len(gram_names):
                keys = np.asarray(ordered, dtype=str)
                rank += np.searchsorted(gram_names, keys)[rank]  # n-grams sorted before
                gram_column = np.arange(len(gram_names)) + np.searchsorted(keys, gram_names)
                names_array = np.empty(len(terms) + len(gram_names), dtype=object)
                names_array[rank] = terms
                names_array[gram_column] = gram_names.tolist()
                names = names_array.tolist()
            else:
                gram_column, names = np.zeros(0, dtype=np.int64), ordered
            cols, width = rank[local], len(names)
        else:
            rank = np.fromiter(map(vocabulary.get, terms, itertools.repeat(-1)), np.int64)
            cols = rank[local] if len(local) else np.zeros(0, dtype=np.int64)
            gram_column = np.fromiter(
                map(vocabulary.get, gram_names.tolist(), itertools.repeat(-1)), np.int64
            )
            names, width = [], len(vocabulary)
        if pairs is not None:  # each word with a key: the n-grams of its key
            pair_key, pair_gram = pairs[0], pairs[1]
            words = np.flatnonzero(has_key)
            key = key_of_word[words]
            per_key = np.bincount(pair_key, minlength=len(terms))
            first = np.cumsum(per_key) - per_key
            reps = per_key[key]
            at = np.repeat(first[key] - (np.cumsum(reps) - reps), reps) + np.arange(reps.sum())
            rows = np.concatenate([rows, np.repeat(words, reps)])
            cols = np.concatenate([cols, gram_column[pair_gram[at]]])
        if vocabulary is not None:
            rows = rows[cols >= 0]
            cols = cols[cols >= 0]
        matrix = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(entries), width))
        return matrix, names, key_of_word, terms

    # -- the estimator ----------------------------------------------------------------------

    def _limit(self, counts: sparse.csr_matrix, names: list[str]) -> np.ndarray:
        """Columns kept by min_df / max_df, in alphabetical order of their terms."""
        n_docs = counts.shape[0]
        # in place, as a comparison (counts > 0) does: sorted, one entry per cell, and no
        # zeros (counts are positive), so a column's document frequency is its number of entries
        counts.sum_duplicates()
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        low = self.min_df if isinstance(self.min_df, int) else self.min_df * n_docs
        high = self.max_df if isinstance(self.max_df, int) else self.max_df * n_docs
        keep = np.flatnonzero((df >= low) & (df <= high))
        kept = list(map(names.__getitem__, keep.tolist()))  # unigrams, bigrams: each sorted
        # two sorted runs: Python's sort merges them in O(n)
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
        self.vocabulary_ = dict(
            zip(map(names.__getitem__, keep.tolist()), range(len(keep)), strict=True)
        )
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
            low, high = self.char_ngram_range
            grams = self.compounds == "char"
            terms = [
                t
                for key, extra in words
                if key
                for t in (key, *(_char_grams(key, low, high) if grams else extra))
            ]
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
