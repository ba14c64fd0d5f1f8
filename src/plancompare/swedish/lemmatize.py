"""Lemmas of Swedish words: simplemma's Swedish dictionary, with the modal verbs kept as verbs.

simplemma reads ``ska`` and ``skall`` (shall) as forms of ``skola`` (school); here the modal
verbs listed in ``data/swedish/modal_verbs.tsv`` are looked up there first. Lemmas are cached
per distinct word.

Example:
    >>> lemmas("Skolan ska stärka lärarnas kompetens")
    ['skola', 'ska', 'stärka', 'lärare', 'kompetens']
"""

from __future__ import annotations

import importlib.util
import os
from array import array
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from plancompare import paths

from .cache import CACHE_ENV, WordStore, load_artefact
from .tables import SortedMapping, SortedStrings
from .tokens import tokenize

__all__ = [
    "MODAL_VERBS_PATH",
    "OVERRIDES_PATH",
    "LemmaTable",
    "analysis_store",
    "lemma_table",
    "known_lemma",
    "lemma",
    "lemmas",
    "modal_verbs",
    "word_lemmas",
]

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


@cache
def modal_verbs() -> frozenset[str]:
    """Lemmas of the Swedish modal verbs (``ska``, ``böra``, ``kunna``, ``måste`` ...), made
    once (the compound search asks about every part it tries).

    Example:
        >>> sorted(modal_verbs())
        ['böra', 'kunna', 'måste', 'ska', 'vilja']
    """
    return frozenset(_modal_forms().values())


class LemmaTable(SortedMapping[str]):
    """simplemma's Swedish dictionary (word form -> lemma) as sorted flat arrays.

    A drop-in for the dictionary simplemma builds in memory (a dict of some 960,000 entries,
    about 0.75 s and 85 MB in every process): the forms and the distinct lemmas are two
    :class:`~plancompare.swedish.tables.SortedStrings`, and an array gives each form's lemma;
    a lookup probes the forms' stored hash index. Stored in the on-disk cache
    (:mod:`plancompare.swedish.cache`) and memory-mapped.

    Example:
        >>> t = LemmaTable.from_items([("lärarna", "lärare"), ("lärare", "lärare")])
        >>> t.get("lärarna"), t.get("lärarinna"), len(t), sorted(t)
        ('lärare', None, 2, ['lärare', 'lärarna'])
    """

    __slots__ = ("_lemma_ids", "_lemmas")

    def __init__(self, sections: Mapping[str, memoryview | bytes | array]) -> None:
        forms = SortedStrings(
            sections["forms"], sections["form_offsets"], sections.get("form_slots")
        )
        super().__init__(forms)
        self._lemma_ids = sections["lemma_ids"]
        self._lemmas = SortedStrings(sections["lemmas"], sections["lemma_offsets"])

    def _value(self, i: int) -> str:
        return self._lemmas[self._lemma_ids[i]]

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        i = self._keys.find(key)
        return self._lemmas.at(self._lemma_ids[i]) if i >= 0 else default

    @staticmethod
    def sections_of(table: Mapping[str, str]) -> dict[str, bytes | array]:
        """Flat sections of a form -> lemma mapping (see :meth:`from_items`).

        Written in one pass when the mapping iterates in sorted order (simplemma's does), so
        that preparing the cache holds little besides simplemma's own dictionary.
        """
        forms, form_offsets = bytearray(), array("I", [0])
        first_ids: dict[str, int] = {}
        ids = array("I")
        previous = b""
        for form in table:
            encoded = form.encode()
            if encoded <= previous and form_offsets[-1]:
                rows = sorted(table.items(), key=lambda kv: kv[0].encode())
                return LemmaTable.sections_of(dict(rows))
            previous = encoded
            forms += encoded
            form_offsets.append(len(forms))
            ids.append(first_ids.setdefault(table[form], len(first_ids)))
        lemmas, lemma_offsets = SortedStrings.pack(first_ids)
        order = {lem: i for i, lem in enumerate(SortedStrings(lemmas, lemma_offsets))}
        remap = array("I", bytes(4 * len(first_ids)))
        for lem, first in first_ids.items():
            remap[first] = order[lem]
        return {
            "forms": bytes(forms),
            "form_offsets": form_offsets,
            "form_slots": SortedStrings.hash_slots(forms, form_offsets),
            "lemma_ids": array("I", (remap[i] for i in ids)),
            "lemmas": lemmas,
            "lemma_offsets": lemma_offsets,
        }

    @classmethod
    def from_items(cls, items: Iterable[tuple[str, str]]) -> LemmaTable:
        """A table of ``(form, lemma)`` pairs.

        Example:
            >>> LemmaTable.from_items([("öka", "öka"), ("ökade", "öka"), ("bar", "bära")])["bar"]
            'bära'
        """
        return cls(cls.sections_of(dict(items)))


def _simplemma_data() -> list[Path]:
    """simplemma's Swedish dictionary file (found without importing simplemma)."""
    spec = importlib.util.find_spec("simplemma")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "strategies" / "dictionaries" / "data" / f"{_LANG}.plzma"
        if path.is_file():
            return [path]
    return []


