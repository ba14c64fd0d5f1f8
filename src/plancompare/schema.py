"""What every module agrees on, declared once: the unit model, form names and columns.

**The kinds of unit** are defined by *content*, not by where a form puts the text, so that
each kind means the same in every plan and counts can be compared across plans:

* ``measure`` — a concrete action the organisation commits to: an activity, *insats*,
  *åtgärd*, *uppdrag* (assignment), or a step of one. Measures form a hierarchy where the
  plan has one: ``level`` 1 is a top-level measure, ``level`` 2 a step of it, and ``parent``
  names the enclosing measure. Each measure has an ``outcome`` (:data:`OUTCOMES`).
* ``goal`` — a desired state the plan says it aims for (*mål*, "… ska ha/vara …",
  a vision): what should be true, not what will be done.
* ``effect`` — the expected result of the measures (*förväntad effekt*).
* ``context`` — background, rationale and the current state (*bakgrund*, *nuläge*): why,
  not what.
* ``follow_up`` — how, or what, was followed up (*uppföljning*, *utvärdering*).
* ``meta`` — headings, labels and form fields: the plan's structure, not its content.
* ``furniture`` — page furniture: repeated table headers, navigation, help lines, cookie
  banners, contact blocks; kept (never dropped) with a ``note`` saying why.

Provenance columns (where a unit's characters are) are kept apart from the plan's
metadata (what the manifest says about the plan) and from the unit's own fields.

Example:
    >>> KINDS
    ('goal', 'measure', 'effect', 'context', 'follow_up', 'meta', 'furniture')
    >>> KIND_DEFINITIONS["measure"].split(":")[0]
    'a concrete action the organisation commits to'
    >>> list(FRAME_COLUMNS)[:3]
    ['unit_id', 'plan_id', 'municipality']
"""

from __future__ import annotations

#: The kinds of unit and what each means (content, not form). Order is the display order.
KIND_DEFINITIONS: dict[str, str] = {
    "goal": (
        "a desired state the plan says it aims for: mål, 'ska ha/vara', vision "
        "(what should be true, not what will be done)"
    ),
    "measure": (
        "a concrete action the organisation commits to: an activity, insats, åtgärd, "
        "uppdrag, or a step of one"
    ),
    "effect": "an expected result of the measures (förväntad effekt)",
    "context": "background, rationale and the current state (bakgrund, nuläge): why, not what",
    "follow_up": "how, or what, was followed up (uppföljning, utvärdering, reported results)",
    "meta": "headings, labels and form fields: the plan's structure, not its content",
    "furniture": (
        "page furniture (table headers repeated at page breaks, navigation, help lines, "
        "cookie banners, contact blocks), kept with a note saying why"
    ),
}
KINDS: tuple[str, ...] = tuple(KIND_DEFINITIONS)
"""The unit kinds, in display order."""

PROSE_KINDS: tuple[str, ...] = ("goal", "measure", "effect", "context", "follow_up")
"""Kinds that hold the plan's own prose (headings, fields and furniture do not)."""

OUTCOME_DEFINITIONS: dict[str, str] = {
    "done": "the plan's follow-up says the measure was carried out (Klar, Slutförd)",
    "carried_over": "moved on to a later plan, usually reworked ('förs över i omarbetad version')",
    "not_done": "not completed and not carried on (Ej slutförd, 'ska inte flyttas över')",
    "unknown": "the text does not say",
}
OUTCOMES: tuple[str, ...] = tuple(OUTCOME_DEFINITIONS)
"""A measure's fate as the plan's own follow-up states it; ``""`` for other kinds."""

FORMS: tuple[str, ...] = (
    "activity_table",
    "application_form",
    "goal_page",
    "verksamhetsplan",
    "generic",
)
"""Plan forms (layouts); the manifest's ``form`` names the parser that reads a file."""

MANIFEST_COLUMNS: tuple[str, ...] = (
    "plan_id",
    "file",
    "municipality",
    "municipality_source",
    "organisation",
    "title",
    "doc_type",
    "period_start",
    "period_end",
    "form",
    "ocr",
)
"""Required columns of ``manifest.csv``, in their usual order."""

