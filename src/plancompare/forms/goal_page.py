"""Parser for a goal page with assignments (Östersund's "Mål: … Så här gör vi" form).

The form's structure:

* ``Mål: <goal>`` heading (meta, titled with the goal's name), then the goal described in
  prose, read sentence by sentence: desired states are goals, rationale ("… är en
  nyckelfråga …") is context (see :mod:`.content`);
* the heading ``Så här gör vi för att nå målet <year>`` above headings such as
  ``Uppdrag från fullmäktige 2024``, each with a caption line ending in ``:``;
* a two-column table written as text: the column headers ``Uppdrag`` and
  ``Förtydligande av uppdrag`` (furniture), then for each *uppdrag* (assignment, a level-1
  measure) one paragraph naming its owner — either an abbreviation after the
  sentence (``… kompetensförsörjning. KS``, ``SAN (KS)``) or a nämnd (committee) in
  parentheses on the next line (``(Tekniska nämnden)``) — followed by its
  *förtydligande* (clarification): its bullets and the sentences saying what it involves
  (``Uppdraget innebär att …``, ``I uppdraget ingår att …``) are its steps (level-2
  measures, ``parent`` = the uppdrag); the rest is context linked to it (``link``);
* page widgets (``Nyckeltal``, ``Investeringar``) and page lines (``Sidan uppdaterad …``)
  as furniture; the update date is kept in ``extra["page_updated"]``.
"""

from __future__ import annotations

import re

from . import generic
from .base import Block, Unit, clean_text, iter_blocks, mark_truncated

COLUMN_HEADERS = ("uppdrag", "förtydligande av uppdrag")
GOAL_HEADING = re.compile(r"^Mål\s*:\s*(?P<goal>\S.*)$")
OWNER_AFTER_SENTENCE = re.compile(
    r"(?<=[.!?])\s+(?P<owner>[A-ZÅÄÖ]{2,6}(?:\s*\([A-ZÅÄÖ]{2,6}\))?)\s*$"
)
OWNER_LINE = re.compile(r"^\((?P<owner>[^()]+)\)$")
UPDATED = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _single(block: Block | None, text: str) -> str | None:
    if block is None or len(block.lines) != 1:
        return None
    return clean_text(block.text(text))


def _uppdrag(blocks: list[Block], i: int, text: str) -> tuple[str, str, int] | None:
    """If block i opens an uppdrag, return (prose, owner, number of blocks it spans)."""
    prose = clean_text(blocks[i].text(text))
    match = OWNER_AFTER_SENTENCE.search(prose)
    if match:
        return prose[: match.start()].strip(), match.group("owner"), 1
    nxt = _single(blocks[i + 1] if i + 1 < len(blocks) else None, text)
    owner = OWNER_LINE.match(nxt) if nxt else None
    if owner:
        return prose, owner.group("owner").strip(), 2
    return None


def parse(text: str) -> list[Unit]:
    """Parse a goal page into units; each uppdrag is a measure with its owner as responsible.

    Example:
        >>> src = ("Mål: Kompetens\\n\\nVi ska växa.\\n\\n"
        ...        "Uppdrag\\n\\nFörtydligande av uppdrag\\n\\n"
        ...        "Samordna arbetet. KS\\n\\nUppdraget innebär att:\\n• Göra A\\n• Göra B")
        >>> [(u.kind, u.responsible) for u in parse(src)]  # doctest: +NORMALIZE_WHITESPACE
        [('meta', ''), ('goal', ''), ('furniture', ''), ('furniture', ''), ('measure', 'KS'),
         ('context', ''), ('measure', ''), ('measure', '')]
        >>> [u.parent for u in parse(src)][-2:] == [parse(src)[4].start] * 2
        True
    """
    blocks = list(iter_blocks(text))
    state = generic.OutlineState(
        text_end=len(text.rstrip()),
        has_list=generic.has_action_list(text),
        list_shares=generic.list_shares(text),
    )
    units: list[Unit] = []
    in_table = False
    current: Unit | None = None  # the uppdrag being clarified
    i = 0
    while i < len(blocks):
        block = blocks[i]
        single = _single(block, text)
        nxt = _single(blocks[i + 1] if i + 1 < len(blocks) else None, text)
        if single and nxt and (single.casefold(), nxt.casefold()) == COLUMN_HEADERS:
            for b in blocks[i : i + 2]:
                title = clean_text(b.text(text))
                note = "table column header"
                units.append(
                    Unit(b.start, b.end, "furniture", state.section(), title=title, note=note)
                )
            in_table, current = True, None
            i += 2
            continue
        if single and nxt and nxt.casefold() == COLUMN_HEADERS[0] and single.endswith(":"):
            caption = single.rstrip(":").strip()
            units.append(
                Unit(block.start, block.end, "meta", state.section(), title=caption, note="caption")
            )
            state.saw_text()
            i += 1
            continue
        found = _uppdrag(blocks, i, text) if in_table else None
        if found:
            prose, owner, span = found
            end = blocks[i + span - 1].end
            current = Unit(
                block.start, end, "measure", state.section(), title=prose, text=prose,
                responsible=owner,
            )  # fmt: skip
            units.append(current)
            state.saw_text()
            i += span
            continue
        goal = GOAL_HEADING.match(single or "")
        if goal:  # the heading names the goal; the goal itself is what the prose says
            state.enter(single, role="goal")
            units.append(
                Unit(block.start, block.end, "meta", state.section(), title=goal.group("goal"))
            )
            i += 1
            continue
        if in_table and single and generic.is_heading_text(single):
            in_table, current = False, None
        made = generic.block_units(text, block, state)
        if in_table and current is not None:
            made = [_clarifying(text, u, current) for u in made]
        for u in made:
            date = UPDATED.search(clean_text(text[u.start : u.end]))
            if u.kind == "furniture" and u.note == "page update date" and date:
                u = u.with_(extra={"page_updated": date.group(1)})
            units.append(u)
        i += 1
    return mark_truncated(text, units)


def _clarifying(text: str, unit: Unit, uppdrag: Unit) -> Unit:
    """A unit of an uppdrag's förtydligande: bullets are its steps, other text explains it."""
    if unit.kind == "furniture":
        return unit
    if unit.kind == "measure" or generic.BULLET.match(text[unit.start : unit.end]):
        return unit.with_(kind="measure", parent=uppdrag.start)  # a step of the uppdrag
    return unit.with_(link=uppdrag.start)
