"""Key findings: the sentences a reader should take away, each with its number and its source.

Each finding is one English sentence whose number is formatted from the computed value, with
the notebook and the section (a Markdown heading's id in that notebook's HTML page) that show
the evidence. The notebooks call the same functions under the tables they back, so the front
page of the report (:func:`key_findings`) and the notebooks state the same numbers:

- :func:`off_topic_finding` — how many measures concern competence supply at all (02);
- :func:`top_theme_finding` — the theme most measures touch (02);
- :func:`own_tags_finding` — agreement of the coding with the plans' own tags (02);
- :func:`cluster_finding` — whether the measures form stable groups (03);
- :func:`concreteness_finding` — which plans say who, when, cost and follow-up (04);
- :func:`gap_finding` — how many measures no other municipality has (04).

:func:`emphasis_table` is notebook 04's closing summary: what each municipality emphasises.
:func:`key_findings` gathers the findings of the notebooks that exist (01-02 so far; 03 and
04 add theirs when they land).

Example:
    >>> import plancompare
    >>> found = key_findings(plancompare.load())
    >>> [f.notebook for f in found][:2]
    ['02-code-themes', '02-code-themes']
    >>> found[0].href.startswith("02-code-themes.html#")
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd

from . import clusters as _clusters
from . import compare as _compare
from .summary import Level, author, select_units
from .themes import (
    ON_TOPIC,
    STAGE,
    Validation,
    code_themes,
    on_topic,
    theme_members,
    validate_own_tags,
)
from .themes.coding import resolve_codebook

#: The notebooks (file stems) findings point to.
THEMES_NB, CLUSTERS_NB, COMPARE_NB = "02-code-themes", "03-cluster-measures", "04-compare-plans"

#: The headings of the sections that back each finding (plain ASCII, unique per notebook).
OFF_TOPIC_HEADING = "Measures about other things"
COVERAGE_HEADING = "Plan x theme coverage"
OWN_TAGS_HEADING = "Validation against own tags"
STABILITY_HEADING = "Stability of the clusters"
ANATOMY_HEADING = "Plan anatomy"
GAPS_HEADING = "Gap analysis"

#: Parameters :func:`key_findings` uses, with the defaults the notebooks' parameters cells
#: give them (``tests/test_findings.py`` checks that the two agree).
DEFAULTS: dict[str, Any] = {
    "codebook": None,
    "framework": "plan_themes",
    "kinds": ["measure"],
    "level": "leaf",
    "include_off_topic": False,
    "validation_boot": 1000,
    "random_state": 0,
    "k": None,
    "k_min": 2,
    "k_max": 10,
    "n_boot": 50,
    "gap_threshold": 0.2,
}

#: Two-sided 95 % normal quantile: a distinctive term's z beyond it is beyond chance.
Z_95 = 1.96

#: Jaccard match above which a cluster counts as reproduced (Hennig 2007).
STABLE_JACCARD = 0.75


def heading_anchor(heading: str) -> str:
    """The ``id`` nbconvert gives a Markdown heading in the HTML export.

    The same rule as ``nbconvert.filters.strings._convert_header_id`` (nbconvert 7): spaces
    become ``-`` and the rest is URL-quoted; a test checks it against a real export.

    Example:
        >>> heading_anchor("Plan x theme coverage")
        'Plan-x-theme-coverage'
        >>> heading_anchor("Lön och VFU")
        'L%C3%B6n-och-VFU'
    """
    return quote(heading.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


@dataclass(frozen=True)
class Finding:
    """One key finding: a sentence, its number, and where in the report the evidence is.

    ``text`` is plain text (never markup), ``value`` the number the sentence states,
    ``notebook`` the notebook's file stem and ``anchor`` the id of the section's heading.

    Example:
        >>> f = Finding("3 of 4 plans …", 3, "04-compare-plans", heading_anchor("Plan anatomy"))
        >>> f.href
        '04-compare-plans.html#Plan-anatomy'
    """

    text: str
    value: float | int | str
    notebook: str
    anchor: str

    @property
    def href(self) -> str:
        """Link to the section, relative to the report's directory."""
        return f"{self.notebook}.html#{self.anchor}"

    def _repr_markdown_(self) -> str:
        return self.text


