"""What a piece of prose *says*: the kind of a sentence read from its words, not its place.

A paragraph may mix kinds — a rationale ("… är en nyckelfråga …"), a desired state
("Östersund ska ha …") and an action ("Under 2021 kommer en översyn … att ske") — so prose is
split into sentences (:func:`plancompare.swedish.sentences`) and each sentence is read:

* **goal** — the aim stated outright (``Målet är att``, ``har som mål att``, ``vill att``), or
  a desired state in the main clause (``ska vara/ha/kunna …``, ``behöver bli …``); in a goal
  section any ``ska``/``skall`` in the main clause;
* **measure** — an action the organisation commits to: a modal with an action verb in the
  main clause (``ska föreslå``, ``kommer även att identifieras``), an uppdrag given
  (``Regeringen uppdrar åt …``), what an uppdrag or insats consists of (``Uppdraget innebär
  att …``), work going on (``Arbetet fortsätter med att …``), a deliverable (``behöver en
  strategi … tas fram``); an uppdrag *received* (``har fått i uppdrag att``) counts only under
  a measure heading (``Insatser``), elsewhere it is background;
* **context** — rationale, need, role or current state (``nyckelfråga``, ``behöver``, ``i
  dag``), anything reported as done (``har genomfört``), a lead-in ending in ``:``, and a
  paragraph that cites a statute (``Av 11 kap kommunallagen följer …``);
* a sentence with no cue belongs to the sentence before it (it elaborates it: ``Tillväxtverket
  samordnar arbetet.``); the first one of a paragraph takes its section's kind, and in a goal
  section each such sentence after a goal is a goal of its own (a vision stated sentence by
  sentence: "Östersund har en attraktiv … arbetsmarknad …").

A goal or measure sentence starts a unit of its own; a desired state right after a measure
(``Under 2024 ska kommunen ha säkerställt …``) is that measure's deadline and stays with it,
and so does a sentence that refers back to it (``Detta …``, ``… i detta arbete …``).
The cues are data (``data/forms/sentence_cues.csv``), action verbs come from
:func:`plancompare.swedish.is_action_verb`.

Example:
    >>> src = "Det råder brist. Kommunen ska ha fler lärare. Under 2025 ska en plan tas fram."
    >>> for s, e, kind in prose_kinds(src, 0, len(src), section="context"):
    ...     print(kind, "|", src[s:e])
    context | Det råder brist.
    goal | Kommunen ska ha fler lärare.
    measure | Under 2025 ska en plan tas fram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import swedish
from .vocab import read_rows

_OPENING_CLAUSE = re.compile(
    r"^(om|när|då|eftersom|för att|även om|innan|efter att)\b(\W+\w+){0,5}?\W*,", re.I
)  # a short opening subordinate clause closed by a comma (a long one: no comma was written)
_SUBORDINATE = re.compile(r"\b(för att|så att|eftersom|därför att|när|där|vilket)\b", re.I)
_MODAL = re.compile(
    r"\b(ska|skall|kommer(?:\s+(?:även|också|därför|dessutom))?(?:\s+att)?)\s+", re.I
)  # "kommer att utveckla", and as often written today "kommer utveckla"
_NEED = re.compile(r"\b(behöver)\s+", re.I)
_REPORTING = frozenset(("redovisa", "delredovisa", "slutredovisa", "rapportera", "informera"))
_ELABORATION = re.compile(r"^(Detta|Denna|Dessa)\b|\bi (detta|det|samma) arbete\b", re.I)
_LEAD_IN = re.compile(r"\bföljande( \w+)?[.:]$", re.I)
_WINDOW = 4  # an action verb this many words after the modal at the most
_SUBJECT = 6  # the modal stands within this many words of the main clause's start
_AUXILIARIES = frozenset(
    (
        "vara",
        "ha",
        "bli",
        "kunna",
        "få",
        "vilja",
        "behöva",
        "komma",
        "finnas",
        "krävas",
        "gälla",
        "innebära",
        "öka",
        "minska",
        "växa",
        "påverka",
        "förändras",
    )
)  # fmt: skip -- a modal followed by these states or predicts; it commits to no action
_WORD = re.compile(r"[\wåäöÅÄÖéÉ-]+")

#: Kinds a sentence's cue gives it, strongest first.
CUE_ORDER = ("legal", "done", "goal", "uppdrag", "uppdrag_in_section", "measure", "goal_state")


@dataclass(frozen=True)
class Reading:
    """What one sentence says: its kind (or None: no cue) and the cue that decided it."""

    kind: str | None
    cue: str = ""


@cache
def sentence_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, cue) pairs from ``data/forms/sentence_cues.csv``.

    Example:
        >>> {"goal", "goal_state", "measure", "uppdrag", "done", "context"} <= {
        ...     cue for _, cue in sentence_cues()}
        True
    """
    rows = read_rows("sentence_cues.csv")
    return tuple((re.compile(r["pattern"], re.I), r["cue"]) for r in rows)


@cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per cue, the alternation of its rows: it finds a match exactly when one of
    the cue's patterns does (one search per cue and sentence instead of one per row)."""
    rows: dict[str, list[str]] = {}
    for r in read_rows("sentence_cues.csv"):
        rows.setdefault(r["cue"], []).append(f"(?:{r['pattern']})")
    return {cue: re.compile("|".join(found), re.I) for cue, found in rows.items()}


def main_clause(sentence: str) -> str:
    """The sentence without an opening subordinate clause and cut at its first subordinator.

    Example:
        >>> main_clause("Det är en nyckelfråga för att kommunen ska växa.")
        'Det är en nyckelfråga '
        >>> main_clause("Om kommunen ska klara det, behövs nya arbetssätt.")
        ' behövs nya arbetssätt.'
    """
    opening = _OPENING_CLAUSE.match(sentence)
    rest = sentence[opening.end() :] if opening else sentence
    found = _SUBORDINATE.search(rest, 1)
    return rest[: found.start()] if found else rest


def commits_to_action(clause: str, modal: re.Pattern[str] = _MODAL) -> bool:
    """A modal (``ska``, ``kommer att``) near the clause's start, then an action verb.

    The modal must stand within six words of the clause's start (its subject before it:
    ``Polismyndigheten ska …``; not ``… beskriver vad regionen ska göra``), the verb within
    four words after it. A passive (``identifieras``, ``tas``) counts as its verb, except a
    report (``ska redovisas``: follow-up); an auxiliary or state verb in between (``ska
    kunna``, ``kommer att behöva``) means no commitment.

    Example:
        >>> commits_to_action("Socialstyrelsen ska bedöma konsekvenserna")
        True
        >>> commits_to_action("Det kommer även att identifieras förslag")
        True
        >>> commits_to_action("Behovet kommer att vara stort"), commits_to_action("ska även, genom")
        (False, False)
        >>> commits_to_action("Uppdraget ska redovisas senast i maj")
        False
    """
    for found in modal.finditer(clause):
        if len(_WORD.findall(clause[: found.start()])) > _SUBJECT:
            break
        for word in _WORD.findall(clause[found.end() :])[:_WINDOW]:
            low = word.casefold()
            if low in _AUXILIARIES:
                break
            passive = low.endswith("s") and swedish.is_action_verb(low[:-1])
            if passive and low[:-1] in _REPORTING:
                break
            if swedish.is_action_verb(low) or passive:
                return True
    return False


