"""Parser for plans of unknown form: headings, lists, paragraphs -- and what each one says.

A student's new plan loads with this parser and no new code. The *layout* gives the units:

* a *heading* is a short line standing alone (or above a list) that does not end a sentence;
  its first words give the section a role from ``data/forms/heading_roles.csv`` (``Insatser`` →
  measures, ``Mål`` → goals, ``Effekter`` → effects, ``Kontakt`` → page furniture …); numbered
  headings (``11.3.1 …``) nest under the number they extend;
* *list items* are one unit each: bullets (``•``, ``-``, ``–``, ``*``), numbered items
  (``1 …``, ``2) …``, also inline in a PDF flattened to one line), a short line that opens with
  an action verb, and lines written one per line without markers (an unmarked list);
* other paragraphs are split into sentences (:mod:`.content`);
* page furniture (``data/forms/furniture_lines.csv``, captions, alt texts, repeated lines,
  runs of links, contact blocks, tables of contents) is kept as furniture with its reason.

The *content* gives the kinds: every item and sentence is a candidate that
:mod:`.kinds` reads as a measure, a goal or neither, from named features (its verbs and
action nouns, modality and tense, subject, dates, aim phrases, its section's role, its list's
lead-in and how many of the list's items open with an action) weighed by a fitted, shipped
linear scorer. Under an effect, follow-up or widget heading the section's role decides.
Spans are always lossless.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .. import swedish
from .base import (
    LEAD_IN_ENDS,
    Block,
    Line,
    Unit,
    clean_text,
    iter_blocks,
    mark_truncated,
    trim_span,
)
from .content import is_quote, read_prose
from .kinds import (
    Candidate,
    announces_goals,
    classify,
    has_finite_verb,
    is_decision,
    opens_with_action,
)
from .vocab import read_rows

BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·]|[-–—*](?=\s))\s*")
NUMBERED = re.compile(r"^\s*(\d{1,2})(?:[.)]|\s)\s*(?=\S)")
_MARKER = re.compile(r"^\s*(?:[•●▪◦‣∙·]|[-–—*](?=\s)|\d{1,2}(?:[.)]|\s(?=\D)))\s*")
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[A-ZÅÄÖ])(?=[^.!?:]*$)")
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=[A-ZÅÄÖ])")
_ANAPHOR = re.compile(r"(Dessa|Detta|De)\b")
_HEADING_END = re.compile(r"[.,;:!?…]$")
_SENTENCE_END = re.compile(r"[.!?:;…]$")
_CAPTION = re.compile(r"(^|\s)(Foto|Bild|Illustration|Fotograf)\s*:\s*\S", re.I)
_WRAP = 60  # a line at least this long that does not end a sentence wraps onto the next
_ALT_WORDS = 20  # an image's alt text is at most this long
_ACTION_LINE = 160  # a line starting with an action verb is an action item up to this length
_REPEATED_WORDS = 8
_MENU = 4  # this many headings in a row with nothing between them are a menu
_FIRST_WORD = re.compile(r"[\wåäöé]+")
_PAGE_TEXT_WORDS = 5  # a unit of text this long is the page's running text, not its header


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
    rows = read_rows("heading_roles.csv")
    rows = [Role(r["prefix"].casefold(), r["role"], r["gloss"]) for r in rows]
    return tuple(sorted(rows, key=lambda r: -len(r.prefix)))


@cache
def furniture_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Whole-line patterns of page furniture with their reasons.

    Example:
        >>> furniture_reason("Sidan uppdaterad 2024-01-18")
        'page update date'
    """
    rows = read_rows("furniture_lines.csv")
    return tuple((re.compile(r["pattern"], re.I), r["reason"]) for r in rows)


def role_of(heading: str, owner: bool = False) -> str | None:
    """The role a heading gives its section, or None when its words are not in the vocabulary;
    with ``owner``, also the role named after an owner in the genitive (``Flens kommuns
    vision``), as a heading inside a document names it (a document's title names its subject).

    Example:
        >>> role_of("Effekter Långsiktig hållbarhet"), role_of("Lokaler")
        ('effect', None)
        >>> role_of("Flens kommuns vision"), role_of("Flens kommuns vision", owner=True)
        (None, 'goal')
    """
    match = _match_role(heading, owner)
    return match.role if match else None


# An owner in the genitive before a heading's role word: "Flens kommuns vision",
# "Kommunfullmäktiges mål", "Regionstyrelsens åtgärder" (a name, then an organisation's noun).
_OWNER = re.compile(
    r"(?:[\wåäöé-]+\s+){0,2}?[\wåäöé-]*(?:kommun|region|stad|nämnd|styrelse|fullmäktige|"
    r"förvaltning|landsting)(?:ens|ets|ns|s)\s+"
)


def _match_role(heading: str, owner: bool = False) -> Role | None:
    """The role a heading's first words name (with ``owner``, also after an owner in the
    genitive).

    Example:
        >>> _match_role("Kommunfullmäktiges mål", True).role, _match_role("Kommunens bilder", True)
        ('goal', None)
    """
    words = clean_text(heading).casefold().lstrip("#").strip()
    found = _role_pattern().match(words)
    if not found and owner and (named := _OWNER.match(words)):
        found = _role_pattern().match(words, named.end())
    return _role_by_prefix()[found.group(1)] if found else _inflected_role(words)


