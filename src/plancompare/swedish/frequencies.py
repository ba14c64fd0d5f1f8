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

    def prefix_length(self, k: str) -> int:
        """The length of the longest prefix of ``k`` that some word's key starts with: one
        search for every prefix of ``k`` (``has_prefix(k[:m])`` is ``m <= prefix_length(k)``),
        so a walk over a word's pieces from one position needs no search per piece.

        The key sharing the longest prefix with ``k`` is one of the two around the place
        where ``k`` would be sorted in (the keys sharing a prefix with ``k`` are a run of
        the sorted keys that contains that place).

        Example:
            >>> v = Vocabulary.from_frequencies({"bär": 0.5, "bära": 0.25, "cykel": 0.1})
            >>> v.prefix_length("b*rande"), v.prefix_length("cy"), v.prefix_length("x")
            (4, 2, 0)
            >>> all(v.has_prefix("b*rande"[:m]) == (m <= 4) for m in range(8))
            True
        """
        before, after = self._around(k)
        return max(_common_length(k, before), _common_length(k, after))

    def _around(self, k: str) -> tuple[str, str]:
        """The keys just before and at the place where ``k`` sorts in (``""`` past an end)."""
        keys = self._keys
        i = bisect_left(keys, k)
        return (keys[i - 1] if i else ""), (keys[i] if i < len(keys) else "")

    def sections(self) -> dict[str, bytes | array]:
        """The vocabulary as flat sections, to store it: the keys and the spellings as
        ``\\n``-joined UTF-8 blobs with the offset of each entry, every ``_BLOCK``-th key (the
        index a stored vocabulary searches first), the probabilities and the words' hash index.
        """
        words = ((s or k).encode() for k, s in zip(self._keys, self._spellings, strict=True))
        keys, key_offsets = _joined(self._keys)
        spellings, spelling_offsets = _joined(self._spellings)
        return {
            "keys": keys,
            "key_offsets": key_offsets,
            "key_index": "\n".join(self._keys[::_BLOCK]).encode(),
            "block": array("I", [_BLOCK]),
            "spellings": spellings,
            "spelling_offsets": spelling_offsets,
            "probs": array("d", self._probs),
            "slots": hash_slots(words),
        }

    @classmethod
    def from_sections(cls, sections: Mapping[str, memoryview]) -> Vocabulary:
        """The vocabulary stored by :meth:`sections`, searched in place
        (:class:`StoredVocabulary`: nothing is unpacked but every ``_BLOCK``-th key).

        Example:
            >>> v = Vocabulary.from_frequencies({"bär": 0.5, "bar": 0.25})
            >>> s = {k: memoryview(b) for k, b in v.sections().items()}
            >>> Vocabulary.from_sections(s).prob("bär")
            0.5
        """
        return StoredVocabulary(sections)


def _common_length(a: str, b: str) -> int:
    """The length of the longest common prefix of ``a`` and ``b``.

    Example:
        >>> _common_length("kompetens", "komma"), _common_length("", "a")
        (3, 0)
    """
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    low, high = 0, n  # a[:low] == b[:low], a[:high] != b[:high]
    while high - low > 1:
        mid = (low + high) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid
    return low


#: Keys per block of a stored vocabulary: a search bisects every _BLOCK-th key, then one block.
_BLOCK = 16


def _joined(strings: Sequence[str]) -> tuple[bytes, array]:
    """``"\\n".join(strings)`` as UTF-8 and the byte offset where each string starts (and one
    past the end, as if a last ``\\n`` followed): string ``i`` is
    ``blob[offsets[i] : offsets[i + 1] - 1]``."""
    offsets = array("I", [0])
    for string in strings:
        offsets.append(offsets[-1] + len(string.encode()) + 1)
    if not strings:
        offsets.append(1)
    return "\n".join(strings).encode(), offsets


