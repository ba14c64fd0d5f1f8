"""The corpus manifest: ``DATA/manifest.csv`` to validated :class:`PlanRecord` objects.

One row per source file in ``DATA/raw/``. Several rows may share a ``plan_id`` when one
plan comes in several files (sections); such rows must agree on the plan's own facts
(municipality, organisation, title, document type, period).

Every problem is collected before anything is raised, so a user fixing a manifest sees
all of its problems at once (:class:`~plancompare.errors.PlanErrors`), each a
:class:`~plancompare.errors.ManifestError` naming the manifest and the line (header = 1).

Decisions:

* ``municipality`` may be blank when ``organisation`` names the author (a region or an
  agency writes plans too); then ``municipality_source`` may be blank as well.
* ``period_start`` and ``period_end`` columns are required, but a cell may be blank
  (-> ``None``): an undated plan is better recorded as unknown than with an invented
  year. A given year must be four digits (1900-2100); the end may not precede the start.
* One file may appear on only one row: listing a text twice would count its units twice,
  and one text cannot be part of two plans.
* The manifest may be UTF-8 (with or without the byte-order mark spreadsheets write),
  or another encoding :func:`~plancompare.decode.decode_bytes` recognises (e.g. cp1252
  from Excel), in which case a :class:`ManifestWarning` says so. A header with
  semicolons and no commas (Swedish Excel's "CSV") is read with ``;`` as delimiter.
* Header names and cells are stripped of surrounding spaces; ``form``,
  ``municipality_source`` and ``ocr`` are case-insensitive.

Example:
    >>> [r.plan_id for r in read_manifest()][:2]
    ['norrkoping-vp-2023', 'malmo-uppfoljning-2020-2021']
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from .decode import Report, read_source, read_table
from .errors import ManifestError, PlanError, PlanErrors
from .paths import manifest_path, raw_dir
from .schema import FORMS, MUNICIPALITY_SOURCES
from .schema import MANIFEST_COLUMNS as COLUMNS

_OCR_VALUES = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
_YEAR_RE = re.compile(r"[0-9]{4}")
_YEAR_MIN, _YEAR_MAX = 1900, 2100
_OPTIONAL_CELLS = ("period_start", "period_end")
# Rows sharing a plan_id are sections of one plan and must agree on these.
_PLAN_FACTS = tuple(c for c in COLUMNS if c not in ("plan_id", "file", "form", "ocr"))


class ManifestWarning(UserWarning):
    """Something in the manifest is unusual but harmless (e.g. an unknown extra column)."""


@dataclass(frozen=True)
class PlanRecord:
    """One validated manifest row: a source file and the facts about its plan.

    ``file`` is as written in the manifest; ``path`` is the resolved absolute path inside
    ``DATA/raw``; ``line`` is the row's line in the manifest (header = 1).

    Example:
        >>> r = read_manifest()[3]
        >>> (r.municipality, r.form, r.ocr, r.period_start, r.period_end, r.line)
        ('Södertälje', 'application_form', True, 2018, 2021, 5)
    """

    plan_id: str
    file: str
    path: Path
    municipality: str
    municipality_source: str
    organisation: str
    title: str
    doc_type: str
    period_start: int | None
    period_end: int | None
    form: str
    ocr: bool
    line: int


def read_manifest(data_dir: str | Path | None = None) -> list[PlanRecord]:
    """Read and validate ``DATA/manifest.csv``; return its records in manifest order.

    ``data_dir`` defaults to the repository's ``data/``. Unknown extra columns are
    reported with :class:`ManifestWarning` and ignored.

    Raises:
        PlanErrors: every problem found, each a ManifestError with the manifest and line.

    Example:
        >>> records = read_manifest()
        >>> len(records), records[0].municipality, records[0].municipality_source
        (5, 'Norrköping', 'attributed')
    """
    records, errors, notes, _ = _load(data_dir)
    for note in notes:
        warnings.warn(note, ManifestWarning, stacklevel=2)
    if errors:
        raise PlanErrors(errors)
    return records


def check_data(
    data_dir: str | Path | None = None,
) -> tuple[list[PlanRecord], list[PlanError], list[str]]:
    """Validate the manifest and decode every file it names, collecting every problem.

    Returns ``(records, errors, notes)``: the records whose manifest row is valid *and*
    whose file decodes; all errors (manifest problems, then file problems in manifest
    order; every file a row names is decoded, even when the row has other problems);
    and notes: manifest warnings, repairs made while decoding (``"002.txt: decoded as
    cp1252 ..."``) and files in ``raw/`` that the manifest does not list. Nothing is
    raised for problems in the data; this backs ``plancompare check``.

    Example:
        >>> records, errors, notes = check_data()
        >>> len(records), errors, notes
        (5, [], [])
    """
    records, errors, notes, named = _load(data_dir)
    readable = _decode_named(named, errors, notes)
    notes.extend(unlisted_files(data_dir, named))
    return [r for r in records if r.path in readable], errors, notes


def _decode_named(named: dict[Path, str], errors: list[PlanError], notes: list[str]) -> set[Path]:
    """Decode every file in ``named``: its problems to ``errors``, its repairs to ``notes``
    (``"FILE: note"``); return the paths that decode."""
    readable: set[Path] = set()
    for path, file in named.items():
        try:
            decoded = read_source(path)
        except PlanError as e:
            errors.append(e)
            continue
        readable.add(path)
        notes.extend(f"{file}: {note}" for note in decoded.notes)
    return readable


# --------------------------------------------------------------------------- internals


def _load(
    data_dir: str | Path | None,
) -> tuple[list[PlanRecord], list[PlanError], list[str], dict[Path, str]]:
    """Parse and validate the manifest without raising.

    Returns (valid records, errors, notes, {resolved path: file as written} for every
    file inside raw/ that a row names, in manifest order, valid row or not).
    """
    path = manifest_path(data_dir)
    errors: list[PlanError] = []
    notes: list[str] = []

    def report(message: str, line: int | None) -> None:
        errors.append(ManifestError(message, file=path, line=line))

    rows = read_table(path, report, notes, what="manifest")
    if rows is None:
        return [], errors, notes, {}
    if not rows:
        report("manifest is empty", None)
        return [], errors, notes, {}
    header_line, header = rows[0]
    index = _check_header(header, header_line, rows[1:], path, report, notes)
    if len(rows) == 1:
        report("manifest has a header but lists no files", header_line)

    raw = raw_dir(data_dir).resolve()
    records: list[PlanRecord] = []
    named: dict[Path, str] = {}
    line_of_pair: dict[tuple[str, str], int] = {}
    line_of_path: dict[Path, tuple[int, str]] = {}
    facts_of_plan: dict[str, tuple[int, dict[str, str]]] = {}
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            hint = ""
            if len(cells) > len(header):
                hint = " (a value with a comma in it must be in double quotes)"
            elif any("\n" in c for c in cells):
                hint = " (a double quote is probably not closed)"
            report(f"row has {len(cells)} cells but the header has {len(header)}{hint}", line)
            continue
        row = {col: cells[i].strip() for col, i in index.items()}
        n_errors = len(errors)
        values = _check_cells(row, line, report)

        plan_id, file = row.get("plan_id", ""), row.get("file", "")
        resolved = _check_file(file, raw, line, report) if file else None
        if resolved is not None:
            named.setdefault(resolved, file)
        if plan_id and file and (plan_id, file) in line_of_pair:
            other = line_of_pair[(plan_id, file)]
            report(f"duplicate row: plan '{plan_id}' with file '{file}' is on line {other}", line)
        elif resolved is not None and resolved in line_of_path:
            other, other_plan = line_of_path[resolved]
            report(
                f"file '{file}' is already listed on line {other} (plan '{other_plan}'): "
                "a file may be listed only once",
                line,
            )
        else:
            line_of_pair.setdefault((plan_id, file), line)
            if resolved is not None:
                line_of_path[resolved] = (line, plan_id)

        if plan_id and len(errors) == n_errors:  # compare only rows valid so far
            facts = {c: values.get(c, row[c]) for c in _PLAN_FACTS if c in row}
            first, first_facts = facts_of_plan.setdefault(plan_id, (line, facts))
            for col in facts if first != line else ():
                if facts[col] != first_facts[col]:
                    report(
                        f"{col} '{row[col]}' differs from line {first} "
                        f"('{first_facts[col]}'), which has the same plan_id '{plan_id}'",
                        line,
                    )

        if len(errors) == n_errors and resolved is not None and len(index) == len(COLUMNS):
            records.append(
                PlanRecord(
                    plan_id=plan_id,
                    file=file,
                    path=resolved,
                    municipality=row["municipality"],
                    municipality_source=values["municipality_source"],
                    organisation=row["organisation"],
                    title=row["title"],
                    doc_type=row["doc_type"],
                    period_start=values["period_start"],
                    period_end=values["period_end"],
                    form=values["form"],
                    ocr=values["ocr"],
                    line=line,
                )
            )
    return records, errors, notes, named


def _check_cells(row: dict[str, str], line: int, report: Report) -> dict:
    """Check the cells of one row; return the parsed values of the checked columns."""
    no_municipality = "municipality" in row and not row["municipality"]
    for col in COLUMNS:
        if col in row and not row[col] and col not in _OPTIONAL_CELLS:
            if col == "municipality" and row.get("organisation"):
                continue  # a region or agency: the organisation names the author
            if col == "municipality_source" and no_municipality:
                continue
            hint = " (it may be blank only when organisation names the author)"
            report(f"column '{col}' is blank{hint if col == 'municipality' else ''}", line)
    values: dict = {col: _year(row, col, line, report) for col in _OPTIONAL_CELLS}
    start, end = values["period_start"], values["period_end"]
    if start is not None and end is not None and end < start:
        report(f"period_end {end} is before period_start {start}", line)

    values["form"] = form = row.get("form", "").lower()
    if form and form not in FORMS:
        report(f"unknown form '{row['form']}' (known forms: {', '.join(FORMS)})", line)
    values["municipality_source"] = source = row.get("municipality_source", "").lower()
    if source and source not in MUNICIPALITY_SOURCES:
        report(
            f"municipality_source must be one of {', '.join(MUNICIPALITY_SOURCES)}, "
            f"not '{row['municipality_source']}'",
            line,
        )
    values["ocr"] = ocr = _OCR_VALUES.get(row.get("ocr", "").lower())
    if row.get("ocr") and ocr is None:
        report(f"ocr must be true or false (or yes/no, 1/0), not '{row['ocr']}'", line)
    return values


def _check_header(
    header: list[str],
    line: int,
    body: list[tuple[int, list[str]]],
    path: Path,
    report: Report,
    notes: list[str],
) -> dict[str, int]:
    """Report header problems; return {required column: its index} for those present.

    Names are matched stripped and case-insensitively. Unknown columns become notes
    (warnings); an unnamed column is ignored silently when all its cells are blank
    (spreadsheets add those).
    """
    index: dict[str, int] = {}
    unknown: set[str] = set()
    for i, raw_name in enumerate(header):
        name = raw_name.strip().lower()
        if name in index:
            report(f"column '{name}' appears twice (columns {index[name] + 1} and {i + 1})", line)
        elif name in COLUMNS:
            index[name] = i
        elif not name:
            if any(i < len(cells) and cells[i].strip() for _, cells in body):
                notes.append(f"{path}:{line}: column {i + 1} has no name; its values are ignored")
        elif name not in unknown:
            unknown.add(name)
            notes.append(f"{path}:{line}: unknown column '{raw_name.strip()}' is ignored")
    missing = [c for c in COLUMNS if c not in index]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        report(f"missing required column{plural}: {', '.join(missing)}", line)
    return index


def _year(row: dict[str, str], col: str, line: int, report: Report) -> int | None:
    value = row.get(col, "")
    if not value:
        return None
    if not _YEAR_RE.fullmatch(value):
        report(f"{col} '{value}' is not a 4-digit year", line)
        return None
    year = int(value)
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        report(f"{col} {year} is not a plausible year ({_YEAR_MIN}-{_YEAR_MAX})", line)
        return None
    return year


def _check_file(file: str, raw: Path, line: int, report: Report) -> Path | None:
    """Resolve ``file`` inside ``raw``; report and return None if it is outside or missing."""
    posix, windows = PurePosixPath(file), PureWindowsPath(file)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or file.startswith("\\"):
        report(f"file '{file}' is an absolute path: give a path relative to {raw}", line)
        return None
    if ".." in posix.parts or ".." in windows.parts:
        report(f"file '{file}' contains '..': files must be inside {raw}", line)
        return None
    try:
        resolved = (raw / file).resolve()
        if not resolved.is_relative_to(raw):
            report(f"file '{file}' points outside {raw} (to {resolved}); refused", line)
            return None
        if not resolved.exists():
            report(f"file '{file}' not found in {raw}", line)
            return None
        if not resolved.is_file():
            report(f"file '{file}' is not a regular file", line)
            return None
    except (OSError, RuntimeError) as e:  # symlink loop, permission denied on a directory
        report(f"file '{file}' cannot be looked up: {getattr(e, 'strerror', None) or e}", line)
        return None
    return resolved


def unlisted_files(data_dir: str | Path | None, named: Iterable[Path]) -> list[str]:
    """Notes for the files in ``raw/`` that are not among ``named`` (resolved paths: the files
    the manifest lists), sorted by path; hidden files are skipped. :func:`check_data` gives
    these after the decoding notes, and :func:`plancompare.load` keeps them with the frame's.

    Example:
        >>> unlisted_files(None, [r.path for r in read_manifest()])
        []
        >>> unlisted_files(None, [])[0].split(":")[0]
        '000_f74a1a481f1a245e.txt'
    """
    raw = raw_dir(data_dir)
    if not raw.is_dir():
        return []
    named = set(named)
    notes = []
    for p in sorted(raw.rglob("*")):
        if any(part.startswith(".") for part in p.relative_to(raw).parts) or not p.is_file():
            continue
        if p.resolve() not in named:
            notes.append(f"{p.relative_to(raw)}: in {raw} but not listed in the manifest")
    return notes
