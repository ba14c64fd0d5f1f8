"""Is a sentence or list item a measure, a goal, or neither? Named features and a linear scorer.

The generic parser cuts a plan into *candidates* -- the sentences of its prose and the items of
its lists (layout, :mod:`.generic`) -- and decides each candidate's kind from what it says,
with features that do not depend on who wrote the plan:

* the verb: an action verb in the infinitive or imperative first (``Stärk …``), in the present
  tense (``… ökar vi takten``), as a passive (``… erbjuds förskolorna …``); a modal with an
  action verb (``ska ta fram``, ``kommer att genomföra``) or with a state (``ska vara``,
  ``måste ha``); a need with an action (``behöver … bredda``); work going on (``pågår``,
  ``fortsätter``); a report (``redovisa``) or a decision formula (``godkänna``);
* nouns made from action verbs (``Översyn …``, ``Införande av …``, ``Just nu pågår en
  uppdatering``) and their participles (``Ökad självfinansiering``), derived by rule in
  :mod:`plancompare.swedish.derivation`;
* tense: done (``har genomfört``, ``upprättades``) versus planned;
* a decision reported as taken that commits to an action (``gav … i uppdrag att``,
  ``beslutade att flytta …``): the tense reports the decision, the action is still to come;
* a present-tense state after its own subject (``Invånarna är nöjda``, ``Verksamheten präglas
  av …``): how something is, no task -- a goal in a list of such items;
* the subject: ``vi``, an organisation (``kommunen``, ``nämnden``, ``förvaltningen``), or a
  document (``Planen ska …``: a purpose, a goal);
* dates: a candidate opening with a date (``Den 1 februari 2018 …``, ``1 september 2017:``), a
  deadline for a state (``… bli oberoende senast 2019``);
* aims stated outright (``Målet är att``, ``vill att``) and words of rationale (``brist``,
  ``utmaning``, ``i dag``);
* layout: a list item, the section's role (``Insatser``, ``Mål``), the lead-in of its list
  (``… följande behöver göras:`` versus ``I förslagen ska ingå:``), the share of its list's
  items that open with an action word, whether the document has a list of actions at all.

:class:`KindModel` is a multinomial logistic regression over these features
(:class:`KindScorer` is the same model as a scikit-learn estimator). Its weights are fitted by
``benchmarks/fit_unit_kinds.py`` on the labelled development texts and shipped as
``data/forms/kind_weights.csv`` (one row per feature, one column per kind): parsing reads the
file, nothing is trained at run time, and a reader can see -- and edit -- what each feature
weighs. Parsing needs NumPy only; scikit-learn is imported when ``KindScorer`` is asked for.

Example:
    >>> kind_of(Candidate("Stärk samverkan med högskolan", item=True))
    'measure'
    >>> kind_of(Candidate("Kommunen ska vara en attraktiv arbetsgivare."))
    'goal'
    >>> kind_of(Candidate("Det råder brist på lärare i dag."))
    'other'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path
from typing import NamedTuple
from weakref import WeakKeyDictionary

import numpy as np

from .. import swedish
from ..paths import RESOURCES
from ..swedish.derivation import is_action_noun, is_action_participle, verb_tense
from .vocab import read_rows

__all__ = [
    "CLASSES",
    "CUES",
    "FEATURES",
    "WEIGHTS_PATH",
    "Candidate",
    "KindModel",
    "announces_goals",
    "classify",
    "commits_to_action",
    "cues",
    "decided_action",
    "introduces_list",
    "is_decision",
    "default_scorer",
    "features",
    "kind_of",
    "main_clause",
    "present_state",
    "recording",
    "use",
]

WEIGHTS_PATH = RESOURCES / "forms" / "kind_weights.csv"
CLASSES = ("goal", "measure", "other")
_INTERCEPT_PENALTY = 0.01  # the intercepts (class frequencies) follow the data, barely the prior


@dataclass(frozen=True)
class Candidate:
    """A sentence or list item with what the layout says about it.

    ``text`` is the sentence, or the item without its marker; ``start``/``end`` its span in
    the source (for fitting); ``section`` the role of its section (``measure`` under
    ``Insatser``, ``goal`` under ``Mål``, ``context`` …, or None); ``lead_in`` the sentence
    that introduces an item's list; ``list_share`` the share of the list's items that open
    with an action word; ``doc_has_list`` whether the document lists its actions; ``first``
    whether the sentence opens its paragraph; ``quoted`` whether it is reported speech (a
    paragraph opened by a dash, ``– Vi …``, or tagged ``…, säger X``); ``nested`` whether an
    item is indented under the outermost items of its list (a sub-item).
    """

    text: str
    start: int = 0
    end: int = 0
    item: bool = False
    section: str | None = None
    lead_in: str = ""
    list_share: float = 0.0
    doc_has_list: bool = False
    first: bool = True
    quoted: bool = False
    nested: bool = False


# ------------------------------------------------------------------------------ word lists
# Small closed classes of Swedish grammar, not vocabulary of any plan: the state verbs a modal
# takes when it states what shall be true, the verbs of reporting, the subjects.
_STATE_VERBS = frozenset(
    ("vara", "ha", "bli", "kunna", "uppleva", "upplevas", "känna", "präglas", "kännetecknas",
     "genomsyras", "finnas", "befinna", "nå", "uppnå", "ses", "erbjudas", "öka", "minska",
     "prägla", "känneteckna", "genomsyra", "understiga", "överstiga", "uppgå")
)  # fmt: skip
_AUXILIARIES = frozenset(
    (
        "vara",
        "ha",
        "bli",
        "kunna",
        "få",
        "vilja",
        "behöva",
        "komma",
        "finnas",
        "krävas",
        "gälla",
        "innebära",
        "öka",
        "minska",
        "växa",
        "påverka",
        "förändras",
        "ge",
    )
)  # fmt: skip -- after a modal these state or predict; they commit to no action
# Light verbs: "vi arbetar med …", "vi gör det" say that work exists, not which action.
_LIGHT_VERBS = frozenset(("arbeta", "göra", "ta", "ge", "ha", "få"))
# Verbs of cause: "Förfarandet skapar en ryckighet …", "Det medför …" state a consequence unless
# the organisation is their actor ("Vi skapar fler platser").
_CAUSAL_VERBS = frozenset(("skapa", "medföra", "leda", "orsaka", "innebära", "bidra"))
_REPORTING = frozenset(
    ("redovisa", "delredovisa", "slutredovisa", "rapportera", "informera", "redogöra",
     "återrapportera")
)  # fmt: skip
# A duty to report (ska redovisa, ska redogöra för) is follow-up: after a modal it commits to no
# action (informera stays an action there: informing staff is a task, LABELLING.md decision 1).
_REPORTING_DUTY = _REPORTING - {"informera"}
# Verbs of containing: "Planen ska innehålla …" says what a document holds, not what is done.
_CONTAINING = frozenset(("innehålla", "omfatta", "inkludera", "beskriva", "rymma"))
# "För att nå målet …": a goal named as what the sentence serves, not a goal stated.
_SERVES_GOAL = re.compile(r"\bför att (upp)?nå\s+(\w+\s+){0,2}?(målet|målen|målsättningen)\b", re.I)
_ORGANISATIONS = frozenset(
    ("kommun", "region", "landsting", "nämnd", "förvaltning", "styrelse", "myndighet",
     "regering", "regeringen", "stad", "enhet", "kontor", "verk", "förbund", "utskott",
     "fullmäktige", "avdelning", "grupp", "organisation", "staden", "kommunen")
)  # fmt: skip
_DOCUMENTS = frozenset(
    ("plan", "planen", "strategi", "policy", "program", "riktlinje", "underlag", "dokument",
     "handlingsplan", "styrdokument", "överenskommelse")
)  # fmt: skip
# Where a clause's subject stands: "vi" may follow a fronted adverbial and the verb ("Den 1
# september ökar vi …"); an organisation or a document opens its clause ("Planen ska …").
_WE_WINDOW, _ORG_WINDOW, _DOCUMENT_WINDOW = 8, 4, 3
_YOU_WINDOW = 4  # 'du' this early in the main clause is its subject (Här kan du, Vill du)
_GOAL_NOUNS = frozenset(("mål", "målsättning", "vision", "ambition", "målbild"))
_COPULAS = frozenset(("är", "blir", "vara", "bli"))
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_WORD = re.compile(r"[\wåäöÅÄÖéÉ-]+")
# a modal of commitment: ska, kommer att, and the verbs of a promise (lovar att, åtar sig att)
_MODAL = re.compile(
    r"\b(ska|skall|kommer(?:\s+[\wåäö]+){0,6}?\s+att|kommer|lovar(?:\s+att)?"
    r"|(?:åtar|förbinder)\s+(?:sig|vi\s+oss)\s+att)\s+",
    re.I,
)
_STATE_MODAL = re.compile(r"\b(ska|skall|måste|behöver)\s+", re.I)
_NEED = re.compile(
    r"\b(behöver|behövs|behöva|krävs|måste|(?:viktigt|angeläget|nödvändigt) att)\s+", re.I
)
_OPENING_CLAUSE = re.compile(
    r"^(om|när|då|eftersom|för att|även om|innan|efter att)\b(\W+\w+){0,5}?\W*,", re.I
)  # a short opening subordinate clause closed by a comma
_ATT = re.compile(r"\batt\b", re.I)
_RELATIVE = re.compile(r",\s*som\b[^,.;:]*,")  # an inserted relative clause
_SUBORDINATE = re.compile(r"\b(för att|så att|eftersom|därför att|när|där|vilket)\b", re.I)
_DATE_FIRST = re.compile(
    rf"^((den|från och med|fr\.o\.m\.|under|senast|till|i|efter|före)\s+)?"
    rf"(\d{{1,2}}\s+({_MONTHS})(\s+\d{{4}})?|({_MONTHS}|våren|hösten|sommaren)(\s+\d{{4}})?|"
    rf"(år\s+)?(19|20)\d\d(\s*[-–]\s*(19|20)?\d\d)?)\b\s*[:,–-]?",
    re.I,
)
_MONTH_NAMES = frozenset(_MONTHS.split("|"))
# The negation adverbs: between a particle verb and its particle they deny the action ("Vi byter
# inte ut …").
_NEGATIONS = frozenset(("inte", "icke", "ej"))
_DATED = re.compile(rf"\b((19|20)\d\d|{_MONTHS}|senast|kvartal)\b", re.I)
_DEADLINE = re.compile(
    rf"\b(senast|till år|år)\s+(\d{{1,2}}\s+)?(({_MONTHS})\s+)?(19|20)\d\d", re.I
)
_TARGET_VERB = re.compile(r"\b(bli|blir|vara|nå|når|uppnå|uppnått)\b", re.I)
_CONDITIONAL = re.compile(r"^(om|även om|i den mån)\b", re.I)
_LEAD_IN_END = re.compile(r"(:|\bföljande( \w+)?[.:])\s*$", re.I)
_VERBAL_LEAD_IN = re.compile(r"\b(att|vi|ska|skall|kommer att|bör|behöver|genom att)\s*:\s*$", re.I)
# A lead-in line that stops at its modal, the items finishing its sentence ("Vi ska" + "• aktivt
# arbeta med …"): no colon is needed.
_OPEN_MODAL_END = re.compile(r"\b(ska|skall|kommer att|bör|behöver)\s*$", re.I)
# A lead-in that is a subject and a bare "ska" ("Härjedalens kommun ska:", "Vi ska"): it lends its
# modal to the items, which say by their own words whether they are tasks or states.
_BARE_MODAL_LEAD = re.compile(r"\b(ska|skall)\s*:?\s*$", re.I)
# Verbs whose object is a state to reach or keep (säkra en god arbetsmiljö, ha med perspektivet):
# an item opening with one names an aim unless its list announces actions.
_AIM_VERBS = frozenset(
    ("säkra", "säkerställa", "tillgodose", "trygga", "främja", "bidra", "verka", "ha", "vara")
)
# A lead-in whose list holds goals: a goal noun ends it ("… följande effektmål:"), or names what
# a copula or "ingår" lists ("Delmål för varje insatsområde är:", "Inom målet X ingår:") -- not a
# goal that a preposition merely places the list in ("… bidrar inom målet:").
_LISTING_END = re.compile(r"\b(är|blir|ingår)(\s+att)?\s*:\s*$", re.I)
# A lead-in that lends its items a modal and a state verb (``Kommunen ska vara:``, ``Vi vill
# ha:``): each item completes a state to reach (LABELLING.md decisions 4 and 6).
_STATE_LEAD_END = re.compile(
    r"\b(ska|skall|vill)\s+(\w+\s+)?(vara|bli|ha|präglas av|kännetecknas av)\s*:\s*$", re.I
)
# Sentence adverbs of time and order that open a clause before its verb (V2: the subject then
# follows the verb).
_ADVERBS = frozenset(
    ("initialt", "inledningsvis", "därefter", "sedan", "först", "slutligen", "årligen", "nu",
     "framöver", "fortsättningsvis", "dessutom", "därför", "också", "även", "parallellt")
)  # fmt: skip
_PREPOSITIONS = frozenset(
    ("inom", "för", "till", "mot", "av", "med", "under", "om", "i", "på", "från", "enligt", "kring")
)
# A responsibility (ansvar, ansvara, utvecklingsansvaret) named by a lead-in: a standing remit.
_REMIT = frozenset(("ansvar", "ansvara"))
# Verbs of beginning: "Regionförbundet påbörjade under 2016 en dialog" began work that goes on;
# their preterite is no report of something done (as "har börjat" is no perfect).
_BEGIN = frozenset(("börja", "påbörja", "starta", "inleda"))
# Verbs that report findings or opinions: "Undersökningen visar att:" lists what was found, and
# "att:" after them announces no actions.
_FINDINGS = frozenset(
    ("visa", "framgå", "konstatera", "tycka", "mena", "uppge", "säga", "anse", "svara", "peka")
)
# a lead-in that gives examples (t ex genom att:, till exempel:, exempel på …:)
_EXAMPLES = re.compile(r"\b(t\.?\s?ex\b|till exempel\b|exempelvis\b|exempel på\b)", re.I)
# a means adverbial opening a sentence (Genom att …, Med ett …): how, or what results
_MEANS = frozenset(("genom", "med"))
_ACTION_NAME = re.compile(r"\b(åtgärder|insatser|aktiviteter|uppdrag)\b", re.I)
# Nouns that name an action whatever their first part (utbildningsinsats, rekryteringsåtgärd);
# a clause whose subject is such a noun may have a long subject before its modal.
_ACTION_HEADS = frozenset(("insats", "insatser", "åtgärd", "åtgärder", "aktivitet", "satsning"))
_ACTION_SUBJECT = 12
# A perfect reports what was done -- except a begun action, which goes on (har börjat intervjua,
# har arbetet påbörjats med att …).
_PERFECT = re.compile(
    r"\b(har|hade)\s+(\w+\s+){0,2}(?!(?:på)?börjats?\b|startats?\b|inletts?\b)"
    r"\w+(at|it|ts|ats|its)\b",
    re.I,
)
_ADES_MIN = 6  # "-ades" words longer than this are preterite passives (undertecknades)


#: Features read from the phrase vocabulary ``data/forms/sentence_cues.csv``.
CUES = (
    "goal_phrase", "enabling", "uppdrag_given", "uppdrag_held", "uppdrag_received", "ongoing",
    "focus", "deliverable", "done", "describes", "rationale", "legal", "purpose",
    "uppdrag_standing", "field_work", "improve_state", "perfect_task", "generic_actions",
    "allocation", "granted", "remit", "protocol_form",
)  # fmt: skip


@cache
def sentence_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, cue) pairs from ``data/forms/sentence_cues.csv`` (each cue is a feature).

    Example:
        >>> {cue for _, cue in sentence_cues()} == set(CUES)
        True
    """
    rows = read_rows("sentence_cues.csv")
    return tuple((re.compile(r["pattern"], re.I), r["cue"]) for r in rows)


@cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per cue, the alternation of its rows: it finds a match exactly when one of
    the cue's patterns does (one search per cue and sentence instead of one per row)."""
    rows: dict[str, list[str]] = {}
    for r in read_rows("sentence_cues.csv"):
        rows.setdefault(r["cue"], []).append(f"(?:{r['pattern']})")
    return {cue: re.compile("|".join(found), re.I) for cue, found in rows.items()}


def cues(sentence: str) -> frozenset[str]:
    """The cues whose phrases occur in a sentence.

    Example:
        >>> sorted(cues("Målet är att fler ska söka sig hit, där bristen är stor."))
        ['goal_phrase', 'rationale']
    """
    text = sentence.strip()
    lowered = _lowered(text)
    return frozenset(cue for cue in _cue_patterns() if _finds(cue, text, lowered))


# A cue's pattern matches only a text that contains one of its *anchors*: literal strings read
# off the pattern's parse, one of which every match must contain. Looking for them with ``in``
# in the lower-cased text costs far less than the search (a pattern under re.I that opens
# with ``\b`` is tried at every position), which then runs only where an anchor occurs.


def _finds(cue: str, text: str, lowered: str | None) -> bool:
    """``_cue_patterns()[cue].search(text)``, answered without the search when ``lowered`` (the
    text lower-cased, see :func:`_lowered`) contains none of the cue's anchors.

    Example:
        >>> text = "Målet är att fler ska söka sig hit."
        >>> _finds("goal_phrase", text, _lowered(text)), _finds("done", text, _lowered(text))
        (True, False)
    """
    anchors = _cue_anchors()[cue]
    if lowered is not None and anchors is not None and not any(map(lowered.__contains__, anchors)):
        return False
    return _cue_patterns()[cue].search(text) is not None


@cache
def _cue_anchors() -> dict[str, frozenset[str] | None]:
    """Each cue's anchors in lower case, or None when its pattern has none to rely on."""
    from re import _parser  # the parse re compiles from (Python >= 3.11)

    out: dict[str, frozenset[str] | None] = {}
    for cue, pattern in _cue_patterns().items():
        try:
            out[cue] = _anchors(_parser.parse(pattern.pattern, pattern.flags))
        except (AttributeError, TypeError, ValueError):  # a parse of another shape: search
            out[cue] = None
    return out


def _anchors(parsed: Sequence[tuple[object, object]]) -> frozenset[str] | None:
    r"""Strings one of which every match of a parsed regular expression contains (lower case).

    Every element of a sequence must match, so the anchors of any one element will do: a run
    of elements that each match one of a few fixed strings (literal characters, a group or
    branch of such, with zero-width assertions such as ``\b`` between them) gives every
    concatenation of them (``att (ske|göras)`` gives ``att ske``, ``att göras``); a group's; a
    branch's when each alternative has some (their union); a repeat's when it repeats at least
    once. Of these the set whose shortest string is longest is kept (of equals, the one with
    more letters in all), less any string that holds another of the set. Anything else
    (classes, back-references) gives none.

    Example:
        >>> from re import _parser
        >>> sorted(_anchors(_parser.parse(r"\b(har|hade) (\w+ ){0,3}(gjort|tagit fram)\b")))
        ['gjort', 'tagit fram']
        >>> sorted(_anchors(_parser.parse(r"\bvill att\b|\w+ing")))
        ['ing', 'vill att']
        >>> _anchors(_parser.parse(r"\bska\b|\w+")) is None
        True
        >>> sorted(_anchors(_parser.parse(r"\bkommer\b[^.]{0,60}\batt (ske|göras)\b")))
        ['att göras', 'att ske']
    """
    from re import _constants as sre

    found: list[frozenset[str]] = []
    run: frozenset[str] | None = None  # the concatenations of the fixed elements so far
    for op, av in parsed:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the strings on either side stand next to each other
        fixed = _fixed(op, av)
        if fixed is not None and (run is None or len(run) * len(fixed) <= _FIXED_LIMIT):
            run = fixed if run is None else frozenset(a + b for a in run for b in fixed)
            continue
        if run is not None and all(run):
            found.append(frozenset(a.lower() for a in run))
        run = fixed
        sub = None
        if fixed is not None:
            continue
        if op is sre.SUBPATTERN:
            sub = _anchors(av[3])  # type: ignore[index]
        elif op is sre.BRANCH:
            alternatives = [_anchors(branch) for branch in av[1]]  # type: ignore[index]
            if all(alternatives):
                sub = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:  # type: ignore[index]
            sub = _anchors(av[2])  # type: ignore[index]
        if sub:
            found.append(sub)
    if run is not None and all(run):
        found.append(frozenset(a.lower() for a in run))
    best = max(found, key=lambda a: (min(map(len, a)), sum(map(len, a))), default=None)
    # a string that holds another anchor adds nothing: that one is found wherever it is
    return best and frozenset(a for a in best if not any(b != a and b in a for b in best))


