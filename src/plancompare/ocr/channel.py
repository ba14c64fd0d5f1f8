"""The confusion channel: how OCR misreads letters, declared as data.

``data/ocr/confusions.tsv`` lists readings ``observed -> intended`` of three kinds: *diacritic*
(å/ä/ö lost, changed, split or dropped: ``o``/``6``/``oé`` for ``ö``, ``1i`` for ``lä``),
*glyph* (other letters: ``m`` for ``rn``, ``1`` for ``l``, ``c`` for ``e``) and *ligature*
(``ﬁ`` for ``fi``, free). The repairer reads them backwards to propose what was written; each
reading costs ``log10(rate × weight)``, where the weight comes from the file and the rate -- how
often a letter is misread at all -- is estimated per text (:func:`estimate_rate`).

Example:
    >>> model = load_confusions()
    >>> round(sum(c.weight for c in model if c.letter == "ö"), 6)
    1.0
    >>> sorted({c.kind for c in model})
    ['diacritic', 'glyph', 'ligature']
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from plancompare import paths
from plancompare.swedish.frequencies import DIACRITICS, STAR

__all__ = [
    "CONFUSIONS_PATH",
    "DIA",
    "GLYPH",
    "KINDS",
    "Confusion",
    "Reading",
    "Readings",
    "compile_readings",
    "estimate_rate",
    "load_confusions",
    "marks_split",
]

CONFUSIONS_PATH = paths.RESOURCES / "ocr" / "confusions.tsv"
KINDS = ("diacritic", "glyph", "ligature")
CAPITAL_I = "|"  # how tokens.pieces writes a capital I inside a word that is not all capitals
#: A hypothesis counts its misread letters in one int: diacritic readings + GLYPH × glyph readings.
DIA = 1
GLYPH = 1 << 20


def marks_split(marks: int) -> tuple[int, int]:
    """``(diacritic readings, glyph readings)`` of a packed count.

    Example:
        >>> marks_split(2 * DIA + 3 * GLYPH)
        (2, 3)
    """
    return marks & (GLYPH - 1), marks // GLYPH


@dataclass(frozen=True)
class Confusion:
    """One way OCR misreads: ``intended`` printed as ``observed``.

    ``weight`` is normalised per kind: for a diacritic reading, the probability of this reading
    given that its letter was misread (they sum to 1 per letter); for a glyph reading, its
    likelihood relative to the average glyph reading (they average 1: the glyph rate is
    estimated per word, and each reading applies to its own letters); a ligature is always its
    letters (weight 1).

    Example:
        >>> c = Confusion(observed="1i", intended="lä", kind="diacritic", weight=0.02)
        >>> c.letter, c.prefix, c.suffix
        ('ä', 'l', '')
    """

    observed: str
    intended: str
    kind: str
    weight: float

    @property
    def letter(self) -> str:
        """The å, ä or ö a diacritic reading damages (``""`` for other kinds)."""
        return next((ch for ch in self.intended if ch in DIACRITICS), "")

    @property
    def prefix(self) -> str:
        """Letters of ``intended`` before the damaged å/ä/ö (misread together with it)."""
        return self.intended[: self.intended.index(self.letter)] if self.letter else ""

    @property
    def suffix(self) -> str:
        """Letters of ``intended`` after the damaged å/ä/ö (misread together with it)."""
        return self.intended[self.intended.index(self.letter) + 1 :] if self.letter else ""


def load_confusions(path: str | Path | None = None) -> tuple[Confusion, ...]:
    """Read the confusion model (TSV: observed, intended, kind, weight[, note]; ``#`` comments).

    Diacritic weights are normalised to sum to 1 per letter, glyph weights to average 1.

    Example:
        >>> model = load_confusions()
        >>> any(c.observed == "m" and c.intended == "rn" for c in model)
        True
    """
    path = Path(path) if path is not None else CONFUSIONS_PATH
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None or [h.strip() for h in header[:4]] != [
        "observed",
        "intended",
        "kind",
        "weight",
    ]:
        raise ValueError(f"{path}: expected a header 'observed<TAB>intended<TAB>kind<TAB>weight'")
    rows: list[Confusion] = []
    for number, row in enumerate(reader, start=2):
        if len(row) < 4:
            raise ValueError(f"{path}: row {number} has fewer than four columns: {row!r}")
        observed = row[0] if row[0] == "I" else row[0].lower()
        intended, kind, weight = row[1].lower(), row[2].strip(), float(row[3])
        n_dia = sum(ch in DIACRITICS for ch in intended)
        if kind not in KINDS or weight <= 0 or not intended:
            raise ValueError(f"{path}: row {number}: kind must be one of {KINDS}, weight > 0")
        if (kind == "diacritic") != (n_dia == 1) or n_dia > 1:
            raise ValueError(
                f"{path}: row {number}: a diacritic reading's intended holds exactly one of "
                "å/ä/ö, and only a diacritic reading's does"
            )
        rows.append(Confusion(observed.replace("I", CAPITAL_I), intended, kind, weight))
    totals: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for c in rows:
        totals[c.letter if c.kind == "diacritic" else c.kind] += c.weight
        counts[c.kind] += 1
    out = []
    for c in rows:
        if c.kind == "diacritic":
            weight = c.weight / totals[c.letter]
        elif c.kind == "glyph":
            weight = c.weight * counts["glyph"] / totals["glyph"]
        else:
            weight = 1.0
        out.append(Confusion(c.observed, c.intended, c.kind, weight))
    return tuple(out)


class Reading(NamedTuple):
    """A reading as the candidate search uses it: ``observed`` becomes ``fragment``.

    In ``fragment`` a ``*`` stands for one of å/ä/ö, chosen from ``options``
    (``(letter, log10 weight)``); ``logw`` is the reading's own log10 weight (glyph readings)
    and ``marks`` what it adds to the count of misread letters (:data:`DIA`, :data:`GLYPH`).
    """

    observed: str
    fragment: str
    options: tuple[tuple[str, float], ...]
    logw: float
    marks: int


@dataclass(frozen=True)
class Readings:
    """The channel compiled for the search: readings by first observed character."""

    by_first: dict[str, tuple[Reading, ...]]
    deletion: Reading | None  # a dropped å/ä/ö (observed "")
    confusable: frozenset[str]  # characters some reading starts with

    def get(self, ch: str) -> tuple[Reading, ...]:
        """Readings whose observed text starts with ``ch``."""
        return self.by_first.get(ch, ())

    def quick(self) -> Readings:
        """The readings that change one character into one other, where the observed character
        is no ordinary letter or is a vowel losing its diacritic (``a`` → ``ä``, ``6`` → ``ö``,
        ``1`` → ``l``), and ligatures: a cheap first search that finds most readings.

        Example:
            >>> quick = compile_readings(load_confusions()).quick()
            >>> [r.fragment for r in quick.get("a")], quick.get("m"), quick.deletion
            (['*'], (), None)
        """
        keep: dict[str, tuple[Reading, ...]] = {}
        for ch, readings in self.by_first.items():
            ordinary = ch.isalpha() and ch.isascii() and ch not in "ao"
            chosen = tuple(
                r
                for r in readings
                if len(r.observed) == 1
                and (
                    (r.options and not ordinary)  # a diacritic lost or misread: a, 6, é
                    or r.marks == 0  # a ligature
                    or (not ordinary and len(r.fragment) == 1)  # a digit for a letter: 1, 0
                )
            )
            if chosen:
                keep[ch] = chosen
        return Readings(keep, None, frozenset(keep) | {CAPITAL_I})


def compile_readings(confusions: Sequence[Confusion]) -> Readings:
    """Group the confusions for the search (diacritic readings sharing a fragment merged).

    Example:
        >>> r = compile_readings(load_confusions())
        >>> sorted(letter for letter, _ in next(x for x in r.get("é") if x.fragment == "*").options)
        ['ä', 'å', 'ö']
    """
    grouped: dict[tuple[str, str], dict[str, float]] = {}
    plain: list[Reading] = []
    for c in confusions:
        if c.kind == "diacritic":
            opts = grouped.setdefault((c.observed, c.prefix + STAR + c.suffix), {})
            opts[c.letter] = opts.get(c.letter, 0.0) + c.weight
        elif c.kind == "glyph":
            plain.append(Reading(c.observed, c.intended, (), math.log10(c.weight), GLYPH))
        else:
            plain.append(Reading(c.observed, c.intended, (), 0.0, 0))
    by_first: dict[str, list[Reading]] = {}
    deletion = None
    for (observed, fragment), opts in sorted(grouped.items()):
        options = tuple((k, math.log10(v)) for k, v in sorted(opts.items()))
        reading = Reading(observed, fragment, options, 0.0, DIA)
        if observed:
            by_first.setdefault(observed[0], []).append(reading)
        elif fragment == STAR:
            deletion = reading
    for reading in plain:
        by_first.setdefault(reading.observed[0], []).append(reading)
    return Readings(
        {k: tuple(v) for k, v in by_first.items()}, deletion, frozenset(by_first) | {CAPITAL_I}
    )


def estimate_rate(misread: float, intact: float, prior: tuple[float, float]) -> float:
    """Posterior mean of a misreading rate: Beta ``prior`` (misread, intact) updated by counts.

    Example:
        >>> round(estimate_rate(9, 1, (1.0, 1.0)), 3), round(estimate_rate(0, 98, (1.0, 1.0)), 3)
        (0.833, 0.01)
    """
    a, b = prior
    rate = (misread + a) / (misread + intact + a + b)
    return min(max(rate, 1e-6), 0.999)