def selection_label(kinds: Sequence[str] = ("measure",), level: Level = "leaf") -> str:
    """Plain words for the units :func:`plancompare.summary.select_units` picks.

    Example:
        >>> selection_label(), selection_label(level=1), selection_label(["goal", "measure"])
        ('leaf measures', 'level-1 measures', 'goals and leaf measures')
    """
    words = []
    for kind in kinds:
        if kind == "measure":
            prefix = {"leaf": "leaf ", "all": ""}.get(level, f"level-{level} ")  # type: ignore[call-overload]
            words.append(f"{prefix}measures")
        else:
            words.append({"follow_up": "follow-ups", "meta": "meta units"}.get(kind, f"{kind}s"))
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# ------------------------------------------------------------------------------ 02 themes


def off_topic_finding(units: pd.DataFrame, flag: pd.Series, what: str) -> Finding | None:
    """How many of the units counted are about competence supply (theme coding's flag).

    ``units`` are the selected units, ``flag`` their on-topic flag (indexed like ``units``)
    and ``what`` their name in plain words (:func:`selection_label`).

    Example:
        >>> units = pd.DataFrame({"municipality": ["A", "A", "B"], "organisation": "x"})
        >>> off_topic_finding(units, pd.Series([True, False, True]), "leaf measures").text
        '2 of 3 leaf measures (67 %) are about competence supply; of the 1 other, A has 1.'
    """
    n = len(units)
    if n == 0:
        return None
    flag = pd.Series(np.asarray(flag, dtype=bool), index=units.index)
    on = int(flag.sum())
    text = f"{on} of {n} {what} ({on / n:.0%}) are about competence supply".replace("%", " %")
    off = author(units[~flag]).value_counts()
    if len(off):
        most = sorted(off.index, key=lambda m: (-off[m], m))[0]
        text += f"; of the {n - on} other{'s' if n - on > 1 else ''}, {most} has {off[most]}."
    else:
        text += "."
    return Finding(text, on / n, THEMES_NB, heading_anchor(OFF_TOPIC_HEADING))


def theme_totals(members: pd.DataFrame, n_units: int, codebook: pd.DataFrame) -> pd.DataFrame:
    """Per theme: how many of the ``n_units`` counted units touch it, and the share.

    ``members`` from :func:`plancompare.themes.theme_members`. Columns ``theme``,
    ``label_sv``, ``gloss_en``, ``units``, ``share``; most units first (ties in codebook order).

    Example:
        >>> from plancompare import load_codebook
        >>> members = pd.DataFrame({"theme": ["lon", "lon", "ledarskap"], "unit_id": list("abc")})
        >>> theme_totals(members, 4, load_codebook())[["theme", "units", "share"]]
               theme  units  share
        0        lon      2   0.50
        1  ledarskap      1   0.25
    """
    book = codebook.set_index("theme")
    counts = members.groupby("theme")["unit_id"].nunique()
    order = [t for t in book.index if t in counts.index]
    table = pd.DataFrame(
        {
            "theme": order,
            "label_sv": book.loc[order, "label_sv"].to_numpy(),
            "gloss_en": book.loc[order, "gloss_en"].to_numpy(),
            "units": counts[order].to_numpy(dtype=np.int64),
        }
    )
    table["share"] = table["units"] / n_units if n_units else np.nan
    return table.sort_values("units", ascending=False, kind="mergesort").reset_index(drop=True)


def top_theme_finding(totals: pd.DataFrame, n_units: int, what: str) -> Finding | None:
    """The theme most of the counted units touch (from :func:`theme_totals`).

    Example:
        >>> totals = pd.DataFrame({"theme": ["lon"], "label_sv": ["Lön"], "gloss_en": ["Pay"],
        ...                        "units": [3], "share": [0.3]})
        >>> top_theme_finding(totals, 10, "on-topic leaf measures").text
        'Pay (Lön) is the theme most on-topic leaf measures touch: 3 of 10 (30 %).'
    """
    if not len(totals) or not n_units:
        return None
    top = totals.iloc[0]
    share = f"{top.share:.0%}".replace("%", " %")
    text = (
        f"{top.gloss_en} ({top.label_sv}) is the theme most {what} touch: "
        f"{top.units} of {n_units} ({share})."
    )
    return Finding(text, float(top.share), THEMES_NB, heading_anchor(COVERAGE_HEADING))


