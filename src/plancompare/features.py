"""Text features for the analysis: which units are analysed, and how their text becomes numbers.

:func:`select_units` picks the units an analysis compares (by default the leaf measures);
:func:`text_vectorizer` returns the TF-IDF vectorizer every analysis uses.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

#: Word tokens: letters (å ä ö é …) and digits, with word-internal ``-`` and ``:`` kept.
TOKEN_PATTERN = r"(?u)\b\w+(?:[-:]\w+)*\b"


def select_units(
    frame: pd.DataFrame,
    kinds: Sequence[str] = ("measure",),
    level: str | int = "leaf",
) -> pd.DataFrame:
    """The units an analysis compares: units of ``kinds`` at ``level``, in frame order.

    ``level="leaf"`` keeps units that are no unit's ``parent`` (the most specific measures);
    an integer keeps that ``level`` (1 = top-level measures); ``"all"`` keeps every level.

    Example:
        >>> from plancompare import load
        >>> measures = select_units(load())
        >>> sorted(set(measures.kind))
        ['measure']
    """
    chosen = frame[frame["kind"].isin(list(kinds))]
    if level == "all":
        return chosen
    if level == "leaf":
        if "parent" not in frame.columns:
            return chosen
        parents = set(frame["parent"][frame["parent"] != ""])
        return chosen[~chosen["unit_id"].isin(parents)]
    if "level" not in frame.columns:
        raise ValueError("the frame has no 'level' column: use level='leaf' or 'all'")
    return chosen[chosen["level"] == int(level)]


def text_vectorizer(**params: object) -> TfidfVectorizer:
    """The TF-IDF vectorizer of the analysis (lower-cased words, sub-linear term frequency).

    Keyword arguments override its parameters (``min_df``, ``ngram_range`` …).

    Example:
        >>> vectorizer = text_vectorizer().fit(["Utveckla VFU-samordning", "Stärk VFU"])
        >>> sorted(vectorizer.vocabulary_)
        ['stärk', 'utveckla', 'vfu', 'vfu-samordning']
    """
    defaults: dict[str, object] = {"token_pattern": TOKEN_PATTERN, "sublinear_tf": True}
    return TfidfVectorizer(**(defaults | params))