_FIXED_LIMIT = 64  # at most this many concatenations of fixed strings per anchor set


def _fixed(op: object, av: object) -> frozenset[str] | None:
    """The strings one element of a parsed expression matches, when they are a few fixed
    ones (a literal character; a group or branch of fixed sequences), else None."""
    from re import _constants as sre

    if op is sre.LITERAL:
        return frozenset((chr(av),))  # type: ignore[arg-type]
    if op is sre.SUBPATTERN:
        return _fixed_sequence(av[3])  # type: ignore[index]
    if op is sre.BRANCH:
        alternatives = [_fixed_sequence(branch) for branch in av[1]]  # type: ignore[index]
        if all(a is not None for a in alternatives):
            union = frozenset().union(*alternatives)  # type: ignore[arg-type]
            return union if len(union) <= _FIXED_LIMIT else None
    return None


def _fixed_sequence(parsed: Sequence[tuple[object, object]]) -> frozenset[str] | None:
    """The strings a sequence matches when each of its elements is fixed (see :func:`_fixed`);
    zero-width assertions make the sequence not fixed (they may reject a string)."""
    out = frozenset(("",))
    for op, av in parsed:
        fixed = _fixed(op, av)
        if fixed is None or len(out) * len(fixed) > _FIXED_LIMIT:
            return None
        out = frozenset(a + b for a in out for b in fixed)
    return out


_CASE_SAFE: set[str] = set()


def _lowered(text: str) -> str | None:
    """``text.lower()``, or None when a character of the text matches some letter of an
    anchor under re.I without being that letter in lower case (``ſ`` matches ``s``, ``ı``
    matches ``I``): then only the search can tell.

    Example:
        >>> _lowered("Målet är att"), _lowered("ſyftet")
        ('målet är att', None)
    """
    if not _CASE_SAFE.issuperset(text):
        letters = _anchor_letters()
        for ch in set(text) - _CASE_SAFE:
            if any(
                re.fullmatch(re.escape(letter), ch, re.I) and ch.lower() != letter
                for letter in letters
            ):
                return None
            _CASE_SAFE.add(ch)
    return text.lower()


@cache
def _anchor_letters() -> frozenset[str]:
    found = [*_cue_anchors().values(), *_gate_anchors().values()]
    return frozenset("".join(a for anchors in found for a in anchors or ()))


# Patterns that, like the cues, are searched only where one of their anchors occurs in the
# sentence (``_DATED`` needs a year's first digits, a month, senast or kvartal; ``_MODAL`` ska
# or kommer). The modal ones are searched in the main clause, whose comma-free pieces are
# pieces of the sentence: an anchor (none holds a comma) found there is found in the sentence.
_GATED = (_DATED, _DEADLINE, _MODAL, _STATE_MODAL, _NEED)


@cache
def _gate_anchors() -> dict[re.Pattern[str], frozenset[str] | None]:
    """The anchors of each pattern of ``_GATED`` (None: always searched)."""
    from re import _parser

    out: dict[re.Pattern[str], frozenset[str] | None] = {}
    for pattern in _GATED:
        try:
            out[pattern] = _anchors(_parser.parse(pattern.pattern, pattern.flags))
        except (AttributeError, TypeError, ValueError):  # a parse of another shape: search
            out[pattern] = None
    return out


def _gated(pattern: re.Pattern[str], text: str, lowered: str | None) -> bool:
    """``pattern.search(text)`` for a pattern of ``_GATED``, answered without the search when
    ``lowered`` (``text`` lower-cased by :func:`_lowered`) holds none of its anchors.

    Example:
        >>> text = "Senast 2026 ska alla ha en plan."
        >>> _gated(_DATED, text, _lowered(text)), _gated(_DATED, "Alla ska ha en plan.", None)
        (True, False)
    """
    return _may_match(pattern, lowered) and pattern.search(text) is not None


def _may_match(pattern: re.Pattern[str], lowered: str | None) -> bool:
    """False when ``lowered`` (a text lower-cased by :func:`_lowered`) holds none of the anchors
    of ``pattern`` (of ``_GATED``): then the pattern matches nowhere in the text or its pieces.

    Example:
        >>> _may_match(_MODAL, "vi ska utbilda fler"), _may_match(_MODAL, "vi utbildar fler")
        (True, False)
    """
    anchors = _gate_anchors()[pattern]
    return lowered is None or anchors is None or any(map(lowered.__contains__, anchors))


@cache
def _action_lists() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r["pattern"], re.I) for r in read_rows("action_lists.csv"))


@cache
def _decision_roles() -> dict[str, frozenset[str]]:
    """The lemmas of ``data/forms/decision_formulas.csv`` by role (formula, proposing,
    exhorting, recommending, deferring, ruling, filing)."""
    roles: dict[str, set[str]] = {}
    for r in read_rows("decision_formulas.csv"):
        roles.setdefault(r["role"], set()).add(r["lemma"])
    return {role: frozenset(lemmas) for role, lemmas in roles.items()}


@cache
def _with_roles(*roles: str) -> frozenset[str]:
    found = _decision_roles()
    return frozenset().union(*(found.get(role, frozenset()) for role in roles))


@cache
def _decision_formulas() -> frozenset[str]:
    """The verbs with which a decision adopts, approves, notes, proposes or exhorts: no action of
    its own (:func:`is_decision`)."""
    return _with_roles("formula", "proposing", "exhorting")


@cache
def _no_commitment() -> frozenset[str]:
    """Every verb of the table: a decision ``att`` + one of them commits to no action."""
    return frozenset().union(*_decision_roles().values())


def main_clause(sentence: str) -> str:
    """The sentence without an opening subordinate clause and cut at its first subordinator.

    Example:
        >>> main_clause("Det är en nyckelfråga för att kommunen ska växa.")
        'Det är en nyckelfråga '
        >>> main_clause("Om kommunen ska klara det, behövs nya arbetssätt.")
        ' behövs nya arbetssätt.'
        >>> main_clause("Planen, som ska vara klar i juni, kommer att innehålla förslag.")
        'Planen, kommer att innehålla förslag.'
    """
    opening = _OPENING_CLAUSE.match(sentence)
    rest = sentence[opening.end() :] if opening else sentence
    rest = _RELATIVE.sub(",", rest)
    if _SUBORDINATE.match(rest.strip()):
        return rest  # an opening clause without a comma: where it ends is not written
    found = _SUBORDINATE.search(rest, 1)
    return rest[: found.start()] if found else rest


def introduces_list(sentence: str) -> bool:
    """A sentence that introduces a list: it ends in ``:`` or in ``följande …``.

    Example:
        >>> introduces_list("Socialstyrelsen ska:"), introduces_list("Vi vidtar följande åtgärder.")
        (True, True)
        >>> introduces_list("Vi vidtar åtgärder.")
        False
    """
    stripped = sentence.strip()
    # the match ends at the text's last character (``\s*$`` after strip): a colon always
    # ends one, a full stop may, anything else none
    last = stripped[-1:]
    return last == ":" or (last == "." and bool(_LEAD_IN_END.search(stripped)))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _leading_words(text: str, n: int) -> list[str]:
    """``_words(text)[:n]``, without reading the rest of the text."""
    return [found.group() for found in islice(_WORD.finditer(text), n)]


def _lemma_is_action(word: str) -> bool:
    return swedish.lemma(word.lower()) in swedish.action_verbs()


class _Word(NamedTuple):
    """What the features ask of one word, exactly as written (see :func:`_word`)."""

    lemma: str  # swedish.lemma(word)
    action_verb: bool  # swedish.is_action_verb(word): an infinitive or imperative
    lemma_action: bool  # _lemma_is_action(word): any form of an action verb
    verb_like: bool  # action_verb or lemma_action
    participle: bool  # is_action_participle(word)
    tense: str  # verb_tense(word)
    finite: str  # how _finite reads it: modal, present, passive, preterite or ""
    passive_action: bool  # an action verb's s-passive (identifieras): word[:-1] is one


_WORD_CACHE_LIMIT = 1_000_000  # distinct words remembered per process


def _analyse(word: str) -> _Word:
    """Everything the features ask of ``word`` (:func:`_word` remembers it per distinct word).

    The parser meets the same few thousand words in sentence after sentence; one look-up
    replaces the lemmatizer and verb-form questions each feature would ask anew. The questions
    that split compounds (action noun, organisation, document) are asked of a few words per
    sentence only and are cached on their own: splitting every word would cost more.

    Example:
        >>> w = _analyse("stärker")
        >>> w.lemma, w.action_verb, w.lemma_action, w.finite
        ('stärka', False, True, 'present')
        >>> _word("stärker") == w
        True
    """
    action_verb = swedish.is_action_verb(word)
    lemma_action = _lemma_is_action(word)
    tense, low = verb_tense(word), word.casefold()
    return _Word(
        lemma=swedish.lemma(word),
        action_verb=action_verb,
        lemma_action=lemma_action,
        verb_like=action_verb or lemma_action,
        participle=is_action_participle(word),
        tense=tense,
        finite=_finite_tense(low, tense if low == word else verb_tense(low)),
        passive_action=word.endswith("s") and swedish.is_action_verb(word[:-1]),
    )


