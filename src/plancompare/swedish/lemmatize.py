"""Lemmas of Swedish words: simplemma's Swedish dictionary, with the modal verbs kept as verbs.

simplemma reads ``ska`` and ``skall`` (shall) as forms of ``skola`` (school); here the modal
verbs listed in ``data/swedish/modal_verbs.tsv`` are looked up there first. Lemmas are cached
per distinct word.

Example:
    >>> lemmas("Skolan ska stärka lärarnas kompetens")
    ['skola', 'ska', 'stärka', 'lärare', 'kompetens']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from plancompare import paths

from .tokens import tokenize

__all__ = ["MODAL_VERBS_PATH", "OVERRIDES_PATH", "known_lemma", "lemma", "lemmas", "modal_verbs"]

MODAL_VERBS_PATH = paths.RESOURCES / "swedish" / "modal_verbs.tsv"
OVERRIDES_PATH = paths.RESOURCES / "swedish" / "lemma_overrides.tsv"
_ACRONYM_MAX = 5  # an all-capitals word up to this length is an acronym (IT, HR, SKR)
_LANG = "sv"
_CACHE_LIMIT = 1_000_000  # distinct words remembered per process
_cache: dict[str, str] = {}


def _read_forms(path: Path) -> dict[str, str]:
    """A ``form <TAB> lemma`` table (further columns are notes; ``#`` lines are comments)."""
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#") or line.startswith("form\t"):
                continue
            form, lem = line.rstrip("\n").split("\t")[:2]
            table[form.strip().lower()] = lem.strip().lower()
    return table


@cache
def _modal_forms() -> dict[str, str]:
    return _read_forms(MODAL_VERBS_PATH)


@cache
def _overrides() -> dict[str, str]:
    """Forms looked up before the lemmatizer: the modal verbs and the noun homographs."""
    return {**_read_forms(OVERRIDES_PATH), **_modal_forms()}


def modal_verbs() -> frozenset[str]:
    """Lemmas of the Swedish modal verbs (``ska``, ``böra``, ``kunna``, ``måste`` ...).

    Example:
        >>> sorted(modal_verbs())
        ['böra', 'kunna', 'måste', 'ska', 'vilja']
    """
    return frozenset(_modal_forms().values())


@cache
def _strategy():
    """simplemma's default Swedish strategy (dictionary lookup, then rules)."""
    from simplemma.strategies import DefaultStrategy

    return DefaultStrategy()


@cache
def _dictionary_lookup():
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy()


def _simplemma(word: str) -> str:
    import unicodedata

    token = unicodedata.normalize("NFC", word)
    return (_strategy().get_lemma(token, _LANG) or token).lower()


def lemma(word: str) -> str:
    """The lower-case lemma of ``word``; modal verbs stay verbs (``ska`` → ``ska``).

    Looked up in turn: the modal verbs (``data/swedish/modal_verbs.tsv``) and a few noun
    homographs the lemmatizer reads as verbs (``plan``, ``uppdrag``, ``åtgärd``:
    ``data/swedish/lemma_overrides.tsv``); an all-capitals acronym (``IT``, ``SKR``) is kept;
    anything else goes to simplemma's Swedish dictionary and rules. Cached per distinct word.

    Example:
        >>> [lemma(w) for w in ("ska", "skall", "bör", "kan", "måste", "Stärk", "fonden")]
        ['ska', 'ska', 'böra', 'kunna', 'måste', 'stärka', 'fond']
        >>> [lemma(w) for w in ("plan", "planen", "Uppdrag", "IT", "lärarna")]
        ['plan', 'plan', 'uppdrag', 'it', 'lärare']
    """
    found = _cache.get(word)
    if found is None:
        if not word:
            return ""
        found = _overrides().get(word.lower())
        if found is None:
            if word.isupper() and word.isalpha() and len(word) <= _ACRONYM_MAX:
                found = word.lower()
            else:
                found = _simplemma(word)
        if len(_cache) < _CACHE_LIMIT:
            _cache[word] = found
    return found


def lemmas(text: str) -> list[str]:
    """The lemma of every word token of ``text`` (see :func:`~plancompare.swedish.tokenize`).

    Example:
        >>> lemmas("Vi bör öka SKR:s stöd")
        ['vi', 'böra', 'öka', 'skr:s', 'stöd']
    """
    return [lemma(t.text) for t in tokenize(text)]


def known_lemma(word: str) -> str | None:
    """The lemma simplemma's Swedish *dictionary* lists for ``word``, without guessing.

    ``None`` when the form is not in the dictionary (then :func:`lemma` falls back to rules or
    returns the word itself). Used to check derived word forms against the lemmatizer.

    Example:
        >>> known_lemma("stärker"), known_lemma("stärkerr")
        ('stärka', None)
    """
    if not word:
        return None
    found = _dictionary_lookup().get_lemma(word, _LANG)
    return found.lower() if found is not None else None