def _inflected_role(words: str) -> Role | None:
    """The role of a heading that opens with a role word in another form (definite or plural:
    ``Visionen i sin helhet``, ``Målområden``) and holds no finite verb -- a name for the
    section, not a sentence about it (``Visionen pekar ut …``). The aim or purpose *with*
    something (``Syftet med bemanningen``, ``Målet med satsningen``) is that activity's, which
    the plan does not count as a goal of its own (LABELLING.md decisions 10 and 17).

    Example:
        >>> _inflected_role("visionen i sin helhet").role, _inflected_role("visionen pekar ut")
        ('goal', None)
        >>> _inflected_role("syftet med bemanningen") is None
        True
    """
    first = _FIRST_WORD.match(words)
    if not first:
        return None
    lemma = swedish.lemma(first.group(0))
    role = _role_by_prefix().get(lemma)
    if role is None or lemma == first.group(0) or has_finite_verb(words):
        return None
    return None if words[first.end() :].split()[:1] == ["med"] else role


@cache
def _role_pattern() -> re.Pattern[str]:
    """The roles' prefixes, longest first, each followed by a word boundary or the end.

    One match tries the prefixes in :func:`heading_roles` order, as a loop over them would.
    """
    prefixes = "|".join(re.escape(role.prefix) for role in heading_roles())
    return re.compile(rf"({prefixes})(?:\b|\Z)")


@cache
def _role_by_prefix() -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for role in heading_roles():
        roles.setdefault(role.prefix, role)
    return roles


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
    anchored, others = _furniture_prefilter()
    if not anchored.match(stripped) and not others.search(stripped):
        return None  # most lines: one match and one search instead of one search a pattern
    for pattern, reason in furniture_patterns():
        if pattern.search(stripped):
            return reason
    return None


