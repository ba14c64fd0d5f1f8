"""Tables made from the codes: unit x theme matrix, plan x theme coverage, stage profile, KWIC.

Shares are of each plan's **on-topic leaf measures** (the most specific measures that
concern competence supply), so plans of different sizes compare, and a plan's economy or
premises measures do not dilute its competence-supply shares unless a reader asks for them
(``include_off_topic=True``).

Example:
    >>> from plancompare import load
    >>> frame = load()
    >>> table = coverage_table(frame, framework="process")
    >>> list(table.columns[:3])
    ['municipality', 'n_measures', 'attrahera']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..summary import Level, leaf_measures, select_units
from .codebook import ON_TOPIC, STAGE
from .coding import code_themes, on_topic, resolve_codebook

NO_STAGE = "ingen"
"""Stage column for measures whose wording names no stage verb (``ingen``: none)."""


def theme_matrix(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    framework: str | None = None,
) -> pd.DataFrame:
    """Unit x theme booleans: does the unit touch the theme? Rows are ``frame``'s units.

    Columns are theme ids in codebook order (only ``framework``'s when given).

    Example:
        >>> from plancompare import load
        >>> m = theme_matrix(load(), framework="plan_themes")
        >>> m.dtypes.unique().tolist(), "lon" in m.columns
        ([dtype('bool')], True)
    """
    book = resolve_codebook(codebook, frame)
    if codes is None:
        codes = code_themes(frame, book)
    themes = book if framework is None else book[book["framework"] == framework]
    ids = frame["unit_id"].astype(str)
    pairs = codes[["unit_id", "theme"]].drop_duplicates()
    matrix = pd.crosstab(pairs["unit_id"], pairs["theme"]).astype(bool)
    matrix = matrix.reindex(index=ids, columns=themes["theme"].tolist(), fill_value=False)
    matrix.index.name, matrix.columns.name = "unit_id", "theme"
    return matrix.astype(bool)


def _base(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None,
    codebook,
    include_off_topic: bool,
    kinds: Sequence[str] = ("measure",),
    level: Level = "leaf",
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(codebook, codes, the units counted) shared by the plan-level tables."""
    book = resolve_codebook(codebook, frame)
    if codes is None:
        codes = code_themes(frame, book)
    leaves = select_units(frame, kinds, level)
    if not include_off_topic and ON_TOPIC in set(book["framework"]):
        leaves = leaves[on_topic(leaves, book, codes=codes).to_numpy()]
    return book, codes, leaves


def _per_plan(leaves: pd.DataFrame, matrix: pd.DataFrame) -> pd.DataFrame:
    plans = leaves.groupby("plan_id", sort=True)
    out = pd.DataFrame(
        {
            "municipality": plans["municipality"].agg(lambda s: "/".join(sorted(set(s)))),
            "n_measures": plans.size(),
        }
    )
    shares = matrix.groupby(leaves["plan_id"].to_numpy()).mean()
    out = out.join(shares)
    out.index.name = "plan_id"
    return out


def coverage_table(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    framework: str = "plan_themes",
    include_off_topic: bool = False,
    kinds: Sequence[str] = ("measure",),
    level: Level = "leaf",
) -> pd.DataFrame:
    """Plan x theme: the share of each plan's on-topic leaf measures touching each theme.

    One row per plan (``plan_id``), with ``municipality`` and ``n_measures`` (the measures
    counted), then one column per theme of ``framework`` (shares 0-1). A plan with no
    on-topic measure has no row. ``kinds`` and ``level`` choose other units to count
    (:func:`plancompare.summary.select_units`; ``n_measures`` then counts those units).

    Example:
        >>> from plancompare import load
        >>> table = coverage_table(load())
        >>> bool(((table.drop(columns=["municipality", "n_measures"]) <= 1)).all().all())
        True
    """
    book, codes, leaves = _base(frame, codes, codebook, include_off_topic, kinds, level)
    matrix = theme_matrix(leaves, codes, book, framework=framework)
    return _per_plan(leaves, matrix)


def theme_members(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    framework: str = "plan_themes",
    by: str = "municipality",
    include_off_topic: bool = False,
    kinds: Sequence[str] = ("measure",),
    level: Level = "leaf",
) -> pd.DataFrame:
    """The units behind :func:`coverage_table`'s shares: one row per (group, theme, unit).

    Columns ``by`` (the unit's group, e.g. its municipality), ``theme`` and ``unit_id``, for
    every counted unit (on-topic leaf measures by default) that touches a theme of
    ``framework``; sorted. Counting its rows per group and theme gives the numerators of the
    coverage shares, so a table of counts can link each count to its units.

    Example:
        >>> from plancompare import load
        >>> members = theme_members(load(), framework="process")
        >>> list(members.columns), bool(members.unit_id.str.contains(":").all())
        (['municipality', 'theme', 'unit_id'], True)
    """
    book, codes, units = _base(frame, codes, codebook, include_off_topic, kinds, level)
    matrix = theme_matrix(units, codes, book, framework=framework)
    unit, theme = matrix.to_numpy().nonzero()
    long = pd.DataFrame(
        {
            by: units[by].astype(str).to_numpy()[unit],
            "theme": pd.Categorical(matrix.columns[theme], categories=matrix.columns),
            "unit_id": matrix.index[unit],
        }
    )
    long = long.sort_values([by, "theme", "unit_id"]).reset_index(drop=True)
    return long.astype({"theme": "str"})


def stage_profile(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    include_off_topic: bool = False,
    kinds: Sequence[str] = ("measure",),
    level: Level = "leaf",
) -> pd.DataFrame:
    """Plan x stage: the share of each plan's on-topic leaf measures at each policy stage.

    The stage is read from a measure's leading verb (the codebook's ``stage`` framework:
    investigate, develop/plan, implement, follow up); measures that name none are counted
    in :data:`NO_STAGE`. Each row's shares sum to 1. ``kinds`` and ``level`` as in
    :func:`coverage_table`.

    Example:
        >>> from plancompare import load
        >>> profile = stage_profile(load())
        >>> import numpy as np
        >>> bool(np.allclose(profile.drop(columns=["municipality", "n_measures"]).sum(axis=1), 1))
        True
    """
    book, codes, leaves = _base(frame, codes, codebook, include_off_topic, kinds, level)
    matrix = theme_matrix(leaves, codes, book, framework=STAGE)
    matrix[NO_STAGE] = ~matrix.any(axis=1)
    return _per_plan(leaves, matrix)


def topic_table(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    codebook: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Every leaf measure with its on-topic flag and the words that made it on topic.

    Columns: ``unit_id``, ``municipality``, ``on_topic``, ``evidence`` (the on-topic words,
    ``; ``-joined, inherited ones marked ``(from <unit_id>)``) and ``text``; off-topic
    measures first, so a reader sees what the shares leave out.

    Example:
        >>> from plancompare import load
        >>> table = topic_table(load())
        >>> bool(table.iloc[0].on_topic), "lokal" in " ".join(table[~table.on_topic].text)
        (False, True)
    """
    book = resolve_codebook(codebook, frame)
    if codes is None:
        codes = code_themes(frame, book)
    leaves = leaf_measures(frame)
    hits = codes[codes["framework"] == ON_TOPIC]
    words = hits["evidence"].where(
        hits["evidence_unit"] == hits["unit_id"],
        hits["evidence"] + " (from " + hits["evidence_unit"] + ")",
    )
    evidence = words.groupby(hits["unit_id"]).agg(lambda w: "; ".join(dict.fromkeys(w)))
    table = pd.DataFrame(
        {
            "unit_id": leaves["unit_id"].astype(str).to_numpy(),
            "municipality": leaves["municipality"].astype(str).to_numpy(),
            "on_topic": on_topic(leaves, book, codes=codes).to_numpy(),
            "text": leaves["text"].astype(str).to_numpy(),
        }
    )
    table.insert(3, "evidence", table["unit_id"].map(evidence).fillna("").astype(str))
    return table.sort_values("on_topic", kind="mergesort").reset_index(drop=True)


def kwic(
    frame: pd.DataFrame,
    codes: pd.DataFrame,
    theme: str,
    *,
    width: int = 40,
) -> pd.DataFrame:
    """Keyword in context: every piece of evidence for ``theme`` with the words around it.

    Columns: ``unit_id``, ``municipality``, ``left``, ``evidence``, ``right`` (``width``
    characters each side, from the text the evidence is in), ``pattern``.

    Example:
        >>> from plancompare import load, code_themes
        >>> frame = load()
        >>> view = kwic(frame, code_themes(frame), "lon", width=20)
        >>> bool(view.evidence.str.lower().str.contains("lön").all())
        True
    """
    hits = codes[codes["theme"] == theme]
    by_id = frame.set_index(frame["unit_id"].astype(str))
    texts = by_id.loc[hits["evidence_unit"], "text"].astype(str).tolist()
    starts, ends = hits["start"].to_numpy(), hits["end"].to_numpy()
    return pd.DataFrame(
        {
            "unit_id": hits["unit_id"].to_numpy(),
            "municipality": by_id.loc[hits["unit_id"], "municipality"].to_numpy(),
            "left": [t[max(0, s - width) : s] for t, s in zip(texts, starts, strict=True)],
            "evidence": hits["evidence"].to_numpy(),
            "right": [t[e : e + width] for t, e in zip(texts, ends, strict=True)],
            "pattern": hits["pattern"].to_numpy(),
        }
    ).astype("str")


__all__ = [
    "NO_STAGE",
    "coverage_table",
    "kwic",
    "stage_profile",
    "theme_matrix",
    "theme_members",
    "topic_table",
]
