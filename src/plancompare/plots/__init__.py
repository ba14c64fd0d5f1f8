"""Every figure the notebooks show: one function each, taking frames, returning a Figure.

One module per part of the analysis (``units`` for the loaded frame; themes, clusters and
comparisons each get their own); this package re-exports every figure function.

Example:
    >>> from plancompare import plots
    >>> callable(plots.plot_units_by_kind)
    True
"""

from .clusters import (
    plot_cluster_scan,
    plot_cluster_stability,
    plot_measure_map,
    plot_topic_shares,
)
from .compare import plot_anatomy, plot_distinctive_terms, plot_similarity
from .style import MUNICIPALITY_COLOURS, municipality_colour, municipality_colours
from .themes import FRAMEWORK_LABELS, plot_stage_profile, plot_theme_coverage
from .units import (
    KIND_COLOURS,
    plot_measures_by_municipality,
    plot_plan_timeline,
    plot_units_by_kind,
)

__all__ = [
    "FRAMEWORK_LABELS",
    "KIND_COLOURS",
    "MUNICIPALITY_COLOURS",
    "municipality_colour",
    "municipality_colours",
    "plot_anatomy",
    "plot_distinctive_terms",
    "plot_similarity",
    "plot_cluster_scan",
    "plot_cluster_stability",
    "plot_measure_map",
    "plot_measures_by_municipality",
    "plot_plan_timeline",
    "plot_stage_profile",
    "plot_theme_coverage",
    "plot_topic_shares",
    "plot_units_by_kind",
]
