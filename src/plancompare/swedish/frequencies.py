"""Swedish word frequencies (wordfreq's large Swedish list) in a compact, searchable vocabulary.

The :class:`Vocabulary` keeps its words sorted by *key* -- the word with å, ä and ö replaced by
``*`` -- so that one sorted list answers three questions: how frequent is a word, which words
share a key (``b*r`` → bär, bår, bör: what OCR repair needs when it cannot tell å/ä/ö apart),
and does any word start with a given key (to stop a search early).

Example:
    >>> zipf("och") > zipf("kompetens") > zipf("kompetensförsörjning") > 0.0 == zipf("xqzv")
    True
    >>> "bär" in vocabulary().words(key("bär"))
    True
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

__all__ = ["DIACRITICS", "STAR", "Vocabulary", "key", "vocabulary", "zipf"]

DIACRITICS = "åäö"
STAR = "*"
_KEY_TABLE = str.maketrans(dict.fromkeys(DIACRITICS, STAR))


def key(word: str) -> str:
    """``word`` with each å, ä and ö replaced by ``*`` (lower-case words only).

    Example:
        >>> key("förändring")
        'f*r*ndring'
    """
    return word.translate(_KEY_TABLE)


class Vocabulary:
    """Words and their frequencies (probability per word), sorted by :func:`key`.

    Held as three parallel sequences -- ``keys`` (sorted), ``spellings`` (``""`` where the word
    equals its key, which most do) and ``probs`` -- so that it can be stored and loaded as a few
    flat arrays. Build one from a mapping with :meth:`from_frequencies`.

    Example:
        >>> v = Vocabulary.from_frequencies({"bär": 0.02, "bar": 0.01, "bör": 0.03})
        >>> v.prob("bör"), v.prob("bur"), len(v), "bar" in v
        (0.03, 0.0, 3, True)
        >>> v.words("b*r"), v.has_prefix("b*"), v.has_prefix("c")
        (('bär', 'bör'), True, False)
    """

    __slots__ = ("_keys", "_probs", "_spellings")

    def __init__(self, keys: list[str], spellings: list[str], probs: Iterable[float]) -> None:
        self._keys = keys
        self._spellings = spellings
        self._probs = probs if isinstance(probs, array) else array("d", probs)
        if not len(keys) == len(spellings) == len(self._probs):
            raise ValueError("keys, spellings and probs must have the same length")

    @classmethod
    def from_frequencies(cls, freqs: Mapping[str, float]) -> Vocabulary:
        """A vocabulary of ``freqs`` (lower-case word -> probability)."""
        rows = sorted((key(w), w, p) for w, p in freqs.items())
        return cls(
            [k for k, _, _ in rows],
            ["" if w == k else w for k, w, _ in rows],
            array("d", (p for _, _, p in rows)),
        )

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        for k, s in zip(self._keys, self._spellings, strict=True):
            yield s or k

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.prob(word) > 0.0

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} words)"

    def prob(self, word: str) -> float:
        """Probability of ``word`` (lower case), ``0.0`` when not listed."""
        k = key(word)
        keys = self._keys
        i = bisect_left(keys, k)
        n = len(keys)
        while i < n and keys[i] == k:
            if (self._spellings[i] or k) == word:
                return self._probs[i]
            i += 1
        return 0.0

    def zipf(self, word: str) -> float:
        """``log10`` of the frequency per 10**9 words; ``-inf`` when not listed."""
        p = self.prob(word)
        return math.log10(p) + 9 if p > 0 else -math.inf

    def words(self, k: str) -> tuple[str, ...]:
        """The words whose key is ``k``."""
        keys = self._keys
        i = bisect_left(keys, k)
        n = len(keys)
        out = []
        while i < n and keys[i] == k:
            out.append(self._spellings[i] or k)
            i += 1
        return tuple(out)

    def has_prefix(self, k: str) -> bool:
        """Whether some word's key starts with ``k``."""
        keys = self._keys
        i = bisect_left(keys, k)
        return i < len(keys) and keys[i].startswith(k)

    def arrays(self) -> tuple[list[str], list[str], array]:
        """The three parallel sequences (keys, spellings, probs), e.g. to store them."""
        return self._keys, self._spellings, self._probs


def _wordfreq_frequencies() -> dict[str, float]:
    import wordfreq

    freqs = wordfreq.get_frequency_dict("sv", wordlist="large")
    return {w: f for w, f in freqs.items() if w.isalpha()}


@cache
def vocabulary() -> Vocabulary:
    """wordfreq's large Swedish list (alphabetic entries), built on first use.

    Example:
        >>> len(vocabulary()) > 300_000
        True
    """
    return Vocabulary.from_frequencies(_wordfreq_frequencies())


def zipf(word: str) -> float:
    """Swedish frequency of ``word`` on wordfreq's zipf scale (``0.0`` when not listed).

    Zipf is ``log10`` of occurrences per 10**9 words (``och`` ≈ 7.5, a rare word ≈ 1–2),
    rounded to two decimals as ``wordfreq.zipf_frequency`` does; the word is lower-cased.

    Example:
        >>> zipf("Kompetens") == zipf("kompetens") > 4.0
        True
        >>> zipf("rekryteringssystemet")
        0.0
    """
    p = vocabulary().prob(word.lower())
    return round(math.log10(p) + 9, 2) if p > 0 else 0.0
