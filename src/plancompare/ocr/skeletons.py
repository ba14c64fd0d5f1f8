"""OCR skeletons: the word list indexed by what the channel's cheap readings cannot tell apart.

The cheap readings of the channel (:meth:`~.channel.Readings.quick`: ``a`` for ``ä``/``å``,
``o``/``6`` for ``ö``, ``1`` for ``l`` ...) each turn one printed character into one letter.
Characters that such a reading links fall into one *class*, and a word's *skeleton* is its key
(:func:`~plancompare.swedish.frequencies.key`) with each character replaced by its class: with
the shipped channel ``a``, ``o`` and ``*`` (å/ä/ö) are one class, so ``bar``, ``bor``, ``bär``,
``bör`` and ``bår`` share the skeleton ``b*r``. Any word a cheap reading of a printed token can
spell has the token's skeleton, so the words to try are one look-up instead of a walk over
every reading at every position (:class:`~.candidates.CandidateSearch` checks each one).

The index of wordfreq's Swedish list is prepared once per channel and word list and stored
with the other prepared tables (:mod:`plancompare.swedish.cache`: memory-mapped, keyed by the
versions it is built from); a lexicon's own corpus words are indexed in memory.

Example:
    >>> from plancompare.ocr.channel import compile_readings, load_confusions
    >>> classes = SkeletonClasses.of(compile_readings(load_confusions()).quick())
    >>> classes.skeleton("bör"), classes.skeleton("bar"), classes.skeleton("6ka")
    ('b*r', 'b*r', '*k*')
    >>> index = SkeletonIndex.from_words(["bar", "bär", "bör", "kaka"], classes)
    >>> index.bucket("b*r"), index.bucket("x")
    (('bar', 'bär', 'bör'), ())
"""

from __future__ import annotations

import hashlib
import itertools
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from zlib import crc32

from plancompare.swedish.cache import load_artefact
from plancompare.swedish.frequencies import DIACRITICS, STAR, _wordfreq_file, key, vocabulary
from plancompare.swedish.tables import hash_slots

from .channel import CAPITAL_I, Readings

__all__ = ["SkeletonClasses", "SkeletonIndex", "vocabulary_index"]

_LAYOUT = 2  # in the stored index's name: a new layout is a new artefact, never misread


@dataclass(frozen=True, eq=False)
class SkeletonClasses:
    """The classes of characters that one-character readings link.

    ``table`` maps a character to its class (for :meth:`str.translate`; characters in no
    class stay as they are); ``shared`` holds the characters whose class has other members;
    ``fallback`` the printed characters the index does not serve (a capital ``I``, which reads
    as ``i`` or ``l``; ``*``; readings of more or fewer than one character): a token holding
    one is searched reading by reading. ``tag`` names the classes (a short hash); two sets of
    classes are equal when their tags are.
    """

    table: Mapping[int, int]
    shared: frozenset[str]
    fallback: frozenset[str]
    tag: str

    @classmethod
    def of(cls, readings: Readings) -> SkeletonClasses:
        """The classes of the one-character readings in ``readings``.

        Example:
            >>> from plancompare.ocr.channel import compile_readings, load_confusions
            >>> c = SkeletonClasses.of(compile_readings(load_confusions()).quick())
            >>> sorted(ch for ch in c.shared if ch.isascii() and ch.isalpha())
            ['a', 'l', 'o', 's']
        """
        parent: dict[str, str] = {}

        def find(ch: str) -> str:
            while parent.get(ch, ch) != ch:
                ch = parent[ch]
            return ch

        fallback = {CAPITAL_I, STAR}
        for first, group in readings.by_first.items():
            for reading in group:
                if len(reading.observed) != 1 or len(reading.fragment) != 1:
                    fallback.add(first)
                    continue
                a, b = find(STAR if first in DIACRITICS else first), find(reading.fragment)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        members: dict[str, list[str]] = {}
        for ch in {*parent, *parent.values()}:
            members.setdefault(find(ch), []).append(ch)
        table = {}
        for chars in members.values():
            # a class is written as its å/ä/ö (*) or letter, so that a skeleton reads as a key
            letters = sorted(ch for ch in chars if ch == STAR or ch.isalpha())
            mark = STAR if STAR in chars else min(letters or chars)
            table.update({ord(ch): ord(mark) for ch in chars})
        shared = frozenset(ch for chars in members.values() if len(chars) > 1 for ch in chars)
        spec = "".join(sorted(f"{chr(a)}{chr(b)}" for a, b in table.items()))
        spec += "|" + "".join(sorted(fallback))
        tag = hashlib.sha256(spec.encode()).hexdigest()[:10]
        return cls(table, shared, frozenset(fallback), tag)

    def skeleton(self, word: str) -> str:
        """The skeleton of a lower-case word or printed token."""
        return key(word).translate(self.table)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SkeletonClasses) and other.tag == self.tag

    def __hash__(self) -> int:
        return hash(self.tag)