def own_tags_finding(validation: Validation, frame: pd.DataFrame) -> Finding | None:
    """Agreement of the theme coding with the plans' own tags (macro-F1 and its interval).

    ``validation`` from :func:`plancompare.themes.validate_own_tags`; ``frame`` names whose
    tags they are. None when no unit carries a tag.

    Example:
        >>> import plancompare
        >>> from plancompare.themes import validate_own_tags
        >>> frame = plancompare.load()
        >>> own_tags_finding(validate_own_tags(frame, n_boot=50), frame).text[:47]
        "The theme coding agrees with Malmö's own tags a"
    """
    if validation.n_units == 0 or np.isnan(validation.macro_f1):
        return None
    ids = set(validation.items["unit_id"])
    whose = sorted(set(author(frame[frame["unit_id"].astype(str).isin(ids)])))
    names = ", ".join(f"{w}'s" for w in whose) if len(whose) <= 3 else "the plans'"
    macro = validation.scores.loc["macro"]
    text = (
        f"The theme coding agrees with {names} own tags at macro-F1 {macro.f1:.2f} "
        f"(95 % interval {macro.f1_low:.2f}–{macro.f1_high:.2f}, "
        f"{_plural(validation.n_units, 'measure')})."
    )
    return Finding(text, float(macro.f1), THEMES_NB, heading_anchor(OWN_TAGS_HEADING))


# ------------------------------------------------------------------------------ 03 clusters


def cluster_finding(result: _clusters.ClusterResult) -> Finding:
    """How many of the chosen clusters are reproduced under resampling.

    ``result`` from :func:`plancompare.clusters.cluster_measures`.

    Example:
        >>> import plancompare
        >>> from plancompare.clusters import cluster_measures
        >>> result = cluster_measures(plancompare.load(), 3, n_boot=5, map_method="svd")
        >>> cluster_finding(result).text.split(":")[0]
        'Clusters of wording rather than strategies'
    """
    table = result.clusters[result.clusters.cluster >= 0]
    stable = int((table.jaccard >= STABLE_JACCARD).sum())
    k = len(table)
    best = result.scan.sort_values(["silhouette", "k"], ascending=[False, True]).iloc[0]
    lead = "Clusters of wording rather than strategies" if stable < k / 2 else "Stable clusters"
    text = (
        f"{lead}: {stable} of {k} clusters of measures are reproduced under resampling "
        f"(Jaccard ≥ {STABLE_JACCARD}); the best silhouette is {best.silhouette:.2f} "
        f"(k = {int(best.k)})."
    )
    return Finding(text, stable, CLUSTERS_NB, heading_anchor(STABILITY_HEADING))


# ------------------------------------------------------------------------------ 04 compare

#: The parts of a measure that make it concrete (a subset of compare.ANATOMY_FEATURES).
CONCRETE = ("responsible", "deadline", "cost", "follow_up")


def concreteness_finding(anatomy: pd.DataFrame) -> Finding | None:
    """Which plans name who, when, cost and follow-up for every measure.

    ``anatomy`` from :func:`plancompare.compare.anatomy` (one row per plan).

    Example:
        >>> table = pd.DataFrame({"municipality": ["A", "B"], "n_measures": [4, 5],
        ...     "responsible": [1.0, 0.2], "deadline": [1.0, 0.0], "cost": [1.0, 0.0],
        ...     "follow_up": [1.0, 0.0]}, index=["a-plan", "b-plan"])
        >>> print(concreteness_finding(table).text)  # doctest: +NORMALIZE_WHITESPACE
        Only A names a responsible, a deadline, a cost and a follow-up for every measure;
        in the other plan, 5 % of measures name each of them on average.
    """
    if not len(anatomy):
        return None
    parts = anatomy[list(CONCRETE)].astype(float)
    complete = parts.min(axis=1) >= 1.0 - 1e-9
    names = sorted(set(anatomy.loc[complete, "municipality"]))
    rest = parts[~complete].to_numpy().mean() if (~complete).any() else np.nan
    rest_text = f"{rest:.0%}".replace("%", " %")
    n_rest = int((~complete).sum())
    if len(names) == 1 and n_rest:
        text = (
            f"Only {names[0]} names a responsible, a deadline, a cost and a follow-up for "
            f"every measure; in the other plan{'s' if n_rest > 1 else ''}, {rest_text} of "
            "measures name each of them on average."
        )
    elif not names:
        best = parts.mean(axis=1).idxmax()
        share = f"{parts.loc[best].mean():.0%}".replace("%", " %")
        text = (
            "No plan names a responsible, a deadline, a cost and a follow-up for every "
            f"measure; the most concrete, {anatomy.loc[best, 'municipality']}, names each "
            f"for {share} of its measures on average."
        )
    else:
        text = (
            f"{len(names)} of {len(anatomy)} plans name a responsible, a deadline, a cost and "
            f"a follow-up for every measure ({', '.join(names)})."
        )
    return Finding(text, len(names), COMPARE_NB, heading_anchor(ANATOMY_HEADING))


