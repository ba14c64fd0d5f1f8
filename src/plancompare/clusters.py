"""Clustering the measures: k scan, stability, labels, outliers, topics, a 2-D map.

Measures are placed in a space (:class:`MeasureSpace`: TF-IDF reduced by LSA, optionally
joined with the theme matrix), partitioned (:class:`MeasureClusterer`: k-means or
agglomerative with cosine distance) and judged by a silhouette scan with bootstrap stability
(:func:`silhouette_scan`, :func:`cluster_stability`). With a few dozen measures the numbers
say more about uncertainty than about structure; every function takes ``random_state`` so
the same input gives the same labels and numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin, clone
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.manifold import TSNE
from sklearn.metrics import adjusted_mutual_info_score, silhouette_score
from sklearn.neighbors import kneighbors_graph
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from .compare import (
    ALPHA0,
    THEME_FRAMEWORKS,
    Features,
    UnitFeatures,
    fitted_term_counts,
    log_odds_sparse,
    matching_features,
    term_counts,
    theme_columns,
)
from .features import select_units, text_vectorizer
from .summary import isin_strings
from .themes import code_themes, on_topic

#: Frameworks whose agreement with the clusters is reported (adjusted mutual information).
AGREEMENT_FRAMEWORKS = (*THEME_FRAMEWORKS, "skr2019", "skr2024", "stage")

METHODS = ("kmeans", "agglomerative")

#: Below this many measures, k-means and t-SNE run on one thread: their OpenMP threads cost
#: more than they gain on a few hundred rows, and on a busy machine far more (measured on the
#: seeds, 45 measures, load ~12 on 2 cores: ``cluster_measures`` 132 s threaded, 12.6 s not).
SINGLE_THREAD_BELOW = 2000

#: Measures on which the silhouette is computed when there are more (a random sample).
SILHOUETTE_SAMPLE = 1000


def _threads_for(n_rows: int) -> AbstractContextManager:
    """One thread for small inputs (see :data:`SINGLE_THREAD_BELOW`), the default otherwise.

    Example:
        >>> with _threads_for(45):
        ...     pass
    """
    return threadpool_limits(1) if n_rows < SINGLE_THREAD_BELOW else nullcontext()


def _texts_and_themes(X: object) -> tuple[list[str], np.ndarray | None, list[str]]:
    """Split the input of :class:`MeasureSpace`: texts, and the theme matrix if one is joined."""
    if isinstance(X, pd.DataFrame):
        themes = X.drop(columns="text")
        matrix = themes.to_numpy(dtype=np.float64) if len(themes.columns) else None
        return X["text"].astype(str).tolist(), matrix, [str(c) for c in themes.columns]
    if isinstance(X, str):
        raise TypeError("MeasureSpace takes a sequence of texts, not one string")
    if isinstance(X, pd.Series):  # tolist() converts an Arrow column at once, not per element
        X = X.tolist()
    return [str(t) for t in X], None, []


class MeasureSpace(TransformerMixin, BaseEstimator):
    """Measures as unit vectors: TF-IDF → LSA (truncated SVD), optionally joined with themes.

    ``X`` is a sequence of texts, or a DataFrame with a ``text`` column and one numeric
    column per theme (a unit × theme matrix). The text part and the theme part are each
    scaled to unit length and weighted so that the cosine of two measures is
    ``(1 − theme_weight) · cos(text) + theme_weight · cos(themes)``.

    Parameters: ``vectorizer`` (default :func:`plancompare.features.text_vectorizer`),
    ``n_components`` (LSA dimensions, capped below the number of measures and terms),
    ``theme_weight`` (0–1) and ``random_state``.

    Example:
        >>> space = MeasureSpace(n_components=2).fit(["lön och karriär", "lön", "lokaler"])
        >>> space.transform(["lön"]).shape
        (1, 2)
    """

    def __init__(
        self,
        vectorizer: BaseEstimator | None = None,
        n_components: int = 50,
        theme_weight: float = 0.3,
        random_state: int = 0,
    ) -> None:
        self.vectorizer = vectorizer
        self.n_components = n_components
        self.theme_weight = theme_weight
        self.random_state = random_state

    def fit(self, X: object, y: object = None) -> MeasureSpace:
        self._fit(X, counts=False)
        return self

    def fit_counts(self, X: object) -> sparse.csr_matrix:
        """Fit on ``X`` and return its texts' raw term counts (the vectorizer's
        ``count_matrix``), counting the texts once; :meth:`transform_counts` places them.

        Example:
            >>> texts = ["lön och karriär", "lön", "lokaler"]
            >>> space = MeasureSpace(n_components=2)
            >>> counts = space.fit_counts(texts)
            >>> bool((space.transform_counts(counts, texts) == space.transform(texts)).all())
            True
        """
        return self._fit(X, counts=True)

    def fit_features(self, features: UnitFeatures, X: object) -> MeasureSpace:
        """Fit on ``X`` with its vectorizer already fitted: ``features``
        (:func:`plancompare.compare.unit_features` of ``X``'s texts, in order) gives the
        vectorizer and the TF-IDF rows, so only the LSA is fitted here; the space is the one
        :meth:`fit` gives. ``features.counts`` are the texts' counts for
        :meth:`transform_counts`.

        Example:
            >>> from plancompare.compare import unit_features
            >>> units = pd.DataFrame({"unit_id": list("abc"),
            ...                       "text": ["lön och karriär", "lön", "lokaler"]})
            >>> features = unit_features(units)
            >>> space = MeasureSpace(n_components=2).fit_features(features, units["text"])
            >>> fresh = MeasureSpace(n_components=2).fit(units["text"])
            >>> bool((space.transform(["lön"]) == fresh.transform(["lön"])).all())
            True
        """
        if self.vectorizer is not None:
            raise ValueError("the features bring their own vectorizer: leave vectorizer unset")
        texts, _, _ = _texts_and_themes(X)
        if tuple(texts) != features.texts:
            raise ValueError("features were fitted on other texts than these")
        self._fit(X, counts=False, fitted=(features.vectorizer, features.tfidf))
        return self

    def _fit(
        self, X: object, counts: bool, fitted: tuple | None = None
    ) -> sparse.csr_matrix | None:
        texts, themes, columns = _texts_and_themes(X)
        if not 0.0 <= self.theme_weight <= 1.0:
            raise ValueError("theme_weight must lie between 0 and 1")
        raw = None
        if fitted is not None:  # the vectorizer fitted on these texts, and their TF-IDF rows
            self.vectorizer_, tfidf = fitted
        elif counts:  # a SwedishVectorizer's raw counts as well, for the caller
            self.vectorizer_ = clone(self.vectorizer) if self.vectorizer else text_vectorizer()
            tfidf, raw = self.vectorizer_.fit_transform_counts(texts)
        else:
            self.vectorizer_ = clone(self.vectorizer) if self.vectorizer else text_vectorizer()
            tfidf = self.vectorizer_.fit_transform(texts)
        n_components = max(1, min(self.n_components, tfidf.shape[0] - 1, tfidf.shape[1] - 1))
        self.svd_ = TruncatedSVD(n_components, random_state=self.random_state).fit(tfidf)
        self.theme_columns_ = columns if themes is not None else []
        self.n_features_out_ = n_components + len(self.theme_columns_)
        return raw

    def tfidf(self, X: object) -> sparse.csr_matrix:
        """The TF-IDF matrix of ``X`` (before LSA), rows in input order."""
        texts, _, _ = _texts_and_themes(X)
        return self.vectorizer_.transform(texts)

    def transform(self, X: object) -> np.ndarray:
        texts, themes, columns = _texts_and_themes(X)
        return self._embed(self.vectorizer_.transform(texts), themes, columns)

    def transform_counts(self, counts: sparse.spmatrix, X: object) -> np.ndarray:
        """:meth:`transform` of ``X`` given its texts' raw term counts, the vectorizer's
        ``count_matrix`` (a :class:`~plancompare.features.SwedishVectorizer`'s): the same
        rows, without counting the texts again.

        Example:
            >>> space = MeasureSpace(n_components=2).fit(["lön och karriär", "lön", "lokaler"])
            >>> counts = space.vectorizer_.count_matrix(["lön"])
            >>> bool((space.transform_counts(counts, ["lön"]) == space.transform(["lön"])).all())
            True
        """
        _, themes, columns = _texts_and_themes(X)
        return self._embed(self.vectorizer_.weigh(counts), themes, columns)

    def _embed(
        self, tfidf: sparse.spmatrix, themes: np.ndarray | None, columns: list[str]
    ) -> np.ndarray:
        lsa = normalize(self.svd_.transform(tfidf))
        if not self.theme_columns_:
            return lsa
        if columns != self.theme_columns_ or themes is None:
            raise ValueError("the theme columns differ from those seen in fit")
        weight = self.theme_weight
        return np.hstack([np.sqrt(1.0 - weight) * lsa, np.sqrt(weight) * normalize(themes)])


def _partition(
    X: np.ndarray, k: int, method: str, n_init: int, max_dense: int, random_state: int
) -> np.ndarray:
    """Cluster labels 0…k−1 of ``X`` (rows of unit length) by k-means or average linkage."""
    if method == "kmeans":
        model = KMeans(k, n_init=n_init, random_state=random_state)
        with _threads_for(len(X)):
            return model.fit_predict(X)
    if method == "agglomerative":
        connectivity = None
        if len(X) > max_dense:  # a sparse k-NN graph instead of all pairwise distances
            connectivity = kneighbors_graph(X, n_neighbors=15, metric="cosine")
        model = AgglomerativeClustering(
            k, metric="cosine", linkage="average", connectivity=connectivity
        )
        return model.fit_predict(X)
    raise ValueError(f"unknown method {method!r}: choose one of {METHODS}")


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters by size (largest 0), ties by first member: labels that read the same."""
    values, first, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = np.lexsort((first, -sizes))
    mapping = np.empty(values.max() + 1, dtype=np.int64)
    mapping[values[order]] = np.arange(len(values))
    return mapping[labels]


class MeasureClusterer(ClusterMixin, BaseEstimator):
    """Partition measures into ``n_clusters`` clusters and flag those that fit none.

    Clusters are numbered by size (0 the largest). A measure's ``similarity_`` is its cosine
    with the mean of its cluster's *other* members (a singleton has 0); it is an outlier when
    that is below ``min_similarity`` and no other cluster's mean is closer than that either.
    Outliers get label −1 in ``labels_`` (the cluster they were nearest to stays in
    ``assigned_``): they are flagged, not forced into a cluster.

    Example:
        >>> X = np.array([[1, 0.1, 0], [1, 0, 0], [1, -0.1, 0], [0.1, 1, 0], [0, 1, 0], [0, 0, 1]])
        >>> model = MeasureClusterer(n_clusters=2, min_similarity=0.5).fit(X)
        >>> model.assigned_.tolist(), model.labels_.tolist()
        ([0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 1, -1])
    """

    def __init__(
        self,
        n_clusters: int = 5,
        method: str = "kmeans",
        min_similarity: float = 0.15,
        n_init: int = 10,
        max_dense: int = 5000,
        random_state: int = 0,
    ) -> None:
        self.n_clusters = n_clusters
        self.method = method
        self.min_similarity = min_similarity
        self.n_init = n_init
        self.max_dense = max_dense
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: object = None) -> MeasureClusterer:
        X = normalize(np.asarray(X, dtype=np.float64))
        self.assigned_ = self._assign(X)
        k = int(self.assigned_.max()) + 1
        members = sparse.csr_matrix(
            (np.ones(len(X)), (self.assigned_, np.arange(len(X)))), shape=(k, len(X))
        )
        sums = np.asarray(members @ X)
        self.cluster_centers_ = normalize(sums)
        self.sizes_ = np.asarray(members.sum(axis=1)).ravel().astype(np.int64)
        own = sums[self.assigned_] - X
        self.similarity_ = np.einsum("ij,ij->i", normalize(own), X)
        others = X @ self.cluster_centers_.T
        others[np.arange(len(X)), self.assigned_] = -np.inf
        best_other = others.max(axis=1) if k > 1 else np.full(len(X), -np.inf)
        self.outlier_ = (self.similarity_ < self.min_similarity) & (
            best_other < self.min_similarity
        )
        self.labels_ = np.where(self.outlier_, -1, self.assigned_)
        return self

    def _assign(self, X: np.ndarray) -> np.ndarray:
        """Canonical cluster labels of ``X`` (unit rows): the partition alone, without the
        similarities and outliers of :meth:`fit` (all a resample needs)."""
        if not 2 <= self.n_clusters < len(X):
            raise ValueError(f"n_clusters must lie in 2…{len(X) - 1} for {len(X)} measures")
        raw = _partition(
            X, self.n_clusters, self.method, self.n_init, self.max_dense, self.random_state
        )
        return _canonical(raw)


def _adjusted_rand(labels_true: np.ndarray, labels_pred: np.ndarray) -> float:
    """scikit-learn's ``adjusted_rand_score`` of two labelings by cluster numbers (integers
    0 and up), with their contingency table counted by one ``bincount``: the same integer pair
    counts and the same formula, so the same float, without the validation and the sorting
    of labels that make scikit-learn's take 80 ms on 83,000 measures (55 calls in a scan).

    Example:
        >>> _adjusted_rand(np.array([0, 0, 1, 1]), np.array([0, 0, 1, 2]))
        0.5714285714285714
        >>> _adjusted_rand(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]))
        -0.5
        >>> _adjusted_rand(np.array([0, 0, 1]), np.array([1, 1, 0]))
        1.0
    """
    true = np.asarray(labels_true, dtype=np.int64)
    pred = np.asarray(labels_pred, dtype=np.int64)
    n = len(true)
    rows, width = (int(true.max()) + 1, int(pred.max()) + 1) if n else (1, 1)
    table = np.bincount(true * width + pred, minlength=rows * width).reshape(rows, width)
    n_c, n_k = table.sum(axis=1), table.sum(axis=0)
    sum_squares = int((table**2).sum())
    tp = sum_squares - n
    fp = int((table @ n_k).sum()) - sum_squares
    fn = int((n_c @ table).sum()) - sum_squares
    tn = n * n - fp - fn - sum_squares
    if fn == 0 and fp == 0:
        return 1.0
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


def _check_ks(ks: Iterable[int], n: int) -> list[int]:
    ks = sorted({int(k) for k in ks})
    bad = [k for k in ks if not 2 <= k < n]
    if not ks or bad:
        raise ValueError(f"every k must lie in 2…{n - 1} for {n} measures (got {bad or 'none'})")
    return ks


def _draws(X: np.ndarray, n_boot: int, random_state: int) -> Iterable[_Draw]:
    """Yield the ``n_boot`` resamples of the measures (drawn with replacement, the same ones
    for every k): the measures drawn once each (ascending), where each is first drawn, and
    the drawn rows at unit length, what a clusterer is fitted on."""
    rng = np.random.default_rng(random_state)
    for _ in range(n_boot):
        drawn = rng.integers(0, len(X), len(X))
        unique, first = np.unique(drawn, return_index=True)
        yield _Draw(unique, first, normalize(X[drawn]))


class _Draw(NamedTuple):
    unique: np.ndarray  #: the measures drawn, each once, ascending
    first: np.ndarray  #: the position of each one's first draw
    rows: np.ndarray  #: the drawn rows, normalized


def _bootstrap_partitions(
    X: np.ndarray, k: int, model: MeasureClusterer, n_boot: int, random_state: int
) -> Iterable[tuple[np.ndarray, np.ndarray]]:
    """Yield (drawn measures, their labels) for ``n_boot`` resamples of the measures."""
    for draw in _draws(X, n_boot, random_state):
        if len(draw.unique) > k:
            yield draw.unique, _resample_labels(model, k, draw)


def _resample_labels(model: MeasureClusterer, k: int, draw: _Draw) -> np.ndarray:
    """The labels ``model`` with ``k`` clusters gives the measures of one resample."""
    return clone(model).set_params(n_clusters=k)._assign(draw.rows)[draw.first]


def silhouette_scan(
    X: np.ndarray,
    ks: Iterable[int] = range(2, 9),
    *,
    method: str = "kmeans",
    n_boot: int = 50,
    sample_size: int = SILHOUETTE_SAMPLE,
    n_init: int = 10,
    random_state: int = 0,
) -> pd.DataFrame:
    """For each k: silhouette (cosine) and bootstrap stability (adjusted Rand index).

    One row per k in ``ks`` (every k must lie in 2…n−1): ``silhouette`` of the full-data
    clustering (on a sample of ``sample_size`` measures when there are more), and the
    adjusted Rand index between that clustering and clusterings of ``n_boot`` resamples of
    the measures (on the measures drawn): ``ari_mean``, ``ari_low`` and ``ari_high`` (the
    5th and 95th percentiles).

    Example:
        >>> rng = np.random.default_rng(0)
        >>> X = np.vstack([rng.normal(c, 0.1, (10, 3)) for c in np.eye(3)])
        >>> scan = silhouette_scan(X, range(2, 5), n_boot=5)
        >>> scan.k.tolist(), int(scan.set_index("k").silhouette.idxmax())
        ([2, 3, 4], 3)
    """
    X = normalize(np.asarray(X, dtype=np.float64))
    return _scan(X, ks, method, n_boot, sample_size, n_init, random_state)[0]


#: Resamples of one k: (measures drawn, their labels), as :func:`_bootstrap_partitions` yields.
Resamples = list[tuple[np.ndarray, np.ndarray]]


def _scan(
    X: np.ndarray,
    ks: Iterable[int],
    method: str,
    n_boot: int,
    sample_size: int,
    n_init: int,
    random_state: int,
    keep: int | None = None,
) -> tuple[pd.DataFrame, tuple[int, Resamples] | None]:
    """:func:`silhouette_scan` on unit rows ``X``, and the resamples of one k: ``keep``, or
    (``None``) the k :func:`cluster_measures` chooses, highest silhouette, the smaller on a
    tie. Its stability is then measured on the same resamples, not on a second draw of them.
    """
    ks = _check_ks(ks, len(X))
    models = {
        k: MeasureClusterer(k, method=method, n_init=n_init, random_state=random_state) for k in ks
    }
    unit_rows = normalize(X)
    labels = {k: models[k]._assign(unit_rows) for k in ks}  # what fit() assigns, no outliers
    size = sample_size if len(X) > sample_size else None
    silhouettes = {
        k: silhouette_score(
            X, labels[k], metric="cosine", sample_size=size, random_state=random_state
        )
        for k in ks
    }
    best = -np.inf
    kept_k = None
    for k in ks:  # the k whose resamples are kept: as the k loop of before chose it
        if k == keep or (keep is None and silhouettes[k] > best):
            kept_k, best = k, silhouettes[k]
    # each resample drawn once and clustered with every k (the same draws for each k)
    aris: dict[int, list[float]] = {k: [] for k in ks}
    resamples: Resamples = []
    for draw in _draws(X, n_boot, random_state):
        for k in ks:
            if len(draw.unique) <= k:
                continue
            boot = _resample_labels(models[k], k, draw)
            aris[k].append(_adjusted_rand(labels[k][draw.unique], boot))
            if k == kept_k:
                resamples.append((draw.unique, boot))
    rows = []
    for k in ks:
        low, high = np.percentile(aris[k], [5, 95]) if aris[k] else (np.nan, np.nan)
        rows.append(
            {
                "k": k,
                "silhouette": float(silhouettes[k]),
                "ari_mean": float(np.mean(aris[k])) if aris[k] else np.nan,
                "ari_low": float(low),
                "ari_high": float(high),
                "n_boot": len(aris[k]),
            }
        )
    kept = (kept_k, resamples) if kept_k is not None else None
    return pd.DataFrame(rows), kept


class Stability(NamedTuple):
    """Bootstrap stability of one clustering: per measure, per cluster, and overall."""

    by_measure: pd.DataFrame  #: coassignment (rate its cluster-mates stay with it), draws
    by_cluster: pd.DataFrame  #: cluster, size, jaccard (mean best Jaccard match, Hennig 2007)
    ari: np.ndarray  #: adjusted Rand index of every resample


def cluster_stability(
    X: np.ndarray,
    model: MeasureClusterer,
    *,
    n_boot: int = 100,
    random_state: int = 0,
) -> Stability:
    """Which clusters are real and which measures wander, by resampling the measures.

    ``model`` is a fitted :class:`MeasureClusterer` on ``X``. For each of ``n_boot``
    resamples (measures drawn with replacement) the clusterer is refitted; then, over the
    resamples that drew it, a measure's ``coassignment`` is the share of its cluster-mates
    (also drawn) that land in the same cluster as it (1 = always together; low = it wanders),
    and a cluster's ``jaccard`` is the mean Jaccard similarity of its best match among the
    resample's clusters (Hennig 2007: below 0.5 a cluster is not reproduced, above 0.75 it is
    stable). Memory is linear in the number of measures.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> X = np.vstack([rng.normal(c, 0.1, (10, 3)) for c in np.eye(3)])
        >>> model = MeasureClusterer(3).fit(X)
        >>> stability = cluster_stability(X, model, n_boot=10)
        >>> stability.by_cluster.jaccard.round(2).tolist()
        [1.0, 1.0, 1.0]
    """
    X = normalize(np.asarray(X, dtype=np.float64))
    k = int(model.assigned_.max()) + 1
    return _stability(model.assigned_, _bootstrap_partitions(X, k, model, n_boot, random_state))


def _stability(
    reference: np.ndarray, resamples: Iterable[tuple[np.ndarray, np.ndarray]]
) -> Stability:
    """:func:`cluster_stability` of the labels ``reference`` given the resamples' labels."""
    k = int(reference.max()) + 1
    n = len(reference)
    together, possible, draws = np.zeros(n), np.zeros(n), np.zeros(n, np.int64)
    jaccard_sum, jaccard_n = np.zeros(k), np.zeros(k)
    aris = []
    for drawn, boot in resamples:
        ref = reference[drawn]
        table = sparse.coo_matrix(
            (np.ones(len(drawn)), (ref, boot)), shape=(k, int(boot.max()) + 1)
        ).toarray()
        ref_sizes, boot_sizes = table.sum(axis=1), table.sum(axis=0)
        together[drawn] += table[ref, boot] - 1
        possible[drawn] += ref_sizes[ref] - 1
        draws[drawn] += 1
        present = ref_sizes > 0
        union = ref_sizes[:, None] + boot_sizes[None, :] - table
        jaccard_sum[present] += (table / np.maximum(union, 1)).max(axis=1)[present]
        jaccard_n[present] += 1
        aris.append(_adjusted_rand(ref, boot))
    with np.errstate(invalid="ignore", divide="ignore"):
        coassignment = np.where(possible > 0, together / possible, np.nan)
        jaccard = np.where(jaccard_n > 0, jaccard_sum / jaccard_n, np.nan)
    by_measure = pd.DataFrame({"cluster": reference, "coassignment": coassignment, "draws": draws})
    by_cluster = pd.DataFrame(
        {"cluster": np.arange(k), "size": np.bincount(reference, minlength=k), "jaccard": jaccard}
    )
    return Stability(by_measure, by_cluster, np.asarray(aris))


def measure_map(X: np.ndarray, *, method: str = "tsne", random_state: int = 0) -> np.ndarray:
    """Two coordinates per measure for a map (t-SNE with cosine distance, or two SVD axes).

    ``method="tsne"`` (default; perplexity scaled to the number of measures, PCA start, fixed
    ``random_state``) keeps neighbours together; ``method="svd"`` is a linear projection that
    is fast on any number of measures.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> measure_map(rng.normal(size=(12, 5))).shape
        (12, 2)
    """
    X = np.asarray(X, dtype=np.float64)
    if method == "svd" or len(X) < 5:
        coords = TruncatedSVD(2, random_state=random_state).fit_transform(X)
        return coords if coords.shape[1] == 2 else np.pad(coords, ((0, 0), (0, 1)))
    if method != "tsne":
        raise ValueError(f"unknown map method {method!r}: choose 'tsne' or 'svd'")
    perplexity = float(min(30.0, max(2.0, (len(X) - 1) / 3)))
    tsne = TSNE(2, perplexity=perplexity, metric="cosine", init="pca", random_state=random_state)
    with _threads_for(len(X)):
        return tsne.fit_transform(X)


def theme_agreement(clusters: Sequence[int], themes: Sequence[str]) -> float:
    """Adjusted mutual information between data-driven clusters and codebook themes.

    ``themes`` holds one theme per measure (e.g. its dominant theme in one framework, or
    ``"(none)"``); outliers (cluster −1) count as a cluster of their own. 0 = no more
    agreement than chance, 1 = the same partition.

    Example:
        >>> theme_agreement([0, 0, 1, 1], ["lön", "lön", "vfu", "vfu"])
        1.0
    """
    themes_, clusters_ = _sorted_codes(themes), _sorted_codes(clusters)
    if themes_ is None or clusters_ is None:
        return float(adjusted_mutual_info_score(list(themes), list(clusters)))
    return float(adjusted_mutual_info_score(themes_, clusters_))


def _sorted_codes(values: Sequence) -> np.ndarray | None:
    """Each value's rank among the distinct values (sorted), as ``np.unique``'s inverse gives
    it, so that a score sees the same partition in the same order; None with a missing value
    or values other than strings or integers.

    Numbering strings through pandas' hash table is far faster than sorting them as Python
    objects (what scikit-learn does with a list of strings).

    Example:
        >>> _sorted_codes(pd.Series(["vfu", "lön", "vfu"], dtype="str")).tolist()
        [1, 0, 1]
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    kind = pd.api.types
    if not (kind.is_string_dtype(series) or kind.is_integer_dtype(series)):
        return None  # (mixed or other values: the caller compares them as they are)
    codes, _ = pd.factorize(series, sort=True)
    return None if (codes < 0).any() else codes


class Topics(NamedTuple):
    """An NMF topic model of measures: top terms per topic and each measure's weights."""

    terms: pd.DataFrame  #: topic, terms (top terms, best first, "; "-joined)
    weights: np.ndarray  #: measures × topics (non-negative)
    model: NMF


def fit_topics(
    texts: Sequence[str],
    n_topics: int = 6,
    *,
    vectorizer: BaseEstimator | None = None,
    n_terms: int = 8,
    random_state: int = 0,
) -> Topics:
    """NMF topics on the TF-IDF of ``texts``: top terms per topic and every text's weights.

    Example:
        >>> texts = ["lön lönestrategi", "lön och lönestrategi", "lokaler paviljonger",
        ...          "lokaler och paviljonger"]
        >>> topics = fit_topics(texts, 2, n_terms=2)
        >>> sorted(topics.terms.terms)
        ['lokal; paviljong', 'lön; lön+strategi']
    """
    vectorizer = clone(vectorizer) if vectorizer else text_vectorizer()
    tfidf = vectorizer.fit_transform(list(texts))
    model = NMF(n_topics, init="nndsvda", max_iter=1000, random_state=random_state)
    weights = model.fit_transform(tfidf)
    names = np.asarray(vectorizer.get_feature_names_out())
    rows = []
    for topic, loading in enumerate(model.components_):
        order = np.lexsort((names, -loading))[:n_terms]
        rows.append({"topic": topic, "terms": "; ".join(names[order][loading[order] > 0])})
    return Topics(pd.DataFrame(rows), weights, model)


def topic_shares(units: pd.DataFrame, weights: np.ndarray, by: str = "plan_id") -> pd.DataFrame:
    """Each group's share of measures per topic (a measure counts for its strongest topic).

    Rows are groups (sorted), columns topics, values shares summing to 1 per row; measures
    with no topic weight at all are counted under column ``-1``.

    Example:
        >>> units = pd.DataFrame({"plan_id": ["a", "a", "b"]})
        >>> topic_shares(units, np.array([[1, 0], [0, 1], [0, 2]])).loc["a"].tolist()
        [0.5, 0.5]
    """
    weights = np.asarray(weights)
    top = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    table = pd.crosstab(units[by].to_numpy(), top, normalize="index")
    columns = ([-1] if (top < 0).any() else []) + list(range(weights.shape[1]))
    table = table.reindex(columns=columns, fill_value=0.0)
    table.index.name, table.columns.name = by, "topic"
    return table.sort_index()


def describe_clusters(
    units: pd.DataFrame,
    X: np.ndarray,
    model: MeasureClusterer,
    *,
    vectorizer: BaseEstimator | None = None,
    n_terms: int = 6,
    n_central: int = 3,
) -> pd.DataFrame:
    """One row per cluster: size, top terms, most central measures, municipalities.

    ``units`` are the clustered measures (rows in the order of ``X``). Top terms are each
    cluster's distinctive terms against the other clusters (:func:`plancompare.log_odds`,
    prior α0 × corpus share); central measures are the members closest (cosine) to the
    cluster's centre. Outliers (label −1) are left out of every cluster and listed in a
    last row with cluster −1 when there are any.

    Example:
        >>> units = pd.DataFrame({"unit_id": list("abcde"), "municipality": list("xxxyy"),
        ...                       "text": ["lön lön", "lön", "lön chef", "vfu", "vfu lärare"]})
        >>> X = np.array([[1, 0], [1, 0.1], [1, 0.2], [0, 1], [0.1, 1]])
        >>> table = describe_clusters(units, X, MeasureClusterer(2).fit(X), n_terms=1)
        >>> table[["cluster", "size", "top_terms", "central_ids"]].values.tolist()
        [[0, 3, 'lön', 'b; c; a'], [1, 2, 'vfu', 'd; e']]
    """
    frame = units.reset_index(drop=True).assign(_cluster=model.labels_.astype(str))
    counted = term_counts(frame, "_cluster", vectorizer=vectorizer)
    return _describe(frame, X, model, counted, n_terms, n_central)


def _describe(
    frame: pd.DataFrame,
    X: np.ndarray,
    model: MeasureClusterer,
    counted: tuple[sparse.csr_array, np.ndarray, np.ndarray],
    n_terms: int,
    n_central: int,
) -> pd.DataFrame:
    """:func:`describe_clusters` given the term counts per cluster label (as strings)."""
    X = normalize(np.asarray(X, dtype=np.float64))
    labels = model.labels_
    counts, groups, terms = counted
    shares = np.asarray(counts.sum(axis=0)).ravel() / max(counts.sum(), 1)
    top_terms: dict[int, str] = {}
    if len(groups) > 1:
        rows, cols, _, _, z = log_odds_sparse(counts, ALPHA0 * shares)
        for g in np.unique(rows):
            mine = rows == g
            order = np.lexsort((terms[cols[mine]], -z[mine]))[:n_terms]
            top_terms[int(groups[g])] = " · ".join(terms[cols[mine]][order])
    out = []
    for cluster in sorted(set(labels.tolist()), key=lambda c: (c < 0, c)):
        members = np.flatnonzero(labels == cluster)
        if cluster >= 0:
            closeness = np.round(X[members] @ model.cluster_centers_[cluster], 12)  # ties: order
            members = members[np.lexsort((members, -closeness))]
        central = members[:n_central]
        places = frame["municipality"].iloc[members].value_counts()
        out.append(
            {
                "cluster": int(cluster),
                "size": len(members),
                "top_terms": top_terms.get(int(cluster), ""),
                "central_ids": "; ".join(frame["unit_id"].iloc[central]),
                "central": " | ".join(frame["text"].iloc[central]),
                "municipalities": ", ".join(
                    f"{name} {n}" for name, n in sorted(places.items(), key=lambda p: (-p[1], p[0]))
                ),
            }
        )
    return pd.DataFrame(out)


def dominant_themes(units: pd.DataFrame, codes: pd.DataFrame, framework: str) -> pd.Series:
    """Each unit's theme in ``framework`` with the most hits (ties: alphabetical), or "(none)".

    Example:
        >>> codes = pd.DataFrame({"unit_id": ["a", "a", "a", "b"], "framework": "process",
        ...                       "theme": ["behalla", "attrahera", "attrahera", "behalla"]})
        >>> dominant_themes(pd.DataFrame({"unit_id": ["a", "b", "c"]}), codes, "process").tolist()
        ['attrahera', 'behalla', '(none)']
    """
    mine = codes.loc[codes["framework"] == framework, ["unit_id", "theme"]]
    counts = mine.groupby(["unit_id", "theme"]).size().rename("n").reset_index()
    counts = counts.sort_values(["unit_id", "n", "theme"], ascending=[True, False, True])
    best = counts.drop_duplicates("unit_id").set_index("unit_id")["theme"].astype("str")
    # with no unit coded, map() gives float NaNs, which a string cannot fill (pandas 4 raises)
    found = units["unit_id"].map(best).astype("str") if len(best) else None
    if found is None:
        return pd.Series("(none)", index=units.index, dtype="str", name=framework)
    return found.fillna("(none)").rename(framework)


class ClusterResult(NamedTuple):
    """Everything :func:`cluster_measures` found, as tables a notebook shows directly."""

    units: (
        pd.DataFrame
    )  #: one row per measure: cluster (−1 outlier), similarity, coassignment, x, y
    clusters: pd.DataFrame  #: one row per cluster (see :func:`describe_clusters`) with jaccard
    scan: pd.DataFrame  #: the silhouette scan with stability (see :func:`silhouette_scan`)
    stability: Stability  #: bootstrap stability of the chosen k
    agreement: pd.DataFrame  #: AMI between clusters and each theme framework (may be empty)
    space: MeasureSpace
    model: MeasureClusterer
    X: np.ndarray


UNIT_COLUMNS = ["unit_id", "plan_id", "municipality", "text"]


def cluster_measures(
    frame: pd.DataFrame,
    k: int | None = None,
    *,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
    method: str = "kmeans",
    ks: Iterable[int] = range(2, 11),
    codes: pd.DataFrame | None = None,
    join_themes: bool = False,
    theme_weight: float = 0.3,
    n_components: int = 20,
    min_similarity: float = 0.15,
    n_boot: int = 50,
    n_init: int = 10,
    map_method: str = "tsne",
    vectorizer: BaseEstimator | None = None,
    features: Features = None,
    random_state: int = 0,
) -> ClusterResult:
    """Cluster the measures of ``frame`` in one call: scan, choose k, label, judge, map.

    Selects units (:func:`plancompare.features.select_units`, leaf measures by default),
    embeds them (:class:`MeasureSpace`; with ``join_themes`` joined with their themes of
    :data:`~plancompare.compare.THEME_FRAMEWORKS` at ``theme_weight``), scans ``ks`` (clipped
    to 2…n−1) with :func:`silhouette_scan`, clusters with ``k`` (default: the k of highest
    silhouette), flags outliers, measures stability (:func:`cluster_stability`), describes
    the clusters (:func:`describe_clusters`), places measures on a map (:func:`measure_map`)
    and reports the adjusted mutual information between clusters and each framework of
    :data:`AGREEMENT_FRAMEWORKS` (each measure's dominant theme). ``units`` carries the
    on-topic flag of theme coding so that outliers can be read next to it. ``codes`` is
    :func:`plancompare.code_themes`' table (coded here when not given). ``features``
    (:func:`plancompare.compare.unit_features` of the same selection, or several such as
    :func:`plancompare.compare.shared_features` gives) spares fitting the vectorizer again:
    the same result.

    Example:
        >>> from plancompare import load
        >>> result = cluster_measures(load(), 4, n_boot=5, map_method="svd")
        >>> int(result.units.cluster.max()), int(result.scan.k.min()), len(result.units)
        (3, 2, 45)
    """
    codes = codes if codes is not None else code_themes(frame)
    units = select_units(frame, kinds, level)
    table = units[UNIT_COLUMNS].reset_index(drop=True)
    table["on_topic"] = on_topic(units, codes=codes).to_numpy(dtype=bool)
    fit_input: object = table["text"]
    if join_themes:
        matrix = theme_columns(frame, units, codes).astype(float).reset_index(drop=True)
        fit_input = pd.concat([table[["text"]], matrix], axis=1)
    space = MeasureSpace(
        vectorizer, n_components=n_components, theme_weight=theme_weight, random_state=random_state
    )
    # the measures' term counts, once: for the fit, their place in the space and the clusters' terms
    features = matching_features(features, units)
    if features is None:
        counts = space.fit_counts(fit_input)
    else:  # fitted once by the caller on these measures (checked): the same counts and space
        if vectorizer is not None:
            raise ValueError("give vectorizer or features (fitted with a vectorizer), not both")
        features.check(units)
        space.fit_features(features, fit_input)
        counts = features.counts
    X = space.transform_counts(counts, fit_input)
    ks = [k_ for k_ in ks if 2 <= k_ < len(table)]
    unit_rows = normalize(np.asarray(X, dtype=np.float64))
    scan, kept = _scan(
        unit_rows, ks, method, n_boot, SILHOUETTE_SAMPLE, n_init, random_state, keep=k
    )
    if k is None:
        k = int(scan.sort_values(["silhouette", "k"], ascending=[False, True]).k.iloc[0])
    model = MeasureClusterer(
        k, method=method, min_similarity=min_similarity, n_init=n_init, random_state=random_state
    ).fit(X)
    if kept is not None and kept[0] == k == int(model.assigned_.max()) + 1:
        # the scan drew these resamples of this k with the same seed and clusterer settings
        stability = _stability(model.assigned_, kept[1])
    else:
        stability = cluster_stability(X, model, n_boot=n_boot, random_state=random_state)
    coords = measure_map(X, method=map_method, random_state=random_state)
    table = table.assign(
        cluster=model.labels_,
        assigned=model.assigned_,
        outlier=model.outlier_,
        similarity=model.similarity_,
        coassignment=stability.by_measure.coassignment.to_numpy(),
        x=coords[:, 0],
        y=coords[:, 1],
    )
    # the space's vectorizer was fitted on these very texts: count with it, not a second fit
    counted = fitted_term_counts(
        space.vectorizer_, table["text"].tolist(), model.labels_.astype(str).tolist(), docs=counts
    )
    clusters = _describe(table, X, model, counted, n_terms=6, n_central=3)
    clusters = clusters.merge(stability.by_cluster[["cluster", "jaccard"]], "left", on="cluster")
    present = set(codes["framework"].unique())
    frameworks = [f for f in AGREEMENT_FRAMEWORKS if f in present]
    columns = ["unit_id", "framework", "theme"]  # what dominant_themes reads of the measures'
    mine = codes.loc[isin_strings(codes["unit_id"], table["unit_id"].unique()), columns]
    agreement = pd.DataFrame(
        {
            "framework": frameworks,
            "ami": [
                theme_agreement(model.labels_, dominant_themes(table, mine, f)) for f in frameworks
            ],
        }
    )
    return ClusterResult(table, clusters, scan, stability, agreement, space, model, X)
