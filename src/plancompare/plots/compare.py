"""Figures comparing plans: similarity with a dendrogram, distinctive terms, plan anatomy.

Each takes a table from :mod:`plancompare.compare` and gives back a Figure whose title states
the finding, computed from the numbers shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .style import NEUTRAL, finish, municipality_colour

# The two-sided 95 % quantile of the standard normal, scipy.stats.norm.ppf(0.975) to the last
# bit, written out: importing scipy.stats costs a notebook's kernel about a second.
Z_95 = 1.959963984540054


def plot_similarity(
    similarity: pd.DataFrame, linkage: np.ndarray, *, basis: str = "text"
) -> Figure:
    """Heatmap of a group × group similarity table, ordered by a dendrogram drawn beside it.

    ``similarity`` from :func:`plancompare.compare.plan_similarity`, ``linkage`` from
    :func:`plancompare.compare.similarity_linkage`; ``basis`` names what was compared.

    Example:
        >>> sims = pd.DataFrame([[1, .3, .1], [.3, 1, .2], [.1, .2, 1]], list("abc"), list("abc"))
        >>> from plancompare.compare import similarity_linkage
        >>> plot_similarity(sims, similarity_linkage(sims)).texts[0].get_text()
        'a–b most alike (0.30), a–c least (0.10)'
    """
    from scipy.cluster import hierarchy  # only this figure needs it (a second to import)

    names = list(similarity.index)
    fig = Figure(figsize=(9, 0.55 * len(names) + 2.8))
    tree, heat = fig.subplots(1, 2, width_ratios=[1, 3])
    dendro = hierarchy.dendrogram(
        linkage, labels=names, orientation="left", ax=tree, color_threshold=0,
        above_threshold_color="#555555", no_labels=True,
    )  # fmt: skip
    order = dendro["ivl"][::-1]
    tree.set_xlabel("1 − similarity")
    for side in ("top", "right", "left"):
        tree.spines[side].set_visible(False)
    tree.set_yticks([])
    values = similarity.loc[order, order].to_numpy(dtype=float)
    heat.imshow(values, cmap="Blues", vmin=0, vmax=1)
    heat.set_xticks(range(len(order)), order, rotation=30, ha="right")
    heat.set_yticks(range(len(order)), order)
    for i in range(len(order)):
        for j in range(len(order)):
            ink = "white" if values[i, j] > 0.6 else "black"
            heat.text(j, i, f"{values[i, j]:.2f}", ha="center", va="center", fontsize=8, color=ink)
    off = similarity.to_numpy(dtype=float).copy()
    np.fill_diagonal(off, np.nan)
    hi = np.unravel_index(np.nanargmax(off), off.shape)
    lo = np.unravel_index(np.nanargmin(off), off.shape)
    title = (
        f"{names[hi[0]]}–{names[hi[1]]} most alike ({off[hi]:.2f}), "
        f"{names[lo[0]]}–{names[lo[1]]} least ({off[lo]:.2f})"
    )
    what = {
        "text": "cosine similarity of the groups' mean TF-IDF vectors of their measures "
        "(lemmas, compound parts, recurring bigrams)",
        "themes": "cosine similarity of the groups' theme profiles (share of measures per theme)",
    }.get(basis, basis)
    subtitle = f"{what}; 1 = the same profile, 0 = nothing in common. Tree: average linkage."
    return finish(fig, title, subtitle)


def plot_distinctive_terms(table: pd.DataFrame, n: int = 8) -> Figure:
    """One panel per group: its most distinctive terms by z-score, with the z = 1.96 line.

    ``table`` from :func:`plancompare.compare.distinctive_terms`; bars in the group's colour
    when the group is a municipality, grey otherwise.

    Example:
        >>> table = pd.DataFrame({"group": ["Malmö", "Malmö", "Östersund"],
        ...     "term": ["vfu", "lön", "kommun"], "count": [3, 2, 3], "z": [2.5, 1.1, 1.6]})
        >>> plot_distinctive_terms(table).texts[0].get_text()
        '1 of 3 top terms sets its municipality apart beyond chance (z > 1.96)'
    """
    groups = sorted(table.group.unique())
    columns = min(len(groups), 2)
    rows = int(np.ceil(len(groups) / columns))
    fig = Figure(figsize=(4.6 * columns, 0.28 * n * rows + 2.2))
    axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False)).ravel()
    top = table.sort_values(["group", "z"], ascending=[True, False]).groupby("group").head(n)
    z_max = max(float(top.z.max()), Z_95) * 1.1
    for ax, group in zip(axes, groups, strict=False):
        mine = top[top.group == group]
        colour = municipality_colour(group) if group in set(top.group) else NEUTRAL
        labels = [f"{t} ({c})" for t, c in zip(mine.term, mine["count"], strict=True)]
        ax.barh(labels, mine.z, color=colour)
        ax.invert_yaxis()
        ax.axvline(Z_95, color="#333333", ls=":", lw=1)
        ax.set_xlim(min(0.0, float(mine.z.min()) * 1.1), z_max)
        ax.set_title(group, fontsize=10, loc="left")
        ax.set_xlabel("z (log-odds with informative prior)")
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[len(groups) :]:
        ax.set_visible(False)
    beyond = int((top.z > Z_95).sum())
    title = (
        f"{beyond} of {len(top)} top terms set{'s' if beyond == 1 else ''} its municipality "
        f"apart beyond chance (z > {Z_95:.2f})"
    )
    subtitle = (
        "Each group against all others pooled: log-odds ratio with an informative Dirichlet "
        "prior (Monroe et al. 2008), as z-scores; (n) = uses in the group's measures; dotted "
        "line z = 1.96."
    )
    return finish(fig, title, subtitle)


def _wilson(share: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95 % Wilson score interval of a share observed in ``n`` cases."""
    z2 = Z_95**2
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_95 * np.sqrt(share * (1 - share) / n + z2 / (4 * n**2)) / (1 + z2 / n)
    return centre - half, centre + half