@cache
def _furniture_prefilter() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The furniture patterns anchored at the line's start (``^…`` without a ``|`` outside
    brackets) joined into one, matched at the start only; and the others joined into one,
    searched. A line passes exactly when one of the patterns finds it."""
    anchored, others = [], []
    for row in read_rows("furniture_lines.csv"):
        pattern = row["pattern"]
        if pattern.startswith("^") and not _top_level_bar(pattern):
            anchored.append(f"(?:{pattern})")
        else:
            others.append(f"(?:{pattern})")
    return (
        re.compile("|".join(anchored) or r"(?!)", re.I),
        re.compile("|".join(others) or r"(?!)", re.I),
    )


def _top_level_bar(pattern: str) -> bool:
    r"""Whether a regex has a ``|`` outside groups and classes (``^a|b`` is not anchored).

    Example:
        >>> _top_level_bar("^(a|b)$"), _top_level_bar("^a|b"), _top_level_bar(r"^\(a\|b[|)]")
        (False, True, False)
    """
    depth, escaped, in_class = 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]" or pattern[i - 1] == "[" or pattern[i - 2 : i] == "[^"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def is_heading_text(line: str) -> bool:
    """A short line that does not end a sentence and starts like a title.

    Example:
        >>> is_heading_text("Effekter Strategisk kompetensförsörjning"), is_heading_text("Vi går.")
        (True, False)
    """
    s = line.strip()
    if s.startswith("#"):
        return True
    return (
        0 < len(s) <= 120
        and _at_most_words(s, 16)
        and not _HEADING_END.search(s)
        and not BULLET.match(s)
        and (s[0].isupper() or s[0].isdigit())
    )


def _at_most_words(line: str, n: int) -> bool:
    """``len(line.split()) <= n``, without splitting more of a long line than ``n + 1`` words.

    Example:
        >>> _at_most_words("ett två tre", 3), _at_most_words("ett två tre fyra", 3)
        (True, False)
    """
    return len(line.split(None, n)) <= n


def _span(lines: list[Line]) -> tuple[int, int]:
    return lines[0].trimmed_span()[0], lines[-1].trimmed_span()[1]


SUB_ROLES = ("measure", "effect", "follow_up")
# Roles whose section's text takes the role whole, unread (``Uppföljning``, ``Effekter``): a
# document title with such words (``Uppföljning av hur … har införlivats``) names its subject.
_WHOLE_ROLES = ("effect", "follow_up")
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
    parent's role (except the document title's); a title whose words name a role that takes
    its text whole (``Uppföljning av …``) names the page's subject and gives its text no role.

    Example:
        >>> st = OutlineState()
        >>> st.enter("Plan 2025"), st.enter("Rekrytering"), st.enter("Insatser Rekrytering")
        (None, None, 'measure')
        >>> st.saw_text(); st.enter("Våren 2025"), st.section()
        ('measure', 'Plan 2025 > Rekrytering > Insatser Rekrytering > Våren 2025')
    """

    path: list[tuple[str, str | None]] = field(default_factory=list)
    fresh: bool = True
    #: running text (not a heading, not a short label) has come: the page's header is over
    page_text: bool = False
    role: str | None = None
    repeated: frozenset[str] = frozenset()  #: lines that stand alone more than once
    bulleted: frozenset[str] = frozenset()  #: the texts of the page's bullet items
    uppdrag: int | None = None  #: start of the last uppdrag: later measures are its steps
    has_list: bool = False  #: the document lists its actions (then "behöver …" is rationale)
    lead_in: str = ""  #: the sentence before the current list, when it introduces it
    next_line: str = ""  #: the first line of the next block (does a list follow?)
    text_end: int | None = None  #: end of the document's text: a last line heads nothing
    list_shares: dict[int, float] = field(default_factory=dict)  #: item start -> its list's share
    last_number: int | None = None  #: the number of the last numbered item
    last_kind: str | None = None  #: the kind of the last unit of text since the last heading
    #: a lead-in announcing goals that headings follow (``Våra övergripande mål är:`` over
    #: ``Maximalt värde för skattepengarna``), and the depth of those headings in the path
    goal_lead: str = ""
    goal_depth: int | None = None
    listed: bool = False  #: items followed the current lead-in (it introduced a list, not headings)
    list_indent: int | None = None  #: the indentation of the current list's outermost items
    outer_action: bool = False  #: the last outermost item opens with an action word
    nested: bool = False  #: the current item is indented under an outermost item of action
    #: an item ending in ":" leads in the items after it (``(outer lead-in, deepest indent)``)
    item_lead: tuple[str, int] | None = None
    #: a run-in role label over prose (``Vision 2035:``) names that paragraph only: the path
    #: and role to return to after it
    label_scope: tuple[list[tuple[str, str | None]], str | None] | None = None

    @property
    def title(self) -> str:
        """The document title (the first heading)."""
        return self.path[0][0] if self.path else ""

    def section(self) -> str:
        """The heading path, ``A > B > C``."""
        return " > ".join(h for h, _ in self.path)

    def saw_text(self, text: str = "") -> None:
        """Record that text (not a heading) came after the last heading; ``text`` of a few
        words or more is running text (a label such as ``Huvudgren:`` is not)."""
        self.fresh = False
        self.page_text = self.page_text or len(text.split()) >= _PAGE_TEXT_WORDS

    def enter(self, heading: str, role: str | None = None) -> str | None:
        """Place a heading in the path; return the role the text below it takes."""
        path = self.path
        own = role or role_of(heading, owner=bool(path))
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
            elif len(path) > 1 and (own not in SUB_ROLES or path[-1][1] is not None):
                path.pop()  # a sibling of the deepest heading (Bakgrund … → Åtgärder …)
        path.append((heading, own))
        self.fresh = True
        self.last_kind = None
        self.role = self._role()
        return self.role

    def enter_numbered(self, heading: str, number: str, role: str | None = None) -> str | None:
        """Place a numbered heading (``11.3.1 …``) under the heading its number extends.

        Example:
            >>> st = OutlineState()
            >>> _ = st.enter("Plan"); _ = st.enter_numbered("11. Insatser", "11")
            >>> _ = st.enter_numbered("11.3 Rekrytering", "11.3"); _ = st.enter("Vikarier")
            >>> st.enter_numbered("11.4 Lön", "11.4"), st.section()
            ('measure', 'Plan > 11. Insatser > 11.4 Lön')
        """
        parts = number.rstrip(".").split(".")
        role = role or role_of(heading[len(heading.split()[0]) :].strip())
        path = self.path
        while len(path) > 1:
            above = _NUMBER.match(path[-1][0])
            above_parts = above.group(1).split(".") if above else None
            if above_parts is not None and parts[: len(above_parts)] == above_parts != parts:
                break
            path.pop()
        path.append((heading, role))
        self.fresh = True
        self.last_kind = None
        self.role = self._role()
        return self.role

    def _role(self) -> str | None:
        for i in range(len(self.path) - 1, -1, -1):
            role = self.path[i][1]
            if role is not None and role != _DATED_SUB:
                if i == 0 and role in _WHOLE_ROLES:
                    return None  # a title names the page's subject: its text is still read
                return role if i > 0 or len(self.path) == 1 else None
        return None


def _groups(lines: list[Line]) -> list[list[Line]]:
    """Group a block's lines into items and paragraphs.

    A bullet or numbered line starts an item; a lower-case line continues the item above
    it. Other lines are wrapped prose when the line before them is long or does not end
    a sentence and they do not start in upper case; otherwise (a short line without a stop,
    a line ending a sentence) a new paragraph starts: web pages put headings and paragraphs
    on lines of their own, PDFs wrap sentences over lines.
    """
    groups: list[list[Line]] = []
    for line in lines:
        marker = BULLET.match(line.text) or NUMBERED.match(line.text)
        if groups and not marker:
            prev = groups[-1][-1].stripped
            starts_lower = line.stripped[:1].islower()
            in_item = bool(BULLET.match(groups[-1][0].text) or NUMBERED.match(groups[-1][0].text))
            wrapped = not _SENTENCE_END.search(prev) and (starts_lower or len(prev) >= _WRAP)
            if (in_item and starts_lower) or (not in_item and wrapped):
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _kind_for(state: OutlineState) -> str:
    """The kind a section's role gives its text when the content does not decide."""
    role = state.role
    if role in ("furniture", "effect", "goal", "follow_up"):
        return role
    return "context"