def unique_by_group(gaps: pd.DataFrame) -> pd.DataFrame:
    """Per group of an :func:`plancompare.compare.all_gaps` table: measures, and unique ones.

    Columns ``measures``, ``unique`` (no counterpart in any other group) and ``share``.

    Example:
        >>> gaps = pd.DataFrame({"group": ["A", "A", "B"], "unit_id": ["a1", "a1", "b1"],
        ...                      "unique": [True, True, False]})
        >>> unique_by_group(gaps)
           measures  unique  share
        A         1       1    1.0
        B         1       0    0.0
    """
    per_unit = gaps.drop_duplicates("unit_id")
    table = per_unit.groupby("group").agg(measures=("unit_id", "size"), unique=("unique", "sum"))
    table = table.astype("int64")
    table["share"] = table["unique"] / table["measures"]
    table.index.name = None
    return table


def gap_finding(gaps: pd.DataFrame, what: str) -> Finding | None:
    """How many measures have no counterpart in any other group, and who has most.

    ``gaps`` from :func:`plancompare.compare.all_gaps` (its ``attrs["threshold"]`` is quoted).

    Example:
        >>> gaps = pd.DataFrame({"group": ["A", "A", "B"], "unit_id": ["a1", "a2", "b1"],
        ...                      "unique": [True, False, True]})
        >>> gaps.attrs["threshold"] = 0.2
        >>> print(gap_finding(gaps, "leaf measures").text)  # doctest: +NORMALIZE_WHITESPACE
        2 of 3 leaf measures have no counterpart in another municipality (cosine ≥ 0.2);
        A has the most such measures (1 of 2), B the largest share (1 of 1).
    """
    if not len(gaps):
        return None
    table = unique_by_group(gaps)
    n, u = int(table["measures"].sum()), int(table["unique"].sum())
    most = sorted(table.index, key=lambda g: (-table.loc[g, "unique"], g))[0]
    share = sorted(table.index, key=lambda g: (-table.loc[g, "share"], g))[0]
    threshold = gaps.attrs.get("threshold", np.nan)
    text = (
        f"{u} of {n} {what} have no counterpart in another municipality "
        f"(cosine ≥ {threshold:g}); {most} has the most such measures "
        f"({table.loc[most, 'unique']} of {table.loc[most, 'measures']})"
    )
    if share != most:
        text += f", {share} the largest share ({table.loc[share, 'unique']} of "
        text += f"{table.loc[share, 'measures']})"
    return Finding(text + ".", u, COMPARE_NB, heading_anchor(GAPS_HEADING))


def _pct(share: float) -> str:
    return f"{share:.0%}".replace("%", " %")