class _WordTable(dict[str, _Word]):
    """:func:`_analyse` of each word asked for, kept (up to ``_WORD_CACHE_LIMIT`` words): a
    word seen before is one dictionary look-up, with no Python call around it."""

    def __missing__(self, word: str) -> _Word:
        found = _analyse(word)
        if len(self) < _WORD_CACHE_LIMIT:
            self[word] = found
        return found


_WORD_CACHE = _WordTable()
_word = _WORD_CACHE.__getitem__  # _word(w): _analyse(w), worked out once per distinct word


@cache
def _names_action(word: str) -> bool:
    """An action noun (``Kartläggning``, ``Översyn``) or a compound naming an action
    (``kompetensutvecklingsinsatser``, ``åtgärderna``)."""
    low = word.casefold()
    parts = swedish.compound_parts(low)
    head = parts[-1] if parts else low
    return is_action_noun(low) or swedish.lemma(head) in _ACTION_HEADS or head in _ACTION_HEADS


def commits_to_action(clause: str, modal: re.Pattern[str] = _MODAL, *, subject: int = 6) -> bool:
    """A modal near the clause's start, then an action verb within four words.

    The modal must stand within ``subject`` words of the clause's start (``Polismyndigheten ska
    …``; not ``… beskriver vad regionen ska göra``); when the clause opens with the name of an
    action (``Fortsatta utbildningsinsatser som … ska prioriteras``) its subject may run to
    twelve words. A passive (``identifieras``, ``tas``) counts as its verb, except a report
    (``ska redovisas``); an auxiliary or state verb in between (``ska kunna``, ``kommer att
    behöva``) means no commitment.

    Example:
        >>> commits_to_action("Socialstyrelsen ska bedöma konsekvenserna")
        True
        >>> commits_to_action("Det kommer även att identifieras förslag")
        True
        >>> commits_to_action("Behovet kommer att vara stort"), commits_to_action("ska även, genom")
        (False, False)
        >>> commits_to_action("Uppdraget ska redovisas senast i maj")
        False
        >>> commits_to_action("Myndigheten ska redovisa fördelningen")
        False
        >>> commits_to_action("Fortsatta utbildningsinsatser som avser grundkompetens bland "
        ...                   "personalen ska prioriteras")
        True
    """
    if any(_names_action(w) for w in _leading_words(clause, 3)):
        subject = max(subject, _ACTION_SUBJECT)
    for found in modal.finditer(clause):
        if len(_leading_words(clause[: found.start()], subject + 1)) > subject:
            break
        # after a fronted adverbial the subject follows the modal (Initialt ska enheterna i
        # samband med verksamhetsplaneringen komplettera …): the verb may stand further on
        opening = _leading_words(clause, 1)
        fronted = bool(opening) and opening[0].casefold() in _PREPOSITIONS | _ADVERBS
        for word in _leading_words(clause[found.end() :], 8 if fronted else 4):
            low = word.casefold()
            if low in _AUXILIARIES:
                break
            info = _word(low)
            if (info.passive_action and low[:-1] in _REPORTING) or info.lemma in _REPORTING_DUTY:
                break
            if info.action_verb or info.passive_action:
                return True
    return False


def _other_infinitive(word: str) -> bool:
    """An infinitive of a verb outside the action-verb list that states, helps or reports
    nothing (``belysa``, ``integrera``): the lexicon knows it as a verb."""
    low = word.casefold()
    info = _word(low)
    if info.action_verb or info.tense != "infinitive":
        return False
    return low not in _AUXILIARIES | _STATE_VERBS | _LIGHT_VERBS | _REPORTING | _CONTAINING


def _passive_after_modal(clause: str) -> bool:
    """The first verb after ``ska``/``skall``/``kommer att`` is an s-passive (``ska utformas``)."""
    found = _MODAL.search(clause)
    if not found:
        return False
    after = _leading_words(clause[found.end() :], 2)
    return any(_word(w.casefold()).tense == "passive" for w in after)


def _modal_verb(clause: str) -> bool:
    """``ska/skall/kommer att`` near the clause's start with another verb's infinitive next
    (``Projektet kommer att integrera …``): :func:`commits_to_action` for verbs off the list."""
    for found in _MODAL.finditer(clause):
        if len(_leading_words(clause[: found.start()], 7)) > 6:
            break
        after = _leading_words(clause[found.end() :], 2)
        adverb = len(after) == 2 and after[0].casefold() in ("även", "också", "dessutom", "nu")
        if after and _other_infinitive(after[1] if adverb else after[0]):
            return True
    return False


def _states(clause: str) -> bool:
    """``ska/skall/måste/behöver`` with a state verb within five words (``ska vara``), or
    within eight after a fronted adverbial, where the subject follows the modal (``I kommunen
    ska kvinnor och män, flickor och pojkar ha …``)."""
    opening = _leading_words(clause, 1)
    reach = 8 if opening and opening[0].casefold() in _PREPOSITIONS else 5
    for found in _STATE_MODAL.finditer(clause):
        for word in _leading_words(clause[found.end() :], reach):
            low = word.casefold()
            if low in _STATE_VERBS:
                return True
            if _word(low).action_verb:
                break
    return False


def _copula_state(clause: str) -> bool:
    """A copula (``är``, ``blir``) with a participle or supine next (``ansvaret … är
    tydliggjort``, ``samtalet är genomfört``): a state named, no action.

    Example:
        >>> _copula_state("ansvaret för arbetsmiljöarbetet är tydliggjort"), _copula_state("Vi är")
        (True, False)
    """
    words = [w.casefold() for w in _words(clause)]
    for i, w in enumerate(words[:-1]):
        if w in _COPULAS:
            after = _word(words[i + 1])
            if after.tense == "supine" or after.participle:
                return True
    return False


# The main verb of a sentence that says how things are (är, har, finns, upplever, präglas …) with
# its own subject before it; an expletive or pointing subject (Det finns …, Här är …) is no state
# of anything the plan aims for.
_PRESENT_STATE = frozenset(
    ("är", "har", "finns", "upplever", "känner", "präglas", "kännetecknas", "genomsyras")
)
_EXPLETIVES = frozenset(("det", "detta", "här", "där", "dessa", "den", "som"))


def present_state(clause: str) -> bool:
    """The clause's first verb is a present-tense state verb after a subject of its own: the
    clause says how something is, not what is done (LABELLING.md, the state test).

    Example:
        >>> present_state("Kommunens invånare är nöjda med utbudet")
        True
        >>> present_state("Verksamheten präglas av hållbarhet"), present_state("Det finns brist")
        (True, False)
        >>> present_state("Nämnden erbjuder en bred verksamhet"), present_state("Vi ska vara")
        (False, False)
    """
    words = _words(clause)
    for i, word in enumerate(words[:7]):
        low = word.casefold()
        if low in _PRESENT_STATE or _word(low).finite:
            return i > 0 and low in _PRESENT_STATE and words[0].casefold() not in _EXPLETIVES
    return False


def _needs_action(clause: str) -> bool:
    """A need (``behöver``, ``krävs``, ``det är viktigt att``) with an action within six words."""
    for found in _NEED.finditer(clause):
        for word in _leading_words(clause[found.end() :], 6):
            low = word.casefold()
            if low in _STATE_VERBS:
                break
            info = _word(low)
            if info.lemma_action or is_action_noun(low) or info.action_verb:
                return True
    return False


def is_decision(text: str) -> bool:
    """Whether the action verbs of ``text`` (at least one) are all decision formulas.

    A decision to approve, adopt, propose or exhort commits to no action of its own; what an
    exhortation urges others to do (``uppmana nämnderna att värdera …``) is not read (LABELLING.md
    decision 11), nor is a participle standing as an adjective (``all anställd personal``).
    Formula verbs are data: ``data/forms/decision_formulas.csv``.

    A protocol's way of noting a report or information, ``lägga … till handlingarna`` (placing
    it on file), is a formula too: it notes and commits to nothing; so is ``fatta … beslut``,
    ``besluta`` in two words (a decision still to be taken names no action: ``I augusti kommer
    nämnden att fatta beslut om …``).

    Example:
        >>> is_decision("Föreslå fullmäktige besluta att godkänna årsrapporten")
        True
        >>> is_decision("Anta planen samt uppmana nämnderna att värdera"), is_decision("Nu")
        (True, False)
        >>> is_decision("Anta planen samt genomföra en utbildning")
        False
        >>> is_decision("Kommunstyrelsen beslutar 1. lägga informationen till handlingarna.")
        True
        >>> is_decision("Lägga ned verksamheten i Ösby.")
        False
        >>> is_decision("I maj ska styrelsen fatta beslut om en ny strategi.")
        True
        >>> is_decision("Fatta mod och anställ fler.")
        False
    """
    return _all_decisions(_words(text))


# "lägga … till handlingarna": a report or information noted (placed on file), no action
_FILED = ("till", "handlingarna")


def _all_decisions(words: list[str]) -> bool:
    """:func:`is_decision` of a text's words."""
    lows = [w.casefold() for w in words]
    exhorting = _with_roles("exhorting")
    urged = next((i for i, w in enumerate(lows) if _word(w).lemma in exhorting), None)
    if urged is not None and "att" in lows[urged:]:
        words = words[: lows.index("att", urged)]  # what others are urged to do
    verbs = [w for w in words if _word(w).verb_like and not _word(w).participle]
    formulas = _decision_formulas()
    pairs = zip(lows, lows[1:], strict=False)
    if "handlingarna" in lows and any(pair == _FILED for pair in pairs):
        formulas = formulas | _with_roles("filing")
    if any(w.startswith("beslut") for w in lows):  # fatta (viktiga) beslut: besluta
        taking = _with_roles("taking")
        verbs += [w for w in words if _word(w.casefold()).lemma in taking]
        formulas = formulas | taking
    return bool(verbs) and all(_word(w.lower()).lemma in formulas for w in verbs)


