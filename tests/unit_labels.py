"""Scoring predicted units against hand labels: plain Python, independent of plancompare.

Labels are ``kind  level  quote  note`` rows (``tests/data/plans/README.md``); a label sits at
the position where its quote (the verbatim start of the item) occurs in the text. Predictions
are ``(start, end, kind)`` spans. The rule (issue 7):

* a label is *recalled* by a predicted unit of the same kind whose span contains the label's
  quote start;
* each unit matches at most one label, so a unit that merges two labelled items recalls only
  the first of them (merging costs recall);
* precision of a kind = matched units of that kind / predicted units of that kind.

Used by ``tests/test_units_eval.py``, ``tests/test_fixture_corpus.py`` and
``benchmarks/eval_units.py``.

The plan corpus (``tests/data/plans``) may also hold a final held-out set (``heldout17``, texts
259 on) that nobody developing the parsers may read or score until the final measurement (the
third to tenth sets, ``heldout3``, texts 27-44, ``heldout4``, texts 45-57, ``heldout5``, texts
58-75, ``heldout6``, texts 76-89, ``heldout7``, texts 90-110, ``heldout8``, texts 111-133,
``heldout9``, texts 134-149, ``heldout10``, texts 150-162, ``heldout11``, texts 163-175,
``heldout12``, texts 176-191, ``heldout13``, texts 192-206, ``heldout14``, texts 207-224,
``heldout15``, texts 225-243, and ``heldout16``, texts 244-258, were each measured once and are
development text now).
Every reader of the corpus goes through :func:`corpus_split` / :func:`corpus_files`, which leave
the final set out unless ``final=True`` (``pytest --final``, ``eval_units.py --final``).

Example:
    >>> labels = [Label("measure", "", "Gör A", 0), Label("measure", "", "Gör B", 6)]
    >>> score(labels, [Span(0, 11, "measure")], "measure")
    Score(matched=1, labels=2, predicted=1)
    >>> score(labels, [Span(0, 5, "measure"), Span(6, 11, "measure")], "measure").recall
    1.0
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

HEADER = ["kind", "level", "quote", "note"]
SCORED_KINDS = ("measure", "goal")

# The splits a parser's developer may read; anything else (``heldout17``) is final-only.
DEVELOPMENT_SPLITS = (
    "dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
)
FINAL_SPLITS = ("heldout17",)
FIRST_FINAL_NUMBER = 259  # texts numbered from here on are final-only, whatever split.csv says
FINAL = False  # set by tests/conftest.py (``pytest --final``) and eval_units.py (``--final``)


def _held_back(stem: str, split: str | None, final: bool) -> bool:
    """Whether the text ``stem`` (in ``split``; None when split.csv does not name it) is kept out.

    >>> _held_back("12-hammaro", "heldout", False), _held_back("259-x", "dev", False)
    (False, True)
    >>> _held_back("13-kinda", "heldout17", False), _held_back("259-x", "heldout17", True)
    (True, False)
    >>> _held_back("230-x", "heldout15", False), _held_back("250-x", "heldout16", False)
    (False, False)
    >>> _held_back("265-x", "heldout17", False), _held_back("265-x", None, False)
    (True, True)
    """
    if final:
        return False
    number = re.match(r"\d+", stem)
    if number and int(number.group()) >= FIRST_FINAL_NUMBER:
        return True
    return split is not None and split not in DEVELOPMENT_SPLITS


def corpus_split(plans: Path, final: bool | None = None) -> dict[str, str]:
    """``id -> split`` from ``plans/split.csv``, without the final set unless ``final``.

    ``final=None`` takes the module's ``FINAL`` (what ``--final`` set).
    """
    final = FINAL if final is None else final
    with (plans / "split.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {r["id"]: r["split"] for r in rows if not _held_back(r["id"], r["split"], final)}


def corpus_files(plans: Path, final: bool | None = None) -> list[str]:
    """Sorted stems of the ``*.txt`` files in ``plans``, without the final set unless ``final``.

    A file that ``split.csv`` does not name is listed (numbered before 259), so that a test can
    catch it.
    """
    final = FINAL if final is None else final
    with (plans / "split.csv").open(encoding="utf-8", newline="") as handle:
        split = {r["id"]: r["split"] for r in csv.DictReader(handle)}
    stems = (p.stem for p in plans.glob("*.txt"))
    return sorted(s for s in stems if not _held_back(s, split.get(s), final))


@dataclass(frozen=True)
class Label:
    """One labelled item: its kind, level ("" when the text has no hierarchy), quote, position."""

    kind: str
    level: str
    quote: str
    start: int


@dataclass(frozen=True)
class Span:
    """One predicted unit: ``[start, end)`` of the text, its kind and level ("" if none)."""

    start: int
    end: int
    kind: str
    level: str = ""


@dataclass(frozen=True)
class Score:
    """Counts for one kind; precision and recall are ``None`` when undefined (0/0)."""

    matched: int
    labels: int
    predicted: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.labels if self.labels else None

    def __add__(self, other: Score) -> Score:
        return Score(
            self.matched + other.matched,
            self.labels + other.labels,
            self.predicted + other.predicted,
        )


def read_labels(path: Path, text: str) -> list[Label]:
    """The labels of ``path`` with each quote's position in ``text`` (it must occur once)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != HEADER:
        raise ValueError(f"{path}: header must be {HEADER}")
    labels = []
    for row in rows[1:]:
        kind, level, quote, _note = row
        if text.count(quote) != 1:
            raise ValueError(f"{path}: quote occurs {text.count(quote)} times: {quote!r}")
        labels.append(Label(kind, level, quote, text.index(quote)))
    return labels


def matches(labels: list[Label], spans: list[Span], kind: str) -> list[tuple[Label, Span]]:
    """(label, unit) pairs of ``kind``: each label with the unit holding its quote start.

    Labels are taken in document order; a unit already matched by an earlier label is not
    matched again.
    """
    units = sorted((s for s in spans if s.kind == kind), key=lambda s: (s.start, s.end))
    used: set[int] = set()
    pairs = []
    for label in sorted((lb for lb in labels if lb.kind == kind), key=lambda lb: lb.start):
        for i, unit in enumerate(units):
            if i not in used and unit.start <= label.start < unit.end:
                used.add(i)
                pairs.append((label, unit))
                break
    return pairs


def score(labels: list[Label], spans: list[Span], kind: str) -> Score:
    """Matched, labelled and predicted counts of ``kind``."""
    return Score(
        matched=len(matches(labels, spans, kind)),
        labels=sum(lb.kind == kind for lb in labels),
        predicted=sum(s.kind == kind for s in spans),
    )


def level_agreement(labels: list[Label], spans: list[Span]) -> tuple[int, int]:
    """(agreeing, compared): matched measures whose label has a level, and how many agree."""
    pairs = [(lb, u) for lb, u in matches(labels, spans, "measure") if lb.level]
    return sum(lb.level == u.level for lb, u in pairs), len(pairs)


def missed(labels: list[Label], spans: list[Span], kind: str) -> list[Label]:
    """Labels of ``kind`` that no unit recalls (for reading what fails)."""
    hit = {id(label) for label, _ in matches(labels, spans, kind)}
    return [lb for lb in labels if lb.kind == kind and id(lb) not in hit]


def spurious(labels: list[Label], spans: list[Span], kind: str) -> list[Span]:
    """Units of ``kind`` that match no label (for reading what fails)."""
    hit = {(u.start, u.end) for _, u in matches(labels, spans, kind)}
    return [s for s in spans if s.kind == kind and (s.start, s.end) not in hit]