def emphasis_table(
    frame: pd.DataFrame,
    codes: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    *,
    framework: str = "plan_themes",
    kinds: Sequence[str] = ("measure",),
    level: Level = "leaf",
    include_off_topic: bool = False,
    gap_threshold: float = 0.2,
    features: _compare.Features = None,
) -> pd.DataFrame:
    """What each municipality emphasises, in plain words backed by the comparison's numbers.

    One row per municipality (or organisation): ``measures`` counted (on-topic units unless
    ``include_off_topic``) of ``all`` selected; its ``theme`` of ``framework`` furthest above
    the other municipalities' share (``theme_share`` vs ``others_share``), its most common
    ``stage`` (``stage_share``), ``concrete`` (mean share of its measures naming a
    responsible, a deadline, a cost and a follow-up: :func:`plancompare.compare.anatomy`),
    ``unique`` measures (no counterpart elsewhere at ``gap_threshold``:
    :func:`plancompare.compare.all_gaps`) and its top distinctive ``term`` (with ``z``), then
    ``in_plain_words``: one sentence built from these numbers. ``features``
    (:func:`plancompare.compare.shared_features` with the same settings) spares fitting the
    vectorizer again for the gaps and the terms: the same table.

    Example:
        >>> import plancompare
        >>> table = emphasis_table(plancompare.load())
        >>> row = table.loc["Malmö"]
        >>> int(row.measures), int(row["all"]), float(row.concrete)
        (12, 12, 1.0)
    """
    book = resolve_codebook(codebook, frame)
    codes = codes if codes is not None else code_themes(frame, book)
    frame = frame.assign(municipality=author(frame))
    units = select_units(frame, kinds, level)
    flag = on_topic(units, book, codes=codes).to_numpy()
    counted = units if include_off_topic else units[flag]
    n_all = units.groupby("municipality").size()
    n = counted.groupby("municipality").size().reindex(n_all.index, fill_value=0)
    options = {"kinds": kinds, "level": level, "include_off_topic": include_off_topic}
    themes = theme_members(frame, codes, book, framework=framework, **options)
    stages = theme_members(frame, codes, book, framework=STAGE, **options)
    labels = book.set_index("theme")["gloss_en"]
    gaps = _compare.all_gaps(
        frame, threshold=gap_threshold, codes=codes, features=features, **options
    )
    unique = unique_by_group(gaps)["unique"] if len(gaps) else pd.Series(dtype="int64")
    anatomy = _compare.anatomy(
        frame, "municipality", codes=codes, include_off_topic=include_off_topic
    )
    concrete = anatomy[list(CONCRETE)].mean(axis=1)
    terms = pd.DataFrame(columns=["term", "z"])
    if len(n_all) > 1:
        terms = _compare.distinctive_terms(
            frame, kinds=kinds, level=level, top=1, features=features
        )
        terms = terms.set_index("group")
    counts = themes.groupby(["municipality", "theme"]).size().unstack(fill_value=0)
    stage_counts = stages.groupby(["municipality", "theme"]).size().unstack(fill_value=0)
    rows = []
    for who in n_all.index:
        mine = int(n.get(who, 0))
        row: dict[str, Any] = {"municipality": who, "measures": mine, "all": int(n_all[who])}
        if mine and who in counts.index:
            share = counts.loc[who] / mine
            rest_n = int(n.drop(who).sum())
            rest = counts.drop(index=who).sum() / rest_n if rest_n else share * 0
            lead = (share - rest).idxmax()
            row.update(theme=labels.get(lead, lead), theme_share=float(share[lead]),
                       others_share=float(rest[lead]))  # fmt: skip
        if mine and who in stage_counts.index:
            mine_stages = stage_counts.loc[who]
            tops = [t for t in stage_counts.columns if mine_stages[t] == mine_stages.max()]
            row.update(
                stage=" / ".join(labels.get(t, t) for t in tops),
                stage_share=float(mine_stages.max() / mine),
            )
        row["concrete"] = float(concrete.get(who, np.nan))
        row["unique"] = int(unique.get(who, 0))
        if who in terms.index:
            row.update(term=str(terms.loc[who, "term"]), z=float(terms.loc[who, "z"]))
        rows.append(row)
    table = pd.DataFrame(rows).set_index("municipality")
    table["in_plain_words"] = [_plain_words(who, row) for who, row in table.iterrows()]
    return table


def _plain_words(who: str, row: pd.Series) -> str:
    """One sentence on a municipality, from its row of :func:`emphasis_table`."""
    parts = [f"{row['measures']} of {row['all']} measures on topic"]
    if isinstance(row.get("theme"), str):
        parts.append(
            f"leans to {row['theme'].lower()} ({_pct(row['theme_share'])} of its measures, "
            f"{_pct(row['others_share'])} elsewhere)"
        )
    if isinstance(row.get("stage"), str):
        each = " each" if " / " in row["stage"] else ""
        parts.append(f"mostly '{row['stage'].lower()}' ({_pct(row['stage_share'])}{each})")
    if not np.isnan(row["concrete"]):
        parts.append(f"spells out who, when, cost and follow-up: {_pct(row['concrete'])}")
    if row["measures"]:
        parts.append(f"{row['unique']} of {row['measures']} measures found nowhere else")
    if isinstance(row.get("term"), str):
        chance = "" if row["z"] > Z_95 else ", within chance"
        parts.append(f"most distinctive word '{row['term']}' (z = {row['z']:.1f}{chance})")
    return f"{who}: " + "; ".join(parts) + "."


# ------------------------------------------------------------------------------ all together


def key_parameters(**params: Any) -> dict[str, Any]:
    """The parameters :func:`key_findings` computes with: :data:`DEFAULTS`, overridden by
    those of ``params`` it knows (other names are ignored, as there).

    Example:
        >>> p = key_parameters(k=4, max_colwidth=90)
        >>> p["k"], p["n_boot"], "max_colwidth" in p
        (4, 50, False)
    """
    return {**DEFAULTS, **{k: v for k, v in params.items() if k in DEFAULTS}}


