"""Candidates: the readings of one damaged piece as a known word or a compound of known parts.

A piece such as ``kornpetensforsoérjningsfonden`` is read left to right: every character is
either what it seems, or -- through a reading of the channel -- something else (``rn`` → ``m``,
``oé`` → ``ö``, ``o`` → ``ö``). The search only follows readings that keep a known word's key
in reach (:meth:`Lexicon.has_prefix`), so it stays small. Known words and stems found this way
are *segments*; :func:`plancompare.swedish.compounds.compound_analyses` joins them into
compounds with the linking ``s``/``e`` and scores them.

Example:
    >>> from plancompare.ocr.channel import compile_readings, load_confusions
    >>> from plancompare.ocr.lexicon import Lexicon
    >>> lex = Lexicon.from_texts(["kommunens stöd till förskolan"], use_wordfreq=False)
    >>> search = CandidateSearch(lex, compile_readings(load_confusions()))
    >>> hyps, identity = search.analyse("kornmunens")
    >>> hyps[0].text, identity.base
    ('kommunens', -8.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from plancompare.swedish import lemma, stopwords
from plancompare.swedish.compounds import (
    INFLECTION_ENDINGS,
    CompoundScoring,
    compound_readings,
    unchain,
)
from plancompare.swedish.derivation import is_verb
from plancompare.swedish.frequencies import DIACRITICS, STAR, key, vocabulary

from .channel import CAPITAL_I, DIA, GLYPH, Readings
from .lexicon import Lexicon
from .skeletons import SkeletonClasses, SkeletonIndex, vocabulary_index

__all__ = ["CandidateSearch", "Hyp", "SearchParams"]

_NEG_INF = float("-inf")
_INTACT = {ch: ((ch, 0.0),) for ch in DIACRITICS}
#: the key letter and star options of reading a character as it is, where that is not just the
#: character (see CandidateSearch._positions)
_INTACT_STEP = {ch: (STAR, ((_INTACT[ch], 0),)) for ch in DIACRITICS} | {CAPITAL_I: ("i", ())}
_SWEDISH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzåäö")
_DIA_MASK = GLYPH - 1  # marks & _DIA_MASK, marks // GLYPH: channel.marks_split, inlined
#: A :class:`~plancompare.swedish.compounds.Segment` as a plain tuple (end, text, zipf, logw,
#: marks, stem, word): the search makes and caches many, a plain tuple is quicker to make, and
#: the garbage collector stops tracking one that holds no containers (a NamedTuple it tracks
#: for ever, and walks at every full collection).
_Seg = tuple[int, str, float, float, int, bool, str]


class Hyp(NamedTuple):
    """A reading of a piece: lower-case ``text``, rate-independent ``base`` score (prior + log10
    reading weights), and how many letters it assumes misread (``n_dia`` å/ä/ö readings,
    ``n_glyph`` other readings)."""

    text: str
    base: float
    n_dia: int
    n_glyph: int
    parts: tuple[str, ...] = ()

    def score(self, lr_dia: float, lr_glyph: float) -> float:
        """Score given the text's log10 misreading rates."""
        return self.base + self.n_dia * lr_dia + self.n_glyph * lr_glyph


@dataclass(frozen=True)
class SearchParams:
    """Constants of the candidate search (log10 units; see :class:`OcrRepairer`)."""

    compound: CompoundScoring = CompoundScoring()
    stem_penalty: float = 0.3
    nonword_zipf: float = -8.0
    odd_char_penalty: float = 2.0
    runon_penalty: float = 1.0
    inflected_part_penalty: float = 1.0
    full_search_below: float = 3.0
    fast_enough: float = 2.0
    quick_enough: float = -3.0
    full_search_len: int = 8
    max_glyph: int = 2
    max_hyps: int = 8
    rank_lr_dia: float = math.log10(0.5)
    rank_lr_glyph: float = math.log10(0.02)


def _hyp(reading: tuple) -> Hyp:
    """A reading (a plain Hyp tuple) as a :class:`Hyp`, its parts unchained if they are a chain
    (:func:`~plancompare.swedish.compounds.compound_readings`: the chain's first item is a
    tuple, a tuple of parts' is a word)."""
    parts = reading[4]
    if parts and type(parts[0]) is tuple:
        parts = unchain(parts)
    return Hyp(reading[0], reading[1], reading[2], reading[3], parts)


