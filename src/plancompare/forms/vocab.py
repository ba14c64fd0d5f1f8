"""The forms' structure vocabulary, read from data files in ``data/forms/`` (once, cached).

Parsers know a form's structure — headings, markers, field labels, outcome phrases —
from these files, so a student extends the vocabulary by editing a CSV, not code.

Example:
    >>> outcome_of("Klar", where="status")
    'done'
    >>> outcome_of("Aktivitet 6.2 förs över i omarbetad version.", where="sentence")
    'carried_over'
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..paths import RESOURCES


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/forms/<name>`` (UTF-8 CSV with a header).

    Example:
        >>> read_rows("outcome_phrases.csv")[0]["outcome"]
        'done'
    """
    with open(RESOURCES / "forms" / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def outcome_phrases() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, outcome, where) in file order; ``where`` is ``status`` or ``sentence``.

    Example:
        >>> {where for _, _, where in outcome_phrases()}  == {"status", "sentence"}
        True
    """
    rows = read_rows("outcome_phrases.csv")
    return tuple((re.compile(r["pattern"], re.I), r["outcome"], r["where"]) for r in rows)


def outcome_of(text: str, *, where: str) -> str | None:
    """The outcome a status cell or a follow-up sentence states, or None (first match wins).

    Example:
        >>> outcome_of("beslut är taget att aktiviteten inte ska flyttas över", where="sentence")
        'not_done'
        >>> outcome_of("Aktiviteten har varit prioriterad.", where="sentence") is None
        True
    """
    for pattern, outcome, place in outcome_phrases():
        if place == where and pattern.search(text.strip()):
            return outcome
    return None
