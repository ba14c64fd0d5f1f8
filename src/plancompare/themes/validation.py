"""How far the coding agrees with human coding: Malmö's own tags and the hand labels.

Each codebook theme may map to one of Malmö's three tags (``malmo_tag``); a unit's
predicted tags are the mapped tags of its themes, and none when the unit is predicted off
topic (a measure that is not about competence supply carries no competence-supply tag).
The truth is either Malmö's own tags on its sub-activities (they live in ``own_tags``,
never in the ``text`` that is coded) or the hand labels made by reading the other plans
(``tests/data/themes/hand_labels.csv``, see its README).

Reported per tag: precision, recall, F1, Cohen's kappa, the confusion counts, and
percentile bootstrap intervals over units (fixed seed); macro-F1 is the mean of the
per-tag F1 values.

Example:
    >>> from plancompare import load
    >>> report = validate_own_tags(load())
    >>> report.n_units, list(report.scores.index)[-1]
    (12, 'macro')
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..decode import read_source, read_table
from ..errors import PlanError, PlanErrors
from ..paths import hand_labels_path, raw_dir
from ..summary import leaf_measures
from .codebook import MALMO_TAGS, ON_TOPIC
from .coding import code_themes, on_topic, resolve_codebook

LABEL_COLUMNS = ("source_file", "quote", "tags", "on_topic", "note")
_TRUE = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def tag_table(cells: pd.Series, tags: tuple[str, ...] = MALMO_TAGS) -> pd.DataFrame:
    """``; ``-separated tag cells (like ``own_tags``) to a unit x tag boolean table.

    Example:
        >>> tag_table(pd.Series(["Behålla & utveckla", ""], index=["a", "b"])).sum().tolist()
        [0, 1, 0]
    """
    sets = cells.fillna("").astype(str).map(lambda c: {t.strip() for t in c.split(";")})
    return pd.DataFrame({t: sets.map(lambda s, t=t: t in s) for t in tags}, index=cells.index)


def predicted_tags(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    gate: bool = True,
) -> pd.DataFrame:
    """Unit x Malmö tag booleans predicted from the themes (indexed by ``unit_id``).

    With ``gate`` (the default) a unit predicted off topic gets no tag.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> pred = predicted_tags(frame)
        >>> vfu = frame.loc[frame.text.str.contains("VFU-samordning"), "unit_id"].iloc[0]
        >>> bool(pred.loc[vfu, "Attrahera & rekrytera"])
        True
    """
    book = resolve_codebook(codebook, frame)
    if codes is None:
        codes = code_themes(frame, book)
    mapped = book.loc[book["malmo_tag"] != "", ["theme", "malmo_tag"]]
    hits = codes[["unit_id", "theme"]].merge(mapped, on="theme")
    ids = frame["unit_id"].astype(str)
    table = pd.DataFrame(False, index=pd.Index(ids, name="unit_id"), columns=list(MALMO_TAGS))
    for tag, units in hits.groupby("malmo_tag")["unit_id"]:
        table[tag] = table.index.isin(set(units))
    if gate and ON_TOPIC in set(book["framework"]):
        flag = on_topic(frame, book, codes=codes).to_numpy()
        table = table & flag[:, None]
    return table


def _rates(tp, fp, fn, tn) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and Cohen's kappa from confusion counts (arrays, NaN if undefined)."""
    tp, fp, fn, tn = (np.asarray(x, dtype=float) for x in (tp, fp, fn, tn))
    n = tp + fp + fn + tn
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = (tp + tn) / n
        expected = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n**2
        return {
            "precision": tp / (tp + fp),
            "recall": tp / (tp + fn),
            "f1": 2 * tp / (2 * tp + fp + fn),
            "kappa": np.where(expected < 1, (observed - expected) / (1 - expected), np.nan),
        }