def _prose_section(state: OutlineState) -> str | None:
    return state.role if state.role in ("goal", "measure", "context") else None


def prose_units(text: str, start: int, end: int, state: OutlineState) -> list[Unit]:
    """Units of one paragraph of prose, by what its sentences say (see :mod:`.content`).

    Under an effect or follow-up heading the paragraph takes that role whole; page-widget
    text is furniture. Inline numbered points (``… beslut 1. Anta … 2. Ge …``, as a PDF
    flattened to one line gives them) are items of their own.

    Example:
        >>> src = "Det råder brist. Lönen ska vara konkurrensmässig."
        >>> [u.kind for u in prose_units(src, 0, len(src), OutlineState())]
        ['context', 'goal']
    """
    kind = _kind_for(state)
    if kind not in ("goal", "context"):
        widget = state.path[-1][0] if state.path else ""
        note = f"under the page-widget heading {widget!r}" if kind == "furniture" else ""
        return [Unit(start, end, kind, state.section(), note=note)]
    units: list[Unit] = []
    pos = start
    for number, item_start, item_end in _inline_items(text, start, end):
        units.extend(_sentence_units(text, pos, item_start, state))
        units.append(_item_unit(text, item_start, item_end, state, ref=number))
        pos = item_end
    units.extend(_sentence_units(text, pos, end, state))
    return units


def _sentence_units(text: str, start: int, end: int, state: OutlineState) -> list[Unit]:
    start, end = trim_span(text, start, end)
    if start >= end:
        return []
    units = []
    runs = read_prose(
        text,
        start,
        end,
        section=_prose_section(state),
        doc_has_list=state.has_list,
        after=state.last_kind,
    )
    for s, e, kind, cue in runs:
        unit = Unit(s, e, kind, state.section())
        units.append(_with_parent(unit, state, uppdrag=cue == "uppdrag"))
    last = swedish.sentences(text[start:end])
    # a lead-in that points back (Dessa är att:) names its list in the sentence before
    back = len(last) > 1 and _ANAPHOR.match(text, start + last[-1][0]) is not None
    state.lead_in = text[start + last[-2 if back else -1][0] : end] if last else ""
    state.listed = False
    return units


def _with_parent(unit: Unit, state: OutlineState, *, uppdrag: bool = False) -> Unit:
    """A measure after an uppdrag is one of its steps (level 2); a new uppdrag starts over."""
    state.last_kind = unit.kind
    if unit.kind != "measure":
        return unit
    if uppdrag:
        state.uppdrag = unit.start
        return unit
    return unit.with_(parent=state.uppdrag) if state.uppdrag is not None else unit