# A decision reported as taken (LABELLING.md decision 11): an uppdrag handed out (gav … i uppdrag
# att, fick i uppdrag att), or a decision (beslutade, har beslutat, fattade beslut) to do something.
_UPPDRAG_HANDED = re.compile(
    r"\b(ge|ger|ges|gav|gavs|gett|givit|getts|får|fick|fått)\b[^.;:]{0,80}?\bi uppdrag att\b",
    re.I,
)  # the present (ger, ges, får) reports the decision of the day (… ges kontoret i uppdrag att)
_DECIDED = re.compile(r"\bbeslut(ade|at|ar|ades|ats)?\b[^.;:]{0,40}?\b(att|om)\s+", re.I)
# The noun that names a list of decisions (Beslut:, Beslutet blev följande:, Följande beslut …)
_DECISION_NOUN = re.compile(r"\bbeslut(et|en)?\b", re.I)
_FILLERS = frozenset(("också", "även", "nu", "därför", "bland", "annat", "dessutom", "vidare"))
_ARTICLES = frozenset(("en", "ett", "den", "det", "de", "ny", "nytt", "nya"))


def decided_action(sentence: str) -> bool:
    """A decision reported as taken that commits to an action: an uppdrag handed out, or a
    decision to do something (``att`` + a verb that is no decision formula, ``om`` + an action
    noun). Approving, adopting, exhorting or recommending is no action (LABELLING.md decision 11).

    Example:
        >>> decided_action("Kommunstyrelsen gav kommunchefen i uppdrag att utreda frågan.")
        True
        >>> decided_action("Kommunfullmäktige beslutade att flytta ansvaret till nämnden.")
        True
        >>> decided_action("Nu har rektor beslutat om en fördjupad utredning.")
        True
        >>> decided_action("Regionstyrelsen beslutade att godkänna strategin.")
        False
        >>> decided_action("Idag beslutade kommunstyrelsen om en policy.")
        False
        >>> decided_action("Utöver detta beslutades bland annat om att samordna utbildningen.")
        True
        >>> decided_action("Avslutningsvis ges kontoret i uppdrag att undersöka möjligheten.")
        True
        >>> decided_action("Fullmäktige har beslutat att valfrihetssystem ska införas.")
        True
        >>> decided_action("Nämnden beslutade att förvaltningen ska återrapportera i maj.")
        False
    """
    if _UPPDRAG_HANDED.search(sentence):
        return True
    formulas = _no_commitment()
    for found in _DECIDED.finditer(sentence):
        after = [
            w for w in _leading_words(sentence[found.end() :], 6) if w.casefold() not in _FILLERS
        ]
        read_att = found.group(2).casefold() == "att"
        if after and after[0].casefold() == "att":  # om att + verb (beslutades om att samordna)
            read_att, after = True, after[1:]
        if read_att:
            if after:
                info = _word(after[0].casefold())
                acts = info.action_verb or _other_infinitive(after[0])
                if acts and info.lemma not in formulas and after[0].casefold() not in formulas:
                    return True
                # a decision that a named body or thing shall act: att + subject + ska + action
                # (beslutade att kontoret tillsammans med … ska ordna …, att X ska införas)
                if not info.verb_like and commits_to_action(sentence[found.end() :]):
                    return True
        else:
            nouns = [w for w in after[:4] if w.casefold() not in _ARTICLES]
            if nouns and any(_names_action(w) for w in nouns[:2]):
                return True
    return False


class _LeadIn(NamedTuple):
    """What a list's lead-in says of its items (:func:`_read_lead_in`)."""

    decision: bool
    actions: bool
    past: bool
    goals: bool
    remit: bool
    modal: bool = False
    examples: bool = False


@lru_cache(maxsize=4096)
def _read_lead_in(lead_in: str) -> _LeadIn:
    """Whether a list's lead-in is a decision, whether it announces actions (``… att:``,
    ``följande åtgärder``, ``Vi ska`` left open, or is an action whose steps follow:
    ``Genomföra en kartläggning …:``), whether it reports in the preterite (``Steg 1 krävde
    också att vi:``), whether it announces goals (``följande effektmål:``), and whether it
    introduces a standing responsibility (``Utvecklingsansvaret innebär att:``, ``Styrelsen
    har ansvar för``: a remit is background, not a commitment); read once for all the items of
    its list.

    Example:
        >>> _read_lead_in("Region X har för 2023 följande effektmål:").goals
        True
        >>> _read_lead_in("Vi ska").modal, _read_lead_in("Undersökningen visar att:").actions
        (True, False)
        >>> _read_lead_in("Kommunen ska:").actions, _read_lead_in("Vi ska:").modal
        (False, True)
        >>> lead = _read_lead_in("Det regionala utvecklingsansvaret innebär att:")
        >>> lead.actions, lead.remit
        (False, True)
        >>> _read_lead_in("Beslut:").actions, _read_lead_in("Beslutet blev följande:").actions
        (True, True)
        >>> _read_lead_in("Förslag till beslut:").actions
        False
        >>> _read_lead_in("Handlingsplanen ska fungera som ett stöd genom att:").actions
        False
        >>> _read_lead_in("I planen ingår att:").actions
        True
        >>> _read_lead_in("Planen innehåller följande åtgärder:").actions
        True
    """
    named = any(p.search(lead_in) for p in _action_lists())
    words = _words(lead_in)
    # a decision on measures (beslutat om en rad åtgärder) announces them; a proposal's items
    # (De löften som föreslås är;) and another decision's are its decision points
    proposing = _with_roles("proposing", "recommending")
    proposed = any(_word(w.casefold()).lemma in proposing for w in words)
    decision = is_decision(lead_in) and not (named and not proposed)
    finite = _finite(words)
    tenses = {t for _, t in finite}
    # a list named for decisions reports them in the preterite as the day's decisions
    # (Beslutet blev följande:, LABELLING.md decision 11), not as work done
    past = (
        "preterite" in tenses
        and not tenses & {"present", "modal"}
        and not (named and _DECISION_NOUN.search(lead_in))
    )
    findings = any(_word(w).lemma in _FINDINGS for w, _ in finite)
    remit = any(_names_remit(w) for w in words)
    # a document as the subject (Handlingsplanen ska fungera … genom att:, Den strategiska
    # planen bygger på:): its items say what the document does or holds, no one's action
    # (LABELLING.md decisions 12 and 15), unless the lead-in names them as actions (Planen
    # innehåller följande åtgärder:); "I planen ingår …" has no such subject
    document = _document_subject(words) and not named
    goals = _announces_goals(lead_in)
    modal = bool(_BARE_MODAL_LEAD.search(lead_in))
    examples = bool(_EXAMPLES.search(lead_in))
    actions = (
        not decision
        and not modal
        and not examples
        and not goals
        and not past
        and not remit
        and not findings
        and not document
        and bool(
            _VERBAL_LEAD_IN.search(lead_in)
            or _OPEN_MODAL_END.search(lead_in)
            or named
            or (lead_in.endswith(":") and opens_with_action(lead_in))  # an action's steps
        )
    )
    return _LeadIn(decision, actions, past, goals, remit, modal, examples)


def announces_goals(lead_in: str) -> bool:
    """Whether a list's lead-in announces goals (its items, or the headings that follow it,
    are the goals): a decision or a remit does not.

    Example:
        >>> announces_goals("Våra övergripande mål är:"), announces_goals("Vi ska:")
        (True, False)
    """
    return _read_lead_in(lead_in.strip()).goals


def _named_by(word: str, lemmas: frozenset[str]) -> bool:
    """Whether ``word`` (lower case) is one of ``lemmas`` by its lemma, or a compound whose
    last part is one (``utvecklingsansvaret`` of ansvar, ``delmålen`` of mål)."""
    parts = swedish.compound_parts(word)
    return swedish.lemma(word) in lemmas or (bool(parts) and parts[-1] in lemmas)


def _names_remit(word: str) -> bool:
    """``ansvar``, ``ansvarar`` or a compound ending in ``ansvar`` (``utvecklingsansvaret``)."""
    return _named_by(word.casefold(), _REMIT)


def _is_goal_noun(word: str) -> bool:
    """``mål``, ``vision`` … or a compound ending in one (``effektmål``, ``delmålen``)."""
    return _named_by(word.casefold(), _GOAL_NOUNS)


def _announces_goals(lead_in: str) -> bool:
    """A lead-in ending in ``:`` whose list holds goals (see ``_LISTING_END``), or whose
    subject is the goals themselves (``Målen står i relation till …:``, ``Våra övergripande
    mål är:``): a sentence about the goals that ends in a colon goes on to list them.

    Example:
        >>> _announces_goals("Målen står i relation till länets förutsättningar:")
        True
        >>> _announces_goals("Samma fyra utvecklingsområden ska prioriteras:")
        False
        >>> _announces_goals("Följande ska gälla för målen:"), _announces_goals("Inom målet:")
        (False, False)
        >>> _announces_goals("I Kommunen ska det vara:"), _announces_goals("Vi vill ha:")
        (True, True)
    """
    if not lead_in.endswith(":"):
        return False
    words = _words(_SERVES_GOAL.sub(" ", lead_in))
    if not words:
        return False
    if any(_is_goal_noun(w) for w in _subject_words(words)) or _STATE_LEAD_END.search(lead_in):
        return True
    # a preposition placing the list in a goal (… inom målet:) -- not "av", whose list is the
    # goal's own parts (Beskrivning av visionen:)
    last_is_goal = _is_goal_noun(words[-1]) and (
        len(words) == 1 or words[-2].casefold() not in _PREPOSITIONS - {"av"}
    )
    return last_is_goal or (
        bool(_LISTING_END.search(lead_in)) and any(_is_goal_noun(w) for w in words)
    )


