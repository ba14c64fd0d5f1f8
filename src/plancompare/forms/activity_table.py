"""Parser for follow-up tables of activities (Malmö's "Uppföljning plan" form).

The form's structure:

* a preamble of heading lines (``Bilaga 1``, ``Uppföljning plan 2020-2021``);
* a table header ``Status<TAB>Aktivitet<TAB>Slutdatum``, repeated at every page break
  (page furniture);
* one row per activity: ``<status><TAB><n>. <title><TAB><deadline>`` — a level-1
  measure (the activity the organisation committed to), with the row's status;
* the activity's body as ``<p>…</p>`` fragments, each opened by a field label
  (:data:`FIELDS`) or continuing the previous field; numbered sub-activities
  (``3.1.``, ``3.2.`` …) are level-2 measures (the activity's steps, ``parent`` = the
  activity), followed by the plan's own labels in brackets (``[Behålla & utveckla]``),
  which belong to the activity.

Outcomes come from the plan's own words (vocabulary: ``data/forms/outcome_phrases.csv``):
a follow-up sentence that names a sub-activity (``Aktivitet 6.2 förs över …``) gives that
sub-activity's outcome; a sentence naming the activity (``Aktivitet 5 …``, ``aktiviteten
…``), or else the row's status, gives the activity's. A sub-activity no sentence names is
``unknown`` — unless its activity is done, which means its steps are done too.

Every character ends up in some unit: a ``<p>`` fragment's tags belong to its unit, and
text between fragments is attached to the fragment that follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .base import (
    Line,
    Unit,
    canonical_tags,
    clean_text,
    iter_lines,
    mark_truncated,
    sentence_spans,
    split_tags,
)
from .content import prose_kinds
from .vocab import outcome_of

#: Field labels that open a ``<p>`` fragment: (pattern, kind, field name).
FIELDS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^Akti\w*beskrivning\b", re.I), "context", "Aktivitetsbeskrivning"),
    (re.compile(r"^Kostnader för aktivitet och resurs\b", re.I), "meta", "Kostnader"),
    (re.compile(r"^Utförare\b", re.I), "meta", "Utförare"),
    (re.compile(r"^Uppföljning\s+(?:&|och)\s+utvärdering\b", re.I), "follow_up", "Uppföljning"),
)
HEADER_CELLS = ("status", "aktivitet", "slutdatum")
_ROW_TITLE = re.compile(r"^(\d+)\.?\s+(\S.*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^$")
_SUBNUM = re.compile(r"(?:(?<=\s)|(?<=>)|^)(\d+)\.(\d+)\.?(?=\s)")
# "Aktivitet 6.2 …", "Aktivitet- 6.1 …", "Aktivitet 5 …"; "aktiviteten …" is the activity itself
_NAMES = re.compile(r"\baktivitet(?:en)?\b\W{0,3}(?:(\d+(?:\.\d+)?)(?!\.?\d))?", re.I)


@dataclass
class _Activity:
    ref: str
    title: str
    status: str
    deadline: str
    section: str
    row: Unit
    units: list[Unit] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    mode: tuple[str, str] = ("context", "Aktivitetsbeskrivning")


def _is_header(line: Line) -> bool:
    cells = [c.strip().casefold() for c in line.text.split("\t")]
    return tuple(c for c in cells if c) == HEADER_CELLS


def _row(line: Line) -> tuple[str, str, str, str] | None:
    cells = line.text.split("\t")
    if len(cells) < 3:
        return None
    match = _ROW_TITLE.match(cells[1].strip())
    deadline = cells[2].strip()
    if not match or not _DATE.match(deadline) or "<" in cells[0]:
        return None
    return cells[0].strip(), match.group(1), match.group(2).strip(), deadline


def _fragments(line: Line) -> list[tuple[int, int]]:
    """Split a body line into fragment spans, one per ``<p>`` (leading text joins the first)."""
    starts = [m.start() for m in re.finditer(r"<p>", line.text)] or [0]
    starts[0] = 0
    bounds = [*starts, len(line.text)]
    spans = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        seg = line.text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            spans.append((line.start + a + lead, line.start + b - trail))
    return spans


def _field_of(prose: str) -> tuple[str, str, str] | None:
    for pattern, kind, name in FIELDS:
        match = pattern.match(prose)
        if match:
            return kind, name, prose[match.end() :].strip()
    return None


def _measures(text: str, start: int, end: int, act: _Activity) -> list[Unit]:
    raw = text[start:end]
    cuts = [m for m in _SUBNUM.finditer(raw) if m.group(1) == act.ref]
    if not cuts:
        return []
    points = [0] + [m.start() for m in cuts[1:]] + [len(raw)]
    units = []
    for i, (a, b) in enumerate(zip(points, points[1:], strict=False)):
        prose, tags = split_tags(raw[a:b])
        act.tags.extend(tags)
        ref = f"{cuts[i].group(1)}.{cuts[i].group(2)}"
        prose = re.sub(r"^\d+\.\d+\.?\s*", "", prose)
        s, e = a, b
        while raw[s].isspace():
            s += 1
        while raw[e - 1].isspace():
            e -= 1
        step = Unit(start + s, start + e, "measure", act.section, ref, text=prose)
        units.append(step.with_(parent=act.row.start))
    return units


def _body(text: str, span: tuple[int, int], act: _Activity) -> None:
    start, end = span
    prose = clean_text(text[start:end])
    if _SUBNUM.match(prose) and _SUBNUM.match(prose).group(1) == act.ref:
        act.units.extend(_measures(text, start, end, act))
        return
    found = _field_of(prose)
    if found:
        kind, name, rest = found
        act.mode = (kind, name)
    else:
        kind, name = act.mode
        rest = prose
    if kind == "context":  # a description may state a goal: read it sentence by sentence
        act.units.extend(_description(text, start, end, act, name, rest))
        return
    unit = Unit(start, end, kind, act.section, act.ref, name, rest)
    if name == "Kostnader":
        unit = unit.with_(cost=rest)
    elif name == "Utförare":
        unit = unit.with_(responsible=rest)
    act.units.append(unit)


def _description(
    text: str, start: int, end: int, act: _Activity, name: str, rest: str
) -> list[Unit]:
    """An activity description as units of goal and context sentences (the label stays first)."""
    runs = prose_kinds(text, start, end, section=None, allowed=("goal", "context"))
    if len(runs) == 1:
        return [Unit(start, end, "context", act.section, act.ref, name, rest)]
    units = []
    for i, (s, e, kind) in enumerate(runs):
        s, e = (start, e) if i == 0 else (s, e)
        if i == len(runs) - 1:
            e = end
        prose = clean_text(text[s:e])
        label = _field_of(prose)
        units.append(Unit(s, e, kind, act.section, act.ref, name, label[2] if label else prose))
    return units


def _stated_outcomes(act: _Activity) -> dict[str, tuple[str, str]]:
    """{ref: (outcome, sentence)} from the activity's follow-up sentences that name a ref."""
    found: dict[str, tuple[str, str]] = {}
    for u in act.units:
        if u.kind != "follow_up" or u.text is None:
            continue
        for s, e in sentence_spans(u.text):
            sentence = u.text[s:e]
            named = _NAMES.search(sentence)
            outcome = outcome_of(sentence, where="sentence") if named else None
            if outcome:
                found.setdefault(named.group(1) or act.ref, (outcome, sentence))
    return found


