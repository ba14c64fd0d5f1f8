"""Units + plan metadata → the common frame: one row per unit of text.

Column order and dtypes are declared in :mod:`plancompare.schema` (:data:`COLUMNS`). Every
row carries its plan's metadata and exact provenance: ``raw[char_start:char_end]`` of the
decoded source file (see :func:`plancompare.decode.read_source`) is the unit's source.
Tables for people (units by kind, coverage, …) are in :mod:`plancompare.summary`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import paths, processed
from .decode import read_source
from .forms import PARSERS, Unit, check_coverage, clean_text
from .forms.base import check_links, levels
from .manifest import PlanRecord, read_manifest, unlisted_files
from .ocr import Change, OcrRepairer, apply_changes
from .parallel import map_files
from .schema import FRAME_COLUMNS

COLUMNS: dict[str, str] = FRAME_COLUMNS
"""Frame columns and their dtypes, in order (declared in :mod:`plancompare.schema`)."""
TAG_SEPARATOR = "; "
NOTES = "source_notes"
"""The key in ``frame.attrs`` of the notes on the frame's files (see :func:`load`)."""


class SourceNotes(tuple[str, ...]):
    """The notes on a frame's source files, as ``plancompare check`` gives them: how each was
    decoded (``"002.txt: converted CRLF line ends to \\n"``), then files the manifest leaves out.

    A tuple of strings, which nothing changes: pandas deep-copies a frame's ``attrs`` into
    the result of every operation, and a copy of this is itself (a plain tuple is walked
    element by element: 2 ms for 2,900 notes, on each operation).

    Example:
        >>> import copy
        >>> notes = SourceNotes(["a.txt: removed UTF-8 byte-order mark"])
        >>> copy.deepcopy(notes) is notes, list(notes)
        (True, ['a.txt: removed UTF-8 byte-order mark'])
    """

    __slots__ = ()

    def __deepcopy__(self, memo: dict) -> SourceNotes:
        return self


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
    return text, _parse(record, text)


def _parse(record: PlanRecord, text: str) -> list[Unit]:
    """The units of ``record``'s decoded ``text``, checked (see :func:`parse_record`)."""
    units = PARSERS[record.form](text)
    check_coverage(text, units, file=str(record.path))
    check_links(units, file=str(record.path))
    return units


def _unit_text(unit: Unit, raw: str, changes: list[Change] | None, starts: list[int]) -> str:
    """The unit's clean text; for OCR plans with the document's repairs inside its span."""
    text = unit.text if unit.text is not None else clean_text(raw[unit.start : unit.end])
    if changes is None:
        return text
    inside = changes[bisect_left(starts, unit.start) : bisect_left(starts, unit.end)]
    return apply_changes(text, inside)


