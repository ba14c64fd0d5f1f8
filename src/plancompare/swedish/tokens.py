"""Word tokens with character spans, and sentence spans that know Swedish abbreviations.

Example:
    >>> [t.text for t in tokenize("SKR:s e-tjänst, 2024.")]
    ['SKR:s', 'e-tjänst', '2024']
    >>> text = "Vi ska bl.a. rekrytera fler lärare. Det tar tid."
    >>> [text[a:b] for a, b in sentences(text)]
    ['Vi ska bl.a. rekrytera fler lärare.', 'Det tar tid.']
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from plancompare import paths

__all__ = ["ABBREVIATIONS_PATH", "Token", "abbreviations", "sentences", "tokenize"]

ABBREVIATIONS_PATH = paths.RESOURCES / "swedish" / "abbreviations.tsv"

# A word: letters (å ä ö é ... any Unicode letter) and digits, with "-", ":" and an apostrophe
# kept inside it (e-tjänst, SKR:s, 2020-2021), never at its edges.
_WORD = re.compile(r"[^\W_]+(?:[-:'’][^\W_]+)*")
# A candidate sentence end: terminal punctuation, closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")
_LINE = re.compile(r"\n[^\S\n]*")
_ITEM = re.compile(r"[-–•*·▪]\s|\d+[.)]\s")
_NEXT_SOLID = re.compile(r"\S")
_OPENERS = "\"'“”‘’«»([{"


class Token(NamedTuple):
    """A word and its span: ``text == source[start:end]``.

    Example:
        >>> Token("lärare", 4, 10)
        Token(text='lärare', start=4, end=10)
    """

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with ``[start, end)`` spans into it, in order, never overlapping.

    A token is a run of letters and digits; ``-``, ``:`` and ``'`` are kept between two of them
    (``SKR:s``, ``e-tjänst``, ``2020-2021``), so punctuation and whitespace never are.

    Example:
        >>> tokenize("Öka SKR:s stöd!")
        [Token(text='Öka', start=0, end=3), Token(text='SKR:s', start=4, end=9), Token(text='stöd', start=10, end=14)]
    """  # noqa: E501
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


@cache
def abbreviations() -> dict[str, bool]:
    """Swedish abbreviations with a full stop -> whether one may end a sentence.

    Read from ``data/swedish/abbreviations.tsv`` (a data file: add one there).

    Example:
        >>> abbreviations()["t.ex."], abbreviations()["m.m."]
        (False, True)
    """
    table: dict[str, bool] = {}
    with ABBREVIATIONS_PATH.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#") or line.startswith("abbreviation\t"):
                continue
            word, _, can_end = line.rstrip("\n").partition("\t")
            table[word.strip().lower()] = can_end.strip().lower() == "yes"
    return table


def _is_boundary(text: str, end: int) -> bool:
    """Whether the punctuation run ending at ``end`` (followed by whitespace) ends a sentence.

    Looks only at the word before ``end`` and the first character after the whitespace, so a
    long paragraph costs time in proportion to its length (no copy of the text around it).
    """
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1  # the non-whitespace run that ends at ``end``
    word = text[start:end].lstrip(_OPENERS).lower()
    following = _NEXT_SOLID.search(text, end)
    if following is None:
        return True
    first = following.group()
    if word.endswith(".") and word in abbreviations():
        return abbreviations()[word] and first.isupper()
    if word[:-1].isdigit() and start < end and _starts_line(text, start):
        return False  # "1. Mål": a numbered item, not a sentence
    return not first.islower()


def _starts_line(text: str, pos: int) -> bool:
    """Whether only spaces and tabs stand between ``pos`` and the line's start (or the text's)."""
    at = pos
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    if at == 0 or text[at - 1] == "\n":
        return True
    return text[at - 1].isspace() and not text[:at].strip()  # other whitespace back to the start


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text``, trimmed of surrounding whitespace.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by whitespace and a word that does
    not start in lower case -- unless the full stop belongs to an abbreviation
    (``t.ex.``, ``bl.a.``, ``ca.``, ``nr.``; ``m.m.``, ``osv.`` and ``etc.`` end a sentence
    when a capital follows) or numbers a list item (``1. Mål``). A blank line always ends one,
    and so does a line break before a bullet, a numbered item or a capitalised line (a heading
    line has no full stop). The spans cover every non-whitespace character exactly once.

    Example:
        >>> text = "Mål\\nLärare ska bl.a. få stöd, t.ex. handledning. Vi ser ca. 3 st. mm. Sedan?"
        >>> [text[a:b] for a, b in sentences(text)]
        ['Mål', 'Lärare ska bl.a. få stöd, t.ex. handledning.', 'Vi ser ca. 3 st. mm.', 'Sedan?']
    """
    cuts = {0, len(text)}
    cuts.update(m.end() for m in _END.finditer(text) if _is_boundary(text, m.end()))
    cuts.update(m.start() for m in _PARAGRAPH.finditer(text))
    for m in _LINE.finditer(text):
        if _ITEM.match(text, m.end()) or text[m.end() : m.end() + 1].isupper():
            cuts.add(m.start())
    spans: list[tuple[int, int]] = []
    bounds = sorted(cuts)
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            start = a + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(stripped)))
    return spans