def _build_sections() -> dict[str, bytes | array]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return LemmaTable.sections_of(DefaultDictionaryFactory().get_dictionary(_LANG))


@cache
def lemma_table() -> LemmaTable:
    """simplemma's Swedish dictionary, prepared once and cached on disk (memory-mapped).

    Example:
        >>> lemma_table().get("lärarna"), len(lemma_table()) > 900_000
        ('lärare', True)
    """
    sections = load_artefact(
        "sv-lemmas", _build_sections, packages=("simplemma", "plancompare"), files=_simplemma_data()
    )
    return LemmaTable(sections)


class _CachedDictionaryFactory:
    """simplemma's ``DictionaryFactory`` protocol over :func:`lemma_table` (Swedish only)."""

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != _LANG:
            raise ValueError(f"only Swedish is prepared, not {lang!r}")
        return lemma_table()


@cache
def _strategy():
    """simplemma's default strategy (dictionary, then rules) over the cached dictionary."""
    from simplemma.strategies import DefaultStrategy

    return DefaultStrategy(dictionary_factory=_CachedDictionaryFactory())


@cache
def _dictionary_lookup():
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(_CachedDictionaryFactory())


def _has_apostrophe(word: str) -> bool:
    return "'" in word or "’" in word or "ʼ" in word  # the glyphs simplemma folds


def _lookup(word: str) -> str | None:
    """simplemma's dictionary look-up (``DictionaryLookupStrategy.get_lemma``) of a ``word``
    without apostrophes, done on the table: the word, then the word with its first letter's
    case turned."""
    table = lemma_table()
    found = table.get(word)
    if found is None:
        found = table.get(word.lower() if word[:1].isupper() else word.capitalize())
    return found


_STORES: dict[str, WordStore] = {}


def analysis_store() -> WordStore:
    """The on-disk store of word analyses, shared by every caller and process.

    Each record is ``word -> (lemma, *compound parts)``: :func:`lemma` keeps there the lemmas of
    words simplemma's dictionary lacks (a record of the lemma alone), so a later process finds
    them without importing simplemma; :func:`~plancompare.swedish.compound_parts` keeps the
    lemma and the parts of every word it analyses, which the vectorizer and theme coding read
    for all the distinct words of a corpus at once (:meth:`WordStore.get_many`). Keyed by the
    versions of plancompare, simplemma and wordfreq and by the Swedish data files
    (:class:`~plancompare.swedish.cache.WordStore`), one per cache directory.

    Example:
        >>> analysis_store().name
        'sv-word-analyses'
    """
    directory = os.environ.get(CACHE_ENV, "")  # the directory follows it (cache_dir)
    store = _STORES.get(directory)
    if store is None:
        files = sorted((paths.RESOURCES / "swedish").glob("*.*")) + _simplemma_data()
        store = _STORES[directory] = WordStore(
            "sv-word-analyses",
            packages=("plancompare", "simplemma", "wordfreq"),
            files=files,
            replaces=("sv-lemma-fallbacks-*.json", "word-analyses-*.json"),  # the memos before
        )
    return store


def _simplemma(word: str, remember: bool = False) -> str:
    """simplemma's lemma of ``word`` (lower case); with ``remember``, the answer for a word
    its dictionary lacks is kept in :func:`analysis_store` (and looked up there first)."""
    import unicodedata

    token = unicodedata.normalize("NFC", word)
    # simplemma's pipeline starts with the dictionary for a word that is not a number and has
    # no apostrophe (its apostrophe step passes such a word on untouched): look it up here
    if token and not token.isnumeric() and not _has_apostrophe(token):
        found = _lookup(token)
        if found is not None:
            return found.lower()
    store = analysis_store() if remember else None
    stored = store.get(word) if store is not None else None
    if stored is not None:
        return stored[0]
    found = (_strategy().get_lemma(token, _LANG) or token).lower()
    if store is not None:
        store.put(word, (found,))
    return found


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
                found = _simplemma(word, remember=True)
        if len(_cache) < _CACHE_LIMIT:
            _cache[word] = found
    return found


def word_lemmas(words: Sequence[str]) -> list[str]:
    """:func:`lemma` of each of ``words``: the store of word analyses searched once for all of
    them (a corpus's distinct words), the others lemmatized and added.

    Example:
        >>> word_lemmas(["lärarna", "ska", "IT"])
        ['lärare', 'ska', 'it']
    """
    store = analysis_store()
    out = []
    for word, stored in zip(words, store.get_many(words), strict=True):
        if stored is None:
            found = lemma(word)
            store.put(word, (found,))
        else:
            found = stored[0]
        out.append(found)
    return out


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
    found = _lookup(word)
    if found is None and _has_apostrophe(word):  # simplemma tries the apostrophe variants
        found = _dictionary_lookup().get_lemma(word, _LANG)
    return found.lower() if found is not None else None
