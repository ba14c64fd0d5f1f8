"""Tokens and spans: how OCR repair cuts text, and how its changes map back to the input.

OCR repair works on *whitespace tokens* (``Lédrare),`` is one), so that every token of the
input maps to exactly one token of the output and whitespace is copied unchanged. Inside a
token it repairs *pieces*: runs of letters and digits (and ``&``, which OCR prints for ``ä``).

Example:
    >>> [(p.start, p.text, p.case) for p in pieces("(F6rskolans")]
    [(1, 'F6rskolans', 'title')]
    >>> map_offset([TokenSpan(0, 0, 3, 0, 4)], 5)
    6
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import NamedTuple

__all__ = [
    "Change",
    "Piece",
    "TokenSpan",
    "apply_changes",
    "apply_case",
    "map_offset",
    "pieces",
    "split_whitespace",
]

_WS_SPLIT = re.compile(r"(\s+)")
_PIECE = re.compile(r"(?:[^\W_]|&)+")
_GLUED_NUMBER = re.compile(r"\d+(?=[^\W\d_][^\W_]*$)")  # 10 in 10Naturvardsverkets
_TAG = re.compile(r"</?[A-Za-z][^<>\s]{0,30}>")
SKIP_TOKEN = re.compile(r"@|://|^www\.", re.IGNORECASE)
MAX_PIECE = 48  # longer letter runs are not analysed


def split_whitespace(text: str) -> list[str]:
    """``text`` as alternating token, whitespace, token ... (tokens at even indices).

    Example:
        >>> split_whitespace(" a  b")
        ['', ' ', 'a', '  ', 'b']
    """
    return _WS_SPLIT.split(text)


class Piece(NamedTuple):
    """A run of letters/digits inside a token: ``token[start:end] == text``.

    ``case`` is ``lower``, ``title``, ``upper`` or ``lead`` (starts with a digit or ``&`` and is
    lower case after it: ``6vergripande``); ``low`` is the text in lower case, where a capital
    ``I`` of a word that is not all capitals is kept as ``|``: it is an ``i``, or an ``l`` that
    OCR read as ``I`` (``utbiIdning``, ``Iokaler``); a word of capitals with a lower-case ``l``
    among them is ``upper``, the ``l`` kept as ``|`` (``INFUSIONSHASTlGHET``: a capital I
    printed as ``l``).
    """

    start: int
    end: int
    text: str
    case: str
    low: str


def _case_of(piece: str) -> str | None:
    letters = [ch for ch in piece if ch.isalpha()]
    if not letters:
        return None
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "upper"
    rest = [ch for ch in letters[1:] if ch != "I"]
    if not piece[0].isalpha():
        return "lead" if all(ch.islower() for ch in letters if ch != "I") else None
    if all(ch.islower() for ch in rest):
        return "title" if letters[0].isupper() else "lower"
    capitals = sum(ch.isupper() for ch in letters)
    if capitals >= 3 and capitals + letters.count("l") == len(letters):
        return "upper"  # INFUSIONSHASTlGHET, lNFUSION: a capital I read as a lower-case l
    return None


def _lower(piece: str, case: str) -> str:
    if case == "upper":
        return piece.replace("l", "|").lower()
    return piece.replace("I", "|").lower()


def pieces(token: str) -> list[Piece]:
    """The pieces of ``token`` that could be words (markup, e-mail and web addresses skipped).

    Example:
        >>> [(p.text, p.case, p.low) for p in pieces("HR-direktor, utbiIdning")]
        [('HR', 'upper', 'hr'), ('direktor', 'lower', 'direktor'), ('utbiIdning', 'lower', 'utbi|dning')]
        >>> [(p.start, p.text, p.case) for p in pieces("2007:10Naturvardsverkets")]
        [(7, 'Naturvardsverkets', 'title')]
    """  # noqa: E501
    if not token or SKIP_TOKEN.search(token):
        return []
    tags = [m.span() for m in _TAG.finditer(token)] if "<" in token else []
    out: list[Piece] = []
    for m in _PIECE.finditer(token):
        start, end = m.span()
        if tags and any(s < end and start < e for s, e in tags):
            continue
        text = m.group()
        case = _case_of(text)
        if case is None and (glued := _GLUED_NUMBER.match(text)):
            # a number run into a capitalised word (2007:10Naturvardsverkets): the word alone
            start += glued.end()
            text = text[glued.end() :]
            case = _case_of(text)
        if case is None or len(text) > MAX_PIECE:
            continue
        out.append(Piece(start, end, text, case, _lower(text, case)))
    return out


def apply_case(word: str, case: str, capitalise: bool = False) -> str:
    """Write lower-case ``word`` in the case of the piece it replaces.

    Example:
        >>> apply_case("förskolan", "upper"), apply_case("förskolan", "title")
        ('FÖRSKOLAN', 'Förskolan')
        >>> apply_case("övergripande", "lead"), apply_case("övergripande", "lead", capitalise=True)
        ('övergripande', 'Övergripande')
    """
    if case == "upper":
        return word.upper()
    if case == "title" or (case == "lead" and capitalise):
        return word[:1].upper() + word[1:]
    return word


@dataclass(frozen=True)
class Change:
    """One repaired token.

    ``start``/``end`` are offsets of the whole whitespace-separated token in the input,
    ``new_start``/``new_end`` in the output; ``score`` is how much more likely (log10) the
    replacement is than the token as it stands, given the text's estimated misreading rates;
    ``kind`` is ``non-word`` (the original is not a known word) or ``real-word``.

    Example:
        >>> c = Change(3, 4, 10, "f6r", "för", 0.9, 10, 13, "non-word")
        >>> c.as_dict()["replacement"]
        'för'
    """

    index: int
    start: int
    end: int
    original: str
    replacement: str
    score: float
    new_start: int
    new_end: int
    kind: str

    def as_dict(self) -> dict[str, object]:
        """Plain dict (one DataFrame row)."""
        return asdict(self)


@dataclass(frozen=True)
class TokenSpan:
    """Where token ``index`` is in the input (``orig_*``) and in the repaired output (``new_*``).

    Example:
        >>> TokenSpan(0, 0, 2, 0, 2).orig_end
        2
    """

    index: int
    orig_start: int
    orig_end: int
    new_start: int
    new_end: int


def token_spans(chunks: Sequence[str], out: Sequence[str]) -> list[TokenSpan]:
    """Spans of every token, given the input and output as :func:`split_whitespace` chunks.

    Example:
        >>> token_spans(["f6r", " ", "alla"], ["för", " ", "alla"])[1]
        TokenSpan(index=1, orig_start=4, orig_end=8, new_start=4, new_end=8)
    """
    spans: list[TokenSpan] = []
    orig = new = 0
    for i, (src, dst) in enumerate(zip(chunks, out, strict=True)):
        if i % 2 == 0 and src:
            spans.append(TokenSpan(len(spans), orig, orig + len(src), new, new + len(dst)))
        orig += len(src)
        new += len(dst)
    return spans


def map_offset(spans: Sequence[TokenSpan], offset: int) -> int:
    """Map an offset in the input to the corresponding offset in the repaired output.

    Offsets inside a token whose length changed are clamped to that token's new end.

    Example:
        >>> spans = [TokenSpan(0, 0, 3, 0, 3), TokenSpan(1, 4, 8, 4, 9)]
        >>> map_offset(spans, 2), map_offset(spans, 8), map_offset(spans, 10)
        (2, 9, 11)
    """
    shift = 0
    for span in spans:
        if offset < span.orig_start:
            break
        if offset < span.orig_end:
            return min(span.new_start + (offset - span.orig_start), span.new_end)
        shift = span.new_end - span.orig_end
    return offset + shift


def apply_changes(text: str, changes: Sequence[Change]) -> str:
    """Apply changes found in a whole document to a piece of it (e.g. one unit's clean text).

    Repairing a whole document at once lets the repairer estimate the document's damage
    rate; this carries those decisions over to a unit's text. Each change's original token
    is replaced where it stands as a whole whitespace-separated token, in order, each
    search starting after the previous replacement; a token the text no longer holds
    (markup removed, a number split off) is left as it is.

    Example:
        >>> changes = [Change(1, 4, 6, "&r", "är", 1.0, 4, 6, "non-word")]
        >>> apply_changes("Det &r bra, &r det?", changes)
        'Det är bra, &r det?'
    """
    cursor = 0
    for change in changes:
        pattern = re.compile(r"(?<!\S)" + re.escape(change.original) + r"(?!\S)")
        found = pattern.search(text, cursor)
        if found is None:
            continue
        text = text[: found.start()] + change.replacement + text[found.end() :]
        cursor = found.start() + len(change.replacement)
    return text
