"""Figures of the loaded frame: units by kind, measures per municipality, the plans' periods.

Figures are made with :class:`matplotlib.figure.Figure` directly, not pyplot, so nothing is
shown twice in a notebook and no display is needed. Each is in one language (English, with
the data's own Swedish names), its title states what it shows and its axes say what is
counted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..schema import KINDS
from ..summary import author, leaf_measures
from .style import NEUTRAL, finish, municipality_colour

#: One colour per unit kind, stable across figures.
KIND_COLOURS = dict(
    zip(
        KINDS,
        ["#1b9e77", "#d95f02", "#7570b3", "#a6a6a6", "#e7298a", "#66a61e", "#e6ab02"],
        strict=True,
    )
)


def plot_units_by_kind(frame: pd.DataFrame, max_files: int = 40) -> Figure:
    """Stacked horizontal bars: how many units of each kind every plan file produced.

    A corpus of more than ``max_files`` files draws the ``max_files`` files with the most
    units and says so in the subtitle (a bar per file of a national corpus would make a
    figure thousands of inches tall); the title counts every file.

    Example:
        >>> from plancompare import load
        >>> fig = plot_units_by_kind(load())
        >>> fig.axes[0].get_xlabel()
        'units (count)'
    """
    counts = frame.groupby([author(frame), "source_file"])["kind"].value_counts()
    counts = counts.unstack(fill_value=0).reindex(columns=list(KINDS), fill_value=0)
    totals = counts.sum(axis=1)
    shown = counts
    if len(counts) > max_files:
        shown = counts[counts.index.isin(totals.nlargest(max_files, keep="first").index)]
    labels = [f"{m}\n{f.split('_')[0]}" for m, f in shown.index]
    fig = Figure(figsize=(8, 0.7 * len(shown) + 2.0))
    ax = fig.subplots()
    left = np.zeros(len(shown))
    for kind in KINDS:
        ax.barh(labels, shown[kind], left=left, color=KIND_COLOURS[kind], label=kind)
        left += shown[kind].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("units (count)")
    ax.set_ylabel("municipality and file")
    ax.legend(title="kind", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    biggest = totals.idxmax()
    title = (
        f"{len(frame)} units from {len(counts)} files; the largest, {biggest[0]} "
        f"{biggest[1].split('_')[0]}, holds {totals[biggest]}"
    )
    subtitle = "Units of text per source file, by kind (what the text says: goal, measure …)."
    if len(shown) < len(counts):
        subtitle += f" The {len(shown)} files with the most units of {len(counts)} are drawn."
    return finish(fig, title, subtitle)


def plot_measures_by_municipality(
    frame: pd.DataFrame, on_topic: pd.Series, max_groups: int = 40
) -> Figure:
    """Bars: leaf measures per municipality, those about competence supply first.

    Leaf measures (the most specific actions, see
    :func:`plancompare.summary.leaf_measures`) are counted so that an activity and its
    steps are not counted twice. ``on_topic`` is the theme coding's on-topic flag
    (:func:`plancompare.on_topic`), indexed like ``frame``: measures about competence supply
    are drawn in the municipality's colour, the others hatched grey beside them. A region
    or agency without a municipality is shown by its organisation. A corpus of more than
    ``max_groups`` municipalities draws the ``max_groups`` with the most measures about
    competence supply and says so in the subtitle; the title counts every one.

    Example:
        >>> from plancompare import load, on_topic
        >>> frame = load()
        >>> fig = plot_measures_by_municipality(frame, on_topic(frame))
        >>> fig.axes[0].get_xlabel()
        'leaf measures (count)'
    """
    leaves = leaf_measures(frame)
    flag = on_topic.reindex(leaves.index).fillna(False).astype(bool)
    who = author(leaves)
    table = pd.DataFrame({"on": flag.groupby(who).sum(), "all": who.value_counts()})
    table["off"] = table["all"] - table["on"]
    table = table.sort_values(["on", "all"], ascending=[True, True], kind="mergesort")
    shown = table.iloc[-max_groups:]  # drawn from the bottom up: the largest last
    fig = Figure(figsize=(8, 0.5 * len(shown) + 2.2))
    ax = fig.subplots()
    colours = [municipality_colour(m) for m in shown.index]
    on_bars = ax.barh(shown.index, shown["on"], color=colours)
    off_bars = ax.barh(
        shown.index, shown["off"], left=shown["on"], color="white", edgecolor=NEUTRAL,
        hatch="///", linewidth=0.8,
    )  # fmt: skip
    ax.bar_label(on_bars, labels=[str(n) if n else "" for n in shown["on"]], label_type="center")
    ax.bar_label(off_bars, labels=[f"+{n}" if n else "" for n in shown["off"]], padding=3)
    ax.set_xlabel("leaf measures (count)")
    ax.set_ylabel("municipality")
    ax.set_xlim(0, max(1, int(shown["all"].max())) * 1.15)
    ax.legend(
        handles=[
            Patch(color=NEUTRAL, label="about competence supply"),
            Patch(facecolor="white", edgecolor=NEUTRAL, hatch="///", label="about other things"),
        ],
        frameon=False, loc="lower right",
    )  # fmt: skip
    on, total = int(table["on"].sum()), int(table["all"].sum())
    most = table["on"].idxmax() if total else "no plan"
    title = (
        f"{on} of {total} leaf measures are about competence supply; "
        f"{most} has the most of them ({int(table['on'].max()) if total else 0})"
    )
    subtitle = (
        "Leaf measures (the most specific actions) per municipality; solid: about competence "
        "supply (theme coding's on-topic flag), hatched: about other things."
    )
    if len(shown) < len(table):
        subtitle += (
            f" The {len(shown)} of {len(table)} municipalities with the most measures about "
            "competence supply are drawn."
        )
    return finish(fig, title, subtitle)


def _period(plans: pd.DataFrame) -> pd.DataFrame:
    """First and last year of each plan (a plan naming one year covers that year)."""
    start = pd.to_numeric(plans["period_start"], errors="coerce")
    end = pd.to_numeric(plans["period_end"], errors="coerce")
    return pd.DataFrame({"first": start.fillna(end), "last": end.fillna(start)}, index=plans.index)


def plot_plan_timeline(frame: pd.DataFrame, max_plans: int = 40) -> Figure:
    """Bars on a time axis: the years each plan covers, in its municipality's colour.

    A plan covers ``period_start`` to ``period_end`` inclusive (a plan for 2023 covers the
    year 2023); a plan with one year given covers that year; plans with neither are named
    in the subtitle, not drawn. A corpus of more than ``max_plans`` dated plans draws the
    ``max_plans`` most recent (latest last year, then latest first year) and says so in the
    subtitle, which then names only the first undated plans; the title covers every plan.

    Example:
        >>> from plancompare import load
        >>> fig = plot_plan_timeline(load())
        >>> fig.axes[0].get_xlabel()
        'year (bars cover whole calendar years)'
    """
    plans = frame.drop_duplicates("plan_id").set_index("plan_id").sort_index()
    who = author(plans)
    years = _period(plans)
    every = years.dropna().astype(int)
    recent = every.sort_values(["last", "first"], ascending=False, kind="mergesort")
    dated = recent.iloc[:max_plans].sort_values(["first", "last"], kind="mergesort")
    fig = Figure(figsize=(8, 0.45 * max(len(dated), 1) + 2.2))
    ax = fig.subplots()
    labels = [f"{who[p]} ({p})" for p in dated.index]
    spans = (dated["last"] - dated["first"] + 1).to_numpy()
    colours = [municipality_colour(who[p]) for p in dated.index]
    ax.barh(labels, spans, left=dated["first"].to_numpy(), color=colours, height=0.6)
    for y, (first, last) in enumerate(zip(dated["first"], dated["last"], strict=True)):
        text = f"{first}" if first == last else f"{first}–{last}"
        ax.text(last + 1.05, y, text, va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("year (bars cover whole calendar years)")
    ax.set_ylabel("plan")
    if len(dated):
        lo, hi = int(dated["first"].min()), int(dated["last"].max())
        ax.set_xlim(lo - 0.5, hi + 2.5)
        ax.set_xticks(range(lo, hi + 2))
        all_spans = every["last"] - every["first"] + 1
        longest = int(all_spans.max())
        names = sorted({who[p] for p in all_spans.index[all_spans == longest]})
        shown_names = ", ".join(names[:5]) + (
            f" and {len(names) - 5} more" if len(names) > 5 else ""
        )
        title = (
            f"The plans cover {int(every['first'].min())}–{int(every['last'].max())}; the "
            f"longest ({longest} year{'s' if longest != 1 else ''}): {shown_names}"
        )
    else:
        title = "No plan states its period"
    undated = sorted(set(plans.index) - set(every.index))
    subtitle = "Each plan's period as the manifest states it, from its first to its last year."
    if len(dated) < len(every):
        subtitle += f" The {len(dated)} most recent of {len(every)} dated plans are drawn."
    if undated:
        named = ", ".join(undated[:10]) + (
            f" and {len(undated) - 10} more" if len(undated) > 10 else ""
        )
        subtitle += f" Without a period, not drawn: {named}."
    return finish(fig, title, subtitle)
