"""What a piece of prose *says*: the kind of a sentence read from its words, not its place.

A paragraph may mix kinds — a rationale ("… är en nyckelfråga …") and a desired state
("Östersund ska ha …") — so prose is split into sentences and each sentence is read:

* a sentence whose main clause states a desired state (``ska vara/ha/kunna …``,
  ``målet är …``, ``eftersträvas``) is a **goal** anywhere; in a goal section any
  ``ska``/``skall`` in the main clause makes it a goal;
* one that gives a rationale, a need or the current state (``nyckelfråga``, ``avgörande``,
  ``behöver``, ``i dag`` …) is **context**;
* a sentence with neither cue follows the sentence before it in a goal section (it
  elaborates it), and is context elsewhere; a paragraph of such sentences under a goal
  heading is the goal's description.

The cues are data (``data/forms/sentence_cues.csv``). The *main clause* is the sentence up
to its first subordinating conjunction (``för att``, ``så att``, ``eftersom`` …), so that
"… en nyckelfråga för att kommunen ska kunna växa" is read as a rationale.

Example:
    >>> src = "Det råder brist. Kommunen ska ha fler lärare. Det gäller alla skolor."
    >>> for s, e, kind in prose_kinds(src, 0, len(src), section="goal"):
    ...     print(kind, "|", src[s:e])
    context | Det råder brist.
    goal | Kommunen ska ha fler lärare. Det gäller alla skolor.
"""

from __future__ import annotations

import re
from functools import cache

from .base import sentence_spans
from .vocab import read_rows

_SUBORDINATE = re.compile(r"\b(för att|så att|eftersom|därför att|när|där|vilket)\b", re.I)


@cache
def sentence_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, cue) pairs; cue is ``goal_state``, ``goal`` or ``context``.

    Example:
        >>> sorted({cue for _, cue in sentence_cues()})
        ['context', 'goal', 'goal_state']
    """
    return tuple((re.compile(r["pattern"], re.I), r["cue"]) for r in read_rows("sentence_cues.csv"))


def main_clause(sentence: str) -> str:
    """The sentence up to its first subordinating conjunction.

    Example:
        >>> main_clause("Det är en nyckelfråga för att kommunen ska växa.")
        'Det är en nyckelfråga '
    """
    found = _SUBORDINATE.search(sentence, 1)
    return sentence[: found.start()] if found else sentence


def sentence_kind(sentence: str, *, section: str) -> str | None:
    """``goal``, ``context``, or None when the sentence's words give no cue.

    ``section`` is the kind its section gives prose (``goal`` under a goal heading).

    Example:
        >>> sentence_kind("Lönen ska vara konkurrensmässig.", section="context")
        'goal'
        >>> sentence_kind("Kommunen ska bedriva ett aktivt arbete.", section="goal")
        'goal'
        >>> sentence_kind("Kommunen ska bedriva ett aktivt arbete.", section="context") is None
        True
    """
    clause = main_clause(sentence)
    cues = {cue for pattern, cue in sentence_cues() if pattern.search(clause)}
    if "goal_state" in cues or (section == "goal" and "goal" in cues):
        return "goal"
    return "context" if "context" in cues else None


def prose_kinds(text: str, start: int, end: int, *, section: str) -> list[tuple[int, int, str]]:
    """Split ``text[start:end]`` into runs of sentences of one kind: ``(start, end, kind)``.

    ``section`` is ``goal`` or ``context`` (the kind the prose's section gives it).
    Consecutive sentences of one kind form one run, so spans stay lossless.
    """
    spans = [(start + s, start + e) for s, e in sentence_spans(text[start:end])]
    kinds = [sentence_kind(text[s:e], section=section) for s, e in spans]
    resolved: list[str] = []
    for kind in kinds:
        if kind is None:
            previous = resolved[-1] if resolved else None
            kind = (previous or "goal") if section == "goal" else "context"
        resolved.append(kind)
    runs: list[tuple[int, int, str]] = []
    for (s, e), kind in zip(spans, resolved, strict=True):
        if runs and runs[-1][2] == kind:
            runs[-1] = (runs[-1][0], e, kind)
        else:
            runs.append((s, e, kind))
    return runs
