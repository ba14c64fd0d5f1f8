"""Parser for plans of unknown form: headings, bullets, numbered items, paragraphs.

A student's new plan loads with this parser and no new code. Structure is read from
layout alone:

* a *heading* is a short line standing alone (or above bullets) that does not end a
  sentence; its first words give the section a role from ``data/forms/heading_roles.csv``
  (``Insatser`` → measures, ``Effekter`` → effects, ``Kontakt`` → page furniture …);
* *bullets* (``•``, ``-``, ``–``, ``*``) and *numbered items* (``1 …``, ``2) …``) are one unit
  each: measures under a measure heading, otherwise context;
* other paragraphs take their section's role (context by default);
* known page furniture lines (``data/forms/furniture_lines.csv``) become furniture.

Measure detection here is a heuristic; spans are always lossless.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache

from ..paths import RESOURCES
from .base import Block, Line, Unit, clean_text, iter_blocks, mark_truncated
from .content import prose_kinds

BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·*]|[-–—](?=\s))\s*")
NUMBERED = re.compile(r"^\s*(\d{1,2})(?:[.)]|\s)\s*(?=\S)")
_HEADING_END = re.compile(r"[.,;:!?…]$")


@dataclass(frozen=True)
class Role:
    """What a heading's first words say about the section below it."""

    prefix: str
    role: str
    gloss: str = ""


@cache
def heading_roles() -> tuple[Role, ...]:
    """The heading vocabulary, longest prefix first (read once from package data).

    Example:
        >>> role_of("Insatser Strategisk kompetensförsörjning")
        'measure'
    """
    with open(RESOURCES / "forms" / "heading_roles.csv", encoding="utf-8", newline="") as fh:
        rows = [Role(r["prefix"].casefold(), r["role"], r["gloss"]) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: -len(r.prefix)))