MUNICIPALITY_SOURCES: tuple[str, ...] = ("stated", "attributed")
"""``stated``: the text names its municipality; ``attributed``: inferred from outside."""

#: The plan's metadata, as the manifest gives it (the same on every unit of a plan).
#: Repeating text columns are ``category`` (one copy of each value, a small code per unit).
PLAN_COLUMNS: dict[str, str] = {
    "plan_id": "category",
    "municipality": "category",
    "municipality_source": "category",
    "organisation": "category",
    "plan_title": "category",
    "doc_type": "category",
    "period_start": "Int64",
    "period_end": "Int64",
    "form": "category",
    "ocr": "bool",
}

#: Provenance: where the unit's characters are (``read_source(file).text[start:end]``).
PROVENANCE_COLUMNS: dict[str, str] = {
    "source_file": "category",
    "char_start": "int64",
    "char_end": "int64",
    "line": "int64",
    "page_updated": "str",
}

#: The unit itself: its place in the plan's structure, its kind and its own fields.
UNIT_COLUMNS: dict[str, str] = {
    "section": "category",
    "kind": "str",
    "level": "Int64",
    "parent": "str",
    "ref": "str",
    "title": "str",
    "text": "str",
    "status": "str",
    "outcome": "str",
    "outcome_evidence": "str",
    "deadline": "str",
    "responsible": "str",
    "cost": "str",
    "own_tags": "str",
    "link": "str",
    "truncated": "bool",
    "note": "str",
}

FRAME_COLUMNS: dict[str, str] = {
    "unit_id": "str",
    **PLAN_COLUMNS,
    **PROVENANCE_COLUMNS,
    **UNIT_COLUMNS,
}
"""Every frame column and its dtype, in order."""

COLUMN_DEFINITIONS: dict[str, str] = {
    "unit_id": "stable id: <file stem>:<n>",
    "plan_id": "one id per plan; two files may share it (sections of one plan)",
    "municipality": "the municipality, or empty when the author is a region or agency",
    "municipality_source": "stated in the text, or attributed from outside it",
    "organisation": "the organisation that wrote the plan",
    "plan_title": "the plan's title (manifest)",
    "doc_type": "verksamhetsplan, uppföljning, ansökan … (manifest)",
    "period_start": "first year the plan covers",
    "period_end": "last year the plan covers",
    "form": "which parser read the file",
    "ocr": "the text is OCR output (text is OCR-repaired)",
    "source_file": "path of the source file relative to DATA/raw",
    "char_start": "offset of the unit's first character in the decoded source",
    "char_end": "offset just past the unit's last character",
    "line": "line of char_start (1-based)",
    "page_updated": "the web page's own update date, when it gives one",
    "section": "the heading path the unit sits under (A > B > C)",
    "kind": "goal, measure, effect, context, follow_up, meta or furniture (see KIND_DEFINITIONS)",
    "level": "measures: 1 = top-level, 2 = a step of it …; <NA> for other kinds",
    "parent": "unit_id of the enclosing measure, or empty",
    "ref": "the plan's own number (4.2)",
    "title": "the unit's own heading text (an activity's name, a field's label)",
    "text": "clean prose: HTML removed, whitespace folded, OCR repaired",
    "status": "the plan's own status field (Klar, Pågående …)",
    "outcome": "measures: done, carried_over, not_done or unknown; empty otherwise",
    "outcome_evidence": "the sentence or field the outcome is read from",
    "deadline": "the plan's own deadline field",
    "responsible": "who carries the measure out (Utförare, an uppdrag's owner)",
    "cost": "the plan's own cost field",
    "own_tags": "the plan's own labels, variants folded ('; '-separated)",
    "link": "for a clarification, the unit_id of the measure it clarifies",
    "truncated": "the unit stops mid-sentence (the document is cut off)",
    "note": "why a unit is furniture, or another remark about it",
}
"""What each frame column holds (for people: README, notebook, ``summary.describe``)."""