class SkeletonIndex:
    """Words grouped by skeleton: one record per skeleton -- the skeleton, a tab, then the words
    that have it (in the order given, a word list's order) one a line -- in one blob, found
    through a hash index of the skeletons.

    A look-up reads three places of the stored file (the hash slot, the record's offset, the
    record), so that a short text touches few of its pages. Build one with
    :meth:`from_words`, or store :meth:`sections` and read them back with :meth:`from_sections`
    (searched in place: nothing is unpacked on load).

    Example:
        >>> from plancompare.ocr.channel import compile_readings, load_confusions
        >>> classes = SkeletonClasses.of(compile_readings(load_confusions()).quick())
        >>> stored = SkeletonIndex.sections(["bär", "bar", "stöd"], classes)
        >>> index = SkeletonIndex.from_sections({k: memoryview(v) for k, v in stored.items()})
        >>> index.bucket("b*r"), index.bucket("st*d"), index.bucket("bor"), len(index)
        (('bär', 'bar'), ('stöd',), (), 2)
    """

    __slots__ = ("_mask", "_memo", "_records", "_slots", "_starts")

    def __init__(self, sections: Mapping[str, memoryview | bytes | array]) -> None:
        self._records = sections["records"]
        self._starts = sections["starts"]
        self._slots = sections["slots"]
        self._mask = len(self._slots) - 1
        self._memo: dict[str, tuple[str, ...]] = {}

    @staticmethod
    def sections(words: Iterable[str], classes: SkeletonClasses) -> dict[str, bytes | array]:
        """Flat sections of the index of ``words``: the records, skeleton by skeleton in
        sorted order, the byte offset where each starts (and one past the last), and the hash
        index of the skeletons (:func:`~plancompare.swedish.tables.hash_slots`)."""
        words = list(words)
        # every word's skeleton at once: the three replaces and the translation of one string
        skeletons = classes.skeleton("\n".join(words)).split("\n") if words else []
        # by skeleton, each skeleton's words in the order given (the sort is stable)
        order = sorted(range(len(words)), key=skeletons.__getitem__)
        names: list[bytes] = []
        groups: list[list[str]] = []
        last = None
        for i in order:
            if skeletons[i] != last:
                last = skeletons[i]
                names.append(last.encode())
                groups.append([])
            groups[-1].append(words[i])
        records = [
            name + b"\t" + "\n".join(group).encode()
            for name, group in zip(names, groups, strict=True)
        ]
        starts = array("I", [0])
        starts.extend(itertools.accumulate(map(len, records)))
        return {"records": b"".join(records), "starts": starts, "slots": hash_slots(names)}

    @classmethod
    def from_sections(cls, sections: Mapping[str, memoryview | bytes | array]) -> SkeletonIndex:
        """The index stored by :meth:`sections`."""
        return cls(sections)

    @classmethod
    def from_words(cls, words: Iterable[str], classes: SkeletonClasses) -> SkeletonIndex:
        """The index of ``words`` (kept in memory)."""
        return cls(cls.sections(words, classes))

    def bucket(self, skeleton: str) -> tuple[str, ...]:
        """The words whose skeleton is ``skeleton``, in the order they were given."""
        found = self._memo.get(skeleton)
        if found is None:
            found = self._find(skeleton)
            if len(self._memo) >= 200_000:
                self._memo.clear()  # bounded memory: start over with the skeletons in use now
            self._memo[skeleton] = found
        return found

    def _find(self, skeleton: str) -> tuple[str, ...]:
        target = skeleton.encode()
        size = len(target)
        slots, starts, records, mask = self._slots, self._starts, self._records, self._mask
        h = crc32(target) & mask
        while True:
            i = slots[h]
            if i < 0:
                return ()
            a = starts[i]
            if records[a : a + size] == target and records[a + size : a + size + 1] == b"\t":
                return tuple(str(records[a + size + 1 : starts[i + 1]], "utf-8").split("\n"))
            h = (h + 1) & mask

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __repr__(self) -> str:
        return f"SkeletonIndex({len(self)} skeletons)"


@cache
def vocabulary_index(classes: SkeletonClasses) -> SkeletonIndex:
    """The index of wordfreq's Swedish list (:func:`~plancompare.swedish.frequencies.vocabulary`,
    in its order), prepared once per set of classes and cached on disk.

    Example:
        >>> from plancompare.ocr.channel import compile_readings, load_confusions
        >>> classes = SkeletonClasses.of(compile_readings(load_confusions()).quick())
        >>> {"bar", "bär", "bör", "bor"} <= set(vocabulary_index(classes).bucket("b*r"))
        True
    """
    sections = load_artefact(
        f"sv-ocr-skeletons{_LAYOUT}-{classes.tag}",
        lambda: SkeletonIndex.sections(vocabulary(), classes),
        packages=("wordfreq", "plancompare"),
        files=_wordfreq_file("sv"),
    )
    return SkeletonIndex.from_sections(sections)