def _columns(
    record: PlanRecord,
    text: str,
    units: list[Unit],
    repairer: OcrRepairer | None,
    changes: list[Change] | None,
) -> dict[str, pa.Array]:
    """The frame's columns of one file, as Arrow arrays; ``changes``: the OCR repairs of its
    text (None: clean).

    Built column by column: the plan's metadata once per file (repeated in Arrow, no Python
    value per unit), line numbers by one ``searchsorted`` of the units' starts among the
    text's newline offsets, the units' own fields one list per column.
    """
    stem = Path(record.file).stem
    units = sorted(units, key=lambda u: (u.start, u.end))
    n = len(units)
    ids = [f"{stem}:{i:03d}" for i in range(n)]
    id_of = {u.start: unit_id for u, unit_id in zip(units, ids, strict=True)}
    level = levels(units)
    updated = next((u.extra["page_updated"] for u in units if "page_updated" in u.extra), "")
    # a section path or title repeats on every unit under it: each distinct value is repaired
    # once (Södertälje's 58 fields are 22 values)
    fix = cache(repairer.repair) if record.ocr and repairer is not None else None
    starts = [c.start for c in changes or []]
    char_start = np.fromiter((u.start for u in units), dtype=np.int64, count=n)
    columns: dict[str, object] = {
        "unit_id": ids,
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
        "char_start": char_start,
        "char_end": np.fromiter((u.end for u in units), dtype=np.int64, count=n),
        "line": np.searchsorted(_newlines(text), char_start) + 1,
        "section": [_fix(u.section, fix) for u in units],
        "kind": [u.kind for u in units],
        "level": [level.get(u.start) for u in units],
        "parent": [id_of[u.parent] if u.parent is not None else "" for u in units],
        "ref": [u.ref for u in units],
        "title": [_fix(u.title, fix) for u in units],
        "text": [_unit_text(u, text, changes, starts) for u in units],
        "status": [u.status for u in units],
        "outcome": [(u.outcome or "unknown") if u.kind == "measure" else "" for u in units],
        "outcome_evidence": [_fix(u.outcome_evidence, fix) for u in units],
        "deadline": [u.deadline for u in units],
        "responsible": [u.responsible for u in units],
        "cost": [_fix(u.cost, fix) for u in units],
        "own_tags": [TAG_SEPARATOR.join(u.own_tags) for u in units],
        "link": [id_of[u.link] if u.link is not None else "" for u in units],
        "truncated": [u.truncated for u in units],
        "note": [u.note for u in units],
        "ocr": record.ocr,
        "page_updated": updated,
    }
    return {c: _arrow(columns[c], COLUMNS[c], n) for c in COLUMNS}


