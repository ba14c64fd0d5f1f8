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
from typing import TYPE_CHECKING, NamedTuple

from plancompare import paths

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "ABBREVIATIONS_PATH",
    "Token",
    "abbreviations",
    "sentences",
    "tokenize",
    "word_bounds",
]

ABBREVIATIONS_PATH = paths.RESOURCES / "swedish" / "abbreviations.tsv"

# A word: letters (å ä ö é ... any Unicode letter) and digits, with "-", ":" and an apostrophe
# kept inside it (e-tjänst, SKR:s, 2020-2021), never at its edges.
_WORD = re.compile(r"[^\W_]+(?:[-:'’][^\W_]+)*")
_LETTERS = re.compile(r"[^\W_]+")  # its letters and digits (str.isalnum) ...
_JOINERS = "-:'’"  # ... and the marks it keeps between two of them
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
def _char_classes(planes: int) -> np.ndarray:
    """The class of each code point of the first ``planes`` Unicode planes (0x10000 each) for
    :func:`word_bounds`: 1 a letter or digit (what ``[^\\W_]`` matches: ``str.isalnum``), 2 a
    mark kept inside a word (``-``, ``:``, ``'``, ``’``), 0 anything else (surrogates too).
    Found by the regex engine itself, once per process (the first plane holds Swedish)."""
    import numpy as np

    size = planes * 0x10000
    classes = np.zeros(size, dtype=np.uint8)
    for lo, hi in ((0, min(0xD800, size)), (0xE000, size)):  # every code point but surrogates
        chars = "".join(map(chr, range(lo, hi)))
        for m in _LETTERS.finditer(chars):
            classes[lo + m.start() : lo + m.end()] = 1
    classes[[ord(c) for c in _JOINERS]] = 2
    return classes


def word_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the word tokens of ``text`` (those of :func:`tokenize`), as arrays.

    Computed over the text's code points with numpy instead of a regex pass: a character
    is in a word when it is a letter or digit, or a ``-``, ``:`` or ``'`` with a letter or
    digit on each side, and the words are the runs of such characters. No string is made
    per word, so a caller handling millions of tokens at once pays for none.

    Example:
        >>> starts, ends = word_bounds("Öka SKR:s stöd -- e-tjänst:")
        >>> starts.tolist(), ends.tolist()
        ([0, 4, 10, 18], [3, 9, 14, 26])
        >>> [(t.start, t.end) for t in tokenize("Öka SKR:s stöd -- e-tjänst:")]
        [(0, 3), (4, 9), (10, 14), (18, 26)]
    """
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _char_classes(int(codes.max()) // 0x10000 + 1 if len(codes) else 1)[codes]
    inside = classes == 1
    inside[1:-1] |= (classes[1:-1] == 2) & inside[:-2] & inside[2:]
    edges = np.diff(inside.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


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