class KeyFindings(list):
    """What :func:`key_findings` returns: its findings (a list), with ``parameters``, the
    parameters they were computed with (:func:`key_parameters`), so that a caller holding
    them can tell whether they answer another call.

    Example:
        >>> found = KeyFindings([Finding("A.", 1, "04-compare-plans", "A")], key_parameters())
        >>> found == [Finding("A.", 1, "04-compare-plans", "A")], found.parameters["k_max"]
        (True, 10)
    """

    def __init__(self, findings: Iterable[Finding] = (), parameters: dict[str, Any] | None = None):
        super().__init__(findings)
        self.parameters = dict(parameters or {})


def key_findings(
    frame: pd.DataFrame,
    *,
    codes: pd.DataFrame | None = None,
    features: _compare.Features = None,
    **params: Any,
) -> KeyFindings:
    """The report's key findings for ``frame``, computed as the notebooks compute them.

    ``params`` are notebook parameters (names and defaults in :data:`DEFAULTS`); other names
    are ignored, so a report run's whole set of overrides can be passed. A finding that
    cannot be computed on this corpus (no unit with own tags, no unit selected) is left out,
    never an error. A notebook that has coded the frame and fitted the vectorizer already
    passes them on: ``codes`` (:func:`plancompare.code_themes` of ``frame`` with the same
    codebook) and ``features`` (:func:`plancompare.compare.shared_features` with the same
    settings): the same findings, without coding and fitting again. The result is a list
    (:class:`KeyFindings`) that also holds the parameters it was computed with.

    Example:
        >>> import plancompare
        >>> found = key_findings(plancompare.load(), validation_boot=100, n_boot=10)
        >>> len(found), all(f.text.endswith(".") for f in found)
        (6, True)
        >>> sorted({f.notebook for f in found})
        ['02-code-themes', '03-cluster-measures', '04-compare-plans']
    """
    p = key_parameters(**params)
    kinds, level = tuple(p["kinds"]), p["level"]
    book = resolve_codebook(p["codebook"], frame)
    codes = codes if codes is not None else code_themes(frame, book)
    units = select_units(frame, kinds, level)
    what = selection_label(kinds, level)
    found: list[Finding | None] = []
    counted = units
    if ON_TOPIC in set(book["framework"]):
        flag = on_topic(units, book, codes=codes)
        found.append(off_topic_finding(units, flag, what))
        if not p["include_off_topic"]:
            counted = units[flag.to_numpy()]
    members = theme_members(
        frame, codes, book, framework=p["framework"], kinds=kinds, level=level,
        include_off_topic=p["include_off_topic"],
    )  # fmt: skip
    on_what = what if counted is units else f"on-topic {what}"
    found.append(
        top_theme_finding(theme_totals(members, len(counted), book), len(counted), on_what)
    )
    validation = validate_own_tags(
        frame, book, codes=codes, n_boot=p["validation_boot"], random_state=p["random_state"]
    )
    found.append(own_tags_finding(validation, frame))
    if len(units) >= 4:  # as notebook 03 (the map is not needed for a finding: "svd")
        result = _clusters.cluster_measures(
            frame, p["k"], kinds=kinds, level=level, ks=range(p["k_min"], p["k_max"] + 1),
            codes=codes, n_boot=p["n_boot"], map_method="svd", random_state=p["random_state"],
            features=features,
        )  # fmt: skip
        found.append(cluster_finding(result))
    if len(units):  # notebook 04: how concrete the plans' measures are, and what is unique
        anatomy = _compare.anatomy(frame, codes=codes, include_off_topic=p["include_off_topic"])
        found.append(concreteness_finding(anatomy))
    gaps = _compare.all_gaps(
        frame, threshold=p["gap_threshold"], codes=codes, kinds=kinds, level=level,
        include_off_topic=p["include_off_topic"], features=features,
    )  # fmt: skip
    found.append(gap_finding(gaps, on_what) if len(gaps) else None)
    return KeyFindings((f for f in found if f is not None), p)


__all__ = [
    "DEFAULTS",
    "Finding",
    "KeyFindings",
    "cluster_finding",
    "concreteness_finding",
    "emphasis_table",
    "gap_finding",
    "heading_anchor",
    "key_findings",
    "key_parameters",
    "off_topic_finding",
    "own_tags_finding",
    "selection_label",
    "theme_totals",
    "top_theme_finding",
    "unique_by_group",
]
