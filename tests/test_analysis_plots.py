"""Figures of the analysis: they run on the seeds, state their numbers, share one palette."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
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


# --- figures of the loaded frame (notebook 01) ----------------------------------------------


def test_measures_chart_separates_what_is_not_about_competence_supply(frame):
    fig = plots.plot_measures_by_municipality(frame, plancompare.on_topic(frame))
    # leaf measures: Malmö's 12 numbered sub-activities, Norrköping's 7 + 14 Insatser bullets
    # and one strategy in prose, Östersund's 7 uppdrag and steps, Södertälje's 4 insatser.
    # Off topic (test_themes): 13 of Norrköping's 14 bullets on economy, premises and the
    # like, and Östersund's procurement and safety uppdrag
    assert title(fig).startswith("30 of 45 leaf measures are about competence supply")
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    solid = {n: p.get_width() for n, p in zip(names, ax.patches[: len(names)], strict=True)}
    hatched = {n: p.get_width() for n, p in zip(names, ax.patches[len(names) :], strict=True)}
    assert hatched == {"Malmö": 0, "Norrköping": 13, "Södertälje": 0, "Östersund": 2}
    assert {n: solid[n] + hatched[n] for n in names} == {
        "Malmö": 12,
        "Norrköping": 22,
        "Södertälje": 4,
        "Östersund": 7,
    }
    assert all(p.get_hatch() for p in ax.patches[len(names) :])
    assert ax.get_xlabel() == "leaf measures (count)"


def test_measures_chart_of_a_large_corpus_draws_the_largest_and_counts_all(frame):
    # on topic: Malmö 12, Norrköping 9, Östersund 5, Södertälje 4 (see the test above)
    fig = plots.plot_measures_by_municipality(frame, plancompare.on_topic(frame), max_groups=2)
    drawn = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert drawn == ["Norrköping", "Malmö"]  # bottom up: the largest at the top
    assert title(fig).startswith("30 of 45 leaf measures are about competence supply")
    subtitle = fig.texts[1].get_text().replace("\n", " ")
    assert subtitle.endswith(
        "The 2 of 4 municipalities with the most measures about competence supply are drawn."
    )


def test_timeline_draws_each_plans_period_from_the_manifest(frame):
    fig = plots.plot_plan_timeline(frame)
    # manifest: Södertälje 2018-2021 (the longest), Malmö 2020-2021, Norrköping 2023,
    # Östersund 2024; a one-year plan covers its whole year
    assert title(fig) == "The plans cover 2018–2024; the longest (4 years): Södertälje"
    ax = fig.axes[0]
    bars = {t.get_text(): p for t, p in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    assert {k.split(" (")[0]: (p.get_x(), p.get_width()) for k, p in bars.items()} == {
        "Södertälje": (2018, 4),
        "Malmö": (2020, 2),
        "Norrköping": (2023, 1),
        "Östersund": (2024, 1),
    }
    undated = frame.assign(period_start=pd.NA, period_end=pd.NA)
    fig = plots.plot_plan_timeline(undated[undated.plan_id == "ostersund-mal-2024"])
    assert title(fig) == "No plan states its period"
    assert fig.texts[1].get_text().replace("\n", " ").endswith("not drawn: ostersund-mal-2024.")


def test_timeline_of_a_large_corpus_draws_the_most_recent_plans(frame):
    fig = plots.plot_plan_timeline(frame, max_plans=2)
    drawn = [t.get_text().split(" (")[0] for t in fig.axes[0].get_yticklabels()]
    assert drawn == ["Norrköping", "Östersund"]  # 2023 and 2024, the latest two
    # the title still covers every plan: Södertälje's 2018-2021 is the longest
    assert title(fig) == "The plans cover 2018–2024; the longest (4 years): Södertälje"
    subtitle = fig.texts[1].get_text().replace("\n", " ")
    assert subtitle.endswith("The 2 most recent of 4 dated plans are drawn.")


def test_units_by_kind_names_the_largest_file(frame):
    fig = plots.plot_units_by_kind(frame)
    per_file = frame.source_file.value_counts()
    assert title(fig).startswith(f"{len(frame)} units from 5 files; the largest, Malmö 001, ")
    assert title(fig).endswith(f"holds {per_file['001_b3ac81e63263b8c1.txt']}")
    assert fig.axes[0].get_xlabel() == "units (count)"


def test_units_by_kind_draws_the_largest_files_of_a_large_corpus(frame):
    fig = plots.plot_units_by_kind(frame, max_files=2)
    drawn = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # the two files with the most units: Malmö's follow-up table and Östersund's goal page
    assert drawn == ["Malmö\n001", "Östersund\n004"]
    assert title(fig).startswith(f"{len(frame)} units from 5 files; ")  # the title counts all
    subtitle = fig.texts[1].get_text().replace("\n", " ")
    assert subtitle.endswith("The 2 files with the most units of 5 are drawn.")
    assert "drawn" not in plots.plot_units_by_kind(frame).texts[1].get_text()


@pytest.mark.parametrize("framework", ["plan_themes", "process", "skr2019", "skr2024"])
def test_theme_heatmaps_are_readable_whatever_the_number_of_themes(frame, framework):
    # notebook 02 draws one heatmap per framework; SKR 2024's five long theme names made a
    # figure 6 inches wide whose cells were 0.3 inch: '33%0%11%11%11%' ran together and the
    # colour bar's label crossed the subtitle
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from plancompare.themes import coverage_table

    book = plancompare.load_codebook()
    fig = plots.plot_theme_coverage(
        coverage_table(frame, codebook=book, framework=framework), book, framework=framework
    )
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    heat, bar = fig.axes
    cell = heat.get_window_extent(renderer).width / len(heat.get_xticks())
    cells = [t for t in heat.texts if t.get_transform() == heat.transData]  # the percentages
    assert len(cells) == len(heat.get_xticks()) * len(heat.get_yticks())
    assert all(t.get_window_extent(renderer).width < cell for t in cells)
    words = [*fig.texts, bar.yaxis.label, heat.xaxis.label, *heat.get_xticklabels()]
    boxes = [t.get_window_extent(renderer) for t in words if t.get_text()]
    inside = fig.bbox.padded(1)
    assert all(inside.contains(b.x0, b.y0) and inside.contains(b.x1, b.y1) for b in boxes)
    title, subtitle = (t.get_window_extent(renderer) for t in fig.texts[:2])
    for other in (bar.get_window_extent(renderer), heat.get_window_extent(renderer)):
        assert not subtitle.overlaps(other) and not title.overlaps(other)
    assert not subtitle.overlaps(bar.yaxis.label.get_window_extent(renderer))


def _contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of ``colour`` against white (1 = invisible, 21 = black)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_every_municipality_gets_a_colour_that_shows_on_white():
    # a student's Falköping was drawn in light yellow (#F0E442, 1.3:1 against white): its
    # hollow (off-topic) dots on the cluster map vanished. No colour paler than the seeds'
    # orange (Norrköping, 2.25:1) is given to any municipality.
    names = ["Falköping", "Nacka", "Kungsbacka", "Umeå", "Göteborg", "Sundsvall", "Luleå"]
    names += [f"Kommun {i}" for i in range(200)]
    colours = {plots.municipality_colour(n) for n in names}
    assert len(colours) > 4
    assert all(_contrast_with_white(c) >= 2.2 for c in colours), sorted(colours)


def test_the_k_scan_legend_names_the_band_the_mean_and_the_k_used(result):
    # the legend sat inside the lower panel, its grey band swatch on the grey band, and the
    # dashed line of the k used had no entry
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    k = result.model.n_clusters
    fig = plots.plot_cluster_scan(result.scan, k)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    bottom = fig.axes[1]
    legend = bottom.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["5–95 %", "mean", f"k used ({k})"]
    renderer = canvas.get_renderer()
    assert not legend.get_window_extent(renderer).overlaps(bottom.get_window_extent(renderer))


def test_the_figures_import_no_statistics_library_until_one_needs_it():
    # every notebook kernel imports plancompare.plots; scipy.stats alone took a second of it
    # (notebook 01 draws only the units' figures), and the 95 % quantile written out is the one
    # scipy.stats computes, to the last bit
    code = (
        "import sys\n"
        "from plancompare.plots import compare\n"
        "assert not {'scipy.stats', 'scipy.cluster'} & set(sys.modules), 'imported at start'\n"
        "from scipy.stats import norm\n"
        "assert compare.Z_95 == float(norm.ppf(0.975))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
