"""What a piece of prose *says*: each sentence's kind read from its words, not its place.

A paragraph may mix kinds — a rationale ("… är en nyckelfråga …"), a desired state
("Östersund ska ha …") and an action ("Under 2021 kommer en översyn … att ske") — so prose is
split into sentences (:func:`plancompare.swedish.sentences`) and each sentence is read by the
scorer of :mod:`.kinds` (named features of its verbs, nouns, subject, dates and section,
weighed by a fitted linear model): a **goal**, a **measure**, or neither. A sentence that is
neither is **context** when it gives a reason, the current state, something done, a report or a
lead-in; otherwise it has nothing of its own and belongs to the sentence before it (it
elaborates it: ``Tillväxtverket samordnar arbetet.``), or, opening a paragraph, is context.

A goal or measure sentence starts a unit of its own, except that a dated desired state right
after a measure (``Under 2024 ska kommunen ha säkerställt …``) is that measure's deadline and
stays with it (an undated one, ``Det ska vara lätt att göra rätt``, is a goal of its own), and
so does a sentence that refers back to it (``Detta …``, ``… i detta arbete …``, the work in the
definite form: ``Tillväxtverket samordnar arbetet.``) or states a condition for it (``Om ett
sådant behov finns, …``). A paragraph that opens by citing a statute (``Av 11 kap
kommunallagen följer …``) is background as a whole. A sentence that lost its full stop in a
flattened PDF is cut where a capitalised function word follows a word in lower case
(:func:`split_unstopped`).

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

from .. import swedish
from .kinds import Candidate, classify, introduces_list, opens_with_action

_ELABORATION = re.compile(
    r"^(Detta|Denna|Dessa)\b|\bi (detta|det|samma) arbete\b|^(Om|Även om)\b[^.,]{0,80},", re.I
)
# Within a paragraph, the work named before, as the object in the definite form
# ("Tillväxtverket samordnar arbetet."), is the same work: the sentence explains the measure
# before it. (As the subject, "Arbetet fortsätter med att …" may open new work.)
_SAME_WORK = re.compile(
    r"^\S+\s+\S+\s.*\b(arbetet|uppdraget|satsningen|insatsen|projektet)\b", re.I
)
# A sentence that lost its full stop in a flattened PDF ("… som är tillsvidare För att attrahera
# …"): a function word written with a capital after a word in lower case opens a new sentence.
_UNSTOPPED = re.compile(r"(?<=[a-zåäö])[ \t]+(?=([A-ZÅÄÖ][a-zåäö]*)\b)")
_UNSTOPPED_WORDS = 5  # each part at least this many words (a name in capitals stays inside)
_QUOTE_OPEN = re.compile(r"\s*[–—]\s*[A-ZÅÄÖ]")
_SPEAKER = re.compile(r",\s*(säger|sa|berättar|konstaterar|menar)\s+(han\b|hon\b|[A-ZÅÄÖ])")
# A desired state is a measure's deadline when it says when (``Under 2024 ska … ha …``).
_WHEN = re.compile(
    r"\b((19|20)\d\d|senast|årligen|januari|februari|mars|april|maj|juni|juli|augusti"
    r"|september|oktober|november|december|våren|hösten|kvartal)\b",
    re.I,
)
#: Features that make a sentence that is neither goal nor measure context of its own.
_CONTEXT_FEATURES = ("rationale", "done", "past", "reporting", "describes", "uppdrag_received")


@dataclass(frozen=True)
class Reading:
    """What one sentence says: its kind (or None: nothing of its own) and why.

    ``cue`` is ``uppdrag`` for an uppdrag given (its later measures are its steps),
    ``goal_state`` for a desired state written with a modal (``ska vara``), ``legal`` for a
    statute, ``context`` for rationale or state, else ``measure``/``goal``.
    """

    kind: str | None
    cue: str = ""


def read_sentence(
    sentence: str,
    *,
    section: str | None,
    doc_has_list: bool = False,
    first: bool = True,
    span: tuple[int, int] = (0, 0),
    quoted: bool = False,
) -> Reading:
    """The kind a sentence's own words give it, in a section of role ``section``.

    ``doc_has_list``: the document lists its actions elsewhere (then a need, ``behöver
    förvaltningen bredda …``, reads as rationale rather than as the organisation's measure);
    ``first``: the sentence opens its paragraph; ``span``: where it stands in the source;
    ``quoted``: its paragraph is reported speech (:func:`is_quote`).

    Example:
        >>> read_sentence("Målet är att fler ska söka sig hit.", section=None)
        Reading(kind='goal', cue='goal')
        >>> read_sentence("Regeringen uppdrar åt Skolverket att ta fram stöd.", section=None)
        Reading(kind='measure', cue='uppdrag')
        >>> read_sentence("Kommunen ska erbjuda alla en god arbetsmiljö.", section="goal").kind
        'goal'
        >>> read_sentence("Kommunen ska bedriva ett aktivt arbete.", section="goal").kind is None
        True
    """
    if introduces_list(sentence):  # it introduces a list: what it announces is in the items
        if opens_with_action(sentence):
            # an action that introduces its steps ("Genomföra en kartläggning …:"): the items
            # below are its steps
            candidate = Candidate(sentence, span[0], span[1], item=True, section=section)
            if classify(candidate)[0] == "measure":
                return Reading("measure", "uppdrag")
        return Reading("context", "lead-in")
    candidate = Candidate(
        sentence,
        span[0],
        span[1],
        section=section,
        doc_has_list=doc_has_list,
        first=first,
        quoted=quoted,
    )
    kind, found = classify(candidate)
    if found["legal"]:
        return Reading("context", "legal")
    if kind == "measure":
        given = found["uppdrag_given"] or (found["uppdrag_received"] and section == "measure")
        return Reading("measure", "uppdrag" if given else "measure")
    if kind == "goal":
        stated = found["modal_state"] and not found["goal_phrase"]
        return Reading("goal", "goal_state" if stated else "goal")
    if any(found[name] for name in _CONTEXT_FEATURES):
        return Reading("context", "context")
    return Reading(None)


def is_quote(paragraph: str) -> bool:
    """Whether a paragraph is reported speech: opened by a dash (``– Vi …``, ``–Idag …``) or
    tagged with the speaker (``…, säger Andreas Sjölander``), as news pages write quotes.

    Example:
        >>> is_quote("–Idag är efterfrågan stor."), is_quote("Vi ska göra mer, säger Anna Berg.")
        (True, True)
        >>> is_quote("Kommunen säger upp avtalet."), is_quote("2020–2022 ska vi växa.")
        (False, False)
    """
    return bool(_QUOTE_OPEN.match(paragraph) or _SPEAKER.search(paragraph))


def split_unstopped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]``, one sentence, where a sentence lost its full stop.

    A capitalised function word (``För``, ``Vi``, ``Det``, ``I`` …) after a word in lower case
    starts a new sentence, when both parts hold at least five words.

    Example:
        >>> src = "Vi anställer dem som har rätt utbildning För att locka fler krävs mer."
        >>> [src[a:b] for a, b in split_unstopped(src, 0, len(src))]
        ['Vi anställer dem som har rätt utbildning', 'För att locka fler krävs mer.']
        >>> len(split_unstopped("Vi möter Det goda arbetslivet i maj.", 0, 36))
        1
    """
    out, pos = [], start
    for m in _UNSTOPPED.finditer(text, start, end):
        if not swedish.is_stopword(m.group(1).casefold()):
            continue
        before, after = text[pos : m.start()].split(), text[m.end() : end].split()
        if len(before) >= _UNSTOPPED_WORDS and len(after) >= _UNSTOPPED_WORDS:
            out.append((pos, m.start()))
            pos = m.end()
    out.append((pos, end))
    return out


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
    doc_has_list: bool = False,
    after: str | None = None,
) -> list[tuple[int, int, str, str]]:
    """As :func:`prose_kinds`, with the cue that opened each unit (``uppdrag`` …) as a fourth item.

    ``after`` is the kind of the unit just before the paragraph: a paragraph that opens by
    referring back to a measure (``Detta uppdrag bedöms ta två år …``) explains it and starts
    no measure of its own.

    Example:
        >>> src = "Regeringen uppdrar åt X att utreda Y. X ska samråda med Z. X ska redovisa i maj."
        >>> [(k, cue) for _, _, k, cue in read_prose(src, 0, len(src), section=None)]
        [('measure', 'uppdrag'), ('measure', 'measure'), ('context', 'context')]
    """
    spans = [
        piece
        for s, e in swedish.sentences(text[start:end])
        for piece in split_unstopped(text, start + s, start + e)
    ]
    quoted = is_quote(text[start:end])
    readings = [
        read_sentence(
            text[s:e],
            section=section,
            doc_has_list=doc_has_list,
            first=i == 0,
            span=(s, e),
            quoted=quoted,
        )
        for i, (s, e) in enumerate(spans)
    ]
    if readings and readings[0].cue == "legal":
        readings = [Reading("context", "legal")] * len(readings)
    default = "context"  # the scorer has read the section's role already
    units: list[list] = []  # [start, end, kind, cue]
    for (s, e), reading in zip(spans, readings, strict=True):
        kind = reading.kind if reading.kind in allowed else (reading.kind and "context")
        current = units[-1][2] if units else None
        refers_back = bool(_ELABORATION.search(text[s:e].strip()))
        if not units and after == "measure" and kind == "measure" and refers_back:
            kind = "context"  # it explains the measure before the paragraph
        joins = (
            kind is None
            or (kind == "context" and current == "context")
            or (
                kind == "goal"
                and reading.cue == "goal_state"
                and current == "measure"
                and bool(_WHEN.search(text[s:e]))
            )
            or (current == "measure" and refers_back)
            or (current == "measure" and kind == "measure" and bool(_SAME_WORK.search(text[s:e])))
        )
        if units and joins:
            units[-1][1] = e
        else:
            units.append([s, e, kind or default, reading.cue])
    return [tuple(u) for u in units]