def read_sentence(
    sentence: str, *, section: str | None, needs_are_measures: bool = False
) -> Reading:
    """The kind a sentence's own words give it, in a section of role ``section``.

    ``needs_are_measures``: a need with an action verb (``behöver förvaltningen bredda …``,
    ``… behöver utvecklas``) is the organisation's measure; set it when the document has
    no list of actions of its own (otherwise such sentences are the rationale before the
    list).

    Example:
        >>> read_sentence("Målet är att fler ska söka sig hit.", section=None)
        Reading(kind='goal', cue='goal')
        >>> read_sentence("Regeringen uppdrar åt Skolverket att ta fram stöd.", section=None)
        Reading(kind='measure', cue='uppdrag')
        >>> read_sentence("Kommunen ska bedriva ett aktivt arbete.", section="goal").kind
        'goal'
    """
    text = sentence.strip()
    if text.endswith(":") or _LEAD_IN.search(text):
        return Reading("context", "lead-in")
    clause = main_clause(text)
    cues = set()
    for cue, pattern in _cue_patterns().items():
        where = clause if cue in ("goal_state", "goal_modal") else text
        if pattern.search(where):
            cues.add(cue)
    for cue in CUE_ORDER:
        if cue not in cues:
            continue
        if cue in ("legal", "done"):
            return Reading("context", cue)
        if cue == "goal":
            return Reading("goal", cue)
        if cue == "uppdrag" or (cue == "uppdrag_in_section" and section == "measure"):
            return Reading("measure", "uppdrag")
        if cue == "measure":
            return Reading("measure", cue)
        if cue == "goal_state":
            break  # weaker than a committed action, decided below
    acts = commits_to_action(clause)
    if section == "goal" and (acts or "goal_modal" in cues or "goal_state" in cues):
        return Reading("goal", "goal_state" if "goal_state" in cues else "goal_modal")
    if "goal_state" in cues:
        return Reading("goal", "goal_state")
    if acts:
        return Reading("measure", "modal")
    if needs_are_measures and commits_to_action(clause, _NEED):
        return Reading("measure", "need")
    if "context" in cues:
        return Reading("context", "context")
    return Reading(None)


def prose_kinds(
    text: str,
    start: int,
    end: int,
    *,
    section: str | None,
    allowed: tuple[str, ...] = ("goal", "measure", "context"),
) -> list[tuple[int, int, str]]:
    """Split ``text[start:end]`` into units by what their sentences say: ``(start, end, kind)``.

    ``section`` is the role of the prose's section (``goal``, ``measure`` … or None); kinds
    not in ``allowed`` are read as context. Spans stay inside ``[start, end)`` and cover its
    sentences without overlap.
    """
    return [(s, e, kind) for s, e, kind, _ in read_prose(text, start, end, section=section,
                                                          allowed=allowed)]  # fmt: skip


def read_prose(
    text: str,
    start: int,
    end: int,
    *,
    section: str | None,
    allowed: tuple[str, ...] = ("goal", "measure", "context"),
    needs_are_measures: bool = False,
) -> list[tuple[int, int, str, str]]:
    """As :func:`prose_kinds`, with the cue that opened each unit (``uppdrag`` …) as a fourth item.

    Example:
        >>> src = "Regeringen uppdrar åt X att utreda Y. X ska redovisa senast 2025."
        >>> [(k, cue) for _, _, k, cue in read_prose(src, 0, len(src), section=None)]
        [('measure', 'uppdrag'), ('measure', 'modal')]
    """
    spans = [(start + s, start + e) for s, e in swedish.sentences(text[start:end])]
    readings = [
        read_sentence(text[s:e], section=section, needs_are_measures=needs_are_measures)
        for s, e in spans
    ]
    if readings and readings[0].cue == "legal":
        readings = [Reading("context", "legal")] * len(readings)
    default = "goal" if section == "goal" else "context"
    units: list[list] = []  # [start, end, kind, cue]
    for (s, e), reading in zip(spans, readings, strict=True):
        kind = reading.kind if reading.kind in allowed else (reading.kind and "context")
        current = units[-1][2] if units else None
        joins = (
            (kind is None and not (section == "goal" and current == "goal"))
            or (kind == "context" and current == "context")
            or (kind == "goal" and reading.cue == "goal_state" and current == "measure")
            or (current == "measure" and bool(_ELABORATION.search(text[s:e].strip())))
        )
        if units and joins:
            units[-1][1] = e
        else:
            units.append([s, e, kind or default, reading.cue])
    return [tuple(u) for u in units]