def _newlines(text: str) -> np.ndarray:
    """The offsets of ``text``'s newlines, in characters (one pass in C, no Python int per line;
    one UTF-32 unit per character, a character outside the BMP or a lone surrogate too).

    Example:
        >>> _newlines("a\\nbc\\n\\nd").tolist(), _newlines("😀\\n\\udcff\\n").tolist()
        ([1, 4, 5], [1, 3])
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return np.flatnonzero(codes == 10)


def _arrow(values: object, dtype: str, n: int) -> pa.Array:
    """A column of ``n`` rows as an Arrow array: a list or array of values, or one value that
    every row holds (the plan's metadata), repeated."""
    if isinstance(values, list | np.ndarray):
        return pa.array(values, type=_ARROW[dtype])
    return pa.repeat(pa.scalar(values, type=_ARROW[dtype]), n)


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


#: Columns of :func:`ocr_changes`: the file, then the fields of :class:`~plancompare.ocr.Change`.
CHANGE_COLUMNS: dict[str, str] = {
    "source_file": "category",
    "index": "int64",
    "start": "int64",
    "end": "int64",
    "original": "str",
    "replacement": "str",
    "score": "float64",
    "new_start": "int64",
    "new_end": "int64",
    "kind": "category",
}


def _file_columns(
    record: PlanRecord, repairer: OcrRepairer | None
) -> tuple[dict[str, list[object]], list[Change], tuple[str, ...]]:
    """One file's rows, column by column, its OCR changes and the notes of its decoding
    (what a worker sends back: the file is read once)."""
    decoded = read_source(record.path)
    text = decoded.text
    units = _parse(record, text)
    # OCR is repaired over the whole document, so the repairer sees the document's damage rate
    ocr = record.ocr and repairer is not None
    changes = repairer.changes(text) if ocr else []
    # Arrow arrays: compact to send from a worker and to keep until the frame is assembled
    # (a Python string per value would take several times the text)
    columns = _columns(record, text, units, repairer, changes if ocr else None)
    return columns, changes, decoded.notes


def _series(chunks: pa.ChunkedArray, dtype: str) -> pd.Series:
    """A frame column of ``dtype`` from its files' Arrow arrays (strings are not copied)."""
    if dtype in ("str", "category"):
        series = chunks.to_pandas(types_mapper=_STRINGS.get)
        return series.astype(dtype) if dtype == "category" else series
    if dtype == "Int64":
        return chunks.to_pandas(types_mapper=_INTEGERS.get)
    return pd.Series(chunks.to_numpy(), dtype=dtype)


def _size(record: PlanRecord) -> int:
    try:
        return record.path.stat().st_size
    except OSError:  # a missing file is reported by the parse, naming it
        return 0


def build_frame(
    records: Iterable[PlanRecord],
    repairer: OcrRepairer | None = None,
    *,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Parse every record's file and assemble the common frame, sorted stably.

    Plans marked ``ocr`` are repaired with ``repairer``, by default one fitted on the clean
    plans among ``records`` (:func:`fit_repairer`): the vocabulary of the corpus being loaded.
    Rows are ordered by ``plan_id``, ``source_file`` and ``char_start``, independent of
    the manifest's row order or the file system's. Files are parsed on ``n_jobs`` processes
    (:func:`plancompare.parallel.map_files`: ``None`` uses every core for a large corpus,
    ``1`` one); the frame is the same for any number. ``progress`` shows a progress bar
    (``None``: on a terminal, for long runs).

    Columns whose values repeat (the plan's metadata, ``source_file``, ``section``) are
    categorical, text columns use pandas' ``str`` dtype (Arrow-backed, UTF-8), so the frame
    takes a few times the memory of its text (see :data:`COLUMNS`).

    Example:
        >>> frame = build_frame(read_manifest())
        >>> list(frame.columns[:3])
        ['unit_id', 'plan_id', 'municipality']
        >>> frame.equals(build_frame(read_manifest(), n_jobs=2))
        True
    """
    return _build(records, repairer, n_jobs=n_jobs, progress=progress)[0]


def _build(
    records: Iterable[PlanRecord],
    repairer: OcrRepairer | None = None,
    *,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The frame and the table of OCR changes made on the way (see :func:`build_frame`)."""
    records = sorted(records, key=lambda r: (r.plan_id, r.file))  # the frame's order
    if repairer is None and any(r.ocr for r in records):
        repairer = fit_repairer(records)
    sizes = [_size(r) for r in records]
    work = [size * (OCR_WORK if r.ocr else 1) for r, size in zip(records, sizes, strict=True)]
    parts = map_files(
        _file_columns,
        records,
        sizes,
        args=(repairer,),
        work=work,
        n_jobs=n_jobs,
        progress=progress,
        desc="parse",
    )
    data = {
        c: _series(pa.chunked_array([part[0][c] for part in parts], type=_ARROW[dtype]), dtype)
        for c, dtype in COLUMNS.items()
    }
    changes = [
        {"source_file": record.file, **change.as_dict()}
        for record, (_, found, _) in zip(records, parts, strict=True)
        for change in found
    ]
    # in manifest order, as plancompare check lists them
    in_manifest = sorted(zip(records, parts, strict=True), key=lambda pair: pair[0].line)
    notes = [f"{r.file}: {note}" for r, (*_, found) in in_manifest for note in found]
    del parts, in_manifest
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    frame.attrs[NOTES] = SourceNotes(notes)
    table = pd.DataFrame(changes, columns=list(CHANGE_COLUMNS)).astype(CHANGE_COLUMNS)
    return frame, table


#: The Arrow type that carries each frame dtype from a worker (see :func:`_arrow_columns`).
_ARROW: dict[str, pa.DataType] = {
    "str": pa.large_string(),
    "category": pa.large_string(),
    "int64": pa.int64(),
    "Int64": pa.int64(),
    "bool": pa.bool_(),
}
_STRINGS = {pa.large_string(): pd.StringDtype("pyarrow", na_value=float("nan"))}
_INTEGERS = {pa.int64(): pd.Int64Dtype()}

#: How much more an OCR file costs than a clean one of the same size (repair; for n_jobs).
OCR_WORK = 100


def load(
    data_dir: str | Path | None = None,
    *,
    n_jobs: int | None = None,
    cache: bool = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load every plan named in ``DATA/manifest.csv`` into the common frame.

    ``data_dir`` holds ``manifest.csv`` and ``raw/``; it defaults to the repository's
    ``data/``. Bad input raises a :class:`~plancompare.errors.PlanError` naming the file.
    ``frame.attrs["data_dir"]`` records the directory, so that steps downstream (the theme
    codebook) read that directory's files and not the repository's.

    With ``cache`` (the default) the frame is kept in ``DATA/processed/frame.parquet`` and
    read from there while the manifest, every raw file and the library are unchanged
    (:mod:`plancompare.processed`); ``cache=False`` always parses and stores nothing.
    ``n_jobs`` and ``progress`` are passed to :func:`build_frame`.

    ``frame.attrs["source_notes"]`` (:class:`SourceNotes`) holds the notes ``plancompare check``
    gives on the files: the repairs made while decoding each (kept with the frame, so a kept
    frame gives them without reading the files again), then the files in ``raw/`` that the
    manifest does not list.

    Example:
        >>> frame = load()
        >>> int((frame.kind == "measure").sum()) > 0
        True
        >>> sorted(frame.municipality.unique())
        ['Malmö', 'Norrköping', 'Södertälje', 'Östersund']
        >>> Path(frame.attrs["data_dir"]).name
        'data'
        >>> frame.attrs["source_notes"]
        ()
    """
    frame = _load(data_dir, processed.CACHE_FILE, cache=cache, n_jobs=n_jobs, progress=progress)
    frame.attrs["data_dir"] = str(paths.data_dir(data_dir))
    return frame


def ocr_changes(
    data_dir: str | Path | None = None,
    *,
    n_jobs: int | None = None,
    cache: bool = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Every change OCR repair made to the OCR plans of ``data_dir``: one row per token.

    Columns (:data:`CHANGE_COLUMNS`): ``source_file``, then the fields of
    :class:`~plancompare.ocr.Change` (``start``/``end`` in the raw file, ``original``,
    ``replacement``, ``score`` …), in file and text order. They are the repairs the frame's
    ``text`` carries: :func:`load` keeps them beside the processed frame
    (``DATA/processed/ocr_changes.parquet``, same key), so a notebook shows them without
    repairing the corpus again; with no valid cache the corpus is built (and both stored).

    Example:
        >>> changes = ocr_changes()
        >>> changes.source_file.unique().tolist()
        ['003_fe82394e5538ee61.txt']
        >>> changes.query("original == '&r'").replacement.unique().tolist()
        ['är']
    """
    return _load(data_dir, CHANGES_FILE, cache=cache, n_jobs=n_jobs, progress=progress)


CHANGES_FILE = "ocr_changes.parquet"


def _load(
    data_dir: str | Path | None,
    wanted: str,
    *,
    cache: bool,
    n_jobs: int | None,
    progress: bool | None,
) -> pd.DataFrame:
    """The frame (``wanted`` = frame file) or the changes table, from the cache or built.

    The frame's notes (``attrs``, :data:`NOTES`): its files' decoding notes, made by the build
    and kept with the frame, then the files in ``raw/`` the manifest leaves out, looked up now.
    """
    records = read_manifest(data_dir)
    found = None
    if cache:
        key = processed.frame_key(records, data_dir)
        found = processed.read_cached(data_dir, key, wanted)
        if found is not None and wanted == CHANGES_FILE:
            return found.astype(CHANGE_COLUMNS)
    if found is None:
        frame, changes = _build(records, n_jobs=n_jobs, progress=progress)
        if cache:
            processed.store(changes, data_dir, key, CHANGES_FILE)
            processed.store(frame, data_dir, key)  # last: a stored frame has its changes beside it
        if wanted == CHANGES_FILE:
            return changes
        found = frame
    unlisted = unlisted_files(data_dir, (r.path for r in records))
    found.attrs[NOTES] = SourceNotes([*found.attrs.get(NOTES, ()), *unlisted])
    return found


_MOVED = ("kind_table", "plans_table", "source_span", "coverage", "PLAN_COLUMNS")


def __getattr__(name: str) -> object:
    """Tables for people moved to :mod:`plancompare.summary`; old imports keep working."""
    if name in _MOVED:
        from . import summary

        return getattr(summary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
