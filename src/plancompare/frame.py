"""Units + plan metadata → the common frame: one row per unit of text.

Column order and dtypes are declared in :mod:`plancompare.schema` (:data:`COLUMNS`). Every
row carries its plan's metadata and exact provenance: ``raw[char_start:char_end]`` of the
decoded source file (see :func:`plancompare.decode.read_source`) is the unit's source.
Tables for people (units by kind, coverage, …) are in :mod:`plancompare.summary`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from . import paths
from .decode import read_source
from .forms import PARSERS, Unit, check_coverage, clean_text
from .forms.base import check_links, levels
from .manifest import PlanRecord, read_manifest
from .ocr import Change, OcrRepairer, apply_changes
from .schema import FRAME_COLUMNS

COLUMNS: dict[str, str] = FRAME_COLUMNS
"""Frame columns and their dtypes, in order (declared in :mod:`plancompare.schema`)."""
TAG_SEPARATOR = "; "


def parse_record(record: PlanRecord) -> tuple[str, list[Unit]]:
    """Decode one manifest row's file and parse it with its form's parser.

    Returns the decoded text and its units, checked to cover every non-whitespace
    character exactly once and to name only units of their own file as ``parent`` or
    ``link`` (a :class:`~plancompare.errors.ParseError` otherwise).

    Example:
        >>> rec = next(r for r in read_manifest() if r.form == "goal_page")
        >>> text, units = parse_record(rec)
        >>> sum(u.kind == "measure" and u.parent is None for u in units)  # the five uppdrag
        5
    """
    text = read_source(record.path).text
    units = PARSERS[record.form](text)
    check_coverage(text, units, file=str(record.path))
    check_links(units, file=str(record.path))
    return text, units


def _unit_text(unit: Unit, raw: str, changes: list[Change] | None, starts: list[int]) -> str:
    """The unit's clean text; for OCR plans with the document's repairs inside its span."""
    text = unit.text if unit.text is not None else clean_text(raw[unit.start : unit.end])
    if changes is None:
        return text
    inside = changes[bisect_left(starts, unit.start) : bisect_left(starts, unit.end)]
    return apply_changes(text, inside)


def _rows(
    record: PlanRecord, text: str, units: list[Unit], repairer: OcrRepairer | None
) -> list[dict[str, object]]:
    stem = Path(record.file).stem
    order = sorted(range(len(units)), key=lambda i: (units[i].start, units[i].end))
    ids = {units[i].start: f"{stem}:{n:03d}" for n, i in enumerate(order)}
    level = levels(units)
    updated = next((u.extra["page_updated"] for u in units if "page_updated" in u.extra), "")
    fix = repairer.repair if record.ocr and repairer is not None else None
    # OCR is repaired over the whole document, so the repairer sees the document's damage rate
    changes = repairer.changes(text) if fix is not None and repairer is not None else None
    starts = [c.start for c in changes or []]
    rows = []
    line, counted = 1, 0  # line numbers counted on from the previous unit: linear in the text
    for i in order:
        u = units[i]
        measure = u.kind == "measure"
        line += text.count("\n", counted, u.start)
        counted = u.start
        rows.append(
            {
                "unit_id": ids[u.start],
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
                "line": line,
                "section": _fix(u.section, fix),
                "kind": u.kind,
                "level": level.get(u.start),
                "parent": ids[u.parent] if u.parent is not None else "",
                "ref": u.ref,
                "title": _fix(u.title, fix),
                "text": _unit_text(u, text, changes, starts),
                "status": u.status,
                "outcome": (u.outcome or "unknown") if measure else "",
                "outcome_evidence": _fix(u.outcome_evidence, fix),
                "deadline": u.deadline,
                "responsible": u.responsible,
                "cost": _fix(u.cost, fix),
                "own_tags": TAG_SEPARATOR.join(u.own_tags),
                "link": ids[u.link] if u.link is not None else "",
                "truncated": u.truncated,
                "note": u.note,
                "ocr": record.ocr,
                "page_updated": updated,
            }
        )
    return rows


def _fix(value: str, repair: Callable[[str], str] | None) -> str:
    return repair(value) if repair is not None and value else value


def fit_repairer(records: Iterable[PlanRecord]) -> OcrRepairer:
    """An :class:`~plancompare.ocr.OcrRepairer` fitted on the clean plans among ``records``
    (manifest rows whose ``ocr`` is false), each read through :func:`read_source`.

    Example:
        >>> fit_repairer(read_manifest()).lexicon_.unigrams["kompetensförsörjning"] > 0
        True
    """
    return OcrRepairer().fit(read_source(r.path).text for r in records if not r.ocr)


def build_frame(records: Iterable[PlanRecord], repairer: OcrRepairer | None = None) -> pd.DataFrame:
    """Parse every record's file and assemble the common frame, sorted stably.

    Plans marked ``ocr`` are repaired with ``repairer``, by default one fitted on the clean
    plans among ``records`` (:func:`fit_repairer`): the vocabulary of the corpus being loaded.
    Rows are ordered by ``plan_id``, ``source_file`` and ``char_start``, independent of
    the manifest's row order or the file system's.

    Example:
        >>> frame = build_frame(read_manifest())
        >>> list(frame.columns[:3])
        ['unit_id', 'plan_id', 'municipality']
    """
    records = list(records)
    parsed = [parse_record(record) for record in records]
    if repairer is None and any(r.ocr for r in records):
        repairer = fit_repairer(records)
    rows: list[dict[str, object]] = []
    for record, (text, units) in zip(records, parsed, strict=True):
        rows.extend(_rows(record, text, units, repairer))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame = frame.astype(COLUMNS)
    frame = frame.sort_values(["plan_id", "source_file", "char_start"], kind="mergesort")
    return frame.reset_index(drop=True)


def load(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load every plan named in ``DATA/manifest.csv`` into the common frame.

    ``data_dir`` holds ``manifest.csv`` and ``raw/``; it defaults to the repository's
    ``data/``. Bad input raises a :class:`~plancompare.errors.PlanError` naming the file.
    ``frame.attrs["data_dir"]`` records the directory, so that steps downstream (the theme
    codebook) read that directory's files and not the repository's.

    Example:
        >>> frame = load()
        >>> int((frame.kind == "measure").sum()) > 0
        True
        >>> sorted(frame.municipality.unique())
        ['Malmö', 'Norrköping', 'Södertälje', 'Östersund']
        >>> Path(frame.attrs["data_dir"]).name
        'data'
    """
    frame = build_frame(read_manifest(data_dir))
    frame.attrs["data_dir"] = str(paths.data_dir(data_dir))
    return frame


_MOVED = ("kind_table", "plans_table", "source_span", "coverage", "PLAN_COLUMNS")


def __getattr__(name: str) -> object:
    """Tables for people moved to :mod:`plancompare.summary`; old imports keep working."""
    if name in _MOVED:
        from . import summary

        return getattr(summary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
