"""Every figure the notebooks show: one function each, taking frames, returning a Figure.

Figures are made with :class:`matplotlib.figure.Figure` directly, not pyplot, so nothing is
shown twice in a notebook and no display is needed. Figures carry a title, labelled axes
and Swedish labels (å, ä, ö) as the data has them.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..schema import KINDS
from ..summary import author, leaf_measures

#: One colour per unit kind, stable across figures.
KIND_COLOURS = dict(
    zip(
        KINDS,
        ["#1b9e77", "#d95f02", "#7570b3", "#a6a6a6", "#e7298a", "#66a61e", "#e6ab02"],
        strict=True,
    )
)


def plot_units_by_kind(frame: pd.DataFrame) -> Figure:
    """Stacked horizontal bars: how many units of each kind every plan file produced.

    Example:
        >>> from plancompare import load
        >>> fig = plot_units_by_kind(load())
        >>> fig.axes[0].get_xlabel()
        'antal textenheter (units)'
    """
    counts = (
        frame.groupby(["municipality", "source_file"])["kind"].value_counts().unstack(fill_value=0)
    )
    counts = counts.reindex(columns=list(KINDS), fill_value=0)
    labels = [f"{m}\n{f.split('_')[0]}" for m, f in counts.index]
    fig = Figure(figsize=(8, 0.7 * len(counts) + 1.6))
    ax = fig.subplots()
    left = pd.Series(0, index=counts.index)
    for kind in KINDS:
        ax.barh(labels, counts[kind], left=left, color=KIND_COLOURS[kind], label=kind)
        left = left + counts[kind]
    ax.invert_yaxis()
    ax.set_xlabel("antal textenheter (units)")
    ax.set_ylabel("kommun och fil")
    ax.set_title("Textenheter per plan och slag (kind)")
    ax.legend(title="kind", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    fig.tight_layout()
    return fig


def plot_measures_by_municipality(frame: pd.DataFrame) -> Figure:
    """Bars: the number of leaf measures (the most specific actions) per municipality.

    Leaf measures are counted so that an activity and its steps are not counted twice
    (see :func:`plancompare.summary.leaf_measures`); a region or agency without a
    municipality is shown by its organisation.

    Example:
        >>> from plancompare import load
        >>> fig = plot_measures_by_municipality(load())
        >>> fig.axes[0].get_title()
        'Åtgärder (measures) per kommun'
    """
    leaves = leaf_measures(frame)
    counts = leaves.groupby(author(leaves)).size().sort_values()
    fig = Figure(figsize=(7, 3.2))
    ax = fig.subplots()
    bars = ax.barh(counts.index, counts.values, color=KIND_COLOURS["measure"])
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("antal åtgärder (leaf measures)")
    ax.set_ylabel("kommun")
    ax.set_title("Åtgärder (measures) per kommun")
    ax.set_xlim(0, counts.max() * 1.15)
    fig.tight_layout()
    return fig
