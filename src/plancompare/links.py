"""Traceable counts: tables whose every number links to the units of text behind it.

A report reader who sees "Malmö: 3 measures about recruitment" can follow the 3 to the three
measures, and from each to its sentence in the appendix page of all units (``units.html``,
written by :func:`plancompare.report.build_report`). Only plain ``<a href>`` links and
``id`` anchors are used: no JavaScript, and the report's sanitizer keeps them.

Anchor scheme (the contract with the notebooks, see ``unit_href``):

* a unit in the appendix: ``units.html#u-<unit_id>``
  (e.g. ``units.html#u-004_2860dbc534337b64:023``);
* the list of units behind one count, under its table: ``#<table id>-<row>-<column>``
  (row and column numbers from 0), the table id being ``ct-`` and a hash of its content, so
  the same table gets the same ids on every run.

Example:
    >>> import pandas as pd
    >>> members = pd.DataFrame({"unit_id": ["a:1", "a:2", "b:1"],
    ...                         "municipality": ["Malmö", "Malmö", "Östersund"],
    ...                         "theme": ["recruit", "retain", "recruit"]})
    >>> table = count_table(members, "municipality", "theme")
    >>> table.counts.loc["Östersund"].tolist()
    [1, 0]
    >>> table.units("Malmö", "retain")
    ['a:2']
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pandas as pd

__all__ = ["APPENDIX_PAGE", "CountTable", "count_table", "unit_anchor", "unit_href"]

APPENDIX_PAGE = "units.html"  # the report's page of all units (plancompare.report)
SNIPPET_CHARS = 70  # characters of a unit's text shown beside its link under a count table


def unit_anchor(unit_id: str) -> str:
    """The ``id`` of a unit's row in the appendix page (``u-`` + the unit id).

    Example:
        >>> unit_anchor("004_2860dbc534337b64:023")
        'u-004_2860dbc534337b64:023'
    """
    return f"u-{unit_id}"


def unit_href(unit_id: str, page: str = APPENDIX_PAGE) -> str:
    """Link target of a unit in the appendix page, relative to a report page.

    Characters other than letters, digits, ``_.-~:`` are percent-encoded (a browser decodes
    them before looking up the anchor). Not HTML-escaped: escape it when writing an attribute.

    Example:
        >>> unit_href("004_2860dbc534337b64:023")
        'units.html#u-004_2860dbc534337b64:023'
        >>> unit_href("x y#1")
        'units.html#u-x%20y%231'
    """
    return f"{page}#{quote(unit_anchor(unit_id), safe=':')}"


@dataclass(frozen=True, eq=False)
class CountTable:
    """A table of unit counts whose non-zero cells link to the units behind them.

    Made by :func:`count_table`. ``counts`` holds the numbers (index: row values, columns:
    column values, ``int``); ``members`` maps (row value, column value) to the sorted unit ids
    counted there. A notebook displays it as HTML (:meth:`_repr_html_`); ``repr`` is the
    plain-text table.
    """

    counts: pd.DataFrame
    members: Mapping[tuple[Any, Any], tuple[str, ...]]
    caption: str = ""
    labels: Mapping[Any, str] = field(default_factory=dict)
    snippets: Mapping[str, str] = field(default_factory=dict)
    table_id: str = ""

    def units(self, row: Any, column: Any) -> list[str]:
        """The unit ids counted in cell (``row``, ``column``), sorted.

        Example:
            >>> members = pd.DataFrame({"unit_id": ["u2", "u1"], "r": ["x", "x"], "c": ["y", "y"]})
            >>> count_table(members, "r", "c").units("x", "y")
            ['u1', 'u2']
        """
        return list(self.members.get((row, column), ()))

    def __repr__(self) -> str:
        text = self.counts.to_string()
        return f"{self.caption}\n{text}" if self.caption else text

    def _label(self, value: Any) -> str:
        return self.labels.get(value, str(value))

    def _repr_html_(self) -> str:
        esc = html.escape
        rows_name = self.counts.index.name or ""
        head = "".join(f'<th scope="col">{esc(self._label(c))}</th>' for c in self.counts.columns)
        body = []
        listed = []
        for i, row in enumerate(self.counts.index):
            cells = [f'<th scope="row">{esc(self._label(row))}</th>']
            for j, column in enumerate(self.counts.columns):
                n = int(self.counts.iat[i, j])
                if n == 0:
                    cells.append("<td>0</td>")
                    continue
                anchor = f"{self.table_id}-{i}-{j}"
                cells.append(f'<td><a href="#{anchor}">{n}</a></td>')
                listed.append(self._units_item(anchor, row, column, n))
            body.append("<tr>" + "".join(cells) + "</tr>")
        caption = f"<caption>{esc(self.caption)}</caption>" if self.caption else ""
        parts = [
            f'<div class="pc-count-table" id="{esc(self.table_id)}">',
            f'<table class="pc-counts">{caption}',
            f'<thead><tr><th scope="col">{esc(rows_name)}</th>{head}</tr></thead>',
            "<tbody>",
            *body,
            "</tbody></table>",
        ]
        if listed:
            parts += [
                '<p class="pc-count-units-title"><small>Units behind the counts '
                "(each links to its text and source in the appendix):</small></p>",
                '<ul class="pc-count-units">',
                *listed,
                "</ul>",
            ]
        parts.append("</div>")
        return "\n".join(parts)

    def _units_item(self, anchor: str, row: Any, column: Any, n: int) -> str:
        esc = html.escape
        links = []
        for unit_id in self.members[(row, column)]:
            link = f'<a href="{esc(unit_href(unit_id))}">{esc(unit_id)}</a>'
            snippet = self.snippets.get(unit_id, "")
            links.append(f"{link} {esc(snippet)}" if snippet else link)
        what = f"{esc(self._label(row))} \u00d7 {esc(self._label(column))} ({n})"
        return (
            f'<li id="{esc(anchor)}"><small><strong>{what}</strong>: '
            + "; ".join(links)
            + ("</small></li>")
        )


def count_table(
    members: pd.DataFrame,
    rows: str,
    columns: str,
    *,
    unit: str = "unit_id",
    row_order: Sequence[Any] | None = None,
    column_order: Sequence[Any] | None = None,
    labels: Mapping[Any, str] | None = None,
    caption: str = "",
    snippet: str | None = "text",
) -> CountTable:
    """Count the distinct units per (``rows``, ``columns``) value pair, with links to them.

    ``members`` is long form: one row per (row value, column value, unit), e.g. one row per
    (municipality, theme, unit_id) for a plan x theme table; a unit counted twice in one cell
    counts once. ``row_order`` / ``column_order`` list every row / column to show, in order,
    including all-zero ones (default: the values present, sorted); a value of ``members``
    missing from them is an error, as is a missing value (NA) in ``rows``, ``columns`` or
    ``unit`` -- nothing is dropped silently. ``labels`` maps row or column values to the text
    shown (default: the value itself). If ``members`` has a column ``snippet`` (default
    ``"text"``), the start of each unit's text is shown beside its link.

    In HTML every non-zero count links to the list of its units under the table
    (``#<table id>-<row>-<column>``), and each unit there links to the report's appendix
    (:func:`unit_href`: ``units.html#u-<unit_id>``). All text is escaped.

    Raises:
        ValueError: a named column is missing, a value is NA, or a value is not in the order.

    Example:
        >>> import plancompare
        >>> frame = plancompare.load()
        >>> top = frame[(frame.kind == "measure") & (frame.level == 1)]
        >>> malmo = top[top.municipality == "Malmö"]
        >>> table = count_table(malmo, "status", "municipality",
        ...                     row_order=["Klar", "Pågående", "Ej slutförd"])
        >>> table.counts["Malmö"].tolist()
        [2, 3, 2]
        >>> 'href="units.html#u-001_b3ac81e63263b8c1:003"' in table._repr_html_()
        True
    """
    needed = [rows, columns, unit]
    missing = [name for name in needed if name not in members.columns]
    if missing:
        raise ValueError(
            f"count_table: no column {', '.join(map(repr, missing))} in members "
            f"(columns: {', '.join(map(str, members.columns))})"
        )
    for name in needed:
        if members[name].isna().any():
            raise ValueError(f"count_table: missing values (NA) in column {name!r}")
    rows_in = _order(members[rows], row_order, rows)
    columns_in = _order(members[columns], column_order, columns)

    groups: dict[tuple[Any, Any], set[str]] = {}
    for r, c, u in zip(members[rows], members[columns], members[unit], strict=True):
        groups.setdefault((r, c), set()).add(str(u))
    by_cell = {key: tuple(sorted(ids)) for key, ids in groups.items()}
    counts = pd.DataFrame(
        [[len(by_cell.get((r, c), ())) for c in columns_in] for r in rows_in],
        index=pd.Index(rows_in, name=rows),
        columns=pd.Index(columns_in, name=columns),
        dtype="int64",
    )
    snippets: dict[str, str] = {}
    if snippet and snippet in members.columns:
        for u, text in zip(members[unit], members[snippet], strict=True):
            snippets.setdefault(str(u), _shorten("" if pd.isna(text) else str(text)))
    digest = hashlib.sha1(
        repr((rows, columns, caption, sorted(by_cell.items(), key=repr))).encode("utf-8")
    ).hexdigest()[:10]
    return CountTable(
        counts=counts,
        members=by_cell,
        caption=caption,
        labels=dict(labels or {}),
        snippets=snippets,
        table_id=f"ct-{digest}",
    )


def _order(values: pd.Series, order: Sequence[Any] | None, name: str) -> list[Any]:
    present = list(dict.fromkeys(values.tolist()))
    if order is None:
        return sorted(present, key=str)
    order = list(order)
    unknown = [v for v in present if v not in order]
    if unknown:
        raise ValueError(
            f"count_table: values of {name!r} not in its order: {', '.join(map(repr, unknown))}"
        )
    return order


def _shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
