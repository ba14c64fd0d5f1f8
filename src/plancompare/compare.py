"""Comparing plans and municipalities: distinctive terms, similarity, gaps, anatomy.

Distinctive terms are the log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", *Political Analysis* 16(4), eqs. 16–22:
each group against all other groups pooled, with a z-score, so that a word every plan uses
is not distinctive and a word one plan uses a little is not over-read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

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
