"""Verb forms and action nouns, derived by rule from the verbs' lemmas and checked against data.

What a plan's sentence *does* shows in its verbs and in the nouns made from them, so the unit
reader asks three questions of a word:

* :func:`verb_tense` -- which form of a verb a word is (``ökar`` present, ``erbjuds`` passive,
  ``genomförde`` preterite, ``genomfört`` supine …), read off its relation to its lemma; a
  lemma counts as a verb when the lemmatizer's dictionary lists its present tense;
* :func:`is_action_noun` -- whether a word is a nominalisation of an action verb (``översyn``,
  ``införande``, ``utveckling``, ``kartläggning``, ``genomlysning``, ``samverkan``) or a
  compound ending in one (``psykiatriutredning``, ``tillgänglighetsarbete``);
* :func:`is_action_participle` -- whether it is the past participle of an action verb
  (``Ökad``, ``Stärkt``, ``Förbättrad``: "Ökad självfinansiering av kulturen").

The nouns are not a list copied from texts: each action-verb lemma
(:func:`~plancompare.swedish.action_verbs`) is derived by the productive Swedish suffixes --
``-ing``/``-ning`` (utveckla → utveckling, kartlägga → kartläggning), ``-an`` (samverka →
samverkan), ``-nad`` (bygga ut → utbyggnad), ``-else`` (förbereda → förberedelse), ``-e``
(arbeta → arbete), ``-ande`` (införa → införande) -- with a particle verb's particle put
first (följa upp → uppföljning) and the ablaut nouns of the short strong verbs (se över →
översyn, ta → tag); a candidate is kept only when the lemmatizer lists it as a word of its own
with a frequency of at least :data:`MIN_ZIPF`, or, for ``-ande``, when the verb has no other
noun and is not in ``-era`` (``-ande`` is otherwise the present participle: ``ledande``,
``engagerande``).

Example:
    >>> verb_tense("ökar"), verb_tense("erbjuds"), verb_tense("genomfört"), verb_tense("lärare")
    ('present', 'passive', 'supine', '')
    >>> [is_action_noun(w) for w in ("Översyn", "införande", "Psykiatriutredning", "ledande")]
    [True, True, True, False]
    >>> is_action_participle("Ökad"), is_action_participle("Stärkt"), is_action_participle("Röd")
    (True, True, False)
"""

from __future__ import annotations

from functools import cache

from .compounds import compound_parts
from .frequencies import zipf
from .lemmatize import known_lemma, lemma
from .verbs import _conjugations, action_verbs

__all__ = [
    "MIN_ZIPF",
    "action_nouns",
    "action_participles",
    "is_action_noun",
    "is_action_participle",
    "is_verb",
    "verb_tense",
]

MIN_ZIPF = 2.0  # a derived noun must be at least this frequent (wordfreq's Zipf scale)
_NOUN_SUFFIXES = ("ning", "ing", "an", "nad", "else", "e")
# The nouns of the short strong verbs are made by vowel change, not by a suffix (SAG).
_ABLAUT = {"se": "syn", "gå": "gång", "ta": "tag", "dra": "drag", "slå": "slag", "stå": "stånd"}
_SHORT = 2  # a verb this short (ta, se, gå) is no verb of the suffix rules
_MIN_TAIL = 6  # a compound may end in an action noun this long (…finansiering)
# Particles that move in front of a particle verb's noun (följa upp → uppföljning); "för" of
# "verka för" is a preposition and does not.
_PARTICLES = frozenset(("upp", "ut", "in", "fram", "över", "ner", "bort", "till", "om", "av", "på"))


# The preterites of Swedish strong and irregular verbs that the suffix rules cannot read
# (grammar, a closed class): preterite -> infinitive; compounds end in them (övergick).
_STRONG_PRETERITES = {
    "gav": "ge", "tog": "ta", "fick": "få", "gick": "gå", "blev": "bli", "var": "vara",
    "drog": "dra", "såg": "se", "kom": "komma", "stod": "stå", "låg": "ligga", "satt": "sitta",
    "slog": "slå", "fann": "finna", "bar": "bära", "bröt": "bryta", "skrev": "skriva",
    "lät": "låta", "sade": "säga", "sa": "säga", "gjorde": "göra",
}  # fmt: skip


@cache
def is_verb(word: str) -> bool:
    """Whether a lemma is a verb: the dictionary lists its present tense (``-r`` or ``-er``).

    Example:
        >>> is_verb("öka"), is_verb("stärka"), is_verb("gå"), is_verb("lärare")
        (True, True, True, False)
    """
    return bool(_conjugations(word)) or (
        len(word) <= _SHORT + 1 and known_lemma(word + "r") == word
    )


def _stem(verb: str) -> str:
    return verb[:-1] if verb.endswith("a") else verb