# Determiners and adjectives that may open a subject before its noun (Våra övergripande mål,
# De nya målen, Regionens fyra mål): the subject is read up to its first verb, at most 4 words.
_SUBJECT_REACH = 4


def _subject_words(words: list[str]) -> list[str]:
    """The words before the first finite verb or modal, when the sentence opens with no
    preposition (``Målen står …`` -> ``Målen``; ``Inom målet …`` -> none)."""
    if not words or words[0].casefold() in _PREPOSITIONS:
        return []
    out = []
    for word in words[:_SUBJECT_REACH]:
        if _word(word.casefold()).finite:
            return out
        out.append(word)
    return []


@cache
def _is_org(word: str) -> bool:
    return word in _ORGANISATIONS or _named_by(word, _ORGANISATIONS)


@cache
def _is_document(word: str) -> bool:
    return _named_by(word, _DOCUMENTS)


def _document_subject(words: list[str]) -> bool:
    """Whether a clause opens with a document as its subject (``Planen``, ``Den nya
    strategin``), not after a preposition (``I planen …``)."""
    for word in words[:_DOCUMENT_WINDOW]:
        low = word.casefold()
        if _is_document(low):
            return True
        if low in _PREPOSITIONS:
            return False
    return False


def _head(text: str) -> str:
    """The item's first word after an opening date (``1 september 2017: Hyroberoende …``),
    or ``""``."""
    return _head_and_date(text)[0]


def _head_and_date(text: str) -> tuple[str, bool]:
    """:func:`_head` of ``text``, and whether the text opens with a date (one match for both)."""
    date = _DATE_FIRST.match(text.strip())
    rest = text.strip()[date.end() :] if date else text
    first = _leading_words(rest, 1)
    return (first[0] if first else ""), date is not None


def _opens_with_action(text: str) -> bool:
    head = _head(text)
    return bool(head) and (
        _word(head).action_verb or is_action_noun(head) or _word(head).participle
    )


def opens_with_action(text: str) -> bool:
    """Whether an item opens with an action word (verb, action noun or participle), and is no
    decision formula.

    Example:
        >>> opens_with_action("Översyn lönestruktur"), opens_with_action("Arbetsmiljö/hälsa")
        (True, False)
        >>> opens_with_action("anta budgeten för 2026")
        False
    """
    return _opens_with_action(text) and not is_decision(text)


def has_finite_verb(text: str) -> bool:
    """Whether ``text`` holds a finite verb or a modal (a sentence, not a name or a label).

    Example:
        >>> has_finite_verb("Visionen i sin helhet"), has_finite_verb("Visionen pekar ut vägen")
        (False, True)
    """
    return bool(_finite(_words(text)))


def _finite(words: list[str]) -> list[tuple[str, str]]:
    """(word, tense) of the verb forms among a clause's words (modal verbs as ``modal``).

    A word in ``-ades`` the lexicon does not know is a preterite passive of the first
    conjugation (``undertecknades``, ``förankrades``): the ending is no noun's or adjective's.

    Example:
        >>> _finite(_words("Under våren undertecknades en överenskommelse"))
        [('undertecknades', 'preterite')]
        >>> _finite(_words("Vi släcker inte belysningen"))
        [('släcker', 'present')]
    """
    return [(word.casefold(), tense) for word in words if (tense := _word(word).finite)]


def _finite_tense(low: str, tense: str) -> str:
    """How :func:`_finite` reads a case-folded word whose :func:`verb_tense` is ``tense``:
    ``modal``, ``present``, ``passive``, ``preterite`` or ``""`` (no finite verb)."""
    if low in _MONTH_NAMES:
        return ""  # "mars" is no verb here
    if low in ("ska", "skall", "måste", "bör", "kan", "vill", "kommer"):
        return "modal"
    if not tense and len(low) > _ADES_MIN and low.endswith("ades"):
        tense = "preterite"
    return tense if tense in ("present", "passive", "preterite") else ""


def _particle_action(words: list[str]) -> bool:
    """A present-tense verb whose particle, after up to two words between (a sentence adverb,
    an inverted subject: ``Vi ser också över …``, ``I år byter vi ut …``), makes a listed
    action verb (``se över``, ``byta ut``): Swedish puts the particle after the sentence
    adverbs, so the verb alone does not show the action. A negation between them denies the
    action (``Vi byter inte ut …``).

    Example:
        >>> _particle_action(_words("Vi ser också över hur belysningen tänds"))
        True
        >>> _particle_action(_words("Vi ser att behoven ökar")), _particle_action(["Ser", "över"])
        (False, True)
        >>> _particle_action(_words("Vi byter inte ut belysningen"))
        False
    """
    lows = [w.casefold() for w in words]
    for i, low in enumerate(lows):
        if _word(low).finite != "present":
            continue
        lemma = _word(low).lemma
        for j, particle in enumerate(lows[i + 1 : i + 4], i + 1):
            if f"{lemma} {particle}" in swedish.action_verbs():
                return not _NEGATIONS.intersection(lows[i + 1 : j])
    return False


