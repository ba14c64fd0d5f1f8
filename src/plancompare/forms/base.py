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
from ..schema import KINDS, OUTCOMES, PROSE_KINDS

_TAG_RE = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_SOLID_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class Unit:
    """One unit of text: a span ``[start, end)`` of the decoded source plus what it is.

    ``text`` is the unit's clean prose; when left ``None`` the frame derives it from
    the span with :func:`clean_text`. ``title`` is the unit's own heading text (or empty),
    never a placeholder. Units of one parse refer to each other by *start offset* (unique,
    since units do not overlap): ``parent`` is the start of the enclosing measure (a step's
    activity), ``link`` the start of the measure a clarification explains. ``outcome`` is a
    measure's fate as the plan states it (:data:`~plancompare.schema.OUTCOMES`), with the
    sentence it is read from in ``outcome_evidence``.

    Example:
        >>> u = Unit(0, 5, "goal")
        >>> (u.start, u.end, u.kind)
        (0, 5, 'goal')
        >>> Unit(6, 9, "measure", parent=0, outcome="done").parent
        0
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
    note: str = ""
    truncated: bool = False
    parent: int | None = None
    link: int | None = None
    outcome: str = ""
    outcome_evidence: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown unit kind {self.kind!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"empty or inverted span [{self.start}, {self.end})")
        if self.outcome and (self.kind != "measure" or self.outcome not in OUTCOMES):
            raise ValueError(f"outcome {self.outcome!r} on a {self.kind} unit")

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
    if "<" in raw:
        raw = _TAG_RE.sub(" ", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    return " ".join(raw.split())  # whitespace folded: what re's \s+ -> " " and strip() give


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
    runs: list[tuple[int, int]] = []
    at = 0  # the gaps between the units' merged spans, searched for non-whitespace runs
    for u in sorted(units, key=lambda u: u.start):
        if u.start > at:
            runs.extend(m.span() for m in _SOLID_RE.finditer(text, at, u.start))
        at = max(at, u.end)
    runs.extend(m.span() for m in _SOLID_RE.finditer(text, at))
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


def check_links(units: list[Unit], *, file: str | None = None) -> None:
    """Raise :class:`ParseError` unless ``parent`` and ``link`` name units of this parse.

    Only measures have a parent, and a parent is a measure (a step of an activity); the
    parent chain may not loop. A ``link`` must be the start of some unit.

    Example:
        >>> check_links([Unit(0, 2, "measure"), Unit(3, 5, "measure", parent=0)])
        >>> check_links([Unit(0, 2, "goal"), Unit(3, 5, "measure", parent=0)])
        Traceback (most recent call last):
        ...
        plancompare.errors.ParseError: the parent of the measure at 3 is a goal, not a measure
    """
    by_start = {u.start: u for u in units}
    for u in units:
        if u.link is not None and u.link not in by_start:
            raise ParseError(f"the unit at {u.start} links to no unit (at {u.link})", file=file)
        if u.parent is None:
            continue
        if u.kind != "measure":
            raise ParseError(f"the {u.kind} at {u.start} has a parent", file=file)
        parent = by_start.get(u.parent)
        if parent is None:
            raise ParseError(f"the measure at {u.start} has no parent at {u.parent}", file=file)
        if parent.kind != "measure":
            raise ParseError(
                f"the parent of the measure at {u.start} is a {parent.kind}, not a measure",
                file=file,
            )
    levels(units, file=file)


def levels(units: list[Unit], *, file: str | None = None) -> dict[int, int]:
    """Each measure's level (1 = top, 2 = a step of it …), keyed by the measure's start.

    Example:
        >>> levels([Unit(0, 2, "measure"), Unit(3, 5, "measure", parent=0), Unit(6, 7, "goal")])
        {0: 1, 3: 2}
    """
    parent_of = {u.start: u.parent for u in units if u.kind == "measure"}
    found: dict[int, int] = {}
    for start in parent_of:
        chain: list[int] = []
        at: int | None = start
        while at is not None and at not in found:
            if at in chain:
                raise ParseError(f"the measure at {start} is its own ancestor", file=file)
            chain.append(at)
            at = parent_of.get(at)
        depth = found[at] if at is not None else 0
        for s in reversed(chain):
            depth += 1
            found[s] = depth
    return {s: found[s] for s in parent_of}


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)]*\s+(?=[\"”»(]*[A-ZÅÄÖÉ0-9•])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text`` (trimmed; a sentence ends at . ! ? …
    followed by space and a capital letter or digit, so ``t.ex. fler`` stays whole).

    Example:
        >>> src = "Aktivitet 6.1 Slutförd. Aktivitet 6.2. förs över t.ex. nu. Klart"
        >>> [src[s:e] for s, e in sentence_spans(src)]
        ['Aktivitet 6.1 Slutförd.', 'Aktivitet 6.2. förs över t.ex. nu.', 'Klart']
    """
    spans = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append(trim_span(text, pos, match.start()))
        pos = match.end()
    spans.append(trim_span(text, pos, len(text)))
    return [(s, e) for s, e in spans if s < e]


