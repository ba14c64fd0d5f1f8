"""Units + plan metadata → the common frame: one row per unit of text.

Column order and dtypes are declared once here (:data:`COLUMNS`). Every row carries its
plan's metadata and exact provenance: ``raw[char_start:char_end]`` of the decoded source
file (see :func:`plancompare.decode.read_source`) is the unit's source.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .decode import read_source
from .forms import KINDS, PARSERS, Unit, check_coverage, clean_text
from .manifest import PlanRecord, read_manifest
from .ocr import Change, apply_changes, repair_changes, repair_ocr
from .paths import raw_dir

#: Frame columns and their dtypes, in order.
COLUMNS: dict[str, str] = {
    "unit_id": "str",
    "plan_id": "str",
    "municipality": "str",
    "municipality_source": "str",
    "organisation": "str",
    "plan_title": "str",
    "doc_type": "str",
    "period_start": "Int64",
    "period_end": "Int64",
    "form": "str",
    "source_file": "str",
    "char_start": "int64",
    "char_end": "int64",
    "line": "int64",
    "section": "str",
    "kind": "str",
    "ref": "str",
    "title": "str",
    "text": "str",
    "status": "str",
    "deadline": "str",
    "responsible": "str",
    "cost": "str",
    "own_tags": "str",
    "link": "str",
    "truncated": "bool",
    "note": "str",
    "ocr": "bool",
    "page_updated": "str",
}
TAG_SEPARATOR = "; "


def parse_record(record: PlanRecord) -> tuple[str, list[Unit]]:
    """Decode one manifest row's file and parse it with its form's parser.

    Returns the decoded text and its units, checked to cover every non-whitespace
    character exactly once (a :class:`~plancompare.errors.ParseError` otherwise).

    Example:
        >>> rec = next(r for r in read_manifest() if r.form == "goal_page")
        >>> text, units = parse_record(rec)
        >>> sum(u.kind == "measure" for u in units)
        5
    """
    text = read_source(record.path).text
    units = PARSERS[record.form](text)
    check_coverage(text, units, file=str(record.path))
    return text, units


def _unit_text(unit: Unit, raw: str, changes: list[Change] | None, starts: list[int]) -> str:
    """The unit's clean text; for OCR plans with the document's repairs inside its span."""
    text = unit.text if unit.text is not None else clean_text(raw[unit.start : unit.end])
    if changes is None:
        return text
    inside = changes[bisect_left(starts, unit.start) : bisect_left(starts, unit.end)]
    return apply_changes(text, inside)


def _rows(record: PlanRecord, text: str, units: list[Unit]) -> list[dict[str, object]]:
    stem = Path(record.file).stem
    order = sorted(range(len(units)), key=lambda i: (units[i].start, units[i].end))
    ids = {i: f"{stem}:{n:03d}" for n, i in enumerate(order)}
    updated = next((u.extra["page_updated"] for u in units if "page_updated" in u.extra), "")
    # OCR is repaired over the whole document, so the repairer sees the document's damage rate
    changes = repair_changes(text) if record.ocr else None
    starts = [c.start for c in changes or []]
    rows = []
    for i in order:
        u = units[i]
        link = u.extra.get("link")
        rows.append(
            {
                "unit_id": ids[i],
                "plan_id": record.plan_id,
                "municipality": record.municipality,
                "municipality_source": record.municipality_source,
                "organisation": record.organisation,
                "plan_title": record.title,
                "doc_type": record.doc_type,
                "period_start": record.period_start,
                "period_end": record.period_end,
                "form": record.form,
                "source_file": record.file,
                "char_start": u.start,
                "char_end": u.end,
                "line": text.count("\n", 0, u.start) + 1,
                "section": _fix(u.section, record.ocr),
                "kind": u.kind,
                "ref": u.ref,
                "title": _fix(u.title, record.ocr),
                "text": _unit_text(u, text, changes, starts),
                "status": u.status,
                "deadline": u.deadline,
                "responsible": u.responsible,
                "cost": _fix(u.cost, record.ocr),
                "own_tags": TAG_SEPARATOR.join(u.own_tags),
                "link": ids[int(link)] if link is not None else "",
                "truncated": u.truncated,
                "note": u.note,
                "ocr": record.ocr,
                "page_updated": updated,
            }
        )
    return rows


def _fix(value: str, ocr: bool) -> str:
    return repair_ocr(value) if ocr and value else value


def build_frame(records: Iterable[PlanRecord]) -> pd.DataFrame:
    """Parse every record's file and assemble the common frame, sorted stably.

    Rows are ordered by ``plan_id``, ``source_file`` and ``char_start``, independent of
    the manifest's row order or the file system's.

    Example:
        >>> frame = build_frame(read_manifest())
        >>> list(frame.columns[:3])
        ['unit_id', 'plan_id', 'municipality']
    """
    rows: list[dict[str, object]] = []
    for record in records:
        text, units = parse_record(record)
        rows.extend(_rows(record, text, units))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame = frame.astype(COLUMNS)
    frame = frame.sort_values(["plan_id", "source_file", "char_start"], kind="mergesort")
    return frame.reset_index(drop=True)


def load(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load every plan named in ``DATA/manifest.csv`` into the common frame.

    ``data_dir`` holds ``manifest.csv`` and ``raw/``; it defaults to the repository's
    ``data/``. Bad input raises a :class:`~plancompare.errors.PlanError` naming the file.

    Example:
        >>> frame = load()
        >>> int((frame.kind == "measure").sum()) > 0
        True
        >>> sorted(frame.municipality.unique())
        ['Malmö', 'Norrköping', 'Södertälje', 'Östersund']
    """
    return build_frame(read_manifest(data_dir))


