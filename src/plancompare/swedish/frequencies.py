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

import importlib.util
import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from zlib import crc32

from .cache import load_artefact
from .tables import FrequencyTable, hash_slots

__all__ = ["DIACRITICS", "STAR", "Vocabulary", "frequency_table", "key", "vocabulary", "zipf"]

DIACRITICS = "åäö"
STAR = "*"
_MEMO_LIMIT = 200_000  # key searches remembered per vocabulary (about 30 MB at most)


def key(word: str) -> str:
    """``word`` with each å, ä and ö replaced by ``*`` (lower-case words only).

    Example:
        >>> key("förändring")
        'f*r*ndring'
    """
    # three replaces are several times faster than str.translate with a table
    return word.replace("å", STAR).replace("ä", STAR).replace("ö", STAR)


class Vocabulary:
    """Words and their frequencies (probability per word), sorted by :func:`key`.

    Held as three parallel sequences -- ``keys`` (sorted), ``spellings`` (``""`` where the word
    equals its key, which most do) and ``probs`` -- so that it can be stored and loaded as a few
    flat arrays, with (when stored) a hash index of the words for :meth:`prob`
    (:func:`~plancompare.swedish.tables.hash_slots`). Build one from a mapping with
    :meth:`from_frequencies`.

    Example:
        >>> v = Vocabulary.from_frequencies({"bär": 0.02, "bar": 0.01, "bör": 0.03})
        >>> v.prob("bör"), v.prob("bur"), len(v), "bar" in v
        (0.03, 0.0, 3, True)
        >>> v.words("b*r"), v.has_prefix("b*"), v.has_prefix("c")
        (('bär', 'bör'), True, False)
    """

    __slots__ = ("_keys", "_mask", "_memo", "_probs", "_slots", "_spellings")

    def __init__(
        self,
        keys: list[str],
        spellings: list[str],
        probs: Iterable[float],
        slots: Sequence[int] | None = None,
    ) -> None:
        self._keys = keys
        self._spellings = spellings
        self._memo: dict[str, tuple[tuple[str, ...], bool]] = {}
        self._probs = probs if isinstance(probs, array | memoryview) else array("d", probs)
        if not len(keys) == len(spellings) == len(self._probs):
            raise ValueError("keys, spellings and probs must have the same length")
        self._slots = slots if slots is not None and len(slots) else None
        self._mask = len(slots) - 1 if self._slots is not None else 0

    @classmethod
    def from_frequencies(cls, freqs: Mapping[str, float]) -> Vocabulary:
        """A vocabulary of ``freqs`` (lower-case word -> probability)."""
        rows = sorted((key(w), w, p) for w, p in freqs.items())
        return cls(
            [k for k, _, _ in rows],
            ["" if w == k else w for k, w, _ in rows],
            array("d", (p for _, _, p in rows)),
        )

    def __reduce__(self) -> tuple[Callable[..., Vocabulary], tuple]:
        """Pickle the words and a copy of the probabilities (a memory-mapped view cannot be
        pickled as floats), so an estimator that holds a vocabulary goes to worker processes.

        The shared Swedish list (:func:`vocabulary`) is pickled as a reference instead: the
        worker maps the same stored file (with its hash index, so look-ups stay one probe)
        rather than receiving some 900,000 words and building a copy without the index.

        Example:
            >>> import pickle
            >>> stored = Vocabulary.from_frequencies({"bär": 0.5}).sections()
            >>> v = Vocabulary.from_sections({k: memoryview(b) for k, b in stored.items()})
            >>> pickle.loads(pickle.dumps(v)).prob("bär")
            0.5
            >>> pickle.loads(pickle.dumps(vocabulary())) is vocabulary()
            True
        """
        if vocabulary.cache_info().currsize and self is vocabulary():
            return vocabulary, ()
        return type(self), (self._keys, self._spellings, array("d", self._probs))

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
        slots = self._slots
        if slots is not None:  # a probe of the hash index of the words
            mask, keys, spellings = self._mask, self._keys, self._spellings
            h = crc32(word.encode()) & mask
            while True:
                i = slots[h]
                if i < 0:
                    return 0.0
                if (spellings[i] or keys[i]) == word:
                    return self._probs[i]
                h = (h + 1) & mask
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
        found = self._memo.get(k)
        return (found or self._remember(k))[0]

    def has_prefix(self, k: str) -> bool:
        """Whether some word's key starts with ``k``."""
        found = self._memo.get(k)
        return (found or self._remember(k))[1]

    def match(self, k: str) -> tuple[tuple[str, ...], bool]:
        """:meth:`words` and :meth:`has_prefix` of ``k`` at once (for a prefix walk).

        Example:
            >>> v = Vocabulary.from_frequencies({"bär": 0.5, "bära": 0.25})
            >>> v.match("b*r"), v.match("b*ra"), v.match("x")
            ((('bär',), True), (('bära',), True), ((), False))
        """
        return self._memo.get(k) or self._remember(k)

    def _remember(self, k: str) -> tuple[tuple[str, ...], bool]:
        """Search ``k`` (a binary search of the sorted keys) and remember the answer: a search
        walks the same few thousand keys over and over (OCR repair asks ~30 times per key)."""
        found = self.search(k)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()  # bounded memory: start over with the keys in use now
        self._memo[k] = found
        return found

    def search(self, k: str) -> tuple[tuple[str, ...], bool]:
        """:meth:`match` without remembering the answer (for a caller that keeps its own).

        Example:
            >>> Vocabulary.from_frequencies({"bär": 0.5, "bära": 0.25}).search("b*r")
            (('bär',), True)
        """
        keys = self._keys
        i = bisect_left(keys, k)
        n = len(keys)
        if i == n:
            found: tuple[tuple[str, ...], bool] = ((), False)
        elif keys[i] != k:
            found = ((), keys[i].startswith(k))
        else:
            out = []
            while i < n and keys[i] == k:
                out.append(self._spellings[i] or k)
                i += 1
            found = (tuple(out), True)
        return found

    def sections(self) -> dict[str, bytes | array]:
        """The vocabulary as flat sections (UTF-8 blobs, a float array, the words' hash
        index), to store it."""
        words = ((s or k).encode() for k, s in zip(self._keys, self._spellings, strict=True))
        return {
            "keys": "\n".join(self._keys).encode(),
            "spellings": "\n".join(self._spellings).encode(),
            "probs": array("d", self._probs),
            "slots": hash_slots(words),
        }

    @classmethod
    def from_sections(cls, sections: Mapping[str, memoryview]) -> Vocabulary:
        """The vocabulary stored by :meth:`sections` (probabilities stay memory-mapped).

        Example:
            >>> v = Vocabulary.from_frequencies({"bär": 0.5, "bar": 0.25})
            >>> s = {k: memoryview(b) for k, b in v.sections().items()}
            >>> Vocabulary.from_sections(s).prob("bär")
            0.5
        """
        keys = bytes(sections["keys"]).decode().split("\n")
        spellings = bytes(sections["spellings"]).decode().split("\n")
        probs = sections["probs"]
        if not keys[0] and not len(probs):
            keys, spellings = [], []
        return cls(keys, spellings, probs, sections.get("slots"))