def plot_anatomy(anatomy: pd.DataFrame) -> Figure:
    """Per plan: share of its measures naming each part of a measure, and its stage profile.

    ``anatomy`` from :func:`plancompare.compare.anatomy`. Left: dots with 95 % Wilson
    intervals (few measures → wide intervals); right: the stage profile as stacked bars.

    Example:
        >>> from plancompare import load
        >>> from plancompare.compare import anatomy
        >>> fig = plot_anatomy(anatomy(load()))
        >>> fig.texts[0].get_text()
        'Only Malmö names who, when, what it costs and how it is followed up for its measures'
    """
    from ..compare import ANATOMY_FEATURES

    stages = [c for c in anatomy.columns[anatomy.columns.get_loc("plan_follow_up") + 1 :]]
    plans = list(anatomy.index)
    labels = [
        f"{anatomy.loc[p, 'municipality']} (n = {anatomy.loc[p, 'n_measures']})" for p in plans
    ]
    fig = Figure(figsize=(11, 0.5 * len(plans) * len(ANATOMY_FEATURES) / 3 + 3))
    left, right = fig.subplots(1, 2, width_ratios=[3, 2])
    n_features = len(ANATOMY_FEATURES)
    for i, plan in enumerate(plans):
        n = float(anatomy.loc[plan, "n_measures"])
        shares = anatomy.loc[plan, list(ANATOMY_FEATURES)].to_numpy(dtype=float)
        low, high = _wilson(shares, n)
        y = np.arange(n_features) * (len(plans) + 1) + i
        colour = municipality_colour(anatomy.loc[plan, "municipality"])
        left.errorbar(
            shares, y, xerr=[shares - low, high - shares], fmt="o", color=colour,
            ecolor=colour, elinewidth=1.2, capsize=2, label=labels[i],
        )  # fmt: skip
    centres = np.arange(n_features) * (len(plans) + 1) + (len(plans) - 1) / 2
    left.set_yticks(centres, [f.replace("_", "-") for f in ANATOMY_FEATURES])
    left.invert_yaxis()
    left.set_xlim(-0.02, 1.02)
    left.set_xlabel("share of the plan's measures (95 % interval)")
    left.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
    if stages:
        shade = ["#c6dbef", "#6baed6", "#2171b5", "#08306b", "#d9d9d9"]
        start = np.zeros(len(plans))
        for j, stage in enumerate(stages):
            values = anatomy[stage].to_numpy(dtype=float)
            name = anatomy.attrs.get("stage_labels", {}).get(stage, stage)
            right.barh(labels, values, left=start, color=shade[j % len(shade)], label=name)
            start += values
        right.invert_yaxis()
        right.set_xlim(0, 1)
        right.set_xlabel("share of measures by stage (leading verb)")
        right.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
    else:
        right.set_visible(False)
    complete = anatomy[list(ANATOMY_FEATURES[:4])].min(axis=1) >= 0.99
    names = sorted(set(anatomy.loc[complete, "municipality"]))
    if len(names) == 1:
        title = (
            f"Only {names[0]} names who, when, what it costs and how it is followed up "
            "for its measures"
        )
    else:
        title = (
            f"{len(names)} of {len(plans)} plans name who, when, cost and follow-up "
            "for all their measures"
        )
    subtitle = (
        "Leaf measures per plan: responsible, deadline and cost filled in (for the measure or "
        "the measure enclosing it), a follow-up attached, an outcome stated; right: stage by "
        "the measure's leading verb (theme coding)."
    )
    return finish(fig, title, subtitle)
