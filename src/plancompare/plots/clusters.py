"""Figures of the measure clusters: k scan with stability, stability per measure, map, topics.

Each takes the tables :func:`plancompare.clusters.cluster_measures` (or
:func:`~plancompare.clusters.fit_topics`) returns and gives back a Figure; titles state the
finding, computed from the numbers shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .style import NEUTRAL, finish, municipality_colour


def _short(terms: str, n: int = 3) -> str:
    return " · ".join(terms.split(" · ")[:n])


def plot_cluster_scan(scan: pd.DataFrame, k: int | None = None) -> Figure:
    """Silhouette and bootstrap stability (ARI, 5–95 % band) for each k of a scan.

    ``scan`` is :func:`plancompare.clusters.silhouette_scan`'s table; ``k`` marks the k
    chosen (default: the highest silhouette).

    Example:
        >>> scan = pd.DataFrame({"k": [2, 3, 4], "silhouette": [0.1, 0.3, 0.2],
        ...     "ari_mean": [0.5, 0.8, 0.4], "ari_low": [0.2, 0.6, 0.1],
        ...     "ari_high": [0.9, 1.0, 0.7], "n_boot": [20, 20, 20]})
        >>> fig = plot_cluster_scan(scan)
        >>> fig.texts[0].get_text()
        'Silhouette peaks at k = 3 (0.30); ARI at k = 3: 0.80'
    """
    scan = scan.sort_values("k")
    if k is None:
        k = int(scan.sort_values(["silhouette", "k"], ascending=[False, True]).k.iloc[0])
    row = scan.set_index("k").loc[k]
    fig = Figure(figsize=(8.5, 5))
    top, bottom = fig.subplots(2, 1, sharex=True)
    top.plot(scan.k, scan.silhouette, "o-", color="#333333")
    top.set_ylabel("silhouette (cosine)")
    bottom.fill_between(scan.k, scan.ari_low, scan.ari_high, color="#bbbbbb", label="5–95 %")
    bottom.plot(scan.k, scan.ari_mean, "o-", color="#333333", label="mean")
    bottom.set_ylabel("adjusted Rand index\n(bootstrap vs full data)")
    bottom.set_xlabel("number of clusters k")
    bottom.set_ylim(min(-0.1, float(scan.ari_low.min()) - 0.05), 1.05)
    bottom.axhline(0, color="#999999", lw=0.8)
    for ax in (top, bottom):
        ax.axvline(k, color="#D55E00", ls="--", lw=1, label=f"k used ({k})")
        ax.set_xticks(scan.k)
    # beside the panel: inside it, the grey swatch of the band sat on the band and vanished
    bottom.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    best = int(scan.sort_values(["silhouette", "k"], ascending=[False, True]).k.iloc[0])
    if best == int(scan.k.max()) and len(scan) > 2:
        title = (
            f"Silhouette grows to the scan's end (k = {best}): no k stands out; "
            f"ARI at k = {k}: {row.ari_mean:.2f}"
        )
    else:
        title = (
            f"Silhouette peaks at k = {best} ({scan.silhouette.max():.2f}); "
            f"ARI at k = {k}: {row.ari_mean:.2f}"
        )
    subtitle = (
        f"Silhouette of the clustering of all measures, and adjusted Rand index between it and "
        f"clusterings of {int(row.n_boot)} bootstrap resamples of the measures "
        f"(mean and 5–95 % band; 1 = the same clusters, 0 = chance)."
    )
    return finish(fig, title, subtitle)


def plot_cluster_stability(units: pd.DataFrame, clusters: pd.DataFrame) -> Figure:
    """Per cluster: how often each measure stays with its cluster-mates under resampling.

    ``units`` and ``clusters`` are :func:`plancompare.clusters.cluster_measures`' tables
    (``assigned``, ``coassignment``, ``municipality``; ``cluster``, ``jaccard``,
    ``top_terms``). Dots are measures (coloured by municipality), the bar is the cluster's
    mean Jaccard match across resamples.

    Example:
        >>> units = pd.DataFrame({"assigned": [0, 0, 1], "coassignment": [0.9, 0.4, np.nan],
        ...                       "municipality": ["Malmö", "Östersund", "Malmö"]})
        >>> clusters = pd.DataFrame({"cluster": [0, 1], "jaccard": [0.8, 0.3],
        ...                          "top_terms": ["lön · chef", "vfu"]})
        >>> plot_cluster_stability(units, clusters).texts[0].get_text()
        '1 of 2 clusters is reproduced under resampling (Jaccard ≥ 0.75)'
    """
    table = clusters[clusters.cluster >= 0].sort_values("cluster")
    fig = Figure(figsize=(8, 0.45 * len(table) + 1.8))
    ax = fig.subplots()
    rows = np.arange(len(table))
    ax.barh(rows, table.jaccard, color="#dddddd", label="cluster: mean Jaccard")
    rng = np.random.default_rng(0)
    for row, cluster in zip(rows, table.cluster, strict=True):
        members = units[units.assigned == cluster]
        jitter = rng.uniform(-0.2, 0.2, len(members))
        ax.scatter(
            members.coassignment,
            row + jitter,
            c=[municipality_colour(m) for m in members.municipality],
            s=22,
            edgecolor="white",
            linewidth=0.5,
            zorder=3,
        )
    labels = [f"{c}: {_short(t)}" for c, t in zip(table.cluster, table.top_terms, strict=True)]
    ax.set_yticks(rows, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.02)
    ax.axvline(0.75, color="#999999", ls=":", lw=1)
    ax.axvline(0.5, color="#999999", ls=":", lw=1)
    ax.set_xlabel("share of resamples in which a measure stays with its cluster-mates")
    handles = [Line2D([], [], color="#dddddd", lw=8, label="cluster: mean Jaccard")] + [
        Line2D([], [], marker="o", ls="", color=municipality_colour(m), label=m)
        for m in sorted(units.municipality.unique())
    ]
    ax.legend(handles=handles, frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
    stable = int((table.jaccard >= 0.75).sum())
    verb = "is" if stable == 1 else "are"
    title = f"{stable} of {len(table)} clusters {verb} reproduced under resampling (Jaccard ≥ 0.75)"
    wandering = int((units.coassignment < 0.5).sum())
    subtitle = (
        f"Bars: mean best Jaccard match of each cluster in bootstrap resamples (Hennig 2007). "
        f"Dots: measures; {wandering} of {len(units)} stay with their cluster-mates less than "
        f"half the time."
    )
    return finish(fig, title, subtitle)


def plot_measure_map(units: pd.DataFrame, clusters: pd.DataFrame) -> Figure:
    """A 2-D map of measures coloured by municipality, with clusters, outliers and topic flag.

    ``units`` needs ``x``, ``y``, ``municipality``, ``cluster`` (−1 = outlier) and
    ``coassignment`` (smaller dots wander between clusters), and may have ``on_topic``
    (off-topic measures are drawn hollow); ``clusters`` needs ``cluster`` and ``top_terms``.
    Up to 200 measures each carries its cluster's number and the clusters are listed beside
    the map; beyond that the labels sit at the clusters' medians.

    Example:
        >>> units = pd.DataFrame({"x": [0, 1, 5, 9], "y": [0, 1, 5, 0],
        ...     "cluster": [0, 0, 1, -1], "coassignment": [1, 1, 0.5, 0.2],
        ...     "municipality": ["Malmö"] * 2 + ["Östersund"] * 2,
        ...     "on_topic": [True, True, True, False]})
        >>> clusters = pd.DataFrame({"cluster": [0, 1, -1], "top_terms": ["lön", "vfu", ""]})
        >>> plot_measure_map(units, clusters).texts[0].get_text()
        '2 clusters of measures; 1 measure fits none (1 of them off topic)'
    """
    fig = Figure(figsize=(11, 6.5))
    ax = fig.subplots()
    sizes = 25 + 60 * units.coassignment.fillna(0.0).to_numpy()
    inside = (units.cluster >= 0).to_numpy()
    topical = units["on_topic"].to_numpy(bool) if "on_topic" in units else np.ones(len(units), bool)
    for name in sorted(units.municipality.unique()):
        mine = (units.municipality == name).to_numpy()
        colour = municipality_colour(name)
        for on, face in ((True, colour), (False, "none")):
            pick = mine & inside & (topical == on)
            ax.scatter(
                units.x[pick], units.y[pick], s=sizes[pick], facecolors=face, edgecolors=colour,
                linewidth=1.2, label=name if on else None, zorder=3,
            )  # fmt: skip
            pick = mine & ~inside & (topical == on)
            ax.scatter(
                units.x[pick], units.y[pick], s=70, marker="X", facecolors=face,
                edgecolors=colour if not on else "black", linewidth=1.0, zorder=4,
            )  # fmt: skip
    terms = dict(zip(clusters.cluster, clusters.top_terms, strict=True))
    box = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": NEUTRAL, "alpha": 0.85}
    if len(units) <= 200:
        for x, y, c in zip(units.x[inside], units.y[inside], units.cluster[inside], strict=True):
            ax.annotate(str(c), (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7)
        listing = "\n".join(
            f"{c}: {_short(terms.get(c, ''), 3)}" for c in sorted(set(units.cluster[inside]))
        )
        ax.text(1.02, 0.0, "clusters (top terms)\n" + listing, transform=ax.transAxes,
                fontsize=8, va="bottom", ha="left", bbox=box)  # fmt: skip
    else:
        for cluster, members in units[inside].groupby("cluster"):
            ax.annotate(
                f"{cluster}: {_short(terms.get(cluster, ''), 2)}",
                (members.x.median(), members.y.median()),
                ha="center", va="center", fontsize=8, bbox=box, zorder=5,
            )  # fmt: skip
    handles, _ = ax.get_legend_handles_labels()
    handles += [
        Line2D([], [], marker="X", ls="", color=NEUTRAL, markeredgecolor="black", label="outlier"),
        Line2D([], [], marker="o", ls="", markerfacecolor="none", markeredgecolor=NEUTRAL,
               label="off topic (hollow)"),
    ]  # fmt: skip
    ax.legend(handles=handles, frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("map axis 1 (no unit: neighbours on the map are similar in wording)")
    ax.set_ylabel("map axis 2")
    n_clusters = int(units.cluster[inside].nunique())
    n_out = int((~inside).sum())
    off = int((~inside & ~topical).sum())
    title = (
        f"{n_clusters} clusters of measures; {n_out} measure{'' if n_out == 1 else 's'} "
        f"fit{'s' if n_out == 1 else ''} none"
    )
    if "on_topic" in units and n_out:
        title += f" ({off} of them off topic)"
    subtitle = (
        f"{len(units)} measures placed by similarity of wording (2-D map of the LSA space, "
        "fixed seed), coloured by municipality; numbers give each measure's cluster; smaller "
        "dots wander between clusters under resampling; × = outlier; hollow = off topic "
        "(theme coding)."
    )
    return finish(fig, title, subtitle)


def plot_topic_shares(shares: pd.DataFrame, terms: pd.DataFrame) -> Figure:
    """Stacked bars: each group's share of measures per NMF topic.

    ``shares`` is :func:`plancompare.clusters.topic_shares`' table (groups × topics) and
    ``terms`` the topic table of :func:`~plancompare.clusters.fit_topics`. Group labels carry
    the number of measures when ``shares.attrs["n"]`` gives them.

    Example:
        >>> shares = pd.DataFrame({0: [0.75, 0.2], 1: [0.25, 0.8]}, index=["a", "b"])
        >>> terms = pd.DataFrame({"topic": [0, 1], "terms": ["lön; chef", "lokaler; ekonomi"]})
        >>> plot_topic_shares(shares, terms).texts[0].get_text()
        "b's measures lean most to topic 1 (lokaler, ekonomi): 80 %"
    """
    topics = [c for c in shares.columns if c != -1]
    colours = colormaps["Set3"]
    fig = Figure(figsize=(9, 0.5 * len(shares) + 2.4))
    ax = fig.subplots()
    left = np.zeros(len(shares))
    words = dict(zip(terms.topic, terms.terms, strict=True))
    n = shares.attrs.get("n", {})
    labels = [f"{g} (n = {n[g]})" if g in n else str(g) for g in shares.index]
    for i, topic in enumerate(topics):
        name = f"{topic}: {', '.join(words.get(topic, '').split('; ')[:3])}"
        ax.barh(labels, shares[topic], left=left, color=colours(i), label=name)
        left += shares[topic].to_numpy()
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the group's measures (strongest topic)")
    ax.legend(frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    best = shares[topics].stack().idxmax()
    top_words = ", ".join(words.get(best[1], "").split("; ")[:2])
    share = round(100 * float(shares.loc[best[0], best[1]]))
    title = f"{best[0]}'s measures lean most to topic {best[1]} ({top_words}): {share} %"
    subtitle = (
        "NMF topics of the measures' TF-IDF; each measure counted under its strongest topic. "
        "With a few measures per plan, one measure moves a share by 10–25 points."
    )
    return finish(fig, title, subtitle)
