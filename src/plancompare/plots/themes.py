"""Figures of the theme coding: plan x theme coverage, stage profile per plan.

Both show shares of each plan's on-topic leaf measures (plans differ in size), with a title
that states what the figure shows and a subtitle saying what is counted. The heatmap speaks
Swedish, as the codebook's theme labels do; the stage profile speaks English, with the stage
names of notebook 04's plan anatomy (the codebook's English glosses, ``no stage verb``), so a
stage has one name on every page.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .style import finish

#: Swedish names of the shipped codebook's frameworks (a framework not listed shows its id).
FRAMEWORK_LABELS = {
    "skr2019": "SKL:s nio rekryteringsstrategier (2018–2019)",
    "skr2024": "SKR:s strategier för kompetensförsörjning (2024)",
    "process": "kompetensförsörjningsprocessen",
    "plan_themes": "teman som planerna tar upp",
    "stage": "skede (ledande verb)",
    "on_topic": "kompetensförsörjning",
}

_META = ("municipality", "n_measures")


def _plan_labels(table: pd.DataFrame) -> list[str]:
    """``Malmö (n = 12)``; the plan id is added when a municipality has several plans."""
    repeated = table["municipality"].duplicated(keep=False)
    return [
        f"{m} – {pid} (n = {n})" if rep else f"{m} (n = {n})"
        for pid, m, n, rep in zip(
            table.index, table["municipality"], table["n_measures"], repeated, strict=True
        )
    ]


def _labels(codebook: pd.DataFrame, themes: list[str], column: str = "label_sv") -> list[str]:
    names = dict(zip(codebook["theme"], codebook[column].fillna(""), strict=True))
    return [names.get(t) or t for t in themes]


#: A measure whose leading verb names no stage, as notebook 04's plan anatomy calls it.
NO_STAGE_LABEL = "no stage verb"


#: Characters per line of a theme's name under the heatmap, where the cells are wide enough
#: (two 10-point lines at 40 degrees need about 0.8 inch between neighbours) for it to wrap.
LABEL_WIDTH = 24
_WRAP_CELL = 0.8


def plot_theme_coverage(
    coverage: pd.DataFrame, codebook: pd.DataFrame, *, framework: str | None = None
) -> Figure:
    """Heatmap: the share of each plan's on-topic leaf measures touching each theme.

    ``coverage`` comes from :func:`plancompare.themes.coverage_table`; ``codebook`` gives
    the Swedish labels; ``framework`` names the framework in the subtitle.

    Example:
        >>> from plancompare import load, load_codebook
        >>> from plancompare.themes import coverage_table
        >>> fig = plot_theme_coverage(coverage_table(load()), load_codebook(),
        ...                           framework="plan_themes")
        >>> fig.axes[0].get_xlabel()
        'tema'
    """
    shares = coverage.drop(columns=list(_META))
    themes = list(shares.columns)
    means = shares.mean()
    top = means.idxmax() if len(means) else None
    # a cell wide enough for "100%", and a figure wide enough for its title whatever the
    # number of themes (a framework of five long names was drawn 0.3 inch a cell)
    width = max(9.0, 0.55 * len(themes) + 3.5)
    fig = Figure(figsize=(width, 0.55 * len(shares) + 3.6))
    ax = fig.subplots()
    image = ax.imshow(shares.to_numpy(float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (i, j), value in np.ndenumerate(shares.to_numpy(float)):
        colour = "white" if value > 0.6 else "black"
        ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=8, color=colour)
    names = _labels(codebook, themes)
    if (width - 3.5) / max(1, len(themes)) >= _WRAP_CELL:  # inches per theme, about
        names = [textwrap.fill(t, LABEL_WIDTH) for t in names]
    ax.set_xticks(range(len(themes)), names, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(shares)), _plan_labels(coverage))
    ax.set_xlabel("tema")
    ax.set_ylabel("plan (antal åtgärder)")
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label("andel av planens åtgärder")
    if top is not None:
        label = _labels(codebook, [top])[0]
        title = f"{label} är det tema flest åtgärder rör: i snitt {means[top]:.0%} per plan"
    else:
        title = "Inga teman att visa"
    name = FRAMEWORK_LABELS.get(framework or "", framework or "alla ramverk")
    subtitle = f"Andel av varje plans åtgärder om kompetensförsörjning som rör temat · {name}"
    return finish(fig, title, subtitle)


def plot_stage_profile(profile: pd.DataFrame, codebook: pd.DataFrame) -> Figure:
    """Stacked bars: the share of each plan's on-topic leaf measures at each policy stage.

    ``profile`` comes from :func:`plancompare.themes.stage_profile`; ``codebook`` gives the
    stage names (its English glosses, as notebook 04's plan anatomy names them). The title
    names the plan with the largest share of the stage on which plans differ most.

    Example:
        >>> from plancompare import load, load_codebook
        >>> from plancompare.themes import stage_profile
        >>> fig = plot_stage_profile(stage_profile(load()), load_codebook())
        >>> fig.axes[0].get_xlabel(), [t.get_text() for t in fig.axes[0].get_legend().texts][-1]
        ("share of the plan's measures", 'no stage verb')
    """
    from ..themes import NO_STAGE

    shares = profile.drop(columns=list(_META))
    stages = list(shares.columns)
    labels = [*_labels(codebook, stages[:-1], "gloss_en"), NO_STAGE_LABEL]
    colours = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"][: len(stages) - 1] + ["#d9d9d9"]
    if len(colours) < len(stages):
        colours = [None] * len(stages)
    fig = Figure(figsize=(9.5, 0.6 * len(shares) + 2.2))
    ax = fig.subplots()
    names = _plan_labels(profile)
    left = np.zeros(len(shares))
    for stage, label, colour in zip(stages, labels, colours, strict=True):
        values = shares[stage].to_numpy(float)
        ax.barh(names, values, left=left, color=colour, label=label, edgecolor="white")
        ink = "white" if colour in ("#2171b5", "#08306b") else "black"
        for y, (x, v) in enumerate(zip(left, values, strict=True)):
            if v >= 0.08:
                ax.text(x + v / 2, y, f"{v:.0%}", ha="center", va="center", fontsize=8, color=ink)
        left += values
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the plan's measures")
    ax.set_ylabel("plan (number of measures)")
    ax.legend(title="stage", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    named = shares.drop(columns=[NO_STAGE], errors="ignore")
    if len(named) and len(named.columns):
        spread = named.max() - named.min()
        stage = spread.idxmax()
        plan = named[stage].idxmax()
        who = profile.loc[plan, "municipality"]
        label = _labels(codebook, [stage], "gloss_en")[0].lower()
        share = named.loc[plan, stage]
        title = f"{who} has the largest share at '{label}': {share:.0%} of its measures"
    else:
        title = "No measures to show"
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=24)
    ax.text(
        0,
        1.02,
        "Share of each plan's measures about competence supply, by the stage their leading verb "
        "names",
        transform=ax.transAxes,
        fontsize=9,
        color="#555555",
    )
    fig.tight_layout()
    return fig
