"""Parser for an application form with fixed field headings (Södertälje's fund application).

The form's structure: a title line; then fields, each a heading line from :data:`FIELDS`
followed by a help line in parentheses (``(Beskriv bakgrund och insats)``, page furniture)
and the applicant's answer. Under ``Insats`` the answer that states what the applicant will
do (``… kommer att genomföra ett omfattande arbete …``) is the insats, a level-1 measure,
and the numbered perspectives that follow (``1 Att utveckla …``) are its steps (level 2).
A short line ending in ``:`` (``En övergripande beskrivning:``, ``Datum:``) is a label.
The ``Beslut`` field ends with signatures, each a name line and a title line; each
signature is one unit.

The text may be OCR output with damaged å, ä and ö (``Bedomning``, ``Plan for uppfoljning``),
so headings are matched after folding those letters and allowing a small edit distance.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .base import Block, Line, Unit, clean_text, is_label, iter_blocks, mark_truncated

#: The form's field headings and the kind of unit their answers become.
FIELDS: tuple[tuple[str, str], ...] = (
    ("Målgrupp", "context"),
    ("Insats", "context"),
    ("Syfte och förväntad effekt", "effect"),
    ("Omfattning/tid", "meta"),
    ("Kostnad", "meta"),
    ("Plan för uppföljning", "follow_up"),
    ("Ansvarig", "meta"),
    ("Bedömning", "meta"),
    ("Beslut", "meta"),
)
NUMBERED = re.compile(r"^(\d{1,2})[.)]?\s+(?=[A-ZÅÄÖ])")
#: The applicant states its insats: "Utbildningskontoret kommer att genomföra …", "… ska …".
INSATS_STATEMENT = re.compile(r"\b(kommer att|ska|skall|avser att|planerar att)\b", re.I)
HELP_LINE = re.compile(r"^\(.*\)$")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e"})


def fold(text: str) -> str:
    """Lower-case and fold å, ä, ö, é so OCR-damaged headings compare with clean ones.

    Example:
        >>> fold("Bedömning") == fold("Bedomning")
        True
    """
    return re.sub(r"\s+", " ", text.casefold().translate(_FOLD)).strip()


_FOLDED = tuple(fold(name) for name, _ in FIELDS)


@lru_cache(maxsize=8192)  # a form repeats its headings and help lines; _runs asks twice
def field_of(line: str, *, threshold: float = 0.85) -> tuple[str, str] | None:
    """The form field a whole line names, tolerating OCR damage, or None.

    Example:
        >>> field_of(" Syfte och forvantat effekt")
        ('Syfte och förväntad effekt', 'effect')
        >>> field_of("Kostnad kommer att redovisas") is None
        True
    """
    if len(line) > 40 and sum(map(len, line.split())) > 40:  # prose: folded it stays > 40
        return None
    got = fold(line)
    if not got or len(got) > 40:
        return None
    best, best_ratio = None, -1.0
    for field, name in zip(FIELDS, _FOLDED, strict=True):
        # upper bounds of the ratio first (lengths, then letters): a field that cannot reach
        # the threshold is skipped, so the result is that of comparing with every field
        if 2 * min(len(got), len(name)) < threshold * (len(got) + len(name)):
            continue
        matcher = SequenceMatcher(None, got, name)
        if matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = field, ratio
    return best if best_ratio >= threshold else None


def _runs(block: Block) -> list[list[Line]]:
    """Split a block at field headings and help lines, which stand on lines of their own."""
    runs: list[list[Line]] = []
    for line in block.lines:
        alone = field_of(line.text) or HELP_LINE.match(line.stripped)
        if alone or not runs or field_of(runs[-1][0].text) or HELP_LINE.match(runs[-1][0].stripped):
            runs.append([line])
        else:
            runs[-1].append(line)
    return runs


def parse(text: str) -> list[Unit]:
    """Parse an application form into units; numbered perspectives under Insats are measures.

    Example:
        >>> src = ("Ansökan\\n\\nInsats\\n(Beskriv)\\n\\nVi gör två saker:\\n\\n"
        ...        "1 Att rekrytera.\\n\\n2 Att behålla.")
        >>> [(u.kind, u.ref) for u in parse(src)]  # doctest: +NORMALIZE_WHITESPACE
        [('meta', ''), ('meta', ''), ('furniture', ''), ('context', ''), ('measure', '1'),
         ('measure', '2')]
    """
    units: list[Unit] = []
    title = ""
    field: tuple[str, str] | None = None
    insats: Unit | None = None  # the applicant's insats, when the answer states it
    for block in iter_blocks(text):
        for run in _runs(block):
            s, e = run[0].trimmed_span()[0], run[-1].trimmed_span()[1]
            raw = text[s:e]
            found = field_of(raw) if len(run) == 1 else None
            section = " > ".join(p for p in (title, field[0] if field else "") if p)
            if not title:
                title = clean_text(raw)
                units.append(Unit(s, e, "meta", title, title=title))
            elif found:
                field = found
                section = f"{title} > {field[0]}"
                units.append(Unit(s, e, "meta", section, title=field[0], note="form field heading"))
            elif HELP_LINE.match(clean_text(raw)) and len(run) == 1:
                units.append(Unit(s, e, "furniture", section, note="form help line"))
            elif len(run) == 1 and is_label(raw):
                label = clean_text(raw).rstrip(":").strip()
                units.append(Unit(s, e, "meta", section, title=label, note="label"))
            elif _signatures(run):
                for a, b in _signatures(run):
                    s, e = a.trimmed_span()[0], b.trimmed_span()[1]
                    units.append(Unit(s, e, "meta", section, note="signature: name and title"))
            else:
                unit = _answer(raw, s, e, section, field)
                numbered = unit.kind == "measure"
                if numbered and insats is not None:
                    unit = unit.with_(parent=insats.start)  # a perspective: a step of the insats
                elif (
                    field
                    and field[0] == "Insats"
                    and not numbered
                    and insats is None
                    and _states_insats(raw)
                    and not any(u.kind == "measure" for u in units)
                ):
                    unit = insats = unit.with_(kind="measure")
                units.append(unit)
    return mark_truncated(text, _join_page_breaks(text, units))


def _states_insats(raw: str) -> bool:
    """An answer that says what the applicant will do (``… kommer att …``), not a lead-in."""
    prose = clean_text(raw)
    return bool(INSATS_STATEMENT.search(prose)) and not prose.endswith(":")


def _signatures(run: list[Line]) -> list[tuple[Line, Line]]:
    """Pairs of (name line, title line) when a run is two or more signatures, else []."""
    short = all(
        0 < len(line.stripped.split()) <= 4 and not line.stripped.endswith((".", ":", ","))
        for line in run
    )
    if len(run) < 4 or len(run) % 2 or not short:
        return []
    return [(run[i], run[i + 1]) for i in range(0, len(run), 2)]


def _answer(raw: str, s: int, e: int, section: str, field: tuple[str, str] | None) -> Unit:
    name, kind = field if field else ("", "context")
    number = NUMBERED.match(raw)
    if name == "Insats" and number:
        prose = clean_text(raw[number.end() :])
        return Unit(s, e, "measure", section, ref=number.group(1), title=name, text=prose)
    unit = Unit(s, e, kind, section, title=name)
    if name == "Kostnad":
        unit = unit.with_(cost=clean_text(raw))
    if name == "Ansvarig":
        unit = unit.with_(responsible=clean_text(raw))
    return unit


def _join_page_breaks(text: str, units: list[Unit]) -> list[Unit]:
    """Join an answer paragraph that a page break split: no final stop, next starts lower-case."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == unit.kind
            and prev.kind not in ("meta", "furniture")
            and prev.section == unit.section
            and not clean_text(text[prev.start : prev.end]).endswith((".", "!", "?", ":"))
            and text[unit.start : unit.end][:1].islower()
        ):
            out[-1] = prev.with_(end=unit.end)
        else:
            out.append(unit)
    return out