def _first_sentence(text: str) -> str:
    spans = swedish.sentences(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


FEATURES: dict[str, str] = {
    **{cue: f"phrase of the cue '{cue}' (data/forms/sentence_cues.csv)" for cue in CUES},
    "item": "a list item or a line of its own (not a sentence in running prose)",
    "verb_first": "opens with an action verb in the infinitive or imperative (Stärk, Utveckla)",
    "infinitive_first": "an item opening with the infinitive of a verb off the action-verb list"
    " (Belysa …; not vara, ha, kunna …)",
    "present_first": "opens with an action verb in the present tense (intensifierar …)",
    "noun_first": "opens with an action noun (Översyn, Utredning, Införande av …)",
    "participle_first": "opens with an action verb's participle (Ökad, Stärkt …)",
    "decision_formula": "its action verbs are all decision formulas (anta, godkänna, föreslå …)",
    "decided_action": "a decision reported as taken that commits to an action (gav … i uppdrag"
    " att, beslutade att flytta …, fattade beslut om en utredning)",
    "modal_action": "ska/skall/kommer (att) + action verb near the main clause's start",
    "modal_verb": "ska/skall/kommer (att) + the infinitive of a verb off the action-verb list"
    " (kommer att integrera)",
    "modal_state": "ska/skall/måste/behöver + a state verb (vara, ha, bli, uppleva …)",
    "copula_state": "a copula with a participle (är tydliggjort, är genomfört): a state named",
    "present_state": "the main verb is a present-tense state verb after its own subject"
    " (Invånarna är nöjda, Verksamheten präglas av …; not Det finns …)",
    "state_item": "present_state in a list item or a line of its own",
    "need_action": "behöver/behövs/krävs/måste/viktigt att + an action (verb or noun)",
    "need_in_listed_doc": "need_action in a document that lists its actions elsewhere",
    "present_action": "an action verb (not arbeta, göra) in the present tense in the main clause",
    "actor_present_action": "present_action with 'vi' or an organisation as its subject",
    "passive_action": "an action verb in the present passive in the main clause (erbjuds …)",
    "action_noun_early": "a sentence with an action noun among its main clause's first eight words",
    "date_first": "opens with a date or period "
    "(Den 1 februari 2018, 1 september 2017:, Under 2021)",
    "dated_item": "an item that is a date and a state named by a noun "
    "(1 mars 2026: Full bemanning)",
    "dated": "names a year, a month or 'senast'",
    "deadline_state": "a state by a deadline: bli/vara/nå … senast <date>, år <year>",
    "goal_noun": "names a goal: mål, målsättning, vision, ambition (not in 'för att nå målet')",
    "subject_we": "'vi' among the main clause's first words (not for an imperative)",
    "subject_org": "an organisation (kommunen, nämnden, förvaltningen …) among its first words",
    "subject_document": "a document (planen, strategin, policyn …) among its first words",
    "past": "a verb in the preterite or perfect (beslutade, har upprättats; not har börjat)",
    "reporting": "a report: redovisa, rapportera, informera",
    "conditional": "opens with a condition: Om …",
    "means_first": "opens with a means adverbial (Genom att …, Med ett …): how, or what results",
    "quoted": "reported speech: in a paragraph opened by a dash (– Vi …) or tagged ', säger …'",
    "question": "a question: its first sentence ends in '?' (Vart är Mölndal på väg?)",
    "addresses_reader": "the reader as the subject: 'du' among the main clause's first words"
    " (Här kan du läsa …, Klickar du på …, Dessutom får du …)",
    "no_finite_verb": "no finite verb and no modal: a title or noun phrase",
    "no_action_word": "a verbless item with no action verb, noun or participle: a topic",
    "lead_in_actions": "an item whose list's lead-in announces actions (… att:, följande åtgärder)"
    " or is an action itself (Genomföra en kartläggning …:)",
    "lead_in_decision": "an item whose list's lead-in is a decision (… beslutar att:)",
    "lead_in_past": "an item whose list's lead-in reports in the preterite (Steg 1 krävde att vi:)",
    "lead_in_goals": "an item whose list's lead-in announces goals (följande effektmål:, "
    "Delmål … är:)",
    "lead_in_remit": "an item whose list's lead-in names a standing responsibility "
    "(Utvecklingsansvaret innebär att:, Styrelsen har ansvar för)",
    "lead_in_contents": "an item whose list's lead-in ends in ':' and announces no actions",
    "lead_in_modal": "an item whose list's lead-in is a subject and a bare ska (Kommunen ska:)",
    "lead_in_examples": "an item whose list's lead-in gives examples (t ex genom att:, till "
    "exempel:)",
    "aim_first": "an item opening with a verb of aim or state (Säkra, Säkerställa, ha, vara)",
    "action_list": "an item in a list where most items open with an action word "
    "(no contents, goal or remit lead-in)",
    "describes_item": "a sentence indented under a list item that opens with an action word"
    " (- Stärk … /   - Genom den skapas …): the item's description, not a step",
    "section_measure_item": "an item under a measure heading (Insatser …), no contents, goal or"
    " remit lead-in",
    "section_measure_prose": "prose under a measure heading",
    "uppdrag_in_measure_section": "an uppdrag received, under a measure heading (Insatser)",
    "section_goal": "under a goal heading (Mål, Vision …)",
    "goals_discussed": "a sentence under a goal heading that names goals (mål, vision) without"
    " stating one (no 'Målet är att', no ska + state): Målen utgår från invånarna",
    "section_context": "under a context heading (Bakgrund, Nuläge …)",
}


def features(c: Candidate) -> dict[str, float]:
    """The candidate's features (1.0 or 0.0, by name; see :data:`FEATURES`).

    Example:
        >>> f = features(Candidate("Översyn lönestruktur (från budget 2023)", item=True))
        >>> [name for name, value in f.items() if value]
        ['item', 'noun_first', 'dated', 'no_finite_verb']
    """
    text = " ".join(c.text.split())
    sentence = _first_sentence(text) if c.item else text
    clause = main_clause(sentence)
    # the sentence lower-cased, for the searches that look for their anchors first (None: search)
    stripped = sentence.strip()
    lowered = _lowered(stripped)
    whole = lowered if len(stripped) == len(sentence) else None
    words = _words(sentence)
    lows = [w.casefold() for w in words]
    head, date_first = _head_and_date(sentence)
    if c.item and head.casefold() == "att" and len(words) > 1:
        head = words[1]  # a list of att-clauses (Att utföra …, att anta …): the verb heads it
    clause_words = _words(clause)
    finite = _finite(clause_words)
    head_word = _word(head)
    imperative = bool(head) and head_word.action_verb
    noun_head = bool(head) and is_action_noun(head)
    subject = [] if imperative else clause_words  # an imperative has no subject
    modal_action = _may_match(_MODAL, whole) and commits_to_action(clause)
    passive_modal = modal_action and _passive_after_modal(clause)
    need = _may_match(_NEED, whole) and _needs_action(clause)
    state = present_state(clause)
    lead_in = c.lead_in.strip()
    # a sentence indented under an action item describes that item: the list's lead-in and
    # its share of action words introduce the outer items, not it
    describes = c.nested and bool(finite) and not (imperative or noun_head or head_word.participle)
    no_lead = _LeadIn(False, False, False, False, False)
    read = _read_lead_in(lead_in) if c.item and not describes else no_lead
    decision_lead, verbal_lead, past_lead, goal_lead, remit_lead, modal_lead = read[:6]
    examples_lead = read.examples
    # the lead-in introduces this very list: it outweighs the section heading and the list's words
    contents_lead = (
        c.item
        and lead_in.endswith(":")
        and not (
            verbal_lead or decision_lead or goal_lead or remit_lead or modal_lead or examples_lead
        )
    )
    # the list holds goals, a remit or examples, not actions
    other_lead = goal_lead or remit_lead or examples_lead
    subject_we = any(w.casefold() == "vi" for w in subject[:_WE_WINDOW])
    subject_org = any(_is_org(w.casefold()) for w in subject[:_ORG_WINDOW])
    present_action = any(
        t == "present"
        and _word(w).lemma_action
        and _word(w).lemma not in _LIGHT_VERBS
        and (_word(w).lemma not in _CAUSAL_VERBS or subject_we or subject_org)
        for w, t in finite
    ) or (bool(finite) and _particle_action(clause_words))
    # the cues of cues(sentence), but a reason is the sentence's own predicate, not what an
    # att-clause inside it says
    reason = _ATT.split(clause, 1)[0]
    f: dict[str, bool] = {
        cue: _finds(cue, stripped, lowered) for cue in _cue_patterns() if cue != "rationale"
    }
    f["rationale"] = _finds("rationale", reason, _lowered(reason))
    past = any(t == "preterite" and _word(w).lemma not in _BEGIN for w, t in finite) or bool(
        _PERFECT.search(clause)
    )
    f["uppdrag_given"] = f["uppdrag_given"] and not past  # given before: a report, not an act
    lemmas = {info.lemma for info in map(_word, lows)}
    reason_lemmas = {_word(w.casefold()).lemma for w in _words(reason)}
    f |= {
        "item": c.item,
        "verb_first": imperative,
        "infinitive_first": c.item and bool(head) and _other_infinitive(head),
        "present_first": bool(head) and head_word.tense == "present" and head_word.lemma_action,
        "noun_first": c.item and noun_head,
        "participle_first": c.item and bool(head) and head_word.participle,
        "decision_formula": _all_decisions(words) and not modal_action,
        # under a background heading a decision reported is history (LABELLING.md decision 15)
        "decided_action": c.section != "context" and decided_action(sentence),
        "modal_action": modal_action,
        "modal_verb": not modal_action and _may_match(_MODAL, whole) and _modal_verb(clause),
        "modal_state": _may_match(_STATE_MODAL, whole) and _states(clause),
        "copula_state": not modal_action and _copula_state(clause),
        "present_state": state,
        "state_item": state and c.item,
        "need_action": need,
        "need_in_listed_doc": need and c.doc_has_list,
        "present_action": present_action,
        "actor_present_action": present_action and (subject_we or subject_org),
        "passive_action": any(
            t == "passive" and _word(w).lemma_action and _word(w).lemma not in _REPORTING
            for w, t in finite
        ),
        "action_noun_early": not c.item and any(is_action_noun(w) for w in clause_words[:8]),
        "date_first": date_first,
        "dated_item": c.item and date_first and not finite and not imperative and not noun_head,
        "dated": _gated(_DATED, sentence, whole),
        "deadline_state": _gated(_DEADLINE, sentence, whole)
        and bool(_TARGET_VERB.search(sentence)),
        "goal_noun": not lemmas.isdisjoint(_GOAL_NOUNS)
        and any(
            _word(w.casefold()).lemma in _GOAL_NOUNS
            for w in _words(_SERVES_GOAL.sub(" ", sentence))
        ),
        "subject_we": subject_we,
        "subject_org": subject_org,
        # a document the modal's passive makes (Handlingsplaner ska utformas …) is no purpose
        "subject_document": not passive_modal
        and any(_is_document(w.casefold()) for w in subject[:_DOCUMENT_WINDOW]),
        "past": past,
        # reporting is what the sentence itself commits to, not what an att-clause lets others do
        "reporting": not reason_lemmas.isdisjoint(_REPORTING)
        or ("redovisar" in sentence.casefold() and any(w.endswith("redovisar") for w in lows)),
        "conditional": bool(_CONDITIONAL.search(sentence.strip())),
        "means_first": bool(lows) and lows[0] in _MEANS,
        "quoted": c.quoted,
        "question": sentence.rstrip().endswith("?"),
        "addresses_reader": any(w.casefold() == "du" for w in clause_words[:_YOU_WINDOW]),
        "no_finite_verb": not finite,
        "no_action_word": c.item
        and not finite
        and not any(
            _word(w).action_verb
            or _word(w).lemma_action
            or is_action_noun(w)
            or _word(w).participle
            for w in words
        ),
        "lead_in_actions": verbal_lead,
        "lead_in_decision": decision_lead,
        "lead_in_past": past_lead,
        "lead_in_goals": goal_lead,
        "lead_in_remit": remit_lead,
        "lead_in_contents": contents_lead,
        "lead_in_modal": modal_lead,
        "lead_in_examples": examples_lead,
        "aim_first": c.item
        and bool(head)
        and (head_word.lemma in _AIM_VERBS or head.casefold() in _AIM_VERBS),
        "action_list": c.item
        and c.list_share >= 0.5
        and not (contents_lead or other_lead or describes),
        "describes_item": describes,
        "section_measure_item": c.item
        and c.section == "measure"
        and not (contents_lead or other_lead),
        "section_measure_prose": not c.item and c.section == "measure",
        "uppdrag_in_measure_section": f["uppdrag_received"] and c.section == "measure",
        "section_goal": c.section == "goal",
        "section_context": c.section == "context",
    }
    f["goals_discussed"] = (
        c.section == "goal"
        and not c.item
        and f["goal_noun"]
        and not (f["goal_phrase"] or f["modal_state"])
    )
    return dict(zip(FEATURES, map(float, map(f.__getitem__, FEATURES)), strict=True))


# ------------------------------------------------------------------------------ the scorer


def _balance_power(class_weight: str | None) -> float:
    """How far the classes are balanced: ``balanced`` 1, ``balanced^0.85`` 0.85 (each class
    weighed by the balanced weight to that power: between no weighting, 0, and full
    balance, 1), ``None`` 0.

    Example:
        >>> _balance_power("balanced"), _balance_power("balanced^0.85"), _balance_power(None)
        (1.0, 0.85, 0.0)
    """
    if class_weight is None:
        return 0.0
    name, _, power = class_weight.partition("^")
    if name != "balanced" or not 0 < float(power or 1) <= 1:
        raise ValueError(f"class_weight: None, 'balanced' or 'balanced^p', not {class_weight!r}")
    return float(power or 1)


class KindModel:
    """Multinomial logistic regression from :func:`features` to ``goal``/``measure``/``other``.

    ``other`` is the reference class (its weights are zero), so each weight is the log-odds a
    feature adds for ``goal`` or ``measure`` against ``other``. The weights are pulled towards
    a *prior* -- the shipped ``data/forms/kind_prior.csv``, which writes the kind definitions
    as weights (``ska`` + action verb → measure, ``ska vara`` → goal, reported as done → other
    …) -- instead of towards zero: ``fit`` minimises ``C`` × the (class-weighted) log-loss plus
    half the squared distance of the weights from the prior. A small ``C`` trusts the prior
    (a rule set), a large one the data; ``prior=None`` is plain L2-penalised regression.
    ``class_weight``: ``"balanced"`` weighs each class inversely to its frequency (measures
    and goals are rare among candidates), ``"balanced^p"`` by that weight to the power ``p``
    (0 < p ≤ 1: less recall for more precision), ``None`` not at all. Learned: ``features_``,
    ``classes_``, ``coef_`` (one row per class, ``other`` zero), ``intercept_``. :meth:`to_csv`
    writes them as the weights file, :meth:`from_csv` reads one.

    This class needs only NumPy (and SciPy to fit), so parsing never imports scikit-learn;
    :class:`KindScorer` (``plancompare.forms.kind_scorer``) is the same model with
    scikit-learn's estimator contract (``get_params``, ``clone``, ``score``) for model selection.

    Example:
        >>> X = [features(Candidate(t, item=True)) for t in ("Stärk A", "Öka B", "Lokaler")]
        >>> scorer = KindModel(C=10.0).fit(X, ["measure", "measure", "other"])
        >>> scorer.predict([features(Candidate("Utveckla C", item=True))]).tolist()
        ['measure']
    """

    def __init__(
        self, C: float = 1.0, class_weight: str | None = "balanced", prior: str | None = "shipped"
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.prior = prior

    def _matrix(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        names = getattr(self, "features_", tuple(FEATURES))
        return np.array([[row.get(n, 0.0) for n in names] for row in X], dtype=float).reshape(
            len(X), len(names)
        )

    def _prior_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """(coef, intercept) of the prior for :data:`CLASSES`, ``other`` zero."""
        coef = np.zeros((len(CLASSES), len(FEATURES)))
        intercept = np.zeros(len(CLASSES))
        if self.prior is None:
            return coef, intercept
        if self.prior != "shipped":
            raise ValueError(f"prior must be 'shipped' or None, not {self.prior!r}")
        names = list(FEATURES)
        for row in read_rows("kind_prior.csv"):
            for k, kind in enumerate(CLASSES[:2]):
                value = float(row[kind])
                if row["feature"] == "(intercept)":
                    intercept[k] = value
                else:
                    coef[k, names.index(row["feature"])] = value
        return coef, intercept

    def fit(self, X: Sequence[Mapping[str, float]], y: Sequence[str]) -> KindModel:
        """Learn the weights from feature dicts ``X`` and kinds ``y`` (in :data:`CLASSES`)."""
        from scipy.optimize import minimize

        self.features_ = tuple(FEATURES)
        self.classes_ = np.asarray(CLASSES)
        matrix = self._matrix(X)
        target = np.zeros((len(y), len(CLASSES)))
        target[np.arange(len(y)), [CLASSES.index(v) for v in y]] = 1.0
        counts = target.sum(axis=0)
        power = _balance_power(self.class_weight)
        balanced = np.where(counts > 0, len(y) / (len(CLASSES) * np.maximum(counts, 1)), 0)
        per_class = balanced**power if power else np.ones(len(CLASSES))
        weight = target @ per_class
        coef0, intercept0 = self._prior_weights()
        free = len(CLASSES) - 1  # the reference class "other" stays at zero
        d = matrix.shape[1]

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            coef = theta[: free * d].reshape(free, d)
            intercept = theta[free * d :]
            logits = np.zeros((len(y), len(CLASSES)))
            logits[:, :free] = matrix @ coef.T + intercept
            logits -= logits.max(axis=1, keepdims=True)
            log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
            data = -np.sum(weight * np.sum(target * log_p, axis=1))
            grad_logits = (np.exp(log_p) - target) * weight[:, None]
            dc, di = coef - coef0[:free], intercept - intercept0[:free]
            value = self.C * data + 0.5 * np.sum(dc**2) + 0.5 * _INTERCEPT_PENALTY * np.sum(di**2)
            g_coef = self.C * grad_logits[:, :free].T @ matrix + dc
            g_intercept = self.C * grad_logits[:, :free].sum(axis=0) + _INTERCEPT_PENALTY * di
            return value, np.concatenate([g_coef.ravel(), g_intercept])

        start = np.concatenate([coef0[:free].ravel(), intercept0[:free]])
        found = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 5000})
        self.coef_ = np.zeros((len(CLASSES), d))
        self.coef_[:free] = found.x[: free * d].reshape(free, d)
        self.intercept_ = np.zeros(len(CLASSES))
        self.intercept_[:free] = found.x[free * d :]
        return self

    def decision_function(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Linear scores (log-odds against ``other``), one column per class."""
        return self._matrix(X) @ self.coef_.T + self.intercept_

    def predict_proba(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Class probabilities (softmax of the scores)."""
        scores = self.decision_function(X)
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The most probable class of each row."""
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]

    def to_csv(self, path: Path) -> None:
        """Write the weights: ``feature, goal, measure, other, gloss``, the intercept first."""
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh, lineterminator="\n")
            out.writerow(["feature", *self.classes_, "gloss"])
            out.writerow(["(intercept)", *(f"{v:.4f}" for v in self.intercept_), "bias"])
            fitted_with = [
                f"C={self.C:g}",
                f"class_weight={self.class_weight}",
                f"prior={self.prior}",
            ]
            out.writerow(["(fitted with)", *fitted_with, "the parameters of the fit"])
            for j, name in enumerate(self.features_):
                weights = (f"{v:.4f}" for v in self.coef_[:, j])
                out.writerow([name, *weights, FEATURES.get(name, "")])

    @classmethod
    def from_csv(cls, path: Path) -> KindModel:
        """A scorer with the weights of a file written by :meth:`to_csv`."""
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        params = {}
        if len(rows) > 2 and rows[2][0] == "(fitted with)":
            found = dict(cell.split("=", 1) for cell in rows[2][1:-1])
            none = {"None": None}
            params = {
                "C": float(found["C"]),
                "class_weight": none.get(found["class_weight"], found["class_weight"]),
                "prior": none.get(found["prior"], found["prior"]),
            }
        scorer = cls(**params)
        weights = [r for r in rows[1:] if r[0] not in ("(intercept)", "(fitted with)")]
        scorer.classes_ = np.asarray(rows[0][1:-1])
        scorer.intercept_ = np.array([float(v) for v in rows[1][1:-1]])
        scorer.features_ = tuple(r[0] for r in weights)
        scorer.coef_ = np.array([[float(v) for v in r[1:-1]] for r in weights]).T
        return scorer


@cache
def default_scorer() -> KindModel:
    """The shipped scorer (``data/forms/kind_weights.csv``), read once.

    Example:
        >>> default_scorer().classes_.tolist()
        ['goal', 'measure', 'other']
    """
    return KindModel.from_csv(WEIGHTS_PATH)


def __getattr__(name: str) -> object:
    # KindScorer imports scikit-learn: loaded when asked for, not when plancompare is imported
    if name == "KindScorer":
        from .kind_scorer import KindScorer

        return KindScorer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SCORER: ContextVar[KindModel | None] = ContextVar("kind_scorer", default=None)
_RECORD: ContextVar[list[tuple[Candidate, dict[str, float]]] | None] = ContextVar(
    "kind_record", default=None
)


@contextmanager
def use(scorer: KindModel) -> Iterator[KindModel]:
    """Parse with ``scorer`` instead of the shipped weights (cross-validation, experiments).

    Example:
        >>> X = [features(Candidate(t, item=True)) for t in ("Stärk A", "Lokaler")]
        >>> with use(KindModel(C=100, prior=None).fit(X, ["other", "measure"])):  # perverse
        ...     kind_of(Candidate("Stärk B", item=True))
        'other'
    """
    token = _SCORER.set(scorer)
    try:
        yield scorer
    finally:
        _SCORER.reset(token)


@contextmanager
def recording() -> Iterator[list[tuple[Candidate, dict[str, float]]]]:
    """Collect every candidate the parsers classify, with its features (for fitting).

    Example:
        >>> with recording() as seen:
        ...     _ = kind_of(Candidate("Stärk samverkan", item=True))
        >>> seen[0][0].text, seen[0][1]["verb_first"]
        ('Stärk samverkan', 1.0)
    """
    rows: list[tuple[Candidate, dict[str, float]]] = []
    token = _RECORD.set(rows)
    try:
        yield rows
    finally:
        _RECORD.reset(token)


# the shipped scorer's kind per distinct feature dict, kept with that scorer (a new one after
# default_scorer.cache_clear() starts afresh)
_SHIPPED_KINDS: WeakKeyDictionary[KindModel, dict[tuple[tuple[str, float], ...], str]] = (
    WeakKeyDictionary()
)
_SHIPPED_KINDS_LIMIT = 100_000


def classify(candidate: Candidate) -> tuple[str, dict[str, float]]:
    """The candidate's kind (``goal``, ``measure`` or ``other``) and its features.

    Example:
        >>> kind, found = classify(Candidate("Just nu pågår en uppdatering av planen."))
        >>> kind, found["ongoing"], found["action_noun_early"]
        ('measure', 1.0, 1.0)
    """
    found = features(candidate)
    record = _RECORD.get()
    if record is not None:
        record.append((candidate, found))
    scorer = _SCORER.get()
    if scorer is not None:
        return str(scorer.predict([found])[0]), found
    # the shipped scorer's answer per distinct feature vector: a corpus's tens of thousands of
    # candidates have a few thousand (the same product of the same weights, computed once)
    scorer = default_scorer()
    known = _SHIPPED_KINDS.get(scorer)
    if known is None:
        known = _SHIPPED_KINDS[scorer] = {}
    key = tuple(found.items())
    kind = known.get(key)
    if kind is None:
        kind = str(scorer.predict([found])[0])
        if len(known) < _SHIPPED_KINDS_LIMIT:
            known[key] = kind
    return kind, found


def kind_of(candidate: Candidate) -> str:
    """``goal``, ``measure`` or ``other``: the scorer's reading of a candidate.

    Example:
        >>> kind_of(Candidate("Översyn rabattstruktur", item=True, list_share=0.8))
        'measure'
    """
    return classify(candidate)[0]
