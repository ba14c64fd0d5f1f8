"""Read-only tables of sorted strings in flat arrays, for memory-mapped lookups.

A :class:`SortedStrings` is one UTF-8 blob of strings in byte order with an offset array; a
lookup is a probe of a stored hash index (:meth:`SortedStrings.hash_slots`, open addressing
on the CRC-32 of the bytes) or, without one, a binary search. Nothing is unpacked on load, so
a table of a million strings costs no start-up time and only the pages a lookup touches.
:class:`FrequencyTable` pairs one with a float array (word -> frequency); the lemma
dictionary pairs one with lemma ids (:class:`plancompare.swedish.lemmatize.LemmaTable`).

Example:
    >>> t = FrequencyTable.from_items({"the": 0.05, "school": 0.001})
    >>> t.get("school"), t.get("skola"), "the" in t, len(t)
    (0.001, None, True, 2)
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TypeVar
from zlib import crc32

__all__ = ["FrequencyTable", "SortedMapping", "SortedStrings", "hash_slots"]

V = TypeVar("V")
_STRIDE = 32  # strings per step of the in-memory index of a table


def hash_slots(strings: Iterable[bytes]) -> array:
    """A hash index of ``strings`` (UTF-8): ``slots[h]`` is the index of a string or ``-1``.

    Open addressing with linear probing: a string whose CRC-32 is ``c`` sits in the first of
    ``c & mask``, ``c & mask + 1``, ... that was free when it was placed, so a look-up probes
    from there until it meets the string or a free slot. At least twice as many slots as
    strings (a power of two), so a probe meets few others. Built once, stored with the table
    (4 bytes a slot).

    Example:
        >>> slots = hash_slots(w.encode() for w in ("bär", "bör", "öka"))
        >>> len(slots), sorted(i for i in slots if i >= 0)
        (8, [0, 1, 2])
    """
    import numpy as np

    codes = np.fromiter(map(crc32, strings), dtype=np.int64)
    n = len(codes)
    size = 8
    while size < 2 * n:
        size *= 2
    mask = size - 1
    slots = np.full(size, -1, dtype=np.int32)
    pending, at = np.arange(n, dtype=np.int32), codes & mask
    while len(pending):  # each round: the first string wanting a free slot takes it
        free = slots[at] < 0
        wanted, first = np.unique(at[free], return_index=True)
        slots[wanted] = pending[free][first]
        placed = np.zeros(len(pending), dtype=bool)
        placed[np.flatnonzero(free)[first]] = True
        pending, at = pending[~placed], (at[~placed] + 1) & mask
    return array("i", slots.tobytes())


class SortedStrings(Sequence[str]):
    """Strings sorted by their UTF-8 bytes, held as one blob and ``len + 1`` offsets.

    Example:
        >>> s = SortedStrings.from_strings(["öka", "bära", "bära", "arbeta"])
        >>> list(s), s.find("bära"), s.find("bär")
        (['arbeta', 'bära', 'öka'], 1, -1)
    """

    __slots__ = ("_blob", "_index", "_mask", "_offsets", "_slots")

    def __init__(
        self, blob: bytes | memoryview, offsets: Sequence[int], slots: Sequence[int] | None = None
    ) -> None:
        self._blob = blob  # a memory-mapped view is searched in place, never copied whole
        self._offsets = offsets
        self._index: list[bytes] | None = None  # every _STRIDE-th string, made at first find
        self._slots = slots if slots is not None and len(slots) else None
        self._mask = len(slots) - 1 if self._slots is not None else 0

    @staticmethod
    def pack(strings: Iterable[str]) -> tuple[bytes, array]:
        """``(blob, offsets)`` of the distinct ``strings``, sorted."""
        encoded = sorted({s.encode() for s in strings})
        offsets = array("I", [0])
        for s in encoded:
            offsets.append(offsets[-1] + len(s))
        return b"".join(encoded), offsets

    @staticmethod
    def hash_slots(blob: bytes | memoryview, offsets: Sequence[int]) -> array:
        """The hash index of the strings (see :func:`hash_slots`).

        Example:
            >>> blob, offsets = SortedStrings.pack(["bär", "bör", "öka"])
            >>> slots = SortedStrings.hash_slots(blob, offsets)
            >>> len(slots), sorted(i for i in slots if i >= 0)
            (8, [0, 1, 2])
        """
        data, bounds = bytes(blob), list(offsets)
        return hash_slots(data[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1))

    @classmethod
    def from_strings(cls, strings: Iterable[str]) -> SortedStrings:
        """The table of the distinct ``strings`` (with its hash index)."""
        blob, offsets = cls.pack(strings)
        return cls(blob, offsets, cls.hash_slots(blob, offsets))

    def find(self, s: str) -> int:
        """The index of ``s``, or ``-1``.

        With a hash index, a probe from the slot of the string's CRC-32 (see
        :func:`hash_slots`). Without, a binary search, first over every ``_STRIDE``-th string
        (a small list of bytes made at the first look-up, searched in C), then over the few
        strings between two of them.
        """
        target = s.encode()
        offsets, blob, slots = self._offsets, self._blob, self._slots
        if slots is not None:
            mask = self._mask
            h = crc32(target) & mask
            while True:
                i = slots[h]
                if i < 0 or blob[offsets[i] : offsets[i + 1]] == target:
                    return i
                h = (h + 1) & mask
        n = len(offsets) - 1
        index = self._index
        if index is None:
            index = self._index = [
                bytes(blob[offsets[i] : offsets[i + 1]]) for i in range(0, n, _STRIDE)
            ]
        # index[j - 1] < target <= index[j]: the first string >= target is in that stretch
        j = bisect_left(index, target)
        lo, hi = (j - 1) * _STRIDE + 1 if j else 0, min(j * _STRIDE, n)
        while lo < hi:
            mid = (lo + hi) // 2
            if bytes(blob[offsets[mid] : offsets[mid + 1]]) < target:
                lo = mid + 1
            else:
                hi = mid
        if lo < n and bytes(blob[offsets[lo] : offsets[lo + 1]]) == target:
            return lo
        return -1

    def at(self, i: int) -> str:
        """The ``i``-th string, for ``0 <= i < len(self)`` (unchecked: for look-ups)."""
        offsets = self._offsets
        return str(self._blob[offsets[i] : offsets[i + 1]], "utf-8")

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return bytes(self._blob[self._offsets[i] : self._offsets[i + 1]]).decode()

    def __len__(self) -> int:
        return len(self._offsets) - 1


class SortedMapping(Mapping[str, V]):
    """A read-only mapping whose keys are :class:`SortedStrings`; subclasses give ``_value(i)``."""

    __slots__ = ("_keys",)

    def __init__(self, keys: SortedStrings) -> None:
        self._keys = keys

    def _value(self, i: int) -> V:
        raise NotImplementedError

    def get(self, key: str, default: V | None = None) -> V | None:  # type: ignore[override]
        i = self._keys.find(key)
        return self._value(i) if i >= 0 else default

    def __getitem__(self, key: str) -> V:
        i = self._keys.find(key)
        if i < 0:
            raise KeyError(key)
        return self._value(i)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._keys.find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class FrequencyTable(SortedMapping[float]):
    """Word -> frequency, as :class:`SortedStrings` and a parallel ``float64`` array.

    Stored with :meth:`sections` and read back with :meth:`from_sections`, e.g. from a
    memory-mapped artefact (:mod:`plancompare.swedish.cache`).
    """

    __slots__ = ("_freqs",)

    def __init__(self, words: SortedStrings, freqs: Sequence[float]) -> None:
        super().__init__(words)
        self._freqs = freqs

    def _value(self, i: int) -> float:
        return self._freqs[i]

    @staticmethod
    def sections(freqs: Mapping[str, float]) -> dict[str, bytes | array]:
        """Flat sections of a word -> frequency mapping (with the words' hash index)."""
        blob, offsets = SortedStrings.pack(freqs)
        words = SortedStrings(blob, offsets)
        return {
            "words": blob,
            "offsets": offsets,
            "slots": SortedStrings.hash_slots(blob, offsets),
            "freqs": array("d", (freqs[w] for w in words)),
        }

    @classmethod
    def from_sections(cls, sections: Mapping[str, memoryview | bytes | array]) -> FrequencyTable:
        """The table stored by :meth:`sections`."""
        words = SortedStrings(sections["words"], sections["offsets"], sections.get("slots"))
        return cls(words, sections["freqs"])

    @classmethod
    def from_items(cls, freqs: Mapping[str, float]) -> FrequencyTable:
        """A table of ``freqs``."""
        return cls.from_sections(cls.sections(freqs))