def verb_tense(word: str) -> str:
    """The verb form a word is, or ``""`` when it is no form of a verb.

    One of ``infinitive`` (the lemma itself, and the imperative of ``-ar`` verbs), ``present``
    (``ökar``, ``stärker``, ``genomför``, ``går``), ``passive`` (present passive: ``ökas``,
    ``stärks``, ``erbjuds``), ``preterite`` (``ökade``, ``stärkte``, ``undertecknades``),
    ``supine`` (``ökat``, ``stärkt``, ``erbjudit``, ``upprättats``) -- read off the word's
    ending relative to its lemma. A form the rules do not place is ``other``.

    Example:
        >>> [verb_tense(w) for w in ("Utveckla", "intensifierar", "övergår", "genomförs")]
        ['infinitive', 'present', 'present', 'passive']
        >>> [verb_tense(w) for w in ("beslutade", "anställde", "upprättats", "tagit", "gav")]
        ['preterite', 'preterite', 'supine', 'supine', 'preterite']
        >>> verb_tense("ska"), verb_tense("behöver"), verb_tense("kommer"), verb_tense("styrande")
        ('', 'present', 'present', 'other')
        >>> verb_tense("inte"), verb_tense("ende"), verb_tense("roade")
        ('', '', 'preterite')
    """
    w = word.lower()
    lem = lemma(w)
    # anställde → anställd (adjective); a word of four letters or fewer is no preterite read
    # off such an ending (inte, ende, bete: in, en, be are no verb stems)
    if lem and not is_verb(lem) and len(w) > 4 and w.endswith(("de", "te")):
        for cut in (3, 2):
            if w[-cut:] in ("ade", "de", "te") and is_verb(w[:-cut] + "a"):
                return "preterite"
    if not lem or not is_verb(lem):
        return ""
    stem = _stem(lem)
    if w == lem:
        return "infinitive"
    if w in (lem + "r", stem + "er") or (w == stem and stem.endswith("r")):
        return "present"
    if w in (lem + "s", stem + "s", stem + "es"):
        return "passive"
    if w.endswith(("ande", "ende")):
        return "other"  # the present participle (styrande, inflytande, pågående)
    if w.endswith(("ades", "des", "tes", "ade", "de", "te", "dde")):
        return "preterite"
    if w.endswith(("ats", "its", "ts", "at", "it", "tt", "t")):
        return "supine"
    for past, verb in _STRONG_PRETERITES.items():
        if w.endswith(past) and lem.endswith(verb):
            return "preterite"  # a strong verb's vowel change: gav (ge), tog (ta), övergick
    return "other"


def _derived_nouns(verb: str) -> set[str]:
    head, *particles = verb.split()
    if any(p not in _PARTICLES for p in particles):
        return set()
    prefix = "".join(particles)
    out = set()
    if head in _ABLAUT:  # a strong verb: its noun by vowel change only
        return {prefix + _ABLAUT[head]}
    stem = _stem(head)
    for suffix in _NOUN_SUFFIXES:
        out.add(prefix + stem + suffix)
    return out


def _attested(noun: str) -> bool:
    return known_lemma(noun) == noun and zipf(noun) >= MIN_ZIPF


@cache
def action_nouns() -> frozenset[str]:
    """The nominalisations of the action verbs that the lemmatizer and word list attest.

    Example:
        >>> {"översyn", "utveckling", "kartläggning", "införande", "samverkan"} <= action_nouns()
        True
        >>> {"ledande", "följande", "inte", "te"} & action_nouns()
        set()
    """
    nouns: set[str] = set()
    for verb in action_verbs():
        found = {n for n in _derived_nouns(verb) if _attested(n)}
        head, *particles = verb.split()
        # införa → införande; a verb in -era makes its noun in -ering, its -erande is an adjective
        if not found and not particles and len(head) > _SHORT and not head.endswith("era"):
            ande = head + "nde"
            if known_lemma(ande) in (ande, head) and zipf(ande) >= MIN_ZIPF:
                found.add(ande)
        nouns |= found
    return frozenset(nouns)


@cache
def is_action_noun(word: str) -> bool:
    """Whether ``word`` (any case or inflection) is an action noun or a compound ending in one.

    Example:
        >>> is_action_noun("Utredningen"), is_action_noun("tillgänglighetsarbete")
        (True, True)
        >>> is_action_noun("självfinansiering"), is_action_noun("arbetsmiljö")
        (True, False)
    """
    w = word.lower()
    nouns = action_nouns()
    if w in nouns or lemma(w) in nouns:
        return True
    parts = compound_parts(w)
    if len(parts) > 1 and parts[-1] in nouns:
        return True
    # ends in an action noun of at least _MIN_TAIL letters that is not the whole word
    tails = _long_action_nouns()
    return any(w[cut:] in tails for cut in range(1, len(w) - _MIN_TAIL + 1))


@cache
def _long_action_nouns() -> frozenset[str]:
    return frozenset(n for n in action_nouns() if len(n) >= _MIN_TAIL)


@cache
def action_participles() -> frozenset[str]:
    """Past participles of the action verbs (``ökad``, ``ökat``, ``stärkt``, ``förbättrad``).

    Example:
        >>> {"ökad", "stärkt", "förbättrade"} <= action_participles()
        True
    """
    out: set[str] = set()
    for verb in action_verbs():
        head = verb.split()[0]
        if len(head) <= _SHORT or not head.endswith("a"):
            continue
        kinds = _conjugations(head)
        stem = head[:-1]
        forms = []
        if "ar" in kinds:
            forms += [head + "d", head + "t", head + "de"]
        if "er" in kinds:
            forms += [stem + "d", stem + "t", stem + "da", stem + "ta"]
        out |= {f for f in forms if known_lemma(f) in (f, head) or zipf(f) >= MIN_ZIPF}
    return frozenset(out)


def is_action_participle(word: str) -> bool:
    """Whether ``word`` is the past participle of an action verb (``Ökad``, ``Stärkta``).

    Example:
        >>> is_action_participle("Förbättrad"), is_action_participle("Bättre")
        (True, False)
    """
    return word.lower() in action_participles()