def _counts(truth: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, ...]:
    """Confusion counts over the second-to-last axis (units) of boolean arrays."""
    return (
        (truth & pred).sum(axis=-2),
        (~truth & pred).sum(axis=-2),
        (truth & ~pred).sum(axis=-2),
        (~truth & ~pred).sum(axis=-2),
    )


def scores(truth: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Per-column precision, recall, F1, Cohen's kappa and counts; last row ``macro``.

    ``truth`` and ``pred`` are boolean tables with the same index and columns. A score
    with a zero denominator is NaN (not 0), and the macro row averages what is defined.
    Kappa is Cohen's (1960), as :func:`sklearn.metrics.cohen_kappa_score` computes it.

    Example:
        >>> t = pd.DataFrame({"a": [True, True, False, False]})
        >>> p = pd.DataFrame({"a": [True, False, False, True]})
        >>> scores(t, p).loc["a", ["precision", "recall", "f1", "kappa"]].tolist()
        [0.5, 0.5, 0.5, 0.0]
    """
    counts = _counts(truth.to_numpy(bool), pred[truth.columns].to_numpy(bool))
    table = pd.DataFrame(_rates(*counts), index=truth.columns)
    for name, values in zip(("tp", "fp", "fn", "tn"), counts, strict=True):
        table[name] = values
    table["support"] = counts[0] + counts[2]
    macro = table[["precision", "recall", "f1", "kappa"]].mean()
    table.loc["macro"] = {**macro.to_dict(), "support": table["support"].sum()}
    return table


def bootstrap_scores(
    truth: pd.DataFrame,
    pred: pd.DataFrame,
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Percentile bootstrap intervals (units resampled) for F1 and kappa per column and macro.

    Columns ``f1_low``, ``f1_high``, ``kappa_low``, ``kappa_high``; resamples where a score
    is undefined are left out of its interval. ``random_state`` fixes the resamples.

    Example:
        >>> t = pd.DataFrame({"a": [True, True, False, False] * 5})
        >>> ci = bootstrap_scores(t, t.copy(), n_boot=200)
        >>> ci.loc["a", ["f1_low", "f1_high"]].tolist()
        [1.0, 1.0]
    """
    t, p = truth.to_numpy(bool), pred[truth.columns].to_numpy(bool)
    pick = np.random.default_rng(random_state).integers(0, len(t), (n_boot, len(t)))
    rates = _rates(*_counts(t[pick], p[pick]))  # each (n_boot, tags)
    alpha = (1 - level) / 2
    out = pd.DataFrame(index=[*truth.columns, "macro"])
    with warnings.catch_warnings():  # all-NaN columns (a tag never present) give NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        for name in ("f1", "kappa"):
            values = np.hstack([rates[name], np.nanmean(rates[name], axis=1, keepdims=True)])
            out[f"{name}_low"] = np.nanquantile(values, alpha, axis=0)
            out[f"{name}_high"] = np.nanquantile(values, 1 - alpha, axis=0)
    return out


@dataclass
class Validation:
    """Agreement of the coding with one set of human codes.

    ``scores``: per tag (and ``macro``) precision, recall, F1, kappa, confusion counts and
    bootstrap intervals; ``items``: one row per unit with its text, the human tags and the
    predicted tags (for reading the disagreements); ``on_topic``: the same scores for the
    on-topic flag, when the human codes have one.
    """

    name: str
    scores: pd.DataFrame
    items: pd.DataFrame
    on_topic: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def n_units(self) -> int:
        """How many units were compared."""
        return len(self.items)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over Malmö's three tags."""
        return float(self.scores.loc["macro", "f1"])

    def __repr__(self) -> str:
        return f"Validation({self.name}: {self.n_units} units, macro-F1 {self.macro_f1:.2f})"


def _validation(
    name: str,
    units: pd.DataFrame,
    truth: pd.DataFrame,
    pred: pd.DataFrame,
    *,
    n_boot: int,
    random_state: int,
) -> Validation:
    table = scores(truth, pred).join(
        bootstrap_scores(truth, pred, n_boot=n_boot, random_state=random_state)
    )
    items = pd.DataFrame(
        {
            "unit_id": units["unit_id"].astype(str).to_numpy(),
            "municipality": units["municipality"].astype(str).to_numpy(),
            "text": units["text"].astype(str).to_numpy(),
            "truth": _joined(truth),
            "predicted": _joined(pred),
        }
    )
    items["agree"] = items["truth"] == items["predicted"]
    return Validation(name=name, scores=table, items=items)


def _joined(table: pd.DataFrame) -> list[str]:
    return ["; ".join(c for c in table.columns if row[c]) for _, row in table.iterrows()]


def validate_own_tags(
    frame: pd.DataFrame,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    codes: pd.DataFrame | None = None,
    n_boot: int = 2000,
    random_state: int = 0,
) -> Validation:
    """Agreement with the plans' own tags: every leaf measure whose ``own_tags`` holds a tag.

    In the seeds these are Malmö's twelve sub-activities (their activities carry the same
    tags and are not counted again). The tags are never part of the coded ``text``. Code
    the whole ``frame`` (parents included), then compare on the tagged leaves.

    Example:
        >>> from plancompare import load
        >>> v = validate_own_tags(load(), n_boot=100)
        >>> int(v.scores.loc["macro", "support"]) > 0
        True
    """
    book = resolve_codebook(codebook, frame)
    if codes is None:
        codes = code_themes(frame, book)
    leaves = leaf_measures(frame)
    truth_all = tag_table(leaves["own_tags"])
    tagged = truth_all.any(axis=1).to_numpy()
    units = leaves[tagged]
    truth = truth_all[tagged].set_axis(units["unit_id"].astype(str))
    pred = predicted_tags(frame, codes, book).loc[units["unit_id"].astype(str)]
    return _validation("own tags", units, truth, pred, n_boot=n_boot, random_state=random_state)


def read_hand_labels(
    frame: pd.DataFrame,
    path: str | Path | None = None,
    *,
    data_dir: str | Path | None = None,
    only_loaded: bool = False,
) -> pd.DataFrame:
    """The hand labels, each located in ``frame`` by its quote in the raw source file.

    A label's unit is the unit whose source span holds the first character of the quote
    (read from ``DATA/raw/source_file``; ``DATA`` defaults to the directory the frame was
    loaded from), so labels survive re-parsing. Returns the label
    columns plus ``unit_id`` and ``line``. With ``only_loaded``, labels of source files
    that ``frame`` does not hold are left out (a data directory without those plans),
    instead of being reported as not found.

    Raises:
        PlanErrors: a malformed file, or a quote not found exactly once, or in no unit.

    Example:
        >>> from plancompare import load
        >>> labels = read_hand_labels(load())
        >>> len(labels) >= 30, labels.unit_id.is_unique
        (True, True)
    """
    file = Path(path) if path is not None else hand_labels_path()
    if data_dir is None:
        data_dir = frame.attrs.get("data_dir")
    errors: list[PlanError] = []

    def report(message: str, line: int | None) -> None:
        errors.append(PlanError(message, file=file, line=line))

    rows = read_table(file, report, [], what="hand-label file") or []
    records = []
    if rows:
        header = [h.strip().lower() for h in rows[0][1]]
        missing = [c for c in LABEL_COLUMNS if c not in header]
        if missing:
            report(f"missing column(s): {', '.join(missing)}", rows[0][0])
            rows = rows[:1]
        texts: dict[str, str] = {}
        loaded = set(frame["source_file"].astype(str))
        for line, cells in rows[1:]:
            row = dict(zip(header, (c.strip() for c in cells), strict=False))
            if only_loaded and row.get("source_file", "") not in loaded:
                continue
            unit = _locate(frame, row, line, report, texts, data_dir)
            flag = _TRUE.get(row.get("on_topic", "").lower())
            if flag is None:
                report(f"on_topic must be true or false, not '{row.get('on_topic')}'", line)
            bad = {t.strip() for t in row.get("tags", "").split(";") if t.strip()} - set(MALMO_TAGS)
            if bad:
                report(f"unknown tag(s): {'; '.join(sorted(bad))}", line)
            if unit is not None and flag is not None and not bad:
                records.append({**row, "on_topic": flag, "unit_id": unit, "line": line})
    if errors:
        raise PlanErrors(errors)
    return pd.DataFrame(records, columns=[*LABEL_COLUMNS, "unit_id", "line"])


def _locate(frame, row, line, report, texts, data_dir) -> str | None:
    source, quote = row.get("source_file", ""), row.get("quote", "")
    if source not in texts:
        try:
            texts[source] = read_source(raw_dir(data_dir) / source).text
        except PlanError as e:
            report(f"source_file '{source}': {e.message}", line)
            texts[source] = ""
    text = texts[source]
    count = text.count(quote) if quote else 0
    if text and count != 1:
        report(f"quote found {count} times in {source} (it must be found exactly once)", line)
        return None
    if not text:
        return None
    at = text.index(quote)
    spans = frame[frame["source_file"] == source]
    holder = spans[(spans["char_start"] <= at) & (at < spans["char_end"])]
    if len(holder) != 1:
        report(f"no unit of the frame holds the quote (offset {at} in {source})", line)
        return None
    return str(holder["unit_id"].iloc[0])


def validate_hand_labels(
    frame: pd.DataFrame,
    labels: pd.DataFrame | str | Path | None = None,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    codes: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
    only_loaded: bool = False,
    n_boot: int = 2000,
    random_state: int = 0,
) -> Validation:
    """Agreement with the hand labels: Malmö's three tags and the on-topic flag.

    ``labels`` is a table from :func:`read_hand_labels`, a path, or ``None`` for the
    project's hand labels (``only_loaded`` as there). ``Validation.on_topic`` scores the
    on-topic flag.

    Example:
        >>> from plancompare import load
        >>> v = validate_hand_labels(load(), n_boot=100)
        >>> v.n_units >= 30, "f1" in v.on_topic.columns
        (True, True)
    """
    book = resolve_codebook(codebook, frame)
    if labels is None or isinstance(labels, str | Path):
        labels = read_hand_labels(frame, labels, data_dir=data_dir, only_loaded=only_loaded)
    if codes is None:
        codes = code_themes(frame, book)
    ids = labels["unit_id"].astype(str)
    units = frame.set_index(frame["unit_id"].astype(str)).loc[ids].reset_index(drop=True)
    truth = tag_table(labels["tags"]).set_axis(ids)
    pred = predicted_tags(frame, codes, book).loc[ids]
    result = _validation(
        "hand labels", units, truth, pred, n_boot=n_boot, random_state=random_state
    )
    flag_truth = pd.DataFrame({"on_topic": labels["on_topic"].astype(bool).to_numpy()}, index=ids)
    flag = on_topic(frame, book, codes=codes).set_axis(frame["unit_id"].astype(str)).loc[ids]
    flag_pred = pd.DataFrame({"on_topic": flag.to_numpy(bool)}, index=ids)
    result.on_topic = (
        scores(flag_truth, flag_pred)
        .loc[["on_topic"]]
        .join(bootstrap_scores(flag_truth, flag_pred, n_boot=n_boot, random_state=random_state))
    )
    result.items["on_topic_truth"] = flag_truth["on_topic"].to_numpy()
    result.items["on_topic_predicted"] = flag_pred["on_topic"].to_numpy()
    return result


__all__ = [
    "Validation",
    "bootstrap_scores",
    "predicted_tags",
    "read_hand_labels",
    "scores",
    "tag_table",
    "validate_hand_labels",
    "validate_own_tags",
]
