"""Swedish compounds: analyses of a word as known parts joined by the linking ``s``/``e``.

Plan language is made of compounds (``kompetensförsörjningsfonden``, ``rekryteringssystem``).
One search serves two callers:

* :func:`compound_parts` splits a word into its parts, as lemmas, for people and features;
* OCR repair (``plancompare.ocr``) scores *readings* of a damaged word, with its own segment
  generator (which tries the confusion model's readings) and its own scoring constants.

The search (:func:`compound_analyses`) walks the word left to right keeping, for every position,
the best few analyses of the text so far; a *segment* is a known word -- or a *stem*, a known
word without its final ``a``/``e`` (``skol-`` from ``skola``) -- and between two segments a
linking ``s`` (``rekrytering-s-system``) or, after a stem, ``e`` may stand. The last part may
carry an inflection ending the word list lacks (``sköterska`` + ``ns``).

Example:
    >>> compound_parts("kompetensförsörjningsfonden")
    ('kompetens', 'försörjning', 'fond')
    >>> compound_parts("lönsam")
    ('lönsam',)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from plancompare import paths

from .frequencies import key, vocabulary, zipf
from .lemmatize import analysis_store, known_lemma, lemma, modal_verbs
from .stoplist import stopwords

__all__ = [
    "BOUND_MORPHEMES_PATH",
    "INFLECTION_ENDINGS",
    "Analysis",
    "CompoundScoring",
    "Segment",
    "bound_morphemes",
    "compound_analyses",
    "compound_parts",
    "compound_readings",
    "prepare_word_analyses",
    "unchain",
    "word_analyses",
]

BOUND_MORPHEMES_PATH = paths.RESOURCES / "swedish" / "bound_morphemes.txt"

# Inflection endings that may follow the last part of a word (Swedish noun/adjective forms).
INFLECTION_ENDINGS = frozenset(
    ("s", "n", "t", "a", "e", "en", "et", "na", "er", "ar", "or", "erna", "arna", "orna")
    + ("ens", "ets", "ns", "ts", "nas", "ernas", "arnas", "ornas")
)
STEM_ENDINGS = "ae"  # a stem is a listed word without one of these (skol- from skola)


class Segment(NamedTuple):
    """A known word (or stem) spelled by ``s[start:end]`` under some reading.

    ``text`` is what the segment contributes to the analysed word (for a stem, the word without
    its final letter), ``word`` the listed word it comes from. ``logw`` and ``marks`` are
    carried along and added up: OCR repair puts the log10 weights of the misreadings it
    assumed there, and how many letters they changed; a plain analysis leaves them 0.
    """

    end: int
    text: str
    zipf: float
    logw: float
    marks: int
    stem: bool
    word: str


class Analysis(NamedTuple):
    """One reading of a word: its ``text``, ``score`` (zipf scale + log weights), the summed
    ``marks`` and the listed words it is made of (``parts``, inflection ending included)."""

    text: str
    score: float
    marks: int
    parts: tuple[str, ...]


class CompoundScoring(NamedTuple):
    """Constants of the compound search (log10 units; zipf = log10 of frequency per 10**9 words).

    Args:
        penalty: per extra part: zipf(a+b) = zipf(a) + zipf(b) - penalty.
        part_min_len: parts shorter than this are not trusted.
        part_min_zipf: parts rarer than this are not trusted (wordfreq lists junk).
        unlisted_max: cap on a compound's score (a form missing from the word list is rarer than
            its cut-off); ``math.inf`` for no cap.
        suffix_penalty: a listed word + an inflection ending not in the list.
        beam: partial analyses kept per position.
    """

    penalty: float = 10.0
    part_min_len: int = 3
    part_min_zipf: float = 2.0
    unlisted_max: float = 1.0
    suffix_penalty: float = 2.0
    beam: int = 10


# (prior, log weights, extra parts, marks, parts as a chain: see compound_analyses) of s[:i]
_Partial = tuple[float, float, int, int, tuple]


def compound_analyses(
    s: str,
    segments: Callable[[int], Iterable[Segment]],
    scoring: CompoundScoring,
    *,
    floor: float = -math.inf,
    headroom: float = 0.0,
) -> list[Analysis]:
    """All readings of ``s`` as one known word or a compound of known parts, best per text.

    ``segments(i)`` yields the segments that start at position ``i`` of ``s``. A listed word
    scores its zipf value; a compound the sum of its parts' values minus ``scoring.penalty`` per
    extra part, capped at ``scoring.unlisted_max``; a listed word plus an inflection ending scores
    its zipf minus ``scoring.suffix_penalty`` (capped too). The segments' ``logw`` are added.

    With a ``floor``, only the readings scoring at least ``floor`` are sure to be returned (with
    the scores they have without one): a partial analysis is not extended when its score plus
    ``headroom`` -- the most one more part can add, ``max zipf + logw - penalty``, at most 0 --
    is below ``floor``, since every reading it leads to scores less. Readings below ``floor``
    may be returned or not. (OCR repair asks so whether two tokens may be one word.)

    Example:
        >>> words = {"skol": ("skola", 4.5), "ledare": ("ledare", 4.4)}
        >>> def segs(i):
        ...     s = "skolledare"
        ...     for text, (word, z) in words.items():
        ...         if s.startswith(text, i):
        ...             yield Segment(i + len(text), text, z, 0.0, 0, text != word, word)
        >>> scoring = CompoundScoring(penalty=1.0, unlisted_max=float("inf"))
        >>> a = compound_analyses("skolledare", segs, scoring)[0]
        >>> a.text, a.parts, round(a.score, 2)  # 4.5 + 4.4 - 1.0
        ('skolledare', ('skola', 'ledare'), 7.9)
    """
    return [
        Analysis(text, score, marks, unchain(chain))
        for text, score, marks, chain in compound_readings(
            s, segments, scoring, floor=floor, headroom=headroom
        ).values()
    ]


def compound_readings(
    s: str,
    segments: Callable[[int], Iterable[Segment]],
    scoring: CompoundScoring,
    *,
    floor: float = -math.inf,
    headroom: float = 0.0,
) -> dict[str, tuple[str, float, int, tuple]]:
    """:func:`compound_analyses` as ``{text: (text, score, marks, chain)}``, each reading's
    parts left as a chain ``(earlier parts' chain, last word)`` (:func:`unchain` gives them): a
    caller that keeps a few of many readings unchains only those.

    Example:
        >>> def segs(i):
        ...     return [Segment(3, "tid", 4.6, 0.0, 0, False, "tid")] if i == 0 else []
        >>> compound_readings("tid", segs, CompoundScoring())
        {'tid': ('tid', 4.6, 0, ((), 'tid'))}
    """
    n = len(s)
    penalty, part_min_len, part_min_zipf, unlisted_max, suffix_penalty, width = scoring
    if headroom > 0.0:
        raise ValueError("headroom is what a further part can add to a score: at most 0")
    prune = floor - headroom  # a partial analysis scoring less leads to no reading >= floor
    # a partial analysis's parts are a chain (earlier parts' chain, last word), () at the start:
    # extending one makes a pair, not a copy of every part; finished readings are unchained
    partial: list[dict[str, _Partial]] = [{} for _ in range(n + 1)]
    partial[0][""] = (penalty, 0.0, 0, 0, ())
    # text -> (text, score, marks, chain of parts): made Analyses at the end (a text's best)
    finals: dict[str, tuple[str, float, int, tuple]] = {}
    get_final = finals.get
    for i in range(n):
        if not partial[i]:
            continue
        beam = sorted(partial[i].items(), key=_beam_key)[:width]
        if i and beam[-1][1][0] + beam[-1][1][1] < prune:
            # the start (i == 0) is no partial analysis: its prior is the penalty of one part
            beam = [b for b in beam if b[1][0] + b[1][1] >= prune]
            if not beam:
                continue
        for seg_end, text, z, logw, marks, stem, word in segments(i):
            if not (i == 0 and seg_end == n) and (len(text) < part_min_len or z < part_min_zipf):
                continue
            if seg_end == n:
                if stem:
                    continue
                for done, (prior, lw, k, nm, parts) in beam:
                    new_prior = prior + z - penalty
                    if k:
                        new_prior = min(new_prior, unlisted_max)
                    score = new_prior + (lw + logw)
                    new_text = done + text
                    old = get_final(new_text)
                    if old is None or score > old[1]:
                        finals[new_text] = (new_text, score, nm + marks, (parts, word))
                continue
            ending = s[seg_end:]
            inflects = not stem and len(text) >= 4 and ending in INFLECTION_ENDINGS
            link = s[seg_end]
            links = len(text) >= part_min_len and (link == "s" or (link == "e" and stem))
            after, linked = partial[seg_end], partial[seg_end + 1]
            get_after = after.get
            for done, (prior, lw, k, nm, parts) in beam:
                new_prior = prior + z - penalty
                new_lw = lw + logw
                best = new_prior + new_lw
                new_text = done + text
                value = None
                old = get_after(new_text)
                if old is None or best > old[0] + old[1]:
                    value = after[new_text] = (new_prior, new_lw, k + 1, nm + marks, (parts, word))
                if inflects:
                    inflected = min(new_prior - suffix_penalty, unlisted_max)
                    score = inflected + new_lw
                    old = get_final(new_text + ending)
                    if old is None or score > old[1]:
                        finals[new_text + ending] = (
                            new_text + ending,
                            score,
                            nm + marks,
                            (parts, word + ending),
                        )
                if links:
                    new_linked = new_text + link
                    old = linked.get(new_linked)
                    if old is None or best > old[0] + old[1]:
                        linked[new_linked] = value or (
                            new_prior,
                            new_lw,
                            k + 1,
                            nm + marks,
                            (parts, word),
                        )
    return finals


def unchain(chain: tuple) -> tuple[str, ...]:
    """The parts of a chain ``(earlier parts' chain, last word)``, first to last.

    Example:
        >>> unchain(((((), "kompetens"), "försörjning"), "fond"))
        ('kompetens', 'försörjning', 'fond')
    """
    parts = []
    while chain:
        chain, word = chain
        parts.append(word)
    return tuple(reversed(parts))


def _beam_key(item: tuple[str, _Partial]) -> float:
    return -(item[1][0] + item[1][1])


# ------------------------------------------------------------------------------------------------
# compound_parts: plain words
# ------------------------------------------------------------------------------------------------

# Each extra part costs 4.5 zipf units (a factor of about 30,000): a split beats the whole
# word when its parts are that much more frequent than the word itself (kompetens +
# försörjning against kompetensförsörjning), not when two frequent words happen to spell a
# rarer one (aktie + vite against aktivitet), and a word as common as its parts stays whole
# (arbetsgivare).
_PARTS_SCORING = CompoundScoring(penalty=4.5, unlisted_max=math.inf)
_STEM_PENALTY = 0.3
_STEM_MIN_LEN = 4  # skol- (skola), arbet- (arbete); not för- (före) or sam- (same)
_SHORT_PART = 3  # a part this short is mostly a chance spelling (sik, ten, ala) ...
_SHORT_PART_ZIPF = 4.5  # ... unless it is a common word (tid, lön, mål, lag)
_COMBINING_ENDINGS = "eou"  # löne- (lön), hälso- (hälsa), gatu- (gata)


@cache
def bound_morphemes() -> frozenset[str]:
    """Affixes and particles that are never a compound's part (``-sam``, ``-het``, ``fram-``).

    Read from ``data/swedish/bound_morphemes.txt``.

    Example:
        >>> {"sam", "het", "fram"} <= bound_morphemes()
        True
    """
    with BOUND_MORPHEMES_PATH.open(encoding="utf-8") as fh:
        return frozenset(
            line.strip().lower() for line in fh if line.strip() and not line.startswith("#")
        )


def _excluded(word: str) -> bool:
    return (
        word in stopwords()
        or word in bound_morphemes()
        or word in modal_verbs()
        or word in INFLECTION_ENDINGS
    )


def _known(word: str) -> str | None:
    """:func:`known_lemma`, remembered: the search asks about the same word in several roles."""
    found = _known_lemmas.get(word, _UNSEEN)
    if found is _UNSEEN:
        if len(_known_lemmas) >= _PIECE_LIMIT:
            _known_lemmas.clear()
        found = _known_lemmas[word] = known_lemma(word)
    return found  # type: ignore[return-value]


def _content_word(word: str) -> bool:
    """A word of the lemmatizer's dictionary that may be a part: not a stop word, modal verb,
    bound affix or inflection ending (nor a form of one), and not a short chance spelling."""
    found = _content_words.get(word)
    if found is None:
        if len(_content_words) >= _PIECE_LIMIT:
            _content_words.clear()
        found = _content_words[word] = (
            not (len(word) <= _SHORT_PART and zipf(word) < _SHORT_PART_ZIPF)
            and _known(word) is not None
            and not _excluded(word)
            and not _excluded(lemma(word))
        )
    return found


def _finite_verb(word: str) -> bool:
    """A present, imperative or passive form of a verb (``tar``, ``sätter``, ``bär``,
    ``tas``): a compound never ends in one (flyt + tar is no reading of flyttar)."""
    lem = lemma(word)
    if lem == word or lem[-1:] not in "aeiouyåäö":
        return False
    stem = lem[:-1] if lem.endswith("a") else lem
    return word in {lem + "r", stem + "er", stem, lem + "s", stem + "s", stem + "es"}


def _head_part(word: str) -> bool:
    """Whether ``word`` may stand before another part: a base form (its own lemma in the
    dictionary) not ending in ``-a`` (nouns in -a drop it, skola → skol-; verbs join by
    their stem, bygga → bygg-)."""
    return not word.endswith("a") and _known(word) == word and _content_word(word)


def _combining_form(piece: str) -> str | None:
    """The word whose combining form ``piece`` is (``löne`` → lön, ``hälso`` → hälsa)."""
    if piece[-1:] not in _COMBINING_ENDINGS:
        return None
    word = _known(piece)
    if word is None or word == piece:
        return None
    if word == piece[:-1] or (len(word) == len(piece) and word[:-1] == piece[:-1]):
        return word if _content_word(word) else None
    return None


# Segments of a piece s[i:j] as (text, zipf, logw, marks, stem, word): a pure function of the
# piece and whether it ends the word, so each is worked out once per process and remembered
# (a corpus's words share most of their pieces: kompetens-, -utveckling). ``False`` = no
# listed word starts with the piece (the walk stops there).
# Only segments the search keeps are made: a part shorter than ``part_min_len`` or rarer than
# ``part_min_zipf`` would be dropped by compound_analyses at once (the whole word aside).
_Found = tuple[tuple[str, float, float, int, bool, str], ...]
_PIECE_LIMIT = 100_000  # pieces (and words) remembered per role (about 25 MB at most)
_MIN_LEN, _MIN_ZIPF = _PARTS_SCORING.part_min_len, _PARTS_SCORING.part_min_zipf
_UNSEEN = object()
_inner_pieces: dict[str, _Found | bool] = {}
_inner_head_pieces: dict[str, _Found | bool] = {}
_last_pieces: dict[str, _Found | bool] = {}
_known_lemmas: dict[str, str | None] = {}
_content_words: dict[str, bool] = {}
_searched: dict[str, tuple[str, ...]] = {}  # a lower-case piece -> its parts (_parts_of)


def _inner_found(piece: str, stems: bool = True) -> _Found:
    """Segments of ``piece`` before the end of the word: the piece as a head part, as a stem
    (``skol`` of skola; without ``stems``, not) and as a combining form (``löne`` of lön).
    Asked only of a piece that some listed word's key starts with (see
    :func:`_plain_segments`: one search per position of the word tells which pieces are)."""
    if len(piece) < _MIN_LEN:
        return ()
    vocab = vocabulary()
    out = []
    z = vocab.zipf(piece)  # -inf when the piece is not a listed word
    if z >= _MIN_ZIPF and _head_part(piece):
        out.append((piece, z, 0.0, 0, False, piece))
    if len(piece) >= _STEM_MIN_LEN:
        for ending in STEM_ENDINGS if stems else "":
            full = piece + ending
            z = vocab.zipf(full) - _STEM_PENALTY
            if z >= _MIN_ZIPF and _known(full) == full and _content_word(full):
                out.append((piece, z, 0.0, 0, True, full))
        word = _combining_form(piece)
        if word is not None:
            z = vocab.zipf(word) - _STEM_PENALTY
            if z >= _MIN_ZIPF:
                out.append((piece, z, 0.0, 0, False, word))
    return tuple(out)


def _inner_heads(piece: str) -> _Found:
    """:func:`_inner_found` without the stems (two look-ups fewer): for a piece too near the
    end of the word for another part to follow it, where only an inflection ending may."""
    return _inner_found(piece, stems=False)


def _last_found(piece: str) -> _Found:
    """Segments of ``piece`` as the last part of a compound (not a finite verb); asked only
    of a piece that some listed word's key starts with, as :func:`_inner_found`."""
    z = vocabulary().zipf(piece)  # -inf when the piece is not a listed word
    if (
        len(piece) >= _MIN_LEN
        and z >= _MIN_ZIPF
        and _content_word(piece)
        and not _finite_verb(piece)
    ):
        return ((piece, z, 0.0, 0, False, piece),)
    return ()


def clear_memos() -> None:
    """Forget the pieces and words analysed in this process (for a cold-start benchmark).

    Example:
        >>> clear_memos(); compound_parts("lönestrategi")
        ('lön', 'strategi')
    """
    for memo in (
        _inner_pieces,
        _inner_head_pieces,
        _last_pieces,
        _known_lemmas,
        _content_words,
        _searched,
    ):
        memo.clear()
    compound_parts.cache_clear()


def _plain_segments(s: str) -> Callable[[int], list[Segment]]:
    """Segments of ``s`` with no reading: the listed words and stems that ``s[i:j]`` spells.

    A part must be a word of both wordfreq's list and the lemmatizer's dictionary (wordfreq
    alone lists web noise such as ``sgi``) that :func:`_content_word` accepts; a part before
    the last must be a base form, a stem or a combining form (see :func:`_head_part`); the
    last part must not be a finite verb. What a piece yields is remembered across words.

    The walk from ``i`` stops at the first piece no listed word's key starts with (nothing
    longer can be a part or a stem); at the first piece not remembered, one search of the
    word list gives how far that is (:meth:`~plancompare.swedish.frequencies.Vocabulary.
    prefix_length` of ``s[i:]``), so the pieces themselves need no search.

    A piece that ends fewer than ``part_min_len`` letters before the end of ``s`` can be
    followed by no further part (nor by a linking letter and one), only by an inflection
    ending: there, stems (which take none) are not looked up, and where the rest of ``s`` is
    no inflection ending the piece is passed over.
    """
    n = len(s)
    inner, heads, last = _inner_pieces, _inner_head_pieces, _last_pieces
    vocab = vocabulary()

    def segments(i: int) -> list[Segment]:
        out: list[Segment] = []
        limit = -1  # i + the longest prefix of s[i:] that a listed word's key starts with
        for j in range(i + 1, n + 1):
            piece = s[i:j]
            if j < n:
                if n - j < _MIN_LEN:
                    if s[j:] not in INFLECTION_ENDINGS:
                        continue  # a dead end: nothing may follow a part here
                    found = inner.get(piece) or heads.get(piece)
                    memo, find = heads, _inner_heads
                else:
                    found = inner.get(piece)
                    memo, find = inner, _inner_found
            elif i:
                found = last.get(piece)
                memo, find = last, _last_found
            else:  # the whole word: any listed word
                z = vocab.zipf(piece)
                found = ((piece, z, 0.0, 0, False, piece),) if z > -math.inf else ()
            if found is None:  # a piece not seen before: worked out and remembered
                if limit < 0:
                    limit = i + vocab.prefix_length(key(s[i:]))
                found = find(piece) if j <= limit else False
                if len(memo) >= _PIECE_LIMIT:
                    memo.clear()  # bounded memory: start over with the pieces in use now
                memo[piece] = found
            if found is False:
                break
            for seg in found:  # type: ignore[union-attr]
                out.append((j, *seg))  # a Segment as a plain tuple: quicker to make
        return out

    return segments


def _plain_search(s: str) -> tuple[str, ...] | None:
    """The parts of the best analysis of a plain word ``s`` (``None`` if there is none).

    :func:`compound_analyses` with :func:`_plain_segments` and the parts scoring, step for
    step, in the form that case allows: with no readings every analysis of ``s[:i]`` spells
    ``s[:i]``, so each position holds one partial analysis (the best; the first on ties) and
    the beam is that one, and every finished analysis spells ``s`` (the best is kept). Scores
    add no reading weights (they are 0).
    """
    penalty, min_len, min_zipf, unlisted_max, suffix_penalty, _ = _PARTS_SCORING
    n = len(s)
    segments = _plain_segments(s)
    best: list[tuple[float, int, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (penalty, 0, ())
    final: tuple[float, tuple[str, ...]] | None = None
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        prior, k, parts = here
        for seg_end, text, z, _, _, stem, word in segments(i):
            if not (i == 0 and seg_end == n) and (len(text) < min_len or z < min_zipf):
                continue
            new_prior = prior + z - penalty
            if seg_end == n:
                if not stem:
                    score = min(new_prior, unlisted_max) if k else new_prior
                    if final is None or score > final[0]:
                        final = (score, (*parts, word))
                continue
            new_parts = (*parts, word)
            after = best[seg_end]
            if after is None or new_prior > after[0]:
                best[seg_end] = (new_prior, k + 1, new_parts)
            ending = s[seg_end:]
            if not stem and len(text) >= 4 and ending in INFLECTION_ENDINGS:
                score = min(new_prior - suffix_penalty, unlisted_max)
                if final is None or score > final[0]:
                    final = (score, (*parts, word + ending))
            link = s[seg_end]
            if len(text) >= min_len and (link == "s" or (link == "e" and stem)):
                linked = best[seg_end + 1]
                if linked is None or new_prior > linked[0]:
                    best[seg_end + 1] = (new_prior, k + 1, new_parts)
    return final[1] if final is not None else None


def _parts_of(s: str) -> tuple[str, ...]:
    """The parts of a lower-case word without hyphens when it is a compound (the last one
    lemmatized), else ``()`` (the caller takes the lemma of the word as written: a search
    that finds one part needs no lemma of the lower-case form). Remembered: a corpus's forms
    with capitals and without (``Kompetensförsörjningsplan``, ``kompetensförsörjningsplan``)
    are searched once."""
    found = _searched.get(s)
    if found is None:
        if len(_searched) >= _PIECE_LIMIT:
            _searched.clear()  # bounded memory: start over with the words in use now
        found = _searched[s] = _search_parts(s)
    return found


def _search_parts(s: str) -> tuple[str, ...]:
    if len(s) < 2 * _PARTS_SCORING.part_min_len or not s.isalpha():
        return ()
    found = _plain_search(s)
    if found is None or len(found) == 1:
        return ()
    *heads, last = found
    return (*heads, lemma(last))


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a Swedish compound, as lemmas; a simple word gives ``(lemma,)``.

    Parts are words of wordfreq's Swedish list (at least three letters, not rare, not a stop
    word or a bound affix such as ``-sam``); every part before the last is a base form or a
    stem (``skol-`` from ``skola``); the linking ``s``/``e`` between parts is dropped; the last
    part is lemmatized. A hyphenated word is split at its hyphens first. The answer is kept
    in the on-disk store of word analyses (:func:`~plancompare.swedish.analysis_store`), so
    a word is analysed once on a machine.

    Example:
        >>> compound_parts("rekryteringssystem")
        ('rekrytering', 'system')
        >>> compound_parts("Skolledarna")
        ('skola', 'ledare')
        >>> compound_parts("IT-stödet"), compound_parts("kommun")
        (('it', 'stöd'), ('kommun',))
    """
    stored = analysis_store().get(word)
    if stored is not None and len(stored) > 1:
        return stored[1:]
    return (_from_lower_case(word) or _analyse(word))[1]


def _analyse(word: str) -> tuple[str, tuple[str, ...]]:
    """The lemma and the parts of ``word``, worked out and put in the store."""
    out: list[str] = []
    for piece in word.split("-"):
        if piece:
            out.extend(_parts_of(piece.lower()) or (lemma(piece),))
    found = tuple(out) if out else (lemma(word),)
    lem = lemma(word)
    analysis_store().put(word, (lem, *found))
    return lem, found


def _from_lower_case(
    word: str, stored: tuple[str, ...] | None = None
) -> tuple[str, tuple[str, ...]] | None:
    """The lemma and the parts of ``word`` written with capitals (``Aktiviteterna``), from the
    stored analysis of its lower-case form (``stored``, when the caller has looked it up), put
    in the store; ``None`` when that is not stored.

    Exactly what :func:`_analyse` gives: for a word without a hyphen it searches the parts of
    ``word.lower()`` -- the search the lower-case form's record holds the outcome of -- and
    where that finds a single part it takes ``lemma(word)``, as it does for the word's lemma
    (only the lemma, which simplemma may give differently for capitals, is looked up anew).
    A record of more than a lemma and one part holds parts the search found; a record of a
    lemma alone (:func:`~plancompare.swedish.lemma`'s) holds none and is not used.
    """
    low = word.lower()
    if low == word or "-" in word or not word:
        return None
    store = analysis_store()
    if stored is None:
        stored = store.get(low)
    if stored is None or len(stored) < 2:
        return None
    lem = lemma(word)
    found = stored[1:] if len(stored) > 2 else (lem,)
    store.put(word, (lem, *found))
    return lem, found


def word_analyses(words: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """``(lemma(word), compound_parts(word))`` of each of ``words``: the store of word analyses
    searched once for all of them (a corpus's distinct words) and once for the lower-case
    forms of those it lacks, the others analysed and added.

    Example:
        >>> word_analyses(["lönestrategin", "ska"])
        [('lönestrategin', ('lön', 'strategi')), ('ska', ('ska',))]
    """
    store = analysis_store()
    out: list[tuple[str, tuple[str, ...]] | None] = [
        (stored[0], stored[1:]) if stored is not None and len(stored) > 1 else None
        for stored in store.get_many(words)
    ]
    missing = [i for i, found in enumerate(out) if found is None]
    # the lower-case forms' records, searched at once; one not found (or a lemma alone) is
    # looked up again in turn, as a word analysed before it in this loop may have put it
    lowered = store.get_many([words[i].lower() for i in missing])
    for i, low in zip(missing, lowered, strict=True):
        word = words[i]
        found = low is not None and len(low) > 1 and _from_lower_case(word, low)
        out[i] = found or _from_lower_case(word) or _analyse(word)
    return out  # type: ignore[return-value]


def prepare_word_analyses(words: Iterable[str] | None = None) -> int:
    """Analyse ahead, into the store of word analyses, every word of wordfreq's Swedish list
    (or of ``words``) that the store lacks; return how many were analysed.

    Once per machine (per cache directory and versions: the store's key), on request: the
    whole list (some 336,000 words) takes about half a minute of one core and 14 MB on disk.
    Afterwards :func:`word_analyses` and :func:`compound_parts` of a listed word are a
    look-up, so the vectorizer and theme coding analyse only the words the list lacks (and
    forms written with capitals). Answers are those the search gives anyway (the same
    function fills the store), so nothing a caller sees changes but the time.

    Example:
        >>> n = prepare_word_analyses(["skolledare", "kommun"])  # those the store lacked
        >>> prepare_word_analyses(["skolledare", "kommun"]), analysis_store().get("skolledare")
        (0, ('skolledare', 'skola', 'ledare'))
    """
    if words is None:
        words = vocabulary()
    store = analysis_store()
    todo = [w for w in dict.fromkeys(words) if w]
    done = 0
    for word, stored in zip(todo, store.get_many(todo), strict=True):
        if stored is None or len(stored) < 2:
            _analyse(word)
            done += 1
    store.save()  # one new table of all of them (a save per batch rewrites it every time)
    return done
