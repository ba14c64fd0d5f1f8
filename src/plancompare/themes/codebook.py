"""The theme codebook: a CSV file a student edits, read and checked into a DataFrame.

One row per theme. Required columns (any order, names case-insensitive):

``framework``  which frame of reference the theme belongs to (``skr2019``, ``process``, …)
``theme``      a short id, unique in the whole codebook (``arbetsmiljo``)
``label_sv``   the Swedish label figures show; ``gloss_en``: its English gloss
``patterns``   ``;``-separated patterns (below); at least one
``exclude``    ``;``-separated patterns whose words may not count as evidence for the theme
``source``     where the theme and its words come from
``malmo_tag``  one of Malmö's own three tags (:data:`MALMO_TAGS`) the theme maps to, or empty

Optional: ``scope`` (``text``, the default: anywhere in the unit, compound parts included;
``lead``: whole words only, and only the first hit of the framework in a unit counts -- the
stage of a measure from its leading verb) and ``note`` (free text). Any other column is an
error, so a misspelt column is never silently ignored.

Pattern syntax (case-insensitive unless ``re:``):

``lön``        the word in any inflection, and as a part of a compound: ``lönen``,
               ``lönestrategi``, ``ingångslön`` -- but not ``lönsam``
``rekryter*``  a word or compound part starting so: ``rekryteringen``, ``rekryteringssystem``
``=lokalt``    exactly this word form (or one part of a hyphenated word: ``=it`` in ``it-stöd``)
``re:SKA``     a regular expression matched against the whole word (or a hyphenated part), as
               written in the text, case-sensitive (``(?i)`` makes it insensitive)
``ta fram``    several of the above, separated by spaces: consecutive words

Example:
    >>> book = load_codebook()
    >>> book.loc[book.theme == "lon", ["framework", "label_sv", "malmo_tag"]].iloc[0].tolist()
    ['plan_themes', 'Lön', 'Behålla & utveckla']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..decode import read_table
from ..errors import PlanError, PlanErrors
from ..paths import codebook_path

COLUMNS = (
    "framework",
    "theme",
    "label_sv",
    "gloss_en",
    "patterns",
    "exclude",
    "source",
    "malmo_tag",
)
"""Required codebook columns."""

OPTIONAL_COLUMNS = ("scope", "note")
"""Columns a codebook may have; ``scope`` defaults to ``text``, ``note`` to empty."""

SCOPES = ("text", "lead")

MALMO_TAGS = ("Attrahera & rekrytera", "Behålla & utveckla", "Utveckla organisation & arbetssätt")
"""Malmö's own three tags, spelled as the frame's ``own_tags`` spells them: attract &
recruit, retain & develop, develop organisation & ways of working."""

ON_TOPIC = "on_topic"
"""The framework whose hits make a unit concern competence supply at all."""

STAGE = "stage"
"""The framework of policy-cycle stages (investigate, develop/plan, implement, follow up)."""

_ID = re.compile(r"[A-Za-z0-9_]+")
_WORD = re.compile(r"[^\W_]+(?:[-:'][^\W_]+)*")  # letters/digits, word-internal - : '


class CodebookError(PlanError):
    """A codebook row or the codebook file is not usable."""


@dataclass(frozen=True)
class Atom:
    """One word of a pattern: ``kind`` is ``word``, ``prefix``, ``exact`` or ``regex``."""

    kind: str
    text: str


@dataclass(frozen=True)
class Pattern:
    """A parsed pattern: its source text and its consecutive words.

    Example:
        >>> parse_pattern("ta fram").atoms
        (Atom(kind='word', text='ta'), Atom(kind='word', text='fram'))
    """

    source: str
    atoms: tuple[Atom, ...]


def parse_pattern(source: str) -> Pattern:
    """Parse one pattern (see the module docstring); ``ValueError`` says what is wrong.

    Example:
        >>> [a.kind for a in parse_pattern("rekryter* =lokalt re:SKA lön").atoms]
        ['prefix', 'exact', 'regex', 'word']
        >>> parse_pattern("*lön")
        Traceback (most recent call last):
        ...
        ValueError: pattern '*lön': '*' may only end a word ('rekryter*')
    """
    text = source.strip()
    if not text:
        raise ValueError("empty pattern (two ';' in a row, or a ';' at the end?)")
    atoms = tuple(_parse_atom(word, text) for word in text.split())
    return Pattern(source=text, atoms=atoms)


def _parse_atom(word: str, pattern: str) -> Atom:
    if word.startswith("re:"):
        expr = word[3:]
        if not expr:
            raise ValueError(f"pattern '{pattern}': 're:' needs a regular expression after it")
        try:
            re.compile(expr)
        except re.error as e:
            raise ValueError(f"pattern '{pattern}': invalid regular expression ({e})") from None
        return Atom("regex", expr)
    if word.startswith("="):
        body, kind = word[1:], "exact"
    elif word.endswith("*"):
        body, kind = word[:-1], "prefix"
    else:
        body, kind = word, "word"
    if "*" in body:
        raise ValueError(f"pattern '{pattern}': '*' may only end a word ('rekryter*')")
    if not _WORD.fullmatch(body):
        raise ValueError(
            f"pattern '{pattern}': '{word}' is not a word (letters, digits, and - : ' inside "
            "a word; use re: for anything else)"
        )
    if kind == "prefix" and len(body) < 3:
        raise ValueError(f"pattern '{pattern}': a prefix needs at least 3 letters")
    return Atom(kind, body.lower())


def split_patterns(cell: str) -> list[str]:
    """The patterns of a ``patterns``/``exclude`` cell (``;``-separated), as written.

    Example:
        >>> split_patterns(" lön ; ingångslön ")
        ['lön', 'ingångslön']
    """
    return [p.strip() for p in cell.split(";")] if cell.strip() else []


def load_codebook(path: str | Path | None = None, *, data_dir: str | Path | None = None):
    """Read and check a theme codebook; return one row per theme, in file order.

    ``path`` names the file; without it, ``DATA/codebook.csv`` when the data directory
    has one, else the codebook shipped with the package (:func:`~plancompare.paths.codebook_path`).
    A codebook saved by Excel (semicolons, cp1252, a byte-order mark) is read too; a
    :class:`UserWarning` notes what was unusual. The result has the columns of the file
    plus ``scope``, ``note`` and ``line`` (the row's line in the file); ``attrs["path"]``
    is the file read.

    Raises:
        PlanErrors: every problem at once, each a :class:`CodebookError` with file and
            line: an unknown or missing column, an empty or invalid pattern, a duplicate
            theme, an unknown ``malmo_tag`` or ``scope``.

    Example:
        >>> book = load_codebook()
        >>> sorted(book.framework.unique())
        ['on_topic', 'plan_themes', 'process', 'skr2019', 'skr2024', 'stage']
        >>> book.attrs["path"].name
        'codebook.csv'
    """
    import warnings

    file = Path(path) if path is not None else codebook_path(data_dir)
    errors: list[PlanError] = []
    notes: list[str] = []

    def report(message: str, line: int | None) -> None:
        errors.append(CodebookError(message, file=file, line=line))

    rows = read_table(file, report, notes, what="codebook")
    if rows is not None and not rows:
        report("codebook is empty", None)
    records = _check_rows(rows, report) if rows else []
    if errors:
        raise PlanErrors(errors)
    for note in notes:
        warnings.warn(note, UserWarning, stacklevel=2)
    book = pd.DataFrame(records, columns=[*COLUMNS, *OPTIONAL_COLUMNS, "line"])
    book = book.astype({c: "str" for c in (*COLUMNS, *OPTIONAL_COLUMNS)} | {"line": "int64"})
    book.attrs["path"] = file
    return book


def _check_rows(rows: list[tuple[int, list[str]]], report) -> list[dict]:
    header_line, header = rows[0]
    index: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip().lower()
        if name in index:
            report(f"column '{name}' appears twice", header_line)
        elif name in COLUMNS or name in OPTIONAL_COLUMNS:
            index[name] = i
        elif name or any(i < len(c) and c[i].strip() for _, c in rows[1:]):
            known = ", ".join((*COLUMNS, *OPTIONAL_COLUMNS))
            report(f"unknown column '{raw.strip()}' (the columns are: {known})", header_line)
    missing = [c for c in COLUMNS if c not in index]
    if missing:
        report(f"missing column(s): {', '.join(missing)}", header_line)
        return []
    if len(rows) == 1:
        report("codebook has a header but no themes", header_line)
    records: list[dict] = []
    seen: dict[str, int] = {}
    scope_of: dict[str, tuple[str, int]] = {}
    for line, cells in rows[1:]:
        if len(cells) > len(header):
            report(
                f"row has {len(cells)} cells but the header has {len(header)} "
                "(a value with a comma in it must be in double quotes)",
                line,
            )
            continue
        cells = cells + [""] * (len(header) - len(cells))
        row = {c: cells[i].strip() for c, i in index.items()}
        row.setdefault("note", "")
        row["scope"] = (row.get("scope") or "text").lower()
        if _check_row(row, line, report, seen, scope_of):
            records.append({**row, "line": line})
    return records


def _check_row(row: dict, line: int, report, seen: dict, scope_of: dict) -> bool:
    ok = True
    for col in ("framework", "theme", "label_sv", "patterns"):
        if not row[col]:
            report(f"column '{col}' is blank", line)
            ok = False
    for col in ("framework", "theme"):
        if row[col] and not _ID.fullmatch(row[col]):
            report(f"{col} '{row[col]}' may hold only a-z, 0-9 and _ (it is an id)", line)
            ok = False
    theme = row["theme"]
    if theme in seen:
        report(f"duplicate theme '{theme}' (first on line {seen[theme]})", line)
        ok = False
    elif theme:
        seen[theme] = line
    if row["malmo_tag"] and row["malmo_tag"] not in MALMO_TAGS:
        report(f"malmo_tag '{row['malmo_tag']}' is not one of: {'; '.join(MALMO_TAGS)}", line)
        ok = False
    if row["scope"] not in SCOPES:
        report(f"scope '{row['scope']}' must be one of: {', '.join(SCOPES)}", line)
        ok = False
    elif row["framework"]:
        first_scope, first_line = scope_of.setdefault(row["framework"], (row["scope"], line))
        if first_scope != row["scope"]:
            report(
                f"scope '{row['scope']}' differs from line {first_line} ('{first_scope}'): "
                f"every theme of framework '{row['framework']}' has one scope",
                line,
            )
            ok = False
    for col in ("patterns", "exclude"):
        for source in split_patterns(row[col]):
            try:
                parse_pattern(source)
            except ValueError as e:
                report(f"{col}: {e}", line)
                ok = False
    return ok