class StoredVocabulary(Vocabulary):
    """A :class:`Vocabulary` searched where it is stored (a memory-mapped artefact).

    Its 340,000 keys are not unpacked into Python strings (some 40 MB and 40 ms in every
    process): a key search bisects a list of every ``_BLOCK``-th key, then the one block of
    ``_BLOCK`` keys it points to (decoded at its first search and remembered: a search walks
    neighbouring keys); :meth:`prob` probes the words' hash index and compares the stored
    bytes. Answers are those of the vocabulary it was stored from.

    Example:
        >>> v = Vocabulary.from_frequencies({f"ord{i}": 0.01 for i in range(100)} | {"bär": 0.5})
        >>> stored = Vocabulary.from_sections({k: memoryview(b) for k, b in v.sections().items()})
        >>> stored.match("ord9"), stored.words("b*r"), stored.prob("bär"), len(stored)
        ((('ord9',), True), ('bär',), 0.5, 101)
    """

    __slots__ = (
        "_block_size",
        "_blocks",
        "_index",
        "_key_blob",
        "_key_offsets",
        "_spelling_blob",
        "_spelling_offsets",
    )

    def __init__(self, sections: Mapping[str, memoryview]) -> None:
        n = len(sections["probs"])
        self._key_blob = sections["keys"]
        self._key_offsets = sections["key_offsets"]
        self._spelling_blob = sections["spellings"]
        self._spelling_offsets = sections["spelling_offsets"]
        self._index = str(sections["key_index"], "utf-8").split("\n") if n else []
        self._block_size = sections["block"][0]  # every block_size-th key is in the index
        self._blocks: dict[int, list[str]] = {}
        self._memo = {}
        self._probs = sections["probs"]
        self._slots = sections["slots"]
        self._mask = len(self._slots) - 1
        self._keys = range(n)  # only its length is used: see _key
        self._spellings = ()

    def _key(self, i: int) -> str:
        offsets = self._key_offsets
        return str(self._key_blob[offsets[i] : offsets[i + 1] - 1], "utf-8")

    def _spelling(self, i: int) -> str:
        offsets = self._spelling_offsets
        a, b = offsets[i], offsets[i + 1] - 1
        return str(self._spelling_blob[a:b], "utf-8") if a < b else ""

    def _word(self, i: int) -> str:
        return self._spelling(i) or self._key(i)

    def _block(self, b: int) -> list[str]:
        """The keys of block ``b`` (from key ``b * block size``), decoded (remembered)."""
        block = self._blocks.get(b)
        if block is None:
            offsets, size = self._key_offsets, self._block_size
            end = min((b + 1) * size, len(self._keys))
            block = str(self._key_blob[offsets[b * size] : offsets[end] - 1], "utf-8")
            block = block.split("\n")
            if len(self._blocks) >= _MEMO_LIMIT // size:
                self._blocks.clear()  # bounded memory: start over with the blocks in use now
            self._blocks[b] = block
        return block

    def __iter__(self) -> Iterator[str]:
        for i in range(len(self._keys)):
            yield self._word(i)

    def __reduce__(self) -> tuple[Callable[..., Vocabulary], tuple]:
        if vocabulary.cache_info().currsize and self is vocabulary():
            return vocabulary, ()
        keys = [self._key(i) for i in range(len(self._keys))]
        spellings = [w if w != k else "" for w, k in zip(self, keys, strict=True)]
        return Vocabulary, (keys, spellings, array("d", self._probs))

    def prob(self, word: str) -> float:
        slots = self._slots  # stored vocabularies always have their words' hash index
        target = word.encode()
        mask, probs = self._mask, self._probs
        keys, key_offsets = self._key_blob, self._key_offsets
        spellings, spelling_offsets = self._spelling_blob, self._spelling_offsets
        h = crc32(target) & mask
        while True:
            i = slots[h]
            if i < 0:
                return 0.0
            a, b = spelling_offsets[i], spelling_offsets[i + 1] - 1
            if a == b:  # no spelling of its own: the word is its key
                a, b = key_offsets[i], key_offsets[i + 1] - 1
                if keys[a:b] == target:
                    return probs[i]
            elif spellings[a:b] == target:
                return probs[i]
            h = (h + 1) & mask

    def search(self, k: str) -> tuple[tuple[str, ...], bool]:
        index, size = self._index, self._block_size
        # index[j - 1] < k <= index[j]: the first key >= k is in block j - 1, or is index[j]
        j = bisect_left(index, k)
        if not j:
            if not index:
                return ((), False)
            b, p, block = 0, 0, self._block(0)
        else:
            b = j - 1
            block = self._block(b)
            p = bisect_left(block, k)
            if p == len(block):
                if j == len(index):
                    return ((), False)
                b, p, block = j, 0, self._block(j)
        if block[p] != k:
            return ((), block[p].startswith(k))
        out = []
        while block[p] == k:
            out.append(self._spelling(b * size + p) or k)
            p += 1
            if p == len(block):
                if (b + 1) * size >= len(self._keys):
                    break
                b, p, block = b + 1, 0, self._block(b + 1)
        return (tuple(out), True)

    def _around(self, k: str) -> tuple[str, str]:
        index = self._index
        # index[j - 1] < k <= index[j]: the first key >= k is in block j - 1, or is index[j]
        j = bisect_left(index, k)
        if not j:
            return "", (index[0] if index else "")
        block = self._block(j - 1)
        p = bisect_left(block, k)
        before = block[p - 1] if p else (self._block(j - 2)[-1] if j > 1 else "")
        if p < len(block):
            return before, block[p]
        return before, (index[j] if j < len(index) else "")

    def sections(self) -> dict[str, bytes | array]:
        keys = [self._key(i) for i in range(len(self._keys))]
        spellings = [w if w != k else "" for w, k in zip(self, keys, strict=True)]
        return Vocabulary(keys, spellings, array("d", self._probs)).sections()


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
