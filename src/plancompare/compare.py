"""Comparing plans and municipalities: distinctive terms, similarity, gaps, anatomy.

Distinctive terms are the log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", *Political Analysis* 16(4), eqs. 16–22:
each group against all other groups pooled, with a z-score, so that a word every plan uses
is not distinctive and a word one plan uses a little is not over-read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform
from sklearn.base import BaseEstimator, clone
from sklearn.preprocessing import normalize

from .features import select_units, text_vectorizer
from .summary import isin_strings
from .themes import NO_STAGE, STAGE, code_themes, on_topic, stage_profile, theme_matrix
from .themes.coding import resolve_codebook

#: The codebook frameworks that describe what a measure is about (not whether it is on topic,
#: nor its stage): used for theme profiles and shared themes.
THEME_FRAMEWORKS = ("plan_themes", "process")

#: Default prior strength α0 (pseudo-words spread over the vocabulary by corpus share).
ALPHA0 = 500.0

LOG_ODDS_COLUMNS = ["group", "term", "count", "delta", "z"]


def _log_odds_entries(
    y: np.ndarray,
    group_total: np.ndarray,
    term_total: np.ndarray,
    alpha: np.ndarray,
    total: float,
    alpha0: float,
) -> tuple[np.ndarray, np.ndarray]:
    """δ and z for entries with count ``y``, group total ``n_i``, term total ``y_w`` and ``α_w``.

    One group ``i`` against the rest ``j`` (all other groups pooled)::

        δ = log((y_i + α_w) / (n_i + α0 − y_i − α_w)) − log((y_j + α_w) / (n_j + α0 − y_j − α_w))
        σ² ≈ 1 / (y_i + α_w) + 1 / (y_j + α_w)          z = δ / σ

    Example:
        >>> d, z = _log_odds_entries(np.array([1.0]), np.array([2.0]), np.array([2.0]),
        ...                          np.array([1.0]), 4.0, 2.0)
        >>> float(d[0]), float(z[0])
        (0.0, 0.0)
    """
    y_rest = term_total - y
    n_rest = total - group_total
    delta = np.log(y + alpha) - np.log(group_total + alpha0 - y - alpha)
    delta -= np.log(y_rest + alpha) - np.log(n_rest + alpha0 - y_rest - alpha)
    variance = 1.0 / (y + alpha) + 1.0 / (y_rest + alpha)
    return delta, delta / np.sqrt(variance)


def log_odds_sparse(
    counts: sparse.spmatrix | np.ndarray,
    alpha: np.ndarray,
    *,
    observed_only: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Log-odds of every group against the rest, on a (groups × terms) count matrix.

    Vectorised over all entries at once; with ``observed_only`` only the stored non-zero
    counts are scored, so memory grows with the non-zeros, not with groups × terms.
    Returns ``(group_index, term_index, count, delta, z)`` as arrays, sorted by group then term.

    Example:
        >>> g, w, y, d, z = log_odds_sparse(np.array([[2, 0], [0, 2]]), np.array([1.0, 1.0]))
        >>> g.tolist(), w.tolist(), [round(float(v), 4) for v in d]
        ([0, 1], [0, 1], [2.1972, 2.1972])
        >>> round(float(np.log(9)), 4)  # log(3/1) − log(1/3)
        2.1972
    """
    matrix = sparse.csr_array(counts, dtype=np.float64)
    alpha = np.asarray(alpha, dtype=np.float64)
    if matrix.shape[1] != alpha.shape[0]:
        raise ValueError(f"{matrix.shape[1]} terms in the counts but {alpha.shape[0]} in the prior")
    if matrix.shape[0] < 2:
        raise ValueError("log-odds compares a group with the rest: need at least two groups")
    if (alpha <= 0).any() or not np.isfinite(alpha).all():
        raise ValueError("every prior α_w must be a positive finite number")
    if matrix.nnz and (matrix.data < 0).any():
        raise ValueError("counts must be non-negative")
    group_total = np.asarray(matrix.sum(axis=1)).ravel()
    term_total = np.asarray(matrix.sum(axis=0)).ravel()
    if observed_only:
        coo = matrix.tocoo()
        coo.sum_duplicates()
        keep = coo.data > 0
        rows, cols, y = coo.row[keep], coo.col[keep], coo.data[keep]
        order = np.lexsort((cols, rows))
        rows, cols, y = rows[order], cols[order], y[order]
    else:
        n_groups, n_terms = matrix.shape
        rows = np.repeat(np.arange(n_groups), n_terms)
        cols = np.tile(np.arange(n_terms), n_groups)
        y = matrix.toarray().ravel()
    delta, z = _log_odds_entries(
        y,
        group_total[rows],
        term_total[cols],
        alpha[cols],
        float(group_total.sum()),
        float(alpha.sum()),
    )
    return rows.astype(np.int64), cols.astype(np.int64), y, delta, z