def _inline_items(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Numbered points inside a paragraph: ``(number, start, end)``, numbered 1, 2, 3 …

    A point runs to the next point; the last one to the end of its first sentence.
    """
    marks = [m for m in _INLINE_NUMBER.finditer(text, start, end)]
    chain: list[re.Match[str]] = []
    for m in marks:
        expected = int(chain[-1].group(1)) + 1 if chain else 1
        if int(m.group(1)) == expected or (not chain and m.start() == start):
            chain.append(m)
    if len(chain) < 2 and not (chain and chain[0].start() == start):
        return []
    items = []
    for i, m in enumerate(chain):
        if i + 1 < len(chain):
            stop = chain[i + 1].start()
        else:
            body = text[m.end() : end]
            first = swedish.sentences(body)
            stop = m.end() + first[0][1] if first else end
        s, e = trim_span(text, m.start(), stop)
        if s < e:
            items.append((m.group(1), s, e))
    return items


def item_kind(text: str, start: int, end: int, state: OutlineState) -> tuple[str, str]:
    """The kind of a bullet or numbered item, and the cue: ``(kind, cue)``.

    Under an effect, follow-up or widget heading the item takes the section's role. Otherwise
    the scorer of :mod:`.kinds` reads it (its first sentence, the section's role, its list's
    lead-in and how many of the list's items open with an action word): a measure, a goal, or
    else the section's kind (context by default).

    Example:
        >>> src = "Stärk samverkan mellan arbetsgivare"
        >>> item_kind(src, 0, len(src), OutlineState())
        ('measure', 'measure')
    """
    role_kind = _kind_for(state)
    if role_kind in ("furniture", "effect", "follow_up"):
        return role_kind, "section"
    body = clean_text(_MARKER.sub("", text[start:end], count=1))
    candidate = Candidate(
        body,
        start,
        end,
        item=True,
        section=_prose_section(state),
        lead_in=state.lead_in,
        list_share=state.list_shares.get(start, 0.0),
        doc_has_list=state.has_list,
        quoted=_quote_item(text[start:end], start not in state.list_shares),
        nested=state.nested,
    )
    kind, found = classify(candidate)
    if kind in ("measure", "goal"):
        return kind, "uppdrag" if kind == "measure" and found["uppdrag_given"] else kind
    return role_kind, "section"


def _quote_item(item: str, alone: bool) -> bool:
    """A dash "item" that is reported speech (``– Jag är glad … säger hon``): a news page's quote
    paragraph, alone or holding more than one sentence (dash list items are short)."""
    return is_quote(item) and (alone or len(swedish.sentences(item)) > 1)


def has_action_list(text: str) -> bool:
    """Whether a document lists its actions: an action item, or a measure heading.

    Example:
        >>> has_action_list("Plan\\n\\n• Utveckla stödet"), has_action_list("- anta budgeten")
        (True, False)
    """
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        if BULLET.match(s) or (NUMBERED.match(s) and is_list_item(s)):
            body = _MARKER.sub("", s, count=1)
            words = [t.text for t in swedish.tokenize(body)]
            if words and swedish.is_action_verb(words[0]) and not is_decision(body):
                return True
        elif is_heading_text(s) and role_of(s) == "measure":
            return True
    return False


def _item_unit(text: str, start: int, end: int, state: OutlineState, ref: str = "") -> Unit:
    state.saw_text(text[start:end])
    state.listed = True
    kind, cue = item_kind(text, start, end, state)
    prose = clean_text(_MARKER.sub("", text[start:end], count=1))
    unit = Unit(start, end, kind, state.section(), ref=ref, text=prose)
    if prose.endswith(":") and state.list_indent is not None:
        # an item that ends in a colon (… t ex genom att:) introduces the items after it
        state.item_lead = (state.lead_in, -1)
        state.lead_in = prose
    return _with_parent(unit, state, uppdrag=cue == "uppdrag")


def block_units(text: str, block: Block, state: OutlineState) -> list[Unit]:
    """Units of one paragraph block; furniture lines split it into contiguous runs.

    Example:
        >>> src = "Åtgärder\\n• Rekrytera"
        >>> [u.kind for u in block_units(src, next(iter_blocks(src)), OutlineState())]
        ['meta', 'measure']
    """
    units: list[Unit] = []
    run: list[Line] = []
    lines = block.lines
    for i, line in enumerate(lines):
        reason = _line_furniture(line, lines[i + 1] if i + 1 < len(lines) else None, state)
        if reason:
            units.extend(_run_units(text, run, state))
            run = []
            s, e = line.trimmed_span()
            units.append(Unit(s, e, "furniture", state.section(), note=reason))
        else:
            run.append(line)
    units.extend(_run_units(text, run, state))
    return units


def _line_furniture(line: Line, following: Line | None, state: OutlineState) -> str | None:
    """Why a line is furniture: the vocabulary, a caption, an alt text, a repeated line."""
    reason = furniture_reason(line.text)
    if reason:
        return reason
    if _is_caption(line.stripped):
        return "image caption"
    alt = _at_most_words(line.stripped, _ALT_WORDS) and not BULLET.match(line.text)
    if alt and following is not None and _is_caption(following.stripped):
        return "image alt text (the line above its caption)"
    if (
        line.stripped in state.repeated
        and not is_lead_in(line.stripped)
        and not _role_label(line.stripped)  # a section's label, repeated (Vision 2035:)
    ):
        return "line repeated on the page (navigation)"
    return None


def _is_caption(line: str) -> bool:
    """``Foto: …``: a caption's label holds a colon, so a line without one is none."""
    return ":" in line and _CAPTION.search(line) is not None


def _run_units(text: str, content: list[Line], state: OutlineState) -> list[Unit]:
    units: list[Unit] = []
    if not content:
        return units
    first = content[0]
    heading = clean_text(first.text).lstrip("#").strip()
    furniture_block = role_of(heading) == "furniture"
    if furniture_block and len(content) == 1 and not state.page_text:
        # a widget's name alone on a line above all of the page's text (Translate, Telefon,
        # Kontakt, Öppna mobilmenyn): a link in the page's header, not a block that holds
        # what follows
        s, e = _span(content)
        return [Unit(s, e, "furniture", state.section(), note="link in the page's header")]
    if furniture_block and is_heading_text(first.text):
        # a widget or contact block: the heading and what it holds
        state.enter(heading)
        s, e = _span(content)
        note = role_note(heading)
        return [Unit(s, e, "furniture", state.section(), title=heading, note=note)]
    groups = _groups(content)
    if (
        not state.path
        and len(groups) > 1
        and all(
            len(g) == 1
            and is_heading_text(g[0].stripped)
            and not _starts_with_action(g[0].stripped)
            for g in groups
        )
    ):  # the document's title block ("Plan 2025–2027" over "Kommun, förvaltning"): labels
        for group in groups:
            s, e = _span(group)
            title = clean_text(group[0].text).lstrip("#").strip()
            if not state.path:
                state.enter(title)
            units.append(Unit(s, e, "meta", state.section(), title=title))
        return units
    listed = set(_unmarked_list(groups))
    for g, group in enumerate(groups):
        s, e = _span(group)
        line = group[0]
        after = groups[g + 1][0].text if g + 1 < len(groups) else state.next_line
        _place_item(line.text, state)
        if BULLET.match(line.text) or g in listed:
            units.append(_item_unit(text, s, e, state))
            continue
        numbered = NUMBERED.match(line.text)
        # a numbered line alone in its block with prose after it (not a list, not a heading)
        alone = (
            len(groups) == 1
            and bool(after.strip())
            and not (BULLET.match(after) or NUMBERED.match(after) or is_heading_text(after))
        )
        if len(group) == 1 and (
            _SECTION_NUMBER.match(line.stripped)
            or _numbered_heading(line.stripped, state)
            or (alone and _numbered_title(line.stripped))
        ):  # "11.3 Insatser för …", "11. Stadsövergripande insatser" outside a list, or a
            # short numbered title alone in its block over prose ("1. Inledning")
            title = clean_text(line.text)
            number = title.split()[0].rstrip(".")
            state.enter_numbered(title, number)
            state.lead_in = ""
            units.append(Unit(s, e, "meta", state.section(), ref=number, title=title))
            continue
        if numbered and is_list_item(text[s:e]):
            inline = _inline_items(text, s, e)
            if len(inline) > 1 and inline[0][1] == s:  # the next points inline (PDF text)
                units.extend(_item_unit(text, a, b, state, ref=n) for n, a, b in inline)
                units.extend(_sentence_units(text, inline[-1][2], e, state))
                state.last_number = int(inline[-1][0])
            else:
                units.append(_item_unit(text, s, e, state, ref=numbered.group(1)))
                state.last_number = int(numbered.group(1))
            continue
        heads_list = bool(BULLET.match(after) or NUMBERED.match(after))
        if len(group) == 1 and (_is_heading(line, state, heads_list) or _role_label(line.stripped)):
            title = clean_text(line.text).lstrip("#").strip().strip("*_").rstrip(":").strip()
            label = _role_label(line.stripped) and not heads_list
            scope = (list(state.path), state.role) if label else None
            units.append(_heading_unit(text, s, e, title, state))
            state.label_scope = scope
            if heads_list and announces_goals(f"{title}:"):
                # a heading over its list that names goals (Åtta övergripande mål ska styra
                # arbetet) introduces the list as a lead-in ending in a colon would
                state.lead_in, state.listed = f"{title}:", False
            continue
        state.saw_text(text[s:e])
        if len(group) == 1 and _starts_with_action(line.stripped):
            units.append(_item_unit(text, s, e, state))  # a short line that is an action
            continue
        units.extend(prose_units(text, s, e, state))
        if state.label_scope is not None:  # the labelled paragraph read: back to the section
            state.path[:], state.role = state.label_scope
            state.label_scope = None
    return units


def _place_item(line: str, state: OutlineState) -> None:
    """Record how deep a list line stands: ``state.nested`` when it is indented under an
    outermost item of its list that opens with an action word (a sub-item of an action: its
    step or its description); a line that is no list item ends the list.

    Example:
        >>> st = OutlineState()
        >>> for line in ("- Stärk samverkan", "  - Genom den skapas mer", "- Bakgrund", "  - A"):
        ...     _place_item(line, st); print(st.nested)
        False
        True
        False
        False
    """
    if not (BULLET.match(line) or NUMBERED.match(line)):
        state.list_indent, state.nested = None, False
        if state.item_lead is not None:
            state.lead_in, state.item_lead = state.item_lead[0], None
        return
    indent = len(line) - len(line.lstrip())
    if state.item_lead is not None:
        outer, deepest = state.item_lead
        if indent < deepest:  # back out of the sub-list: the list's own lead-in again
            state.lead_in, state.item_lead = outer, None
        else:
            state.item_lead = (outer, max(deepest, indent))
    deeper = state.list_indent is not None and indent > state.list_indent
    state.nested = deeper and state.outer_action
    if not deeper:
        state.list_indent = indent if state.list_indent is None else min(indent, state.list_indent)
        state.outer_action = opens_with_action(clean_text(_MARKER.sub("", line, count=1)))


def _heading_unit(text: str, start: int, end: int, title: str, state: OutlineState) -> Unit:
    """A heading: a label (``meta``), or -- when a lead-in that announces goals stands above it
    and its siblings (``Våra övergripande mål är:`` over ``Maximalt värde för
    skattepengarna``, each with its description below) -- one of the goals it announces,
    read by the scorer as an item of that lead-in's list (LABELLING.md decisions 6 and 16).
    The text under such a heading keeps its own reading: a description is no goal again.

    Example:
        >>> st = OutlineState()
        >>> _ = st.enter("Våra mål"); st.lead_in = "Våra övergripande mål är:"
        >>> src = "Attraktiva livsmiljöer i hela kommunen"
        >>> _heading_unit(src, 0, len(src), src, st).kind
        'goal'
        >>> st.saw_text(); _heading_unit(src, 0, len(src), src, st).kind  # a sibling
        'goal'
    """
    announced = bool(state.lead_in) and not state.listed and announces_goals(state.lead_in)
    if announced:
        state.goal_lead = state.lead_in.strip()
    state.enter(title)
    state.lead_in = ""
    depth = len(state.path)
    if announced:
        state.goal_depth = depth
    own_role = role_of(title)
    if state.goal_depth is not None and (depth < state.goal_depth or own_role is not None):
        state.goal_depth = None  # left the announced headings (a shallower or a role heading)
    if state.goal_depth == depth and own_role is None:
        candidate = Candidate(
            title, start, end, item=True, lead_in=state.goal_lead, doc_has_list=state.has_list
        )
        if classify(candidate)[0] == "goal":
            return Unit(start, end, "goal", state.section(), title=title, text=title)
    return Unit(start, end, "meta", state.section(), title=title)


_TITLE_WORDS = 4  # a numbered line alone over prose with at most this many words is a title


def _numbered_title(line: str) -> bool:
    """``1. Inledning``: a short numbered title (no sentence, no action verb first).

    Example:
        >>> _numbered_title("1. Inledning"), _numbered_title("1. Rekrytera fler lärare")
        (True, False)
    """
    numbered = re.match(r"(\d{1,2})\.\s+(?=[A-ZÅÄÖ])", line)
    if not numbered:
        return False
    rest = line[numbered.end() :]
    return (
        len(rest.split()) <= _TITLE_WORDS
        and is_heading_text(rest)
        and not _starts_with_action(rest)
    )


def _numbered_heading(line: str, state: OutlineState) -> bool:
    """``11. Stadsövergripande insatser``: a numbered title that continues no list.

    A list counts 1, 2, 3 …; a number other than 1 that does not follow the last item's
    number, on a short line that reads as a title, numbers a section.
    """
    numbered = re.match(r"(\d{1,2})\.\s+(?=[A-ZÅÄÖ])", line)
    if not numbered:
        return False
    number = int(numbered.group(1))
    follows = state.last_number is not None and number == state.last_number + 1
    rest = line[numbered.end() :]
    return number > 1 and not follows and is_heading_text(rest) and not _starts_with_action(rest)


def _unmarked_list(groups: list[list[Line]]) -> list[int]:
    """Indexes of the groups that are items of a list written without markers.

    A web page may list items one per line, with no bullet: two or more short lines in a row
    that read as titles (no sentence end, not a lead-in) inside one paragraph block. When a
    run is followed by prose in the same block, its last line is that prose's heading.
    """

    def title_line(group: list[Line]) -> bool:
        s = group[0].stripped
        marked = BULLET.match(group[0].text) or NUMBERED.match(group[0].text)
        return len(group) == 1 and not marked and is_heading_text(s) and not is_lead_in(s)

    found: list[int] = []
    g = 0
    while g < len(groups):
        if not title_line(groups[g]) or groups[g][0].stripped.startswith("#"):
            g += 1
            continue
        run = g
        while run < len(groups) and title_line(groups[run]):
            run += 1
        members = list(range(g, run if run == len(groups) else run - 1))
        if len(members) >= 2:
            found.extend(members)
        g = max(run, g + 1)
    return found


def _role_label(line: str) -> bool:
    """A short label naming a section's role, ending in a colon (``Åtgärder 2024:``), also in
    Markdown emphasis (``**Vision 2035:**``).

    Example:
        >>> _role_label("**Vision 2035:**"), _role_label("Vision 2035"), _role_label("Datum:")
        (True, False, False)
    """
    line = line.strip("*_ ")
    return line.endswith(":") and len(line.split()) <= 4 and role_of(line.rstrip(":")) is not None


def _starts_with_action(line: str) -> bool:
    short = len(line) <= _ACTION_LINE and not line.rstrip().endswith(":")  # not a lead-in
    if not short:
        return False  # (a long line is not tokenized: linear time on one-line PDF text)
    words = [t.text for t in swedish.tokenize(line)]
    return bool(words) and swedish.is_action_verb(words[0])


def is_list_item(text: str) -> bool:
    """A numbered line is a list item when its number is marked (``1.``, ``2)``) or it is short.

    A long line that merely starts with a bare number is a page of flattened PDF text that
    starts with its page number: prose.

    Example:
        >>> is_list_item("1. Upprop"), is_list_item("3 Rekrytera fler")
        (True, True)
        >>> is_list_item("2 Dessa förslag bygger på följande. " * 8)
        False
    """
    marked = re.match(r"\s*\d{1,2}[.)]", text)
    return bool(marked) or len(text) <= _ACTION_LINE


def _is_heading(line: Line, state: OutlineState, heads_list: bool = False) -> bool:
    """A lone short line is a heading only when it reads like one.

    Not a heading: the document's last line, a line under a contact or widget heading (that
    is its content: a name, an address), a line ending a sentence, a lead-in that ends in a
    function word (``Regionstyrelsen beslutar att``), a line starting with an action verb —
    unless a list follows it (a strategy's name above its actions: ``Bredda rekryteringen``).
    """
    s = line.stripped
    if state.text_end is not None and line.trimmed_span()[1] >= state.text_end:
        return False  # the document's last line heads nothing (a page cut off mid-sentence)
    if s.startswith("#"):
        return True
    if not is_heading_text(s) or is_lead_in(s):
        return False
    if _starts_with_action(s) and not (heads_list or s in state.bulleted):
        # a short line that is an action, unless a list follows it (a strategy) or it names
        # the section of an item listed on the page ("• Trygga och nöjda invånare" above)
        return False
    return not (state.role == "furniture" and role_of(s) is None)


def is_lead_in(line: str) -> bool:
    """A line that introduces what follows and ends in a function word (``… beslutar att``).

    Example:
        >>> is_lead_in("Regionstyrelsen beslutar att"), is_lead_in("Insatser 2024")
        (True, False)
    """
    words = line.split()
    return len(words) > 1 and words[-1].casefold().rstrip(":,") in LEAD_IN_ENDS


def parse(text: str) -> list[Unit]:
    """Parse a plan of unknown form into lossless units.

    Example:
        >>> src = ("Min plan\\n\\nBakgrund\\n\\nVi har brist.\\n\\n"
        ...        "Åtgärder\\n\\n• Rekrytera fler\\n• Behåll")
        >>> [(u.kind, u.text or u.title) for u in parse(src)]  # doctest: +NORMALIZE_WHITESPACE
        [('meta', 'Min plan'), ('meta', 'Bakgrund'), ('context', ''),
         ('meta', 'Åtgärder'), ('measure', 'Rekrytera fler'), ('measure', 'Behåll')]
    """
    blocks = list(iter_blocks(text))
    state = OutlineState(
        repeated=repeated_lines(text),
        bulleted=bulleted_items(text),
        text_end=len(text.rstrip()),
        has_list=has_action_list(text),
        list_shares=list_shares(text, blocks),
    )
    units: list[Unit] = []
    for i, block in enumerate(blocks):
        state.next_line = blocks[i + 1].lines[0].text if i + 1 < len(blocks) else ""
        units.extend(block_units(text, block, state))
    return mark_truncated(text, _navigation(units))


def list_shares(text: str, blocks: Sequence[Block] | None = None) -> dict[int, float]:
    """For each list item (by its start), the share of its list's items that open with an action.

    A list is a run of bullet or numbered items (blank lines between them allowed), or of
    short unmarked lines in one paragraph block (:func:`_unmarked_list`). ``blocks``: the
    text's paragraph blocks (:func:`iter_blocks`) when the caller has them already.

    Example:
        >>> src = "• Översyn av lönerna\\n• Stärk ledarskapet\\n\\n• Arbetsmiljö\\n\\nText."
        >>> sorted(set(list_shares(src).values()))
        [0.6666666666666666]
    """
    lists: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for block in iter_blocks(text) if blocks is None else blocks:
        groups = _groups(list(block.lines))
        unmarked = _unmarked_list(groups)
        lists.append([(groups[g][0].trimmed_span()[0], groups[g][0].stripped) for g in unmarked])
        for g, group in enumerate(groups):
            first = group[0]
            numbered = NUMBERED.match(first.text) and is_list_item(first.stripped)
            if BULLET.match(first.text) or numbered:
                current.append((first.trimmed_span()[0], _MARKER.sub("", first.stripped, count=1)))
            elif g not in unmarked and current:
                lists.append(current)
                current = []
    lists.append(current)
    shares: dict[int, float] = {}
    for items in lists:
        if len(items) < 2:
            continue
        share = sum(opens_with_action(body) for _, body in items) / len(items)
        shares.update({start: share for start, _ in items})
    return shares


def repeated_lines(text: str) -> frozenset[str]:
    """Short lines that stand alone more than once on the page (menus, repeated labels).

    Example:
        >>> sorted(repeated_lines("Meny\\nText ett.\\nMeny\\nText ett."))
        ['Meny']
    """
    counts: dict[str, int] = {}
    for line in text.split("\n"):
        s = line.strip()
        if s and _at_most_words(s, _REPEATED_WORDS) and not _SENTENCE_END.search(s):
            counts[s] = counts.get(s, 0) + 1
    return frozenset(s for s, n in counts.items() if n > 1)


def bulleted_items(text: str) -> frozenset[str]:
    """The texts of the page's bullet items, without their markers.

    Example:
        >>> sorted(bulleted_items("Mål:\\n  • Trygga invånare\\n• Hållbar region\\nText."))
        ['Hållbar region', 'Trygga invånare']
    """
    out = set()
    for line in text.split("\n"):
        marker = BULLET.match(line)
        if marker and line[marker.end() :].strip():
            out.add(line[marker.end() :].strip())
    return frozenset(out)


def _navigation(units: list[Unit]) -> list[Unit]:
    """A run of headings with no text between them is a menu of links: furniture."""
    out = list(units)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].kind == "meta" and not out[j].note and j - i < 99:
            j += 1
        if j - i >= _MENU and i > 0:
            for k in range(i, j):
                out[k] = out[k].with_(kind="furniture", note="run of links (navigation)")
        i = max(j, i + 1)
    return out