@cache
def furniture_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Whole-line patterns of page furniture with their reasons.

    Example:
        >>> furniture_reason("Sidan uppdaterad 2024-01-18")
        'page update date'
    """
    with open(RESOURCES / "forms" / "furniture_lines.csv", encoding="utf-8", newline="") as fh:
        return tuple((re.compile(r["pattern"], re.I), r["reason"]) for r in csv.DictReader(fh))


def role_of(heading: str) -> str | None:
    """The role a heading gives its section, or None when its words are not in the vocabulary.

    Example:
        >>> role_of("Effekter Långsiktig hållbarhet"), role_of("Lokaler")
        ('effect', None)
    """
    match = _match_role(heading)
    return match.role if match else None


def _match_role(heading: str) -> Role | None:
    words = clean_text(heading).casefold().lstrip("#").strip()
    for role in heading_roles():
        if words == role.prefix or re.match(re.escape(role.prefix) + r"\b", words):
            return role
    return None


def role_note(heading: str) -> str:
    """The vocabulary's gloss for a heading's role (why a furniture block is furniture).

    Example:
        >>> role_note("Kontakt")
        'contact block of a web page'
    """
    match = _match_role(heading)
    return match.gloss if match else ""


def furniture_reason(line: str) -> str | None:
    """Why a whole line is page furniture, or None.

    Example:
        >>> furniture_reason("På sidan"), furniture_reason("Vi behöver")
        ('page navigation ("on this page")', None)
    """
    stripped = line.strip()
    for pattern, reason in furniture_patterns():
        if pattern.search(stripped):
            return reason
    return None


def is_heading_text(line: str) -> bool:
    """A short line that does not end a sentence and starts like a title.

    Example:
        >>> is_heading_text("Effekter Strategisk kompetensförsörjning"), is_heading_text("Vi går.")
        (True, False)
    """
    s = line.strip()
    if s.startswith("#"):
        return True
    words = s.split()
    return (
        0 < len(s) <= 120
        and len(words) <= 16
        and not _HEADING_END.search(s)
        and not BULLET.match(s)
        and (s[0].isupper() or s[0].isdigit())
    )


def _span(lines: list[Line]) -> tuple[int, int]:
    return lines[0].trimmed_span()[0], lines[-1].trimmed_span()[1]


SUB_ROLES = ("measure", "effect", "follow_up")
_DATED_SUB = "dated sub-heading"  # a dated heading under Insatser: keeps the list's role
_DATED = re.compile(
    r"\b(19|20)\d{2}\b|\b(januari|februari|mars|april|maj|juni|juli|augusti|september|"
    r"oktober|november|december|vår(en)?|höst(en)?|kvartal)\b",
    re.I,
)


@dataclass
class OutlineState:
    """Where the outline reader is: the path of headings above the text, and its role.

    Headings nest without markup levels: a heading straight after another heading is its
    child; a heading after text is a sibling of the deepest one; a role heading
    (``Insatser …``, ``Effekter …``) is a child of the theme above it; a page widget
    (``Kontakt``, ``Nyckeltal``) sits directly under the document title; a dated heading
    under ``Insatser`` stays under it. A heading without a role of its own takes its
    parent's role (except the document title's).

    Example:
        >>> st = OutlineState()
        >>> st.enter("Plan 2025"), st.enter("Rekrytering"), st.enter("Insatser Rekrytering")
        (None, None, 'measure')
        >>> st.saw_text(); st.enter("Våren 2025"), st.section()
        ('measure', 'Plan 2025 > Rekrytering > Insatser Rekrytering > Våren 2025')
    """

    path: list[tuple[str, str | None]] = field(default_factory=list)
    fresh: bool = True
    role: str | None = None

    @property
    def title(self) -> str:
        """The document title (the first heading)."""
        return self.path[0][0] if self.path else ""

    def section(self) -> str:
        """The heading path, ``A > B > C``."""
        return " > ".join(h for h, _ in self.path)

    def saw_text(self) -> None:
        """Record that text (not a heading) came after the last heading."""
        self.fresh = False

    def enter(self, heading: str, role: str | None = None) -> str | None:
        """Place a heading in the path; return the role the text below it takes."""
        own = role or role_of(heading)
        path = self.path
        dated = own is None and bool(_DATED.search(heading))
        if not path:
            pass
        elif own == "furniture":
            del path[1:]
        elif self.fresh and path[-1][1] != "furniture":
            own = _DATED_SUB if dated and path[-1][1] in (*SUB_ROLES, _DATED_SUB) else own
        elif dated and path[-1][1] in (*SUB_ROLES, _DATED_SUB):
            if path[-1][1] == _DATED_SUB:
                path.pop()
            own = _DATED_SUB
        else:
            while len(path) > 1 and path[-1][1] in ("furniture", _DATED_SUB):
                path.pop()
            if len(path) > 1 and path[-1][1] in SUB_ROLES:
                path.pop()  # leave the previous role heading (Insatser … → Effekter …)
                if own not in SUB_ROLES and len(path) > 1:
                    path.pop()  # and its theme, for a new theme
            elif own not in SUB_ROLES and len(path) > 1:
                path.pop()  # a sibling of the deepest heading
        path.append((heading, own))
        self.fresh = True
        self.role = self._role()
        return self.role

    def _role(self) -> str | None:
        for i in range(len(self.path) - 1, -1, -1):
            role = self.path[i][1]
            if role is not None and role != _DATED_SUB:
                return role if i > 0 or len(self.path) == 1 else None
        return None


def _items(lines: list[Line]) -> list[list[Line]]:
    """Group lines into bullet items (a bullet plus its continuation lines) and plain runs."""
    groups: list[list[Line]] = []
    for line in lines:
        starts_item = bool(BULLET.match(line.text))
        if groups and not starts_item:
            prev_is_bullet = bool(BULLET.match(groups[-1][0].text))
            continues = prev_is_bullet and line.stripped[:1].islower()
            if continues or not prev_is_bullet:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _kind_for(state: OutlineState, *, item: bool) -> str:
    role = state.role
    if role == "furniture":
        return "furniture"
    if role == "measure":
        return "measure" if item else "context"
    return role if role in ("effect", "goal", "follow_up") else "context"


def prose_units(text: str, start: int, end: int, state: OutlineState) -> list[Unit]:
    """Units of one paragraph of prose: goal and context sentences apart (by their words).

    Under an effect, follow-up or measure heading the paragraph takes that role whole
    (a paragraph under ``Insatser`` is context); page-widget text is furniture.

    Example:
        >>> src = "Det råder brist. Lönen ska vara konkurrensmässig."
        >>> [u.kind for u in prose_units(src, 0, len(src), OutlineState())]
        ['context', 'goal']
    """
    kind = _kind_for(state, item=False)
    if kind in ("goal", "context"):
        runs = prose_kinds(text, start, end, section=kind)
    else:
        runs = [(start, end, kind)]
    widget = state.path[-1][0] if state.path else ""
    note = f"under the page-widget heading {widget!r}" if kind == "furniture" else ""
    return [Unit(s, e, k, state.section(), note=note) for s, e, k in runs]


def block_units(text: str, block: Block, state: OutlineState) -> list[Unit]:
    """Units of one paragraph block; furniture lines split it into contiguous runs.

    Example:
        >>> src = "Åtgärder\\n• Rekrytera"
        >>> [u.kind for u in block_units(src, next(iter_blocks(src)), OutlineState())]
        ['meta', 'measure']
    """
    units: list[Unit] = []
    run: list[Line] = []
    for line in block.lines:
        reason = furniture_reason(line.text)
        if reason:
            units.extend(_run_units(text, run, state))
            run = []
            s, e = line.trimmed_span()
            units.append(Unit(s, e, "furniture", state.section(), note=reason))
        else:
            run.append(line)
    units.extend(_run_units(text, run, state))
    return units


def _run_units(text: str, content: list[Line], state: OutlineState) -> list[Unit]:
    units: list[Unit] = []
    if not content:
        return units
    numbered = NUMBERED.match(content[0].text)
    if numbered and not BULLET.match(content[0].text):
        s, e = _span(content)
        kind = _kind_for(state, item=True)
        state.saw_text()
        return [Unit(s, e, kind, state.section(), ref=numbered.group(1))]
    first, rest = content[0], content[1:]
    heading = clean_text(first.text).lstrip("#").strip()
    furniture_block = role_of(heading) == "furniture"
    if is_heading_text(first.text) and (furniture_block or all(BULLET.match(x.text) for x in rest)):
        state.enter(heading)
        if furniture_block:  # a widget or contact block: the heading and what it holds
            s, e = _span(content)
            note = role_note(heading)
            units.append(Unit(s, e, "furniture", state.section(), title=heading, note=note))
            return units
        s, e = first.trimmed_span()
        units.append(Unit(s, e, "meta", state.section(), title=heading))
        content = rest
    for group in _items(content):
        s, e = _span(group)
        state.saw_text()
        if not BULLET.match(group[0].text):
            units.extend(prose_units(text, s, e, state))
            continue
        prose = clean_text(BULLET.sub("", text[s:e], count=1))
        units.append(Unit(s, e, _kind_for(state, item=True), state.section(), text=prose))
    return units


def parse(text: str) -> list[Unit]:
    """Parse a plan of unknown form into lossless units.

    Example:
        >>> src = ("Min plan\\n\\nBakgrund\\n\\nVi har brist.\\n\\n"
        ...        "Åtgärder\\n\\n• Rekrytera fler\\n• Behåll")
        >>> [(u.kind, u.text or u.title) for u in parse(src)]  # doctest: +NORMALIZE_WHITESPACE
        [('meta', 'Min plan'), ('meta', 'Bakgrund'), ('context', ''),
         ('meta', 'Åtgärder'), ('measure', 'Rekrytera fler'), ('measure', 'Behåll')]
    """
    state = OutlineState()
    units: list[Unit] = []
    for block in iter_blocks(text):
        units.extend(block_units(text, block, state))
    return mark_truncated(text, units)
