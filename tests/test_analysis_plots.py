"""Figures of the analysis: they run on the seeds, state their numbers, share one palette."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

import plancompare
from plancompare import plots
from plancompare.clusters import cluster_measures, fit_topics, topic_shares
from plancompare.compare import anatomy, distinctive_terms, plan_similarity, similarity_linkage
from plancompare.features import select_units


@pytest.fixture(scope="module")
def frame():
    return plancompare.load()


@pytest.fixture(scope="module")
def result(frame):
    return cluster_measures(frame, n_boot=5, map_method="svd")


def title(fig) -> str:
    return fig.texts[0].get_text()


def test_cluster_figures_state_what_the_tables_hold(result):
    units, clusters = result.units, result.clusters
    fig = plots.plot_measure_map(units, clusters)
    n_clusters = units.cluster[units.cluster >= 0].nunique()
    assert title(fig).startswith(f"{n_clusters} clusters of measures; {units.outlier.sum()} ")
    stable = int((clusters[clusters.cluster >= 0].jaccard >= 0.75).sum())
    assert title(plots.plot_cluster_stability(units, clusters)).startswith(f"{stable} of ")
    k = result.model.n_clusters
    assert f"ARI at k = {k}" in title(plots.plot_cluster_scan(result.scan, k))


def test_one_colour_per_municipality_in_every_figure(frame, result):
    malmo = plots.MUNICIPALITY_COLOURS["Malmö"].lower()
    fig = plots.plot_measure_map(result.units, result.clusters)
    handles, labels = fig.axes[0].get_legend_handles_labels()
    legend = dict(zip(labels, handles, strict=True))
    assert to_hex(legend["Malmö"].get_facecolor()[0]) == malmo
    fig = plots.plot_distinctive_terms(distinctive_terms(frame))
    panel = next(ax for ax in fig.axes if ax.get_title(loc="left") == "Malmö")
    assert {to_hex(bar.get_facecolor()) for bar in panel.patches} == {malmo}
    table = anatomy(frame)
    fig = plots.plot_anatomy(table)
    colours = {to_hex(line.get_color()) for line in fig.axes[0].get_lines()}
    assert malmo in colours


def test_compare_figures(frame):
    sims = plan_similarity(frame, by="municipality")
    fig = plots.plot_similarity(sims, similarity_linkage(sims))
    assert "most alike" in title(fig) and "least" in title(fig)
    measures = select_units(frame)
    topics = fit_topics(measures.text, 4)
    shares = topic_shares(measures, topics.weights, by="municipality")
    assert "lean most to topic" in title(plots.plot_topic_shares(shares, topics.terms))
