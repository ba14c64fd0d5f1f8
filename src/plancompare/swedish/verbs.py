"""Action verbs: the verbs a plan's measures start with (``Utveckla``, ``Stärk``, ``Ta fram``).

The lemmas are a data file, ``data/swedish/action_verbs.txt``; the forms that count -- the
infinitive and the imperative -- are derived by rule from the verb's conjugation, which is read
off the lemmatizer's dictionary (the present tense it lists for the verb):

* present in ``-ar`` or a short verb in ``-r`` (``ökar``, ``tar``): the imperative is the
  infinitive (``Öka``, ``Ta``);
* present in ``-er``, or the bare stem after ``r`` (``stärker``, ``genomför``): the imperative
  is the stem (``Stärk``, ``Genomför``).

A compound verb the dictionary lacks (``kompetensutveckla``) conjugates like its last verb
(``utveckla``). A stem that the dictionary gives to another word is not an imperative:
``inför`` is the preposition, so only ``införa`` counts.

Example:
    >>> [is_action_verb(w) for w in ("Stärk", "Höj", "Öka", "Ta", "Förläng", "Utveckla")]
    [True, True, True, True, True, True]
    >>> [is_action_verb(w) for w in ("Stark", "Hoj", "Åka", "stärker", "lärare")]
    [False, False, False, False, False]
"""

from __future__ import annotations

from functools import cache

from plancompare import paths

from .lemmatize import known_lemma

__all__ = ["ACTION_VERBS_PATH", "action_verbs", "is_action_verb", "verb_forms"]

ACTION_VERBS_PATH = paths.RESOURCES / "swedish" / "action_verbs.txt"
_MIN_TAIL = 3  # shortest verb a compound verb may be read as ending in


@cache
def action_verbs() -> frozenset[str]:
    """The action-verb lemmas (infinitives; particle verbs as ``ta fram``, ``följa upp``).

    Example:
        >>> {"utveckla", "säkerställa", "ta fram", "följa upp"} <= action_verbs()
        True
    """
    with ACTION_VERBS_PATH.open(encoding="utf-8") as fh:
        return frozenset(
            " ".join(line.lower().split())
            for line in fh
            if line.strip() and not line.startswith("#")
        )


def _conjugations(verb: str) -> frozenset[str]:
    """Which present tenses the lemmatizer's dictionary lists for ``verb``: ``ar`` and/or ``er``."""
    kinds = set()
    if known_lemma(verb + "r") == verb:
        kinds.add("ar")
    if verb.endswith("a"):
        stem = verb[:-1]
        present = stem if stem.endswith("r") else stem + "er"
        if known_lemma(present) == verb:
            kinds.add("er")
    return frozenset(kinds)


@cache
def verb_forms(verb: str) -> frozenset[str]:
    """The infinitive and imperative forms of a Swedish verb lemma (lower case).

    Example:
        >>> sorted(verb_forms("stärka")), sorted(verb_forms("öka")), sorted(verb_forms("ta"))
        (['stärk', 'stärka'], ['öka'], ['ta'])
        >>> sorted(verb_forms("kompetensutveckla")), sorted(verb_forms("införa"))
        (['kompetensutveckla'], ['införa'])
    """
    base = verb  # the verb, or for a compound verb the dictionary lacks, its last verb
    kinds = _conjugations(verb)
    for cut in range(1, len(verb) - _MIN_TAIL + 1):
        if kinds or known_lemma(verb) == verb:
            break
        base = verb[cut:]
        kinds = _conjugations(base)
    forms = {verb}
    if "er" in kinds and known_lemma(base[:-1]) == base:  # the stem is attested as its form
        forms.add(verb[:-1])
    return frozenset(forms)


@cache
def _form_lemmas() -> dict[str, frozenset[str]]:
    """Infinitive/imperative form -> the action-verb heads it is a form of."""
    table: dict[str, set[str]] = {}
    for lemma in action_verbs():
        head = lemma.split()[0]
        for form in verb_forms(head):
            table.setdefault(form, set()).add(head)
    return {form: frozenset(heads) for form, heads in table.items()}


def is_action_verb(word: str) -> bool:
    """Whether ``word`` is the infinitive or imperative of an action verb (any case).

    The head of a particle verb counts alone (``Ta`` of ``ta fram``); a phrase counts when its
    head is such a form and the whole is a listed particle verb (``Följ upp``).

    Example:
        >>> is_action_verb("Säkerställ"), is_action_verb("Följ upp"), is_action_verb("Följ ner")
        (True, True, False)
    """
    head, *particles = word.lower().split() or [""]
    heads = _form_lemmas().get(head)
    if not heads:
        return False
    if not particles:
        return True
    return any(" ".join((h, *particles)) in action_verbs() for h in heads)
