"""What every form parser returns: units of text with exact spans into the source.

A parser is a function ``parse(text: str) -> list[Unit]``. Its units must cover every
non-whitespace character of ``text`` exactly once (see :func:`check_coverage`); page
furniture is kept as units of kind ``furniture`` with a ``note`` saying why.
No pandas in here: the frame is built elsewhere.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..errors import ParseError

KINDS = ("goal", "measure", "effect", "context", "follow_up", "meta", "furniture")

_TAG_RE = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Unit:
    """One unit of text: a span ``[start, end)`` of the decoded source plus what it is.

    ``text`` is the unit's clean prose; when left ``None`` the frame derives it from
    the span with :func:`clean_text`.

    Example:
        >>> u = Unit(0, 5, "goal")
        >>> (u.start, u.end, u.kind)
        (0, 5, 'goal')
    """

    start: int
    end: int
    kind: str
    section: str = ""
    ref: str = ""
    title: str = ""
    text: str | None = None
    status: str = ""
    deadline: str = ""
    responsible: str = ""
    cost: str = ""
    own_tags: tuple[str, ...] = ()
    link: str = ""
    note: str = ""
    truncated: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown unit kind {self.kind!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"empty or inverted span [{self.start}, {self.end})")

    def with_(self, **changes: object) -> Unit:
        """Return a copy with some fields changed.

        Example:
            >>> Unit(0, 3, "goal").with_(kind="meta").kind
            'meta'
        """
        return replace(self, **changes)


def clean_text(raw: str) -> str:
    """Turn a span of source into clean prose: HTML tags out, entities decoded, spaces folded.

    Example:
        >>> clean_text("<p>Utförare  HR</p>\\n <p>och&nbsp;chefer</p>")
        'Utförare HR och chefer'
    """
    no_tags = _TAG_RE.sub(" ", raw)
    return _WS_RE.sub(" ", html.unescape(no_tags)).strip()


@dataclass(frozen=True)
class Line:
    """A line of the source: its span without the newline, and its text.

    Example:
        >>> list(iter_lines("a\\n b"))[1]
        Line(start=2, end=4, text=' b')
    """

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        """The line without surrounding whitespace."""
        return self.text.strip()

    @property
    def blank(self) -> bool:
        """True when the line holds only whitespace."""
        return not self.text.strip()

    def trimmed_span(self) -> tuple[int, int]:
        """The span of the line's non-whitespace content.

        Example:
            >>> Line(10, 15, "  ab ").trimmed_span()
            (12, 14)
        """
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text) - len(self.text.rstrip())
        return self.start + lead, self.end - trail


def iter_lines(text: str) -> Iterator[Line]:
    """Yield every line of ``text`` with its span (``\\n`` separated; the newline is not included).

    Example:
        >>> [line.text for line in iter_lines("x\\n\\ny")]
        ['x', '', 'y']
    """
    pos = 0
    for chunk in text.split("\n"):
        yield Line(pos, pos + len(chunk), chunk)
        pos += len(chunk) + 1


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace.

    Example:
        >>> trim_span("  ab  ", 0, 6)
        (2, 4)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def uncovered(text: str, units: list[Unit]) -> list[tuple[int, int]]:
    """Return the runs of non-whitespace characters that no unit covers.

    Example:
        >>> uncovered("ab cd", [Unit(0, 2, "goal")])
        [(3, 5)]
    """
    covered = bytearray(len(text))
    for u in units:
        covered[u.start : u.end] = b"\x01" * (u.end - u.start)
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        if not covered[i] and not text[i].isspace():
            j = i
            while j < n and not covered[j] and not text[j].isspace():
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def check_coverage(text: str, units: list[Unit], *, file: str | None = None) -> None:
    """Raise :class:`ParseError` unless the units cover every non-whitespace character exactly once.

    Units must not overlap and must lie inside the text.

    Example:
        >>> check_coverage("ab cd", [Unit(0, 2, "goal"), Unit(3, 5, "meta")])
        >>> check_coverage("ab cd", [Unit(0, 2, "goal")])
        Traceback (most recent call last):
        ...
        plancompare.errors.ParseError: characters 3-5 ('cd') belong to no unit
    """
    ordered = sorted(units, key=lambda u: (u.start, u.end))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start < a.end:
            raise ParseError(
                f"units overlap at characters {b.start}-{a.end}: {text[b.start : a.end]!r}",
                file=file,
                line=text.count("\n", 0, b.start) + 1,
            )
    if ordered and ordered[-1].end > len(text):
        raise ParseError(f"unit ends at {ordered[-1].end}, past the text's end", file=file)
    missing = uncovered(text, ordered)
    if missing:
        s, e = missing[0]
        raise ParseError(
            f"characters {s}-{e} ({text[s:e][:40]!r}) belong to no unit",
            file=file,
            line=text.count("\n", 0, s) + 1 if file else None,
        )