class CandidateSearch:
    """Readings of pieces as known words or compounds, cached per piece."""

    def __init__(self, lexicon: Lexicon, readings: Readings, params: SearchParams | None = None):
        self.lexicon = lexicon
        self.readings = readings
        self.quick = readings.quick()
        self.params = params if params is not None else SearchParams()
        self._cache: dict[tuple, tuple[tuple[Hyp, ...], Hyp]] = {}
        self._segment_cache: dict[tuple, tuple[_Seg, ...]] = {}
        self._last_positions: tuple = ("", None, ([], []))
        self.short_words = frozenset(w for w in stopwords() if len(w) <= 4)
        # the cheap readings' whole words come from an index of the lexicon by skeleton
        # (see _indexed_whole_words), made at first use
        self._classes = SkeletonClasses.of(self.quick)
        self._indexes: tuple[SkeletonIndex, SkeletonIndex | None] | None = None
        # per printed character the cheap readings act on: how it may stand for each letter
        self._checked = {
            ch: self._choices(ch)
            for ch in {*self._classes.shared, *DIACRITICS, *self.quick.by_first}
        }
        # characters the index does not serve: the classes' own, and those two of whose
        # choices give one letter
        self._unindexed = self._classes.fallback | {
            ch for ch, choices in self._checked.items() if choices is None
        }
        self.function_lemmas = stopwords()
        self._one_char = {
            id(r): {
                ch: group
                for ch, group in r.by_first.items()
                if all(len(x.observed) == 1 for x in group)
            }
            for r in (self.readings, self.quick)
        }
        # No reading weighs more than 1 (a glyph reading's weight is relative to the average,
        # so another channel may have heavier ones). Then a compound or an inflected form never
        # scores above ``unlisted_max`` (``_capped``), and one more part adds at most
        # ``headroom`` to a partial compound: a word's zipf is at most 9 (probability 1), less
        # the part's penalty. Where these do not hold, reaches and _may_be_listed answer True.
        light = all(
            r.logw <= 0.0 and all(logw <= 0.0 for _, logw in r.options)
            for group in (*readings.by_first.values(), (readings.deletion,))
            for r in group
            if r is not None
        )
        p, c = self.params, self.params.compound
        self._capped = light
        bound = 9.0 - c.penalty
        penalties = (p.stem_penalty, p.inflected_part_penalty, c.suffix_penalty)
        self.headroom = bound if light and bound <= 0.0 and min(penalties) >= 0.0 else math.inf

    def analyse(
        self, s: str, lead_deletion: bool = True, run_ons: bool = True
    ) -> tuple[tuple[Hyp, ...], Hyp]:
        """``(hypotheses other than the piece itself, best first; the piece kept as it is)``.

        ``s`` is a piece in lower case (a capital ``I`` written ``|``). Keeping it scores its
        prior when it is a known word (or an unmarked compound) and ``nonword_zipf`` otherwise.
        ``lead_deletion=False`` rules out a letter dropped before the first one (a capitalised
        piece: had ``Å`` of ``Åre`` been dropped, OCR would print ``re``, not ``Re``).
        """
        cache_key = (s, lead_deletion, run_ons)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        p = self.params
        plain = s.replace(CAPITAL_I, "i")
        z_plain = self.lexicon.zipf(plain)
        lr_dia, lr_glyph = p.rank_lr_dia, p.rank_lr_glyph
        # readings are plain (text, base, n_dia, n_glyph, parts) tuples until the few kept
        # are made Hyps; scored at the ranking rates as Hyp.score scores them
        if z_plain > p.compound.unlisted_max:
            # a listed word: no compound can beat keeping it; a common one is read through the
            # cheap readings (diacritics, digits, ligatures: vara -> våra), a rare one through
            # every reading (mom -> inom, bam -> barn)
            full = z_plain < p.full_search_below or len(s) <= 3
            finals = self._whole_words(s, lead_deletion, self.readings if full else self.quick)
        else:
            # first the cheap readings, whole words only; then, unless one reads well enough,
            # compounds, first through the cheap readings (a short piece: through every one)
            finals = self._whole_words(s, lead_deletion, self.quick)
            if (
                max((h[1] + h[2] * lr_dia + h[3] * lr_glyph for h in finals), default=_NEG_INF)
                < p.fast_enough
            ):
                finals = []
                if len(s) > p.full_search_len:
                    finals = self._compounds(s, lead_deletion, self.quick)
                if (
                    max(
                        (h[1] + h[2] * lr_dia + h[3] * lr_glyph for h in finals),
                        default=_NEG_INF,
                    )
                    < p.quick_enough
                ):
                    finals = self._compounds(s, lead_deletion, self.readings)
                if (
                    run_ons
                    and z_plain == _NEG_INF
                    and len(s) >= 3
                    and not any(h[1] > p.compound.unlisted_max for h in finals)
                ):
                    finals.extend(self._run_ons(s, lead_deletion))
        identity = Hyp(plain, self._kept_score(plain), 0, 0)
        if z_plain > _NEG_INF:
            identity = Hyp(plain, max(z_plain, p.nonword_zipf), 0, 0, (plain,))
        hyps: list[tuple] = []
        for hyp in finals:
            if hyp[0] == plain:
                # the piece as it stands, read as a compound or two words run together
                if hyp[1] + hyp[2] * lr_dia + hyp[3] * lr_glyph > identity.score(lr_dia, lr_glyph):
                    identity = _hyp(hyp)
            else:
                hyps.append(hyp)
        hyps.sort(key=lambda h: -(h[1] + h[2] * lr_dia + h[3] * lr_glyph))
        result = (tuple(_hyp(h) for h in hyps[: p.max_hyps]), identity)
        if len(self._cache) < 1_000_000:
            self._cache[cache_key] = result
        return result

    def reaches(
        self, s: str, floor: float, lrs: tuple[float, float], lead_deletion: bool = True
    ) -> bool:
        """Whether a reading :meth:`analyse` gives ``s`` (with ``run_ons=False``: the piece kept
        or another) may score ``floor`` or more at the log10 rates ``lrs``. ``False`` only when
        none does, found with less work than the analysis: its stages are taken in turn, and
        the last and dearest -- compounds through every reading -- leaves out partial analyses
        that cannot reach ``floor`` (OCR repair asks whether two tokens may be one word).

        Example:
            >>> from plancompare.ocr.channel import compile_readings, load_confusions
            >>> from plancompare.ocr.lexicon import Lexicon
            >>> lex = Lexicon.from_texts(["kommunens stöd till förskolan"], use_wordfreq=False)
            >>> search = CandidateSearch(lex, compile_readings(load_confusions()))
            >>> search.reaches("kornmunens", 2.0, (-0.3, -1.7))  # kommunens, a listed word
            True
            >>> search.reaches("kornmunenstill", 2.0, (-0.3, -1.7))  # compounds score <= 1
            False
        """
        if (s, lead_deletion, False) in self._cache:
            return True  # analysed already: the caller reads it
        p = self.params
        lr_dia, lr_glyph = lrs
        plain = s.replace(CAPITAL_I, "i")
        z_plain = self.lexicon.zipf(plain)
        if z_plain > p.compound.unlisted_max:
            return True  # a listed word: analyse (no compound search) answers as cheaply
        if max(z_plain, p.nonword_zipf, self._kept_score(plain)) >= floor:
            return True

        def reached(finals: list[tuple]) -> bool:
            return any(h[1] + h[2] * lr_dia + h[3] * lr_glyph >= floor for h in finals)

        def top(finals: list[tuple]) -> float:
            rank = p.rank_lr_dia, p.rank_lr_glyph
            return max((h[1] + h[2] * rank[0] + h[3] * rank[1] for h in finals), default=_NEG_INF)

        # analyse's stages for a piece that is no listed word (see there)
        finals = self._whole_words(s, lead_deletion, self.quick)
        if reached(finals):
            return True
        if top(finals) >= p.fast_enough:
            return False
        # the readings that decide here -- those reaching floor, and those that reach
        # quick_enough at the ranking rates (a reading's score at any rates is at most its
        # base) -- are all found with the lower of the two as floor
        finals = (
            self._compounds(s, lead_deletion, self.quick, min(floor, p.quick_enough))
            if len(s) > p.full_search_len
            else []
        )
        if reached(finals):
            return True
        if top(finals) >= p.quick_enough:
            return False
        return reached(self._compounds(s, lead_deletion, self.readings, floor))

    def _run_ons(self, s: str, lead_deletion: bool) -> list[Hyp]:
        """Readings of ``s`` as a short function word and another word run together (OCR lost
        the space: ``ochfloden``, ``enöversyn``, ``effektivti``).

        Scored as two words, ``zipf(a) + zipf(b) - 9``, less ``runon_penalty`` for the lost
        space, which counts as one misread glyph (so it costs the text's glyph rate too); the
        text stays one token (the repairer never adds a space).
        """
        p = self.params
        out: list[Hyp] = []
        n = len(s)
        short = self.short_words
        for cut in (*range(1, min(5, n)), *range(max(n - 4, 1), n)):
            left, right = s[:cut], s[cut:]
            small, other, small_first = (left, right, True) if cut <= 4 else (right, left, False)
            if cut <= 4 and n - cut <= 4 and cut > n - cut:
                small, other, small_first = right, left, False
            small_hyps = [
                Hyp(*h)
                for h in self._whole_words(small, lead_deletion or not small_first, self.readings)
                if h[0] in short
            ]
            z_small = self.lexicon.zipf(small.replace(CAPITAL_I, "i"))
            if small.replace(CAPITAL_I, "i") in short:
                small_hyps.append(Hyp(small.replace(CAPITAL_I, "i"), z_small, 0, 0))
            if not small_hyps:
                continue
            if not self._may_be_listed(other, lead_deletion or small_first):
                continue  # analyse would find no reading of it as a listed word
            other_hyps, other_id = self.analyse(other, lead_deletion or small_first, run_ons=False)
            readings = [h for h in (other_id, *other_hyps) if h.base > p.compound.unlisted_max]
            if not readings:
                continue
            a = max(small_hyps, key=lambda h: h.score(p.rank_lr_dia, p.rank_lr_glyph))
            b = max(readings, key=lambda h: h.score(p.rank_lr_dia, p.rank_lr_glyph))
            first, second = (a, b) if small_first else (b, a)
            out.append(
                Hyp(
                    first.text + second.text,
                    first.base + second.base - 9.0 - p.runon_penalty,
                    first.n_dia + second.n_dia,
                    first.n_glyph + second.n_glyph + 1,  # the lost space, as rare as a glyph
                    (*first.parts, *second.parts),
                )
            )
        return out

    def _kept_score(self, plain: str) -> float:
        """The score of keeping ``plain``, no listed word, as it stands: ``nonword_zipf``, less
        for each character Swedish words are not written with (é, digits, & ... inside
        letters): such a token is more likely damaged."""
        odd = sum(1 for ch in plain if ch not in _SWEDISH_LETTERS)
        return self.params.nonword_zipf - odd * self.params.odd_char_penalty

    def _may_be_listed(self, s: str, lead_deletion: bool) -> bool:
        """Whether :meth:`analyse` (``run_ons=False``) may give ``s`` a reading that scores
        above ``unlisted_max``. Only a listed word read whole can (``_capped``), so ``False``
        when neither ``s`` nor any reading of all of it through every reading of the channel is
        listed that commonly: the compound search is not needed to know that."""
        cap = self.params.compound.unlisted_max
        if not self._capped or (s, lead_deletion, False) in self._cache:
            return True
        plain = s.replace(CAPITAL_I, "i")
        z_plain = self.lexicon.zipf(plain)
        if max(z_plain, self.params.nonword_zipf, self._kept_score(plain)) > cap:
            return True
        # (a hair below the cap: the compound search adds a word's score up in another order)
        return any(h[1] > cap - 1e-9 for h in self._whole_words(s, lead_deletion, self.readings))

    def _compounds(
        self, s: str, lead_deletion: bool, readings: Readings, floor: float = _NEG_INF
    ) -> list[tuple]:
        """Readings of ``s`` as one listed word or a compound of listed parts (as plain Hyp
        tuples, their parts a chain: see :func:`_hyp`); with a ``floor``, sure to hold only those
        whose base reaches it."""
        if self.headroom > 0.0:
            floor = _NEG_INF  # no bound on what a part adds: nothing left out
        readings_ = compound_readings(
            s,
            lambda i: self._segments(s, i, lead_deletion, readings),
            self.params.compound,
            floor=floor,
            headroom=min(self.headroom, 0.0),
        )
        # parts left chained: only the readings kept are unchained (_hyp)
        return [(a[0], a[1], a[2] & _DIA_MASK, a[2] // GLYPH, a[3]) for a in readings_.values()]

    def _whole_words(self, s: str, lead_deletion: bool, readings: Readings) -> list[tuple]:
        """Readings of all of ``s`` as one listed word (as plain Hyp tuples)."""
        if readings.deletion is None and readings.confusable.isdisjoint(s):
            # no reading applies anywhere: the search would walk ``s`` letter by letter and
            # find it alone, if it is listed
            if s in self.lexicon.words(key(s)):
                return [(s, self.lexicon.zipf(s) + 0.0, 0, 0, (s,))]
            return []
        if readings is self.quick:
            found = self._indexed_whole_words(s)
            if found is not None:
                return found
        return self._searched_whole_words(s, lead_deletion, readings)

    def _searched_whole_words(self, s: str, lead_deletion: bool, readings: Readings) -> list[tuple]:
        """:meth:`_whole_words` by the search, reading by reading."""
        n = len(s)
        return [
            (seg[1], seg[2] + seg[3], seg[4] & _DIA_MASK, seg[4] // GLYPH, (seg[6],))
            for seg in self._segments(s, 0, lead_deletion, readings, whole=True)
            if seg[0] == n
        ]

    def __getstate__(self) -> dict:
        """The search without its skeleton indexes (a memory-mapped index is not pickled: a
        worker process maps the stored file itself at first use)."""
        state = self.__dict__.copy()
        state["_indexes"] = None
        return state

    def _skeleton_indexes(self) -> tuple[SkeletonIndex, SkeletonIndex | None]:
        """The lexicon's words by skeleton: the general word list's (prepared and stored, when
        it is wordfreq's Swedish list) and the corpus words it lacks (in memory)."""
        if self._indexes is None:
            base = self.lexicon.base
            shared = vocabulary.cache_info().currsize and base is vocabulary()
            extra = self.lexicon.extra
            self._indexes = (
                vocabulary_index(self._classes)
                if shared
                else SkeletonIndex.from_words(base, self._classes),
                SkeletonIndex.from_words(extra, self._classes) if len(extra) else None,
            )
        return self._indexes

    def _choices(self, ch: str) -> dict[str, tuple] | None:
        """How a printed character ``ch`` may stand for each letter through the cheap readings:
        ``letter -> (choice, reading log weight, option log weight or None, marks)``, where
        choice 0 is the character as it is and ``j + 1`` its ``j``-th reading; ``None`` when
        two choices give one letter (the index then leaves the piece to the search)."""
        out: dict[str, tuple] = {ch: (0, 0.0, None, 0)}
        for j, reading in enumerate(self.quick.by_first.get(ch, ()), start=1):
            if reading.fragment == STAR:
                letters = [(letter, logw) for letter, logw in reading.options]
            else:
                letters = [(reading.fragment, None)]
            for letter, logw in letters:
                if letter in out:
                    return None
                out[letter] = (j, reading.logw, logw, reading.marks)
        return out

    def _indexed_whole_words(self, s: str) -> list[tuple] | None:
        """:meth:`_whole_words` through the cheap readings, from the skeleton index: the
        words of the piece's skeleton, each checked position by position against the readings
        that may give its letter there, in the order the search would find them (choices by
        position, a later reading before an earlier one and the character as it is last; the
        words of one key as :meth:`Lexicon.words` lists them). ``None`` where the index does
        not serve the piece (see :class:`~.skeletons.SkeletonClasses`)."""
        if not self._unindexed.isdisjoint(s):
            return None
        skeleton = self._classes.skeleton(s)
        base, extra = self._indexes or self._skeleton_indexes()
        words = base.bucket(skeleton)
        if extra is not None:
            words += extra.bucket(skeleton)
        if not words:
            return []
        get = self._checked.get
        checked = [(i, get(ch)) for i, ch in enumerate(s) if ch in self._checked]
        max_glyph = self.params.max_glyph * GLYPH
        found = []
        for order, word in enumerate(words):
            path = []
            glw, gm, n_dia = 0.0, 0, 0
            options = []
            for i, choices in checked:
                hit = choices.get(word[i])
                if hit is None:
                    break
                choice, reading_logw, option_logw, marks = hit
                path.append(-choice)
                if choice:
                    if marks == GLYPH and gm >= max_glyph:
                        break  # no more glyph readings in one word (the search's max_glyph)
                    glw += reading_logw
                    if option_logw is None:
                        gm += marks
                    elif marks:
                        options.append(option_logw)
                        n_dia += 1
            else:
                found.append((path, order, word, glw, gm + n_dia * DIA, options))
        found.sort(key=lambda f: (f[0], f[1]))
        zipf = self.lexicon.zipf
        out = []
        for _, _, word, logw, marks, options in found:
            for option_logw in options:
                logw += option_logw
            out.append((word, zipf(word) + logw, marks & _DIA_MASK, marks // GLYPH, (word,)))
        return out

    def _segments(
        self,
        s: str,
        i: int,
        lead_deletion: bool = True,
        readings: Readings | None = None,
        whole: bool = False,
    ) -> tuple[_Seg, ...] | list[_Seg]:
        """Known words (or stems) that some reading of ``s[i:j]`` spells, for every ``j``
        (only ``j == len(s)``, and no stems, when ``whole``). Cached per ``s[i:]``."""
        readings = readings if readings is not None else self.readings
        ckey = (s[i:], lead_deletion or i > 0, readings is self.quick, whole)
        hit = self._segment_cache.get(ckey)
        if hit is None:
            intact, applicable = self._positions(s, readings)
            found = self._search_segments(
                s[i:], lead_deletion or i > 0, readings, whole, intact[i:], applicable[i:]
            )
            # a part of a compound (not the whole piece) must be long and common enough:
            # dropped here rather than in the compound search, which would skip it anyway
            scoring = self.params.compound
            n = len(s) - i
            hit = tuple(
                seg
                for seg in found
                if seg[0] == n
                or (len(seg[1]) >= scoring.part_min_len and seg[2] >= scoring.part_min_zipf)
            )
            if len(self._segment_cache) < 1_000_000:
                self._segment_cache[ckey] = hit
        if not i:
            return hit
        return [(seg[0] + i, *seg[1:]) for seg in hit]  # type: ignore[misc]

    def _positions(self, s: str, readings: Readings) -> tuple[list, list]:
        """Per position of ``s``: the key letter (and its star options) of reading the character
        as it is, and the channel's readings that apply there (in the channel's order). A piece's
        segments are searched from each of its positions: worked out once per piece, not once
        per position (remembered for the piece last asked about)."""
        last = self._last_positions
        if last[0] == s and last[1] is readings:
            return last[2]
        intact = [_INTACT_STEP.get(ch) or (ch, ()) for ch in s]
        by_first = readings.by_first
        # a character whose readings all observe that one character: all apply where it stands
        one_char = self._one_char.get(id(readings), {})
        applicable: list[tuple] = []
        for p, ch in enumerate(s):
            group = one_char.get(ch)
            if group is None:
                group = by_first.get(ch, ())
                if group:
                    group = tuple(r for r in group if s.startswith(r.observed, p))
            applicable.append(group)
        self._last_positions = (s, readings, (intact, applicable))
        return intact, applicable

    def _search_segments(
        self,
        s: str,
        lead_deletion: bool,
        readings: Readings,
        whole: bool,
        intact: list[tuple[str, tuple]],
        applicable: list[tuple],
    ) -> list[_Seg]:
        """Depth-first walk over the readings of ``s``, kept to known words' key prefixes.

        A state carries the known words of its key (one :meth:`Lexicon.match` per step).
        A segment that ends before the end of ``s`` and is shorter than ``part_min_len`` is not
        emitted: :meth:`_segments` would drop it (no compound part is that short). ``intact``
        and ``applicable``: :meth:`_positions` of ``s``.
        """
        # Lexicon.match, with its memo looked up here first (a hit costs no call)
        memo, match = self.lexicon.match_memo.get, self.lexicon.match
        deletion = readings.deletion
        max_glyph = self.params.max_glyph * GLYPH
        min_len = self.params.compound.part_min_len
        n = len(s)
        out: list[_Seg] = []
        emit = self._emit
        # state: position, key so far, its words, star options, used deletion, glyph log
        # weight, marks
        stack: list[tuple[int, str, tuple[str, ...], tuple, bool, float, int]] = [
            (0, "", (), (), False, 0.0, 0)
        ]
        pop, push = stack.pop, stack.append
        while stack:
            pos, k, found, stars, used_del, glw, gm = pop()
            if k and (pos == n or (not whole and len(k) >= min_len)):
                if found:
                    emit(s, out, pos, n, k, found, stars, glw, gm, stem=False)
                if pos < n:
                    for ending in "ae":
                        stem = k + ending
                        stem_words = (memo(stem) or match(stem))[0]
                        if stem_words:
                            emit(s, out, pos, n, stem, stem_words, stars, glw, gm, stem=True)
            if pos < n:
                letter, options = intact[pos]
                nk = k + letter
                nfound, prefix = memo(nk) or match(nk)
                if prefix:
                    push(
                        (pos + 1, nk, nfound, (*stars, *options), used_del, glw, gm)
                        if options
                        else (pos + 1, nk, nfound, stars, used_del, glw, gm)
                    )
                for reading in applicable[pos]:
                    if reading.marks == GLYPH and gm >= max_glyph:
                        continue
                    nk = k + reading.fragment
                    nfound, prefix = memo(nk) or match(nk)
                    if prefix:
                        if reading.options:
                            push(
                                (
                                    pos + len(reading.observed),
                                    nk,
                                    nfound,
                                    (*stars, (reading.options, reading.marks)),
                                    used_del,
                                    glw + reading.logw,
                                    gm,
                                )
                            )
                        else:
                            push(
                                (
                                    pos + len(reading.observed),
                                    nk,
                                    nfound,
                                    stars,
                                    used_del,
                                    glw + reading.logw,
                                    gm + reading.marks,
                                )
                            )
            if deletion is not None and not used_del and (pos > 0 or lead_deletion):
                nk = k + STAR
                nfound, prefix = memo(nk) or match(nk)
                if prefix:
                    push(
                        (
                            pos,
                            nk,
                            nfound,
                            (*stars, (deletion.options, deletion.marks)),
                            True,
                            glw,
                            gm,
                        )
                    )
        return out

    def _emit(
        self,
        s: str,
        out: list[_Seg],
        pos: int,
        n: int,
        k: str,
        found: tuple[str, ...],
        stars: tuple,
        glw: float,
        gm: int,
        stem: bool,
    ) -> None:
        star_pos = [j for j, ch in enumerate(k) if ch == STAR] if stars else []
        zipf = self.lexicon.zipf
        params = self.params
        # a part before the end that is rarer than part_min_zipf is dropped by _segments:
        # not built at all (the penalties below only lower a score)
        min_zipf = params.compound.part_min_zipf if pos < n else _NEG_INF
        early = params.stem_penalty >= 0 and params.inflected_part_penalty >= 0
        for word in found:
            z = zipf(word)
            if early and z < min_zipf:
                continue
            logw = glw
            marks = gm
            ok = True
            for (options, mark), j in zip(stars, star_pos, strict=True):
                letter = word[j]
                for opt_letter, opt_logw in options:
                    if opt_letter == letter:
                        if mark:
                            logw += opt_logw
                            marks += DIA
                        break
                else:
                    ok = False
                    break
            if not ok:
                continue
            if stem:
                z -= params.stem_penalty
                out.append((pos, word[:-1], z, logw, marks, True, word))
            else:
                if pos < n and s[pos:] not in INFLECTION_ENDINGS:
                    base = lemma(word)
                    if base != word:
                        if base in self.function_lemmas and word not in self.function_lemmas:
                            # a variant of a function word (nåt, nån: någon) is no compound's
                            # part: nät + koncessioner, not nåt + koncessioner (a function
                            # word itself may open a run-on reading: har + granskat)
                            continue
                        # a part before the last is most often a base form or stem: stöd +
                        # processer rather than stod (stood) + processer
                        z -= params.inflected_part_penalty
                out.append((pos, word, z, logw, marks, False, word))
                if pos + 3 == n and s.endswith("nde") and word[-1] == "a" and is_verb(word):
                    # a verb's present participle, which the word list may lack (leverera +
                    # nde: tjänstelevererande), scored as an inflected form
                    c = params.compound
                    z = min(zipf(word) - c.suffix_penalty, c.unlisted_max)
                    out.append((n, word + "nde", z, logw, marks, False, word + "nde"))