#: Words a lead-in ends in ("I uppdraget ingår att:"); a label ends in a noun.
LEAD_IN_ENDS = frozenset(
    ("att", "är", "som", "och", "eller", "ska", "skall", "kan", "bör", "måste", "följande",
     "annat", "bland", "på", "för", "med", "i", "till", "under", "om", "av", "vi", "de", "det")
)  # fmt: skip


def is_label(line: str, *, max_words: int = 3) -> bool:
    """A short line ending in a colon that labels what follows (``Datum:``), not a lead-in.

    A lead-in sentence (``Uppdraget innebär att:``) ends in a function word; a label ends
    in a noun.

    Example:
        >>> is_label("En övergripande beskrivning:"), is_label("Uppdraget innebär att:")
        (True, False)
    """
    words = clean_text(line).split()
    if not 0 < len(words) <= max_words or not words[-1].endswith(":"):
        return False
    return words[0][:1].isupper() and words[-1].rstrip(":").casefold() not in LEAD_IN_ENDS


_LIST_ITEM = re.compile(r"[•●▪◦‣∙·*\-–—]\s")  # a list item may end without a stop
_TERMINAL = tuple('.!?:;)"”»…')


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends as a finished sentence (terminal punctuation).

    Example:
        >>> ends_sentence("Klart."), ends_sentence("exempelvis kopplat till")
        (True, False)
    """
    return clean_text(text).endswith(_TERMINAL)


def mark_truncated(text: str, units: list[Unit]) -> list[Unit]:
    """Flag the last prose unit as truncated when the document stops mid-sentence.

    Only prose at the very end of the file counts (headings, form fields and page
    furniture legitimately end without punctuation).

    Example:
        >>> src = "Ett. Två men"
        >>> [u.truncated for u in mark_truncated(src, [Unit(0, 4, "goal"), Unit(5, 12, "context")])]
        [False, True]
    """
    if not units:
        return units
    last = max(range(len(units)), key=lambda i: units[i].end)
    unit = units[last]
    tail_is_end = not text[unit.end :].strip()
    prose = unit.kind in PROSE_KINDS and not _LIST_ITEM.match(text[unit.start : unit.end])
    if tail_is_end and prose and not ends_sentence(text[unit.start : unit.end]):
        units = list(units)
        units[last] = unit.with_(truncated=True, note="document ends mid-sentence (truncated)")
    return units


def split_tags(raw: str) -> tuple[str, tuple[str, ...]]:
    """Split a plan's own bracketed labels (``[Attrahera & rekrytera]``) off a text.

    Returns the text without the labels (and without the commas between them) and the labels.

    Example:
        >>> split_tags("Gör X. [A & b], [C]")
        ('Gör X.', ('A & b', 'C'))
    """
    tags = tuple(t.strip() for t in re.findall(r"\[([^\[\]]+)\]", raw))
    rest = re.sub(r"\[[^\[\]]+\](?:\s*,)?", " ", raw)
    return clean_text(rest), tags


def _tag_key(tag: str) -> str:
    key = tag.casefold()
    key = re.sub(r"\boch\b", "&", key)
    key = re.sub(r"\s+", " ", key).strip()
    return re.sub(r"(.)\1+", r"\1", key)  # doubled letters: arbetsätt ~ arbetssätt


def canonical_tags(tags: list[str]) -> dict[str, str]:
    """Map each variant spelling of a plan's own labels to one canonical spelling.

    Variants fold together when they differ only in case, ``och``/``&`` or a doubled
    letter; the canonical spelling is the most frequent variant written with ``&``
    (ties: alphabetical), so it is always one the plan itself uses.

    Example:
        >>> m = canonical_tags(["A och b", "A & b", "Ny arbetsätt",
        ...     "Ny arbetssätt", "Ny arbetssätt"])
        >>> m["A och b"], m["Ny arbetsätt"]
        ('A & b', 'Ny arbetssätt')
    """
    groups: dict[str, list[str]] = {}
    for tag in tags:
        groups.setdefault(_tag_key(tag), []).append(tag)
    mapping: dict[str, str] = {}
    for variants in groups.values():
        spelled = [re.sub(r"\boch\b", "&", v) for v in variants]
        best = sorted(set(spelled), key=lambda v: (-spelled.count(v), v))[0]
        mapping.update({v: best for v in variants})
    return mapping


@dataclass(frozen=True)
class Block:
    """A paragraph: consecutive non-blank lines.

    Example:
        >>> src = "a\\nb\\n\\n c"
        >>> [b.text(src) for b in iter_blocks(src)]
        ['a\\nb', 'c']
    """

    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        """Offset of the first non-whitespace character."""
        return self.lines[0].trimmed_span()[0]

    @property
    def end(self) -> int:
        """Offset just past the last non-whitespace character."""
        return self.lines[-1].trimmed_span()[1]

    def text(self, source: str) -> str:
        """The block's source text (trimmed)."""
        return source[self.start : self.end]


def iter_blocks(text: str) -> Iterator[Block]:
    """Yield paragraphs (runs of non-blank lines) with their spans.

    Example:
        >>> len(list(iter_blocks("x\\n\\n\\ny\\nz")))
        2
    """
    run: list[Line] = []
    for line in iter_lines(text):
        if line.blank:
            if run:
                yield Block(tuple(run))
            run = []
        else:
            run.append(line)
    if run:
        yield Block(tuple(run))