def kind_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Units by kind for each plan and file (what ``plancompare build`` prints).

    Example:
        >>> table = kind_table(load())
        >>> int(table.loc[("malmo-uppfoljning-2020-2021", "001_b3ac81e63263b8c1.txt"), "measure"])
        12
    """
    table = frame.groupby(["plan_id", "source_file"])["kind"].value_counts().unstack(fill_value=0)
    table = table.reindex(columns=list(KINDS), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.columns.name = "kind"
    return table


PLAN_COLUMNS = [
    "plan_id",
    "source_file",
    "municipality",
    "municipality_source",
    "organisation",
    "plan_title",
    "doc_type",
    "period_start",
    "period_end",
    "form",
    "ocr",
]


def plans_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per source file: its plan's metadata (what the manifest said about it).

    Example:
        >>> plans_table(load()).loc["004_2860dbc534337b64.txt", "municipality"]
        'Östersund'
    """
    return frame[PLAN_COLUMNS].drop_duplicates("source_file").set_index("source_file")


def source_span(row: pd.Series, data_dir: str | Path | None = None) -> str:
    """The exact source characters a frame row came from (its provenance, read afresh).

    Example:
        >>> frame = load()
        >>> row = frame[(frame.kind == "measure") & (frame.ref == "4.2")].iloc[0]
        >>> source_span(row)[:26]
        '4.2. Utveckla ett koncept '
    """
    text = read_source(raw_dir(data_dir) / row["source_file"]).text
    return text[int(row["char_start"]) : int(row["char_end"])]


def coverage(frame: pd.DataFrame, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Per source file: non-whitespace characters in the file, covered by units, and by furniture.

    ``covered_once`` equals ``chars`` when nothing is lost and nothing doubled.

    Example:
        >>> cov = coverage(load())
        >>> bool((cov.covered_once == cov.chars).all())
        True
    """
    rows = []
    for file, group in frame.groupby("source_file", sort=True):
        text = read_source(raw_dir(data_dir) / file).text
        counts = bytearray(len(text))
        for s, e in zip(group.char_start, group.char_end, strict=True):
            for i in range(s, e):
                counts[i] = min(counts[i] + 1, 2)
        solid = [i for i, ch in enumerate(text) if not ch.isspace()]
        furniture = group[group.kind == "furniture"]
        rows.append(
            {
                "source_file": file,
                "units": len(group),
                "chars": len(solid),
                "covered_once": sum(counts[i] == 1 for i in solid),
                "covered_twice": sum(counts[i] == 2 for i in solid),
                "furniture_chars": sum(
                    sum(not c.isspace() for c in text[s:e])
                    for s, e in zip(furniture.char_start, furniture.char_end, strict=True)
                ),
            }
        )
    return pd.DataFrame(rows).set_index("source_file")