def _finish(act: _Activity, mapping: dict[str, str]) -> list[Unit]:
    tags = tuple(dict.fromkeys(mapping[t] for t in act.tags))
    cost = next((u.cost for u in act.units if u.cost), "")
    who = next((u.responsible for u in act.units if u.responsible), "")
    stated = _stated_outcomes(act)
    if act.ref in stated:
        own = stated[act.ref]
    else:
        own = (outcome_of(act.status, where="status") or "unknown", f"Status: {act.status}")
        own = own if act.status else ("unknown", "")
    done = []
    for u in act.units:
        if u.kind != "measure":
            done.append(u)
            continue
        if u is act.row:
            outcome, evidence = own
            u = u.with_(status=act.status)
        elif u.ref in stated:
            outcome, evidence = stated[u.ref]
        elif own[0] == "done":  # a finished activity's steps are finished
            outcome, evidence = own
        else:
            outcome, evidence = "unknown", ""
        done.append(
            u.with_(
                deadline=act.deadline,
                own_tags=tags,
                cost=cost,
                responsible=who,
                outcome=outcome,
                outcome_evidence=evidence,
            )
        )
    return done


def parse(text: str) -> list[Unit]:
    """Parse a follow-up table of activities into units.

    Example:
        >>> src = ("Plan\\nStatus\\tAktivitet\\tSlutdatum\\n Klar\\t1. Gör X\\t2021-12-31\\n"
        ...        "\\t<p>1.1 Gör Y [A & b]</p> <p>Utförare HR</p>")
        >>> [(u.kind, u.ref, u.text) for u in parse(src)][-3:]
        [('measure', '1', 'Gör X'), ('measure', '1.1', 'Gör Y'), ('meta', '1', 'HR')]
        >>> step = parse(src)[-2]
        >>> step.own_tags, step.responsible, step.parent == parse(src)[-3].start, step.outcome
        (('A & b',), 'HR', True, 'done')
    """
    units: list[Unit] = []
    activities: list[_Activity] = []
    preamble: list[str] = []
    act: _Activity | None = None
    seen_header = False
    for line in iter_lines(text):
        if line.blank:
            continue
        s, e = line.trimmed_span()
        if _is_header(line):
            note = "repeated table header (page break)" if seen_header else "table header"
            units.append(Unit(s, e, "furniture", " > ".join(preamble), note=note))
            seen_header = True
            continue
        row = _row(line)
        if row:
            status, ref, title, deadline = row
            section = " > ".join([*preamble, f"{ref}. {title}"])
            row = Unit(s, e, "measure", section, ref, title, title)
            act = _Activity(ref, title, status, deadline, section, row, [row])
            activities.append(act)
            continue
        if act is None:
            heading = clean_text(line.text)
            preamble.append(heading)
            units.append(Unit(s, e, "meta", " > ".join(preamble), title=heading))
            continue
        for span in _fragments(line):
            _body(text, span, act)
    mapping = canonical_tags([t for a in activities for t in a.tags])
    for act in activities:
        units.extend(_finish(act, mapping))
    units.sort(key=lambda u: u.start)
    return mark_truncated(text, units)
