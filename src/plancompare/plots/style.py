"""Shared figure style: one colour per municipality (declared once), titles and subtitles.

The seed municipalities have fixed colours; any other municipality gets a colour from the
same palette chosen by a stable hash of its name, so a municipality keeps its colour in
every figure whatever else the figure shows.

Example:
    >>> municipality_colour("Malmö") == MUNICIPALITY_COLOURS["Malmö"]
    True
"""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Iterable
from typing import Any

from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy

#: Colour-blind-safe palette (Okabe & Ito 2008, then Tol's muted scheme), without their
#: lightest colours (Okabe-Ito yellow #F0E442, Tol's cyan #88CCEE and sand #DDCC77: contrast
#: with white 1.3-1.8 to 1), in which a hollow dot on the white map could not be seen.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#332288",
    "#117733",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)

#: The seed municipalities' colours, used by every figure.
MUNICIPALITY_COLOURS = {
    "Malmö": PALETTE[0],
    "Norrköping": PALETTE[1],
    "Södertälje": PALETTE[2],
    "Östersund": PALETTE[3],
}

#: Neutral grey for "none", outliers and other non-group marks.
NEUTRAL = "#8c8c8c"


def municipality_colour(name: str) -> str:
    """The colour of municipality ``name`` (fixed for the seeds, a stable hash otherwise).

    Example:
        >>> municipality_colour("Östersund"), municipality_colour("Umeå").startswith("#")
        ('#CC79A7', True)
    """
    if name in MUNICIPALITY_COLOURS:
        return MUNICIPALITY_COLOURS[name]
    others = PALETTE[len(MUNICIPALITY_COLOURS) :]
    return others[zlib.crc32(name.encode("utf-8")) % len(others)]


def municipality_colours(names: Iterable[str]) -> dict[str, str]:
    """``{name: colour}`` for each of ``names``.

    Example:
        >>> municipality_colours(["Malmö", "Norrköping"])
        {'Malmö': '#0072B2', 'Norrköping': '#E69F00'}
    """
    return {name: municipality_colour(name) for name in names}


def finish(fig: Figure, title: str, subtitle: str) -> Figure:
    """Title the figure and lay it out: the title states the finding, the subtitle what is counted.

    The title is bold, the subtitle smaller and wrapped to the figure's width; the axes are
    laid out below both.

    Example:
        >>> fig = Figure(figsize=(6, 3))
        >>> _ = fig.subplots()
        >>> fig = finish(fig, "Malmö leans to retention", "share of leaf measures, by theme")
        >>> [t.get_text() for t in fig.texts]
        ['Malmö leans to retention', 'share of leaf measures, by theme']
    """
    width_chars = int(fig.get_figwidth() * 72 / 5.2)
    subtitle = "\n".join(textwrap.wrap(subtitle, width_chars)) or ""
    n_lines = subtitle.count("\n") + 1
    origin = fig.transFigure
    fig.text(
        0.01,
        1.0,
        title,
        transform=offset_copy(origin, fig=fig, y=-6, units="points"),
        ha="left",
        va="top",
        fontsize=12,
        fontweight="bold",
    )
    fig.text(
        0.01,
        1.0,
        subtitle,
        transform=offset_copy(origin, fig=fig, y=-24, units="points"),
        ha="left",
        va="top",
        fontsize=9,
        color="#444444",
    )
    header = (30 + 12 * n_lines) / 72  # inches
    fig.tight_layout(rect=(0, 0, 1, max(0.3, 1 - header / fig.get_figheight())))
    return fig


def figure_alt(fig: Figure) -> str:
    """The figure's alt text for a page: what it shows, in the figure's own words.

    Its title and subtitle (:func:`finish`, or an axes' title and a line written above it),
    then per axes what the axes and the legend say, so a reader who cannot see the image (a
    screen reader, an image that did not load) still learns the finding and what is counted.

    Example:
        >>> fig = Figure()
        >>> ax = fig.subplots()
        >>> _ = ax.barh(["Malmö", "Östersund"], [0.5, 0.2], label="Genomföra")
        >>> _ = ax.set(xlabel="andel", ylabel="plan")
        >>> _ = ax.legend(title="skede")
        >>> figure_alt(finish(fig, "Malmö genomför mest", "Andel av planens åtgärder"))
        'Malmö genomför mest. Andel av planens åtgärder. x: andel; y: plan; skede: Genomföra.'
    """
    parts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        parts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        parts += [t.get_text() for t in ax.texts if t.get_transform() == ax.transAxes]
    sentences = [" ".join(p.split()).rstrip(".") for p in parts if p.strip()]
    for ax in fig.axes:
        described = [
            f"{axis}: {' '.join(label.split())}"
            for axis, label in (("x", ax.get_xlabel()), ("y", ax.get_ylabel()))
            if label.strip()
        ]
        legend = ax.get_legend()
        if ax.get_visible() and legend is not None:
            entries = ", ".join(t.get_text() for t in legend.get_texts() if t.get_text())
            title = legend.get_title().get_text() or "legend"
            described.append(f"{title}: {entries}")
        if ax.get_visible() and described:
            sentences.append("; ".join(described))
    return " ".join(f"{s}." for s in sentences) or "A figure without a title."


def _alt_metadata(fig: Figure, **_: Any) -> tuple[dict, dict]:
    """IPython's mime-bundle hook: no data of its own, the PNG's ``alt`` metadata."""
    return {}, {"image/png": {"alt": figure_alt(fig)}}


def show_alt_text(shell: Any = None) -> bool:
    """Give every matplotlib figure shown in this IPython kernel its :func:`figure_alt` text.

    The text goes into the PNG output's metadata (``{"image/png": {"alt": ...}}``), which
    the report writes as the ``<img alt>`` of the figure (nbconvert would write "No
    description has been provided for this image"). It is registered with IPython's
    mime-bundle formatter, which ``%matplotlib inline`` leaves in place. ``False`` outside
    IPython (nothing to do).

    Example:
        >>> show_alt_text()  # a plain Python process: no IPython shell
        False
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with the notebooks' stack
            return False
        shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.mimebundle_formatter.for_type(Figure, _alt_metadata)
    return True