_WORDLIST = "large"


def _wordfreq_file(lang: str) -> list[Path]:
    """wordfreq's data file for ``lang`` (found without importing wordfreq), for the cache key."""
    spec = importlib.util.find_spec("wordfreq")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "data" / f"{_WORDLIST}_{lang}.msgpack.gz"
        if path.is_file():
            return [path]
    return []


def _wordfreq_frequencies(lang: str) -> dict[str, float]:
    import wordfreq

    freqs = wordfreq.get_frequency_dict(lang, wordlist=_WORDLIST)
    # wordfreq keeps every list it has read (lru_cache): once the table is built, let go
    wordfreq.get_frequency_dict.cache_clear()
    wordfreq.get_frequency_list.cache_clear()
    return {w: f for w, f in freqs.items() if w.isalpha()}


def _build_sections() -> dict[str, bytes | array]:
    return Vocabulary.from_frequencies(_wordfreq_frequencies("sv")).sections()


@cache
def vocabulary() -> Vocabulary:
    """wordfreq's large Swedish list (alphabetic entries), prepared once and cached on disk.

    The first call in a fresh cache builds it from wordfreq (a few seconds) and stores it (see
    :mod:`plancompare.swedish.cache`); later processes load it in a fraction of that.

    Example:
        >>> len(vocabulary()) > 300_000
        True
    """
    sections = load_artefact(
        "sv-vocabulary",
        _build_sections,
        packages=("wordfreq", "plancompare"),
        files=_wordfreq_file("sv"),
    )
    return Vocabulary.from_sections(sections)


@cache
def frequency_table(lang: str) -> FrequencyTable:
    """wordfreq's large list for another language (alphabetic words), cached on disk.

    Memory-mapped and searched in place: it costs no start-up time and little memory, for the
    occasional look-up (OCR repair asks whether a word looks English). Swedish has the
    searchable :func:`vocabulary` instead.

    Example:
        >>> frequency_table("en").get("school") > frequency_table("en").get("schooling")
        True
    """
    sections = load_artefact(
        f"{lang}-frequencies",
        lambda: FrequencyTable.sections(_wordfreq_frequencies(lang)),
        packages=("wordfreq", "plancompare"),
        files=_wordfreq_file(lang),
    )
    return FrequencyTable.from_sections(sections)


def zipf(word: str, lang: str = "sv") -> float:
    """Frequency of ``word`` on wordfreq's zipf scale (``0.0`` when not listed), Swedish unless
    ``lang`` names another of wordfreq's languages.

    Zipf is ``log10`` of occurrences per 10**9 words (``och`` ≈ 7.5, a rare word ≈ 1–2),
    rounded to two decimals as ``wordfreq.zipf_frequency`` does; the word is lower-cased.

    Example:
        >>> zipf("Kompetens") == zipf("kompetens") > 4.0
        True
        >>> zipf("rekryteringssystemet"), zipf("for", lang="en") > zipf("for")
        (0.0, True)
    """
    low = word.lower()
    p = vocabulary().prob(low) if lang == "sv" else frequency_table(lang).get(low, 0.0)
    return round(math.log10(p) + 9, 2) if p else 0.0