def log_odds(
    counts: pd.DataFrame, prior: pd.Series, *, observed_only: bool = False
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior, each group against the rest.

    Monroe, Colaresi & Quinn (2008), eqs. 16–22. ``counts`` has one row per group and one
    column per term (non-negative integer counts; sparse columns are fine); ``prior`` holds
    α_w for the same terms (all positive; α0 is their sum). For group *i* and term *w*, with
    *j* all other groups pooled, ``delta`` is
    log((y_i+α_w)/(n_i+α0−y_i−α_w)) − log((y_j+α_w)/(n_j+α0−y_j−α_w)), its variance is
    approximately 1/(y_i+α_w) + 1/(y_j+α_w), and ``z = delta / sqrt(variance)``.

    Returns one row per (group, term) with ``group, term, count, delta, z``, in the order of
    ``counts``' index and columns; with ``observed_only`` only the rows with ``count > 0``.

    Example:
        >>> counts = pd.DataFrame({"lön": [3, 1], "vfu": [0, 4]}, index=["A", "B"])
        >>> prior = pd.Series({"lön": 1.0, "vfu": 1.0})
        >>> table = log_odds(counts, prior)
        >>> table[["group", "term", "count"]].values.tolist()[:2]
        [['A', 'lön', 3], ['A', 'vfu', 0]]
        >>> bool(table.z.iloc[0] > 0 > table.z.iloc[1])
        True
    """
    if not counts.columns.is_unique or not counts.index.is_unique:
        raise ValueError("counts needs unique group labels and unique terms")
    missing = counts.columns.difference(prior.index)
    if len(missing):
        raise ValueError(f"no prior for {len(missing)} terms, e.g. {missing[0]!r}")
    alpha = prior.reindex(counts.columns).to_numpy(dtype=np.float64)
    if all(isinstance(dtype, pd.SparseDtype) for dtype in counts.dtypes) and len(counts.columns):
        matrix = sparse.csr_array(counts.sparse.to_coo())
    else:
        values = counts.to_numpy(dtype=np.float64)
        if not np.isfinite(values).all() or (values != np.round(values)).any():
            raise ValueError("counts must be whole numbers")
        matrix = sparse.csr_array(values)
    rows, cols, y, delta, z = log_odds_sparse(matrix, alpha, observed_only=observed_only)
    return pd.DataFrame(
        {
            "group": counts.index.to_numpy()[rows],
            "term": counts.columns.to_numpy()[cols],
            "count": y.astype(np.int64),
            "delta": delta,
            "z": z,
        },
        columns=LOG_ODDS_COLUMNS,
    )


class UnitFeatures(NamedTuple):
    """A vectorizer fitted once on some units, with their term counts and TF-IDF rows.

    Built by :func:`unit_features`; :func:`distinctive_terms`, :func:`plan_similarity`,
    :func:`gaps`, :func:`all_gaps` and :func:`plancompare.clusters.cluster_measures` take it as
    ``features=`` and use it instead of fitting the vectorizer again on the same units, with
    the same results. It is keyed by the units it was fitted on: a function whose selection
    of units (kinds, level, on-topic filter, frame) differs raises ``ValueError`` rather than
    reuse a matrix of other units.
    """

    unit_ids: tuple[str, ...]  #: the units' ids, in the order of the rows
    texts: tuple[str, ...]  #: their texts, as fitted
    vectorizer: BaseEstimator  #: fitted on ``texts``
    counts: sparse.csr_matrix  #: raw term counts (the vectorizer's ``count_matrix``)
    tfidf: sparse.csr_matrix  #: TF-IDF rows (the vectorizer's ``fit_transform``)

    def check(self, units: pd.DataFrame) -> None:
        """Raise ``ValueError`` unless ``units`` are the units these features were fitted on.

        Example:
            >>> units = pd.DataFrame({"unit_id": ["a", "b"], "text": ["Lönerna", "VFU"]})
            >>> features = unit_features(units)
            >>> features.check(units)
            >>> features.check(units.iloc[:1])  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            ValueError: features were fitted on other units (2 units, not these 1): ...
        """
        # tolist(): an Arrow column converted at once, not read element by element
        same = len(units) == len(self.unit_ids)
        same = same and tuple(units["unit_id"].astype(str).tolist()) == self.unit_ids
        if not (same and tuple(units["text"].astype(str).tolist()) == self.texts):
            raise ValueError(
                f"features were fitted on other units ({len(self.unit_ids)} units, not these "
                f"{len(units)}): build them with unit_features() on this selection"
            )


def unit_features(units: pd.DataFrame, *, vectorizer: BaseEstimator | None = None) -> UnitFeatures:
    """Fit the vectorizer once on ``units`` (a ``unit_id`` and a ``text`` column): the
    :class:`UnitFeatures` that the comparison and clustering functions share as ``features=``.

    ``vectorizer`` defaults to :func:`plancompare.features.text_vectorizer` (cloned, so the
    one given is not fitted). Select the units as the functions do, e.g.
    ``unit_features(select_units(frame))`` for their default leaf measures.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> features = unit_features(select_units(frame))
        >>> table = distinctive_terms(frame, top=3, features=features)
        >>> table.equals(distinctive_terms(frame, top=3))
        True
    """
    vectorizer = clone(vectorizer) if vectorizer is not None else text_vectorizer()
    texts = tuple(units["text"].astype(str).tolist())
    tfidf, counts = vectorizer.fit_transform_counts(list(texts))  # the texts read once
    ids = tuple(units["unit_id"].astype(str).tolist())
    return UnitFeatures(ids, texts, vectorizer, counts, tfidf)


#: ``features=`` of the comparison and clustering functions: one :class:`UnitFeatures`
#: (fitted on the function's units, else ``ValueError``), or several, e.g.
#: :func:`shared_features`' (the one fitted on the function's units is used, and with none
#: the vectorizer is fitted there), or ``None`` (fitted there).
Features = UnitFeatures | Sequence[UnitFeatures] | None


def matching_features(features: Features, units: pd.DataFrame) -> UnitFeatures | None:
    """The features to use for ``units``: ``features`` itself when it is one
    :class:`UnitFeatures` (checked later), else the one of several fitted on exactly these
    units (ids and texts, in order), or ``None`` (none is: fit on them).

    Example:
        >>> units = pd.DataFrame({"unit_id": ["a", "b", "c"], "text": ["Lön", "VFU", "Lön"]})
        >>> both = (unit_features(units), unit_features(units.iloc[:2]))
        >>> matching_features(both, units.iloc[:2]) is both[1]
        True
        >>> matching_features(both, units.iloc[1:]) is None
        True
    """
    if features is None or isinstance(features, UnitFeatures):
        return features
    for candidate in features:
        if len(candidate.unit_ids) == len(units):
            try:
                candidate.check(units)
            except ValueError:
                continue
            return candidate
    return None


def shared_features(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    *,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
    include_off_topic: bool = False,
) -> tuple[UnitFeatures, ...]:
    """The vectorizer fitted once on each selection of units that the comparison functions
    and :func:`plancompare.findings.key_findings` use with these settings: the selected
    units (:func:`plan_similarity`, :func:`distinctive_terms`, the clustering) and, unless
    ``include_off_topic``, their on-topic part (:func:`all_gaps`; ``codes`` from
    :func:`plancompare.code_themes`, coded here when not given). Pass the tuple as
    ``features=``: each function takes the fit made on its own units, with the same results
    as fitting there. A selection of fewer than two units is left out (the function then
    does as it does without features).

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> features = shared_features(frame)
        >>> [len(f.unit_ids) for f in features]
        [45, 30]
        >>> all_gaps(frame, features=features).equals(all_gaps(frame))
        True
    """
    units = select_units(frame, kinds, level)
    selections = [units]
    if not include_off_topic:
        codes = codes if codes is not None else code_themes(frame)
        selections.append(units[on_topic(units, codes=codes).to_numpy()])
    return tuple(unit_features(chosen) for chosen in selections if len(chosen) >= 2)


def _fitted(
    units: pd.DataFrame, vectorizer: BaseEstimator | None, features: Features
) -> UnitFeatures:
    """``features`` checked against ``units``, or fitted on them here (``vectorizer``)."""
    features = matching_features(features, units)
    if features is None:
        return unit_features(units, vectorizer=vectorizer)
    if vectorizer is not None:
        raise ValueError("give vectorizer or features (fitted with a vectorizer), not both")
    features.check(units)
    return features


def _group_matrix(labels: Sequence[str]) -> tuple[sparse.csr_array, np.ndarray]:
    """A (groups × units) indicator matrix and the sorted group names."""
    names, codes = np.unique(np.asarray(labels, dtype=object), return_inverse=True)
    matrix = sparse.csr_array(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(names), len(codes))
    )
    return matrix, names


def term_counts(
    units: pd.DataFrame,
    by: str = "municipality",
    *,
    vectorizer: BaseEstimator | None = None,
    features: Features = None,
) -> tuple[sparse.csr_array, np.ndarray, np.ndarray]:
    """Sparse (groups × terms) counts of the units' text: ``(counts, groups, terms)``.

    Terms are read by ``vectorizer`` (default: :func:`plancompare.features.text_vectorizer`,
    fitted here on these units; character n-grams are not terms and are left out), or taken
    from ``features`` (:func:`unit_features` of these very units). Groups and terms are sorted.

    Example:
        >>> units = pd.DataFrame({"municipality": ["B", "A"], "text": ["Lönerna", "VFU"]})
        >>> counts, groups, terms = term_counts(units)
        >>> counts.toarray().tolist(), groups.tolist(), terms.tolist()
        ([[0, 1], [1, 0]], ['A', 'B'], ['lön', 'vfu'])
    """
    if features is not None and "unit_id" in units:
        features = matching_features(features, units)
    if features is None and "unit_id" not in units:  # texts without ids: nothing to share
        vectorizer = clone(vectorizer) if vectorizer is not None else text_vectorizer()
        texts = units["text"].astype(str).tolist()
        _, docs = vectorizer.fit_transform_counts(texts)  # fitted and counted, texts read once
        return fitted_term_counts(vectorizer, texts, units[by].tolist(), docs=docs)
    fitted = _fitted(units, vectorizer, features)
    labels = units[by].tolist()
    return fitted_term_counts(fitted.vectorizer, fitted.texts, labels, docs=fitted.counts)


def fitted_term_counts(
    vectorizer: BaseEstimator,
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    docs: sparse.spmatrix | None = None,
) -> tuple[sparse.csr_array, np.ndarray, np.ndarray]:
    """:func:`term_counts` with a vectorizer already fitted (on ``texts``, or other texts).

    ``labels`` holds each text's group. Lets a caller that has fitted the vectorizer for
    another purpose on the same texts count terms without fitting it again; ``docs``, the
    vectorizer's ``count_matrix(texts)`` when the caller has it already, without counting
    again.

    Example:
        >>> vectorizer = text_vectorizer().fit(["Lönerna", "VFU"])
        >>> counts, groups, terms = fitted_term_counts(vectorizer, ["Lönerna", "VFU"], ["B", "A"])
        >>> counts.toarray().tolist(), groups.tolist(), terms.tolist()
        ([[0, 1], [1, 0]], ['A', 'B'], ['lön', 'vfu'])
    """
    docs = vectorizer.count_matrix(list(texts)) if docs is None else docs
    names = np.asarray(vectorizer.get_feature_names_out(), dtype=object)
    words = np.flatnonzero([not str(n).startswith("~") for n in names])
    groups, names_of_groups = _group_matrix(labels)
    counts = sparse.csr_array(groups @ docs[:, words]).astype(np.int64)
    return counts, names_of_groups, names[words]


def distinctive_terms(
    frame: pd.DataFrame,
    by: str = "municipality",
    *,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
    alpha0: float = ALPHA0,
    top: int | None = 10,
    vectorizer: BaseEstimator | None = None,
    features: Features = None,
) -> pd.DataFrame:
    """The terms that set each group's units apart from all other groups' (log-odds, z-scores).

    Counts the terms of the selected units (:func:`plancompare.features.select_units`) per
    group ``by``, sets the informative prior α_w = ``alpha0`` × the term's share of the
    corpus, and scores each group against the rest pooled with :func:`log_odds`. Returns
    the ``top`` terms of each group by z (all terms the group uses with ``top=None``):
    ``group, term, count, delta, z, rank``, groups sorted, best first. Only terms a group
    uses are candidates, so every distinctive term occurs in that group's text.
    Vectorised on sparse counts: memory grows with the non-zero counts. ``features``
    (:func:`unit_features` of the same selection) spares fitting the vectorizer again.

    Example:
        >>> from plancompare import load
        >>> table = distinctive_terms(load(), top=3)
        >>> table.groupby("group").size().tolist()
        [3, 3, 3, 3]
    """
    units = select_units(frame, kinds, level)
    counts, groups, terms = term_counts(units, by, vectorizer=vectorizer, features=features)
    shares = np.asarray(counts.sum(axis=0)).ravel() / max(counts.sum(), 1)
    rows, cols, y, delta, z = log_odds_sparse(counts, alpha0 * shares, observed_only=True)
    table = pd.DataFrame(
        {
            "group": groups[rows],
            "term": terms[cols],
            "count": y.astype(np.int64),
            "delta": delta,
            "z": z,
        }
    )
    table = table.sort_values(["group", "z", "term"], ascending=[True, False, True])
    table["rank"] = table.groupby("group").cumcount() + 1
    if top is not None:
        table = table[table["rank"] <= top]
    return table.reset_index(drop=True)


def term_units(
    frame: pd.DataFrame,
    terms: pd.DataFrame,
    by: str = "municipality",
    *,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
    vectorizer: BaseEstimator | None = None,
    features: Features = None,
) -> pd.DataFrame:
    """The units behind each distinctive term: one row per (group, term, unit using it).

    ``terms`` is a :func:`distinctive_terms` table made with the same ``by``, ``kinds``,
    ``level`` and vectorizer; each of its rows is traced to the selected units of its group
    whose text the vectorizer reads the term in: ``group, term, unit_id, uses, text`` (the
    term's uses in that unit). A group's ``uses`` sum to the table's ``count``, so a reader can
    follow a term's count to its sentences (:func:`plancompare.links.count_table` links them).
    Sorted by group, then the table's order of terms, then unit id.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> terms = distinctive_terms(frame, top=2)
        >>> behind = term_units(frame, terms)
        >>> uses = behind[(behind.group == "Malmö") & (behind.term == "förvaltning")].uses
        >>> len(uses), int(uses.sum())  # eight measures, one of them using it twice
        (8, 9)
    """
    columns = ["group", "term", "unit_id", "uses", "text"]
    units = select_units(frame, kinds, level)
    if not len(terms) or len(units) < 1:
        return pd.DataFrame({c: pd.Series(dtype=int if c == "uses" else str) for c in columns})
    fitted = _fitted(units, vectorizer, features)
    names = np.asarray(fitted.vectorizer.get_feature_names_out(), dtype=object)
    column_of = {str(name): i for i, name in enumerate(names)}
    missing = sorted(set(terms["term"].astype(str)) - column_of.keys())
    if missing:
        raise ValueError(f"terms the vectorizer does not read in these units: {missing[:5]}")
    counts = sparse.csc_matrix(fitted.counts)
    labels = units[by].astype(str).to_numpy()
    ids = np.asarray(fitted.unit_ids, dtype=object)
    texts = np.asarray(fitted.texts, dtype=object)
    parts = []
    for group, term in zip(terms["group"].astype(str), terms["term"].astype(str), strict=True):
        column = counts[:, column_of[term]]
        rows, uses = column.indices, column.data
        mine = labels[rows] == group
        rows, uses = rows[mine], uses[mine]
        order = np.argsort(ids[rows], kind="stable")
        parts.append(
            pd.DataFrame(
                {
                    "group": group,
                    "term": term,
                    "unit_id": ids[rows][order].astype(str),
                    "uses": uses[order].astype(np.int64),
                    "text": texts[rows][order].astype(str),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[columns]


def _unit_vectors(
    units: pd.DataFrame, vectorizer: BaseEstimator | None, features: Features
) -> sparse.csr_array:
    """Unit-length TF-IDF rows of the units' texts (the corpus they are compared in)."""
    features = matching_features(features, units)
    if features is None:  # fitted here: the TF-IDF rows only, no counts
        vectorizer = clone(vectorizer) if vectorizer is not None else text_vectorizer()
        return sparse.csr_array(normalize(vectorizer.fit_transform(units["text"].astype(str))))
    return sparse.csr_array(normalize(_fitted(units, vectorizer, features).tfidf))


def _cosine_table(profiles: sparse.csr_array | np.ndarray, names: Sequence[str]) -> pd.DataFrame:
    """Cosine similarity between the rows of ``profiles`` (a small groups × groups table)."""
    unit = normalize(profiles)
    sims = unit @ unit.T
    sims = sims.toarray() if sparse.issparse(sims) else np.asarray(sims)
    table = pd.DataFrame(np.clip(sims, 0.0, 1.0), index=list(names), columns=list(names))
    table.index.name = table.columns.name = None
    return table


def plan_similarity(
    frame: pd.DataFrame,
    by: str = "plan_id",
    *,
    basis: str = "text",
    codes: pd.DataFrame | None = None,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
    vectorizer: BaseEstimator | None = None,
    features: Features = None,
) -> pd.DataFrame:
    """Groups × groups cosine similarity of their measures (``basis="text"`` or ``"themes"``).

    ``text``: each group's profile is the mean of its measures' unit-length TF-IDF vectors
    (one vocabulary for the corpus), so a plan with many measures does not outweigh one with
    few. ``themes``: each group's profile is the share of its measures coded with each theme
    of :data:`THEME_FRAMEWORKS` (from ``codes``, :func:`plancompare.code_themes`' table,
    coded here when not given). Rows and columns sorted. ``features``: as in
    :func:`distinctive_terms`.

    Example:
        >>> from plancompare import load
        >>> sims = plan_similarity(load(), by="municipality")
        >>> sims.shape, float(sims.loc["Malmö", "Malmö"].round(6))
        ((4, 4), 1.0)
    """
    units = select_units(frame, kinds, level)
    groups, names = _group_matrix(units[by].tolist())
    sizes = np.asarray(groups.sum(axis=1)).ravel()
    if basis == "text":
        vectors = _unit_vectors(units, vectorizer, features)
    elif basis == "themes":
        matrix = theme_columns(frame, units, codes).to_numpy(dtype=np.float64)
        vectors = sparse.csr_array((matrix > 0).astype(np.float64))
    else:
        raise ValueError(f"unknown basis {basis!r}: choose 'text' or 'themes'")
    profiles = sparse.diags_array(1.0 / sizes) @ (groups @ vectors)
    return _cosine_table(profiles, names)


def similarity_linkage(similarity: pd.DataFrame, method: str = "average") -> np.ndarray:
    """A hierarchical clustering (scipy linkage) of a similarity table, for a dendrogram.

    Distances are ``1 − similarity``; ``method`` as in :func:`scipy.cluster.hierarchy.linkage`.

    Example:
        >>> sims = pd.DataFrame([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]], list("abc"), list("abc"))
        >>> similarity_linkage(sims)[0, :3].tolist()  # a and b join first, at distance 0.1
        [0.0, 1.0, 0.09999999999999998]
    """
    distance = 1.0 - similarity.to_numpy(dtype=np.float64)
    distance = np.clip((distance + distance.T) / 2.0, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    return hierarchy.linkage(squareform(distance, checks=False), method=method)


def theme_columns(
    frame: pd.DataFrame, units: pd.DataFrame, codes: pd.DataFrame | None
) -> pd.DataFrame:
    """Unit × theme booleans (themes of :data:`THEME_FRAMEWORKS`) for ``units``, in order.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> measures = select_units(frame)
        >>> matrix = theme_columns(frame, measures, None)
        >>> len(matrix) == len(measures), "lon" in matrix.columns
        (True, True)
    """
    codes = codes if codes is not None else code_themes(frame)
    parts = [theme_matrix(units, codes, framework=name) for name in THEME_FRAMEWORKS]
    return pd.concat(parts, axis=1)


def _theme_sets(codes: pd.DataFrame, unit_ids: Sequence[str]) -> dict[str, frozenset]:
    """Each unit's set of themes of :data:`THEME_FRAMEWORKS`, from a coding table."""
    wanted = codes.loc[codes["framework"].isin(THEME_FRAMEWORKS), ["unit_id", "theme"]]
    wanted = wanted[isin_strings(wanted["unit_id"], set(unit_ids))]
    sets: dict[str, set] = {}
    for uid, theme in zip(
        wanted["unit_id"].to_numpy(object), wanted["theme"].to_numpy(object), strict=True
    ):
        sets.setdefault(uid, set()).add(theme)
    return {uid: frozenset(themes) for uid, themes in sets.items()}


def _nearest(
    rows: sparse.csr_array, candidates: sparse.csr_array, block: int = 4_000_000
) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the index of its most similar candidate (dot product) and the similarity.

    Works in blocks of rows so that no more than ``block`` similarities are held at once:
    memory stays linear in the number of measures however large both sides are. Ties go to
    the first candidate.

    Example:
        >>> a = sparse.csr_array(np.array([[1.0, 0.0], [0.6, 0.8]]))
        >>> idx, sim = _nearest(a, a)
        >>> idx.tolist(), sim.round(2).tolist()
        ([0, 1], [1.0, 1.0])
    """
    step = max(1, block // max(candidates.shape[0], 1))
    transposed = candidates.T.tocsc()
    best = np.zeros(rows.shape[0], dtype=np.int64)
    best_sim = np.zeros(rows.shape[0])
    for start in range(0, rows.shape[0], step):
        sims = (rows[start : start + step] @ transposed).toarray()
        best[start : start + step] = sims.argmax(axis=1)
        best_sim[start : start + step] = sims.max(axis=1)
    return best, best_sim


GAP_COLUMNS = [
    "unit_id",
    "text",
    "other",
    "nearest_id",
    "nearest_text",
    "similarity",
    "shared_themes",
    "counterpart",
    "unique",
]


def gaps(
    frame: pd.DataFrame,
    a: str,
    b: str | Sequence[str] | None = None,
    *,
    by: str = "municipality",
    threshold: float = 0.2,
    codes: pd.DataFrame | None = None,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
    vectorizer: BaseEstimator | None = None,
    features: Features = None,
) -> pd.DataFrame:
    """For each measure of ``a``: its nearest measure in every other group, and what is unique.

    "What does Malmö do that Östersund does not?" is ``gaps(frame, "Malmö", "Östersund")``.
    Measures are compared by the cosine of their TF-IDF vectors (one vocabulary for the
    corpus). One row per (measure of ``a``, other group): the nearest measure there
    (``nearest_id``, ``nearest_text``), its ``similarity``, the themes the two share
    (``shared_themes``: themes of :data:`THEME_FRAMEWORKS` from ``codes``, coded when absent),
    ``counterpart`` (similarity ≥ ``threshold``) and ``unique`` (no counterpart in any group
    compared). ``b`` names the groups to compare with (default: every other group; naming
    ``a`` itself finds each measure itself, at similarity 1). Work is one sparse product per
    group, so memory stays linear in the number of measures. ``features``: as in
    :func:`distinctive_terms`.

    Example:
        >>> from plancompare import load
        >>> table = gaps(load(), "Malmö", "Östersund")
        >>> len(table), table.other.unique().tolist()
        (12, ['Östersund'])
    """
    units = select_units(frame, kinds, level).reset_index(drop=True)
    labels = units[by].to_numpy()
    if not (labels == a).any():
        raise ValueError(f"no {by} {a!r} among the selected units")
    if b is None:
        others = sorted(set(labels) - {a})
    else:
        others = [b] if isinstance(b, str) else list(b)
        missing = [g for g in others if not (labels == g).any()]
        if missing:
            raise ValueError(f"no {by} {missing[0]!r} among the selected units")
    vectors = _unit_vectors(units, vectorizer, features)
    codes = codes if codes is not None else code_themes(frame)
    theme_sets = _theme_sets(codes, units["unit_id"].tolist())
    return _gap_table(units, vectors, labels, a, others, theme_sets, threshold)


def _members(labels: np.ndarray) -> dict[object, np.ndarray]:
    """Each label's positions in ``labels``, ascending; labels in order of first appearance.

    One sort instead of a scan of ``labels`` per label.

    Example:
        >>> {k: v.tolist() for k, v in _members(np.array(["b", "a", "b"], dtype=object)).items()}
        {'b': [0, 2], 'a': [1]}
    """
    codes, names = pd.factorize(labels)  # a missing label has code -1 and no entry
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes[codes >= 0], minlength=len(names))
    groups = np.split(order[len(codes) - counts.sum() :], np.cumsum(counts)[:-1])
    return dict(zip(list(names), groups, strict=True))


def _gap_table(
    units: pd.DataFrame,
    vectors: sparse.csr_array,
    labels: np.ndarray,
    a: str,
    others: Sequence[str],
    theme_sets: dict[str, frozenset],
    threshold: float,
) -> pd.DataFrame:
    """The rows of :func:`gaps` for group ``a`` against ``others`` (vectors already made)."""
    members = _members(labels)
    mine = members.get(a, np.zeros(0, dtype=np.int64))
    ids, texts = units["unit_id"].to_numpy(), units["text"].to_numpy()  # converted once
    rows = vectors[mine]
    nearest_of, similarity_of = [], []  # per other group: positions of the nearest, similarity
    for other in others:
        theirs = members.get(other, np.zeros(0, dtype=np.int64))
        best, best_sim = _nearest(rows, vectors[theirs])
        nearest_of.append(theirs[best])
        similarity_of.append(best_sim)
    if not nearest_of:
        return pd.DataFrame(columns=GAP_COLUMNS).astype({"counterpart": bool, "unique": bool})
    nearest = np.concatenate(nearest_of)
    me = np.tile(mine, len(others))  # one block of a's measures per other group, in order
    table = pd.DataFrame(  # built once: a frame per group costs more than its rows at scale
        {
            "unit_id": ids[me],
            "text": texts[me],
            "other": np.repeat(np.asarray(others, dtype=object), len(mine)),
            "nearest_id": ids[nearest],
            "nearest_text": texts[nearest],
            "similarity": np.concatenate(similarity_of),
        }
    )
    none: frozenset = frozenset()
    table["shared_themes"] = [  # from the ids as Python objects, not read back from Arrow
        "; ".join(sorted(theme_sets.get(x, none) & theme_sets.get(y, none)))
        for x, y in zip(ids[me], ids[nearest], strict=True)
    ]
    table["counterpart"] = table["similarity"] >= threshold
    table["unique"] = ~table.groupby("unit_id")["counterpart"].transform("any")
    table.attrs["threshold"] = threshold
    return table[GAP_COLUMNS]


def all_gaps(
    frame: pd.DataFrame,
    *,
    by: str = "municipality",
    threshold: float = 0.2,
    codes: pd.DataFrame | None = None,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
    include_off_topic: bool = False,
    vectorizer: BaseEstimator | None = None,
    features: Features = None,
) -> pd.DataFrame:
    """:func:`gaps` of every group against all the others, in one table.

    "What does each municipality do that the others do not?" One row per (measure, other
    group) as in :func:`gaps`, with the measure's own group first in column ``group``;
    groups sorted. Measures not about competence supply (theme coding's on-topic flag) are
    left out on both sides unless ``include_off_topic``. The measures are vectorized once
    (one vocabulary for the corpus), so this costs one sparse product per pair of groups.
    With fewer than two groups the table is empty. ``features``: :func:`unit_features` of
    the measures compared (the on-topic ones unless ``include_off_topic``).

    Example:
        >>> from plancompare import load
        >>> table = all_gaps(load())
        >>> table.group.unique().tolist()
        ['Malmö', 'Norrköping', 'Södertälje', 'Östersund']
        >>> bool((table.group != table.other).all())
        True
    """
    codes = codes if codes is not None else code_themes(frame)
    units = select_units(frame, kinds, level)
    if not include_off_topic:
        units = units[on_topic(units, codes=codes).to_numpy()]
    units = units.reset_index(drop=True)
    labels = units[by].astype(str).to_numpy()
    groups = sorted(set(labels))
    columns = ["group", *GAP_COLUMNS]
    if len(groups) < 2:
        return pd.DataFrame(columns=columns).astype({"counterpart": bool, "unique": bool})
    vectors = _unit_vectors(units, vectorizer, features)
    theme_sets = _theme_sets(codes, units["unit_id"].tolist())
    parts = [
        _gap_table(
            units, vectors, labels, g, [o for o in groups if o != g], theme_sets, threshold
        ).assign(group=g)
        for g in groups
    ]
    table = pd.concat(parts, ignore_index=True)[columns]
    table.attrs["threshold"] = threshold
    return table


def unique_measures(table: pd.DataFrame) -> pd.DataFrame:
    """The measures of a :func:`gaps` table with no counterpart in any group compared.

    One row per measure (``unit_id``, ``text``, the best ``similarity`` found anywhere).

    Example:
        >>> from plancompare import load
        >>> table = gaps(load(), "Malmö", "Malmö")
        >>> len(unique_measures(table))
        0
    """
    best = table.groupby("unit_id", sort=False).agg(
        text=("text", "first"), similarity=("similarity", "max"), unique=("unique", "first")
    )
    return best[best["unique"]].drop(columns="unique").reset_index()


#: What makes a measure concrete, each read from the unit model's columns.
ANATOMY_FEATURES = ("responsible", "deadline", "cost", "follow_up", "outcome")


def _named(measures: pd.DataFrame, frame: pd.DataFrame, column: str) -> np.ndarray:
    """Whether a measure, or a measure enclosing it (via ``parent``), fills in ``column``."""
    filled = dict(zip(frame["unit_id"], frame[column].astype(str).str.strip() != "", strict=True))
    parent = dict(zip(frame["unit_id"], frame["parent"], strict=True))
    out = []
    for unit in measures["unit_id"]:
        seen: set[str] = set()
        while unit and unit not in seen and not filled.get(unit, False):
            seen.add(unit)
            unit = parent.get(unit, "")
        out.append(bool(unit) and filled.get(unit, False))
    return np.asarray(out, dtype=bool)


def _has_follow_up(measures: pd.DataFrame, frame: pd.DataFrame) -> np.ndarray:
    """Whether a follow-up unit sits in a measure's own section or one enclosing it."""
    follow = frame[frame["kind"] == "follow_up"]
    places = set(zip(follow["source_file"], follow["section"], strict=True))
    out = []
    for source, section in zip(measures["source_file"], measures["section"], strict=True):
        parts = str(section).split(" > ")
        ancestors = {" > ".join(parts[:i]) for i in range(1, len(parts) + 1)}
        out.append(any((source, s) in places for s in ancestors))
    return np.asarray(out, dtype=bool)


def anatomy(
    frame: pd.DataFrame,
    by: str = "plan_id",
    *,
    codes: pd.DataFrame | None = None,
    include_off_topic: bool = False,
) -> pd.DataFrame:
    """How concrete each plan is: shares of its leaf measures naming each part of a measure.

    One row per group ``by`` (sorted) with ``municipality``, ``n_measures`` and, as shares
    (0–1) of those measures: ``responsible``, ``deadline`` and ``cost`` (the plan's own field
    is filled in, for the measure or a measure enclosing it), ``follow_up`` (a follow-up unit
    sits in the measure's section or one enclosing it) and ``outcome`` (the plan states the
    measure's fate: done, carried over or not done); ``plan_follow_up`` says whether the plan
    has any follow-up unit at all. Then, for ``by="plan_id"``, the stage profile of the same
    measures (:func:`plancompare.themes.stage_profile`: share at each stage, by leading
    verb). Off-topic measures are left out unless ``include_off_topic``.

    Example:
        >>> from plancompare import load
        >>> table = anatomy(load())
        >>> float(table.loc["malmo-uppfoljning-2020-2021", "deadline"])
        1.0
    """
    codes = codes if codes is not None else code_themes(frame)
    measures = select_units(frame)
    if not include_off_topic:
        measures = measures[on_topic(measures, codes=codes).to_numpy()]
    flags = pd.DataFrame(
        {
            "responsible": _named(measures, frame, "responsible"),
            "deadline": _named(measures, frame, "deadline"),
            "cost": _named(measures, frame, "cost"),
            "follow_up": _has_follow_up(measures, frame),
            "outcome": measures["outcome"].isin(["done", "carried_over", "not_done"]),
        },
        index=measures.index,
    )
    groups = measures.groupby(by, sort=True)
    table = pd.DataFrame(
        {
            "municipality": groups["municipality"].agg(lambda s: "/".join(sorted(set(s)))),
            "n_measures": groups.size(),
        }
    ).join(flags.astype(float).groupby(measures[by]).mean())
    plans_with = set(frame.loc[frame["kind"] == "follow_up", by])
    table["plan_follow_up"] = [g in plans_with for g in table.index]
    stages = stage_profile(frame, codes, include_off_topic=include_off_topic)
    if by == "plan_id":
        table = table.join(stages.drop(columns=["municipality", "n_measures"]))
        book = resolve_codebook(None, frame)
        glosses = book[book["framework"] == STAGE].set_index("theme")["gloss_en"]
        table.attrs["stage_labels"] = {**glosses.to_dict(), NO_STAGE: "no stage verb"}
    table.index.name = by
    return table
