"""Repair Swedish OCR output in which å, ä and ö were misread.

Scanned plans come back from OCR with ``kompetensforsoérjningsfonden``, ``f6r``, ``ldrare``,
``&r``, ``1irande``, ``18ng`` and ``s att``. This module restores the intended words with a
*noisy-channel* model:

* **Channel** -- how each of å/ä/ö is misread (``ö`` → ``o``/``é``/``6``/``d``/``oé``, ``ä`` →
  ``é``/``d``/``a``/``&``/``i``/``4``/``ia``/``éd``, ``lä`` → ``1i``, ``lå`` → ``18`` ...) is
  declared as data in ``plancompare/data/ocr/confusions.tsv``, not in code. How often letters are
  misread at all is estimated *per text* from the text itself (intact å/ä/ö versus unambiguous
  damage), so a clean text is left alone and a badly damaged one is repaired aggressively.
* **Source** -- candidate words are scored by Swedish word frequency (``wordfreq``'s large
  Swedish list) blended with a vocabulary drawn from the clean plans of the corpus. Compounds,
  which dominate plan language (``kompetensförsörjningsfonden``), are scored by splitting them
  into known parts, with the Swedish linking ``s``/``e`` and stems (``skol-``, ``skolledar-``).
* **Context** -- where a damaged token is itself a word (``pa``/``på``, ``ar``/``är``,
  ``stod``/``stöd``), the per-text damage rate, bigrams from the clean corpus and an English guard
  (``Teach for Sweden`` keeps ``for``) decide.

Every whitespace-separated token maps to exactly one output token, whitespace is copied
unchanged, case and attached punctuation are preserved, and every change is reported with its
offsets and score (:func:`repair_changes`). :func:`damage` applies the same channel to clean text
(seeded) and :func:`evaluate` measures a repair against a reference, token by token.

Example:
    >>> repair_ocr("Vi &r pa vag mot ett b&ttre stod f6r ldrare.")
    'Vi är på väg mot ett bättre stöd för lärare.'
"""

from __future__ import annotations

import csv
import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from plancompare import paths
from plancompare.swedish import lemma
from plancompare.swedish.compounds import (
    STEM_ENDINGS,
    CompoundScoring,
    Segment,
    compound_analyses,
)
from plancompare.swedish.frequencies import DIACRITICS as _DIACRITICS
from plancompare.swedish.frequencies import STAR as _STAR
from plancompare.swedish.frequencies import Vocabulary, vocabulary, zipf

__all__ = [
    "CONFUSIONS_PATH",
    "Change",
    "Confusion",
    "FUNCTION_WORDS_PATH",
    "Lexicon",
    "OcrRepairer",
    "TokenSpan",
    "damage",
    "default_lexicon_texts",
    "default_repairer",
    "evaluate",
    "load_confusions",
    "load_function_words",
    "map_offset",
    "repair_changes",
    "repair_ocr",
    "repair_with_spans",
]

CONFUSIONS_PATH = paths.RESOURCES / "ocr" / "confusions.tsv"
FUNCTION_WORDS_PATH = paths.RESOURCES / "ocr" / "function_words.tsv"

_NEG_INF = float("-inf")

# --- scoring constants (log10 units; zipf = log10 of frequency per 10**9 words) -----------------
_CORPUS_WEIGHT = 0.1  # share of the clean-corpus unigram model in the blended word prior
_COMPOUND_PENALTY = 10.0  # per extra compound part: zipf(a+b) = zipf(a) + zipf(b) - penalty
_STEM_PENALTY = 0.3  # a part used as a stem (skol- from skola) scores a little below the word
_PART_MIN_ZIPF = 2.0  # compound parts rarer than this are not trusted (wordfreq has junk)
_PART_MIN_LEN = 3  # compound parts shorter than this are not trusted
_NONWORD_ZIPF = -8.0  # score of keeping an unknown token as it is
_BEAM = 10  # partial compound analyses kept per position
_MAX_PIECE = 48  # longer letter runs are not analysed
_UNLISTED_MAX = 1.0  # wordfreq lists Swedish words down to zipf 1: anything else is rarer
_SUFFIX_PENALTY = 2.0  # a known word + an inflection ending (sköterskorna+s) not in the lists
_SINGLE_LETTER_ZIPF = 5.0  # cap on the prior of keeping a lone letter (wordfreq counts web noise)
_SHORT_CAPS = 4  # ALL-CAPS tokens up to this length are acronyms unless clearly damaged
_RATE_PRIOR = (1.0, 1.0)  # Beta prior (misread, intact) for the per-text misreading rate
_CONTEXT_WINDOW = 3.0  # analyses within this margin of the best are re-ranked with context
_CONTEXT_WEIGHT = 0.5  # weight of each (left, right) bigram log-ratio
_CONTEXT_MU = 2.0  # Dirichlet smoothing of corpus bigrams
_CONTEXT_CLIP = 1.0  # bound on each side's bigram log-ratio
_GRAMMAR_WEIGHT = 1.5  # bonus/penalty of a function-word rule (see function_words.tsv)
_ENGLISH_MARGIN = 1.0  # a word is English-looking if its English zipf exceeds Swedish by this
_SCORING = CompoundScoring(
    penalty=_COMPOUND_PENALTY,
    part_min_len=_PART_MIN_LEN,
    part_min_zipf=_PART_MIN_ZIPF,
    unlisted_max=_UNLISTED_MAX,
    suffix_penalty=_SUFFIX_PENALTY,
    beam=_BEAM,
)

_WS_SPLIT = re.compile(r"(\s+)")
_PIECE = re.compile(r"(?:[^\W_]|&)+")
_TAG = re.compile(r"</?[A-Za-z][^<>\s]{0,30}>")
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+(?:[-–.,]\d+)*")
_NUM = "#num"  # stands for a number as a neighbour
_SKIP_TOKEN = re.compile(r"@|://|^www\.", re.IGNORECASE)
_CLAUSE_END = frozenset('.!?:;,()[]"”»')


# ------------------------------------------------------------------------------------------------
# Confusion model
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Confusion:
    """One way OCR misreads a letter: ``intended`` (holding one of å/ä/ö) read as ``observed``.

    ``weight`` is normalised per letter: the probability of this reading given that the letter
    was misread.

    Example:
        >>> c = Confusion(observed="1i", intended="lä", weight=0.02)
        >>> c.letter, c.prefix, c.suffix
        ('ä', 'l', '')
    """

    observed: str
    intended: str
    weight: float

    @property
    def letter(self) -> str:
        """The å, ä or ö this reading damages."""
        return next(ch for ch in self.intended if ch in _DIACRITICS)

    @property
    def prefix(self) -> str:
        """Letters of ``intended`` before the damaged letter (misread together with it)."""
        return self.intended[: self.intended.index(self.letter)]

    @property
    def suffix(self) -> str:
        """Letters of ``intended`` after the damaged letter (misread together with it)."""
        return self.intended[self.intended.index(self.letter) + 1 :]


def load_confusions(path: str | Path | None = None) -> tuple[Confusion, ...]:
    """Read the confusion model (TSV: observed, intended, weight[, note]; ``#`` lines are comments).

    Weights are normalised so that the readings of each letter sum to one.

    Example:
        >>> model = load_confusions()
        >>> round(sum(c.weight for c in model if c.letter == "ö"), 6)
        1.0
        >>> any(c.observed == "18" and c.intended == "lå" for c in model)
        True
    """
    path = Path(path) if path is not None else CONFUSIONS_PATH
    rows: list[tuple[str, str, float]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None or [h.strip() for h in header[:3]] != ["observed", "intended", "weight"]:
        raise ValueError(f"{path}: expected a header 'observed<TAB>intended<TAB>weight'")
    for number, row in enumerate(reader, start=2):
        if len(row) < 3:
            raise ValueError(f"{path}: row {number} has fewer than three columns: {row!r}")
        observed, intended, weight = row[0].lower(), row[1].lower(), float(row[2])
        if sum(ch in _DIACRITICS for ch in intended) != 1 or weight <= 0:
            raise ValueError(f"{path}: row {number}: intended must hold one of å/ä/ö, weight > 0")
        rows.append((observed, intended, weight))
    totals: Counter[str] = Counter()
    for _, intended, weight in rows:
        totals[next(ch for ch in intended if ch in _DIACRITICS)] += weight
    return tuple(
        Confusion(o, i, w / totals[next(ch for ch in i if ch in _DIACRITICS)]) for o, i, w in rows
    )


def load_function_words(path: str | Path | None = None) -> dict[str, frozenset[str]]:
    """Read the Swedish function-word classes (TSV: class, space-separated words).

    Example:
        >>> classes = load_function_words()
        >>> "att" in classes["infinitive_marker"], "för" in classes["preposition"]
        (True, True)
    """
    path = Path(path) if path is not None else FUNCTION_WORDS_PATH
    classes: dict[str, frozenset[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#") or line.startswith("class\t"):
                continue
            name, _, words = line.rstrip("\n").partition("\t")
            classes[name.strip()] = frozenset(words.lower().split())
    return classes


def _infinitive_like(word: str) -> bool:
    """A base form that could be an infinitive (vara, stärka, nå) -- not våra, starka."""
    return lemma(word) == word and (word.endswith("a") or (len(word) <= 3 and word[-1] in "åeo"))


def _finite_like(word: str) -> bool:
    """An inflected form in -r of another lemma: a present-tense verb (är, når, går)."""
    return word.endswith("r") and lemma(word) != word


@dataclass(frozen=True)
class _Reading:
    observed: str
    fragment: str  # key fragment replacing `observed`, e.g. "*" or "l*"
    options: tuple[tuple[str, float], ...]  # (letter, log10 weight)


def _readings(confusions: Sequence[Confusion]) -> tuple[dict[str, list[_Reading]], _Reading | None]:
    grouped: dict[tuple[str, str], dict[str, float]] = {}
    for c in confusions:
        fragment = c.prefix + _STAR + c.suffix
        opts = grouped.setdefault((c.observed, fragment), {})
        opts[c.letter] = opts.get(c.letter, 0.0) + c.weight
    by_first: dict[str, list[_Reading]] = {}
    deletion = None
    for (observed, fragment), opts in grouped.items():
        reading = _Reading(observed, fragment, tuple((k, math.log10(v)) for k, v in opts.items()))
        if observed:
            by_first.setdefault(observed[0], []).append(reading)
        elif fragment == _STAR:
            deletion = reading
    return by_first, deletion


# ------------------------------------------------------------------------------------------------
# Lexicon
# ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _english_zipf(word: str) -> float:
    return zipf(word, lang="en")


def _strip_tags(text: str) -> str:
    return _TAG.sub(" ", text)


def _corpus_tokens(text: str) -> list[list[str]]:
    """Clauses of lower-cased words, for unigram and bigram counts."""
    clauses: list[list[str]] = []
    current: list[str] = []
    for token in _strip_tags(text).split():
        words = _WORD.findall(token)
        if not words:
            if current:
                clauses.append(current)
            current = []
            continue
        if token[0] in _CLAUSE_END and current:
            clauses.append(current)
            current = []
        current.extend(w.lower() for w in words)
        if token[-1] in _CLAUSE_END or len(words) > 1:
            clauses.append(current)
            current = []
    if current:
        clauses.append(current)
    return clauses


class Lexicon:
    """Swedish word prior: wordfreq's large Swedish list blended with a corpus vocabulary.

    ``texts`` are clean Swedish texts (the corpus plans); their words enter the prior with weight
    ``corpus_weight`` and their within-clause bigrams feed the context model.

    Example:
        >>> lex = Lexicon(["stöd till lärarna och stöd till barnen"], use_wordfreq=False)
        >>> lex.zipf("stöd") > lex.zipf("lärarna") > lex.zipf("okänt")
        True
    """

    def __init__(
        self,
        texts: Iterable[str] = (),
        *,
        use_wordfreq: bool = True,
        corpus_weight: float = _CORPUS_WEIGHT,
    ) -> None:
        self._base = vocabulary() if use_wordfreq else Vocabulary.from_frequencies({})
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        for text in texts:
            for clause in _corpus_tokens(text):
                unigrams.update(clause)
                bigrams.update(zip(clause, clause[1:], strict=False))
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.left_counts: Counter[str] = Counter()
        for (a, _), n in bigrams.items():
            self.left_counts[a] += n
        total = sum(unigrams.values())
        self._corpus_prob = {w: n / total for w, n in unigrams.items()} if total else {}
        self._corpus_weight = corpus_weight if total and use_wordfreq else (1.0 if total else 0.0)
        extra = {w: p for w, p in self._corpus_prob.items() if w not in self._base}
        self._extra = Vocabulary.from_frequencies(extra)
        self._zipf_cache: dict[str, float] = {}
        # words the corpus writes with a capital even inside sentences (place names ...)
        capitalised: Counter[str] = Counter()
        inside: Counter[str] = Counter()
        for text in texts:
            previous = "."
            for token in _strip_tags(text).split():
                words = _WORD.findall(token)
                if words and previous[-1] not in ".!?:":
                    word = words[0]
                    inside[word.lower()] += 1
                    if word[0].isupper():
                        capitalised[word.lower()] += 1
                previous = token
        self._proper = {w for w, n in capitalised.items() if n >= 2 and n >= 0.9 * inside[w]}

    def is_proper(self, word: str) -> bool:
        """Whether the corpus capitalises ``word`` inside sentences (a name such as Östersund)."""
        return word in self._proper

    def zipf(self, word: str) -> float:
        """Blended zipf frequency of a lower-case word (``-inf`` when unknown)."""
        z = self._zipf_cache.get(word)
        if z is None:
            lam = self._corpus_weight
            p = (1 - lam) * self._base.prob(word) + lam * self._corpus_prob.get(word, 0.0)
            z = math.log10(p) + 9 if p > 0 else _NEG_INF
            self._zipf_cache[word] = z
        return z

    def has_prefix(self, key: str) -> bool:
        return self._base.has_prefix(key) or self._extra.has_prefix(key)

    def words(self, key: str) -> tuple[str, ...]:
        """Known words whose key (å/ä/ö replaced by ``*``) is ``key``."""
        base = self._base.words(key)
        extra = self._extra.words(key)
        return base + extra if extra else base

    def context(self, left: str | None, word: str, right: str | None) -> float:
        """Log10 bigram evidence for ``word`` between ``left`` and ``right`` (0 when none).

        Each side is log10 P(word | left) / P(word) from the corpus bigrams (Dirichlet-smoothed
        towards the prior), clipped to +-``_CONTEXT_CLIP`` so that a small corpus cannot outvote
        the word prior on its own.
        """
        score = 0.0
        if left is not None and self.left_counts.get(left):
            score += self._ratio(left, word)
        if right is not None and self.left_counts.get(word):
            score += self._ratio(word, right)
        return _CONTEXT_WEIGHT * score

    def _ratio(self, first: str, second: str) -> float:
        z = self.zipf(second)
        p = 10 ** (z - 9) if z > _NEG_INF else 1e-9
        n = self.bigrams.get((first, second), 0)
        ratio = math.log10((n + _CONTEXT_MU * p) / ((self.left_counts[first] + _CONTEXT_MU) * p))
        return max(-_CONTEXT_CLIP, min(_CONTEXT_CLIP, ratio))


# ------------------------------------------------------------------------------------------------
# Public records
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One repaired token.

    ``start``/``end`` are offsets of the whole whitespace-separated token in the input,
    ``new_start``/``new_end`` in the output; ``score`` is how much more likely (log10) the
    replacement is than the token as it stands, given the text's estimated misreading rate.

    Example:
        >>> c = Change(3, 4, 10, "f6r", "för", 0.9, 10, 13, "non-word")
        >>> c.as_dict()["replacement"]
        'för'
    """

    index: int
    start: int
    end: int
    original: str
    replacement: str
    score: float
    new_start: int
    new_end: int
    kind: str  # "non-word" (the original is not a known word) or "real-word"

    def as_dict(self) -> dict[str, object]:
        """Plain dict (one DataFrame row)."""
        return asdict(self)


@dataclass(frozen=True)
class TokenSpan:
    """Where token ``index`` is in the input (``orig_*``) and in the repaired output (``new_*``).

    Example:
        >>> TokenSpan(0, 0, 2, 0, 2).orig_end
        2
    """

    index: int
    orig_start: int
    orig_end: int
    new_start: int
    new_end: int


def map_offset(spans: Sequence[TokenSpan], offset: int) -> int:
    """Map an offset in the input to the corresponding offset in the repaired output.

    Offsets inside a token whose length changed are clamped to that token's new end.

    Example:
        >>> _, spans = repair_with_spans("ett &r sedan")
        >>> map_offset(spans, 7)  # the "s" of "sedan"
        7
    """
    shift = 0
    for span in spans:
        if offset < span.orig_start:
            break
        if offset < span.orig_end:
            return min(span.new_start + (offset - span.orig_start), span.new_end)
        shift = span.new_end - span.orig_end
    return offset + shift


# ------------------------------------------------------------------------------------------------
# The repairer
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hyp:
    text: str  # lower-case
    base: float  # prior + log10 reading weights (rate-independent)
    n_dam: int  # letters assumed misread
    parts: tuple[str, ...] = ()  # listed words of the analysis, e.g. ("skolledare", "möten")


@dataclass
class _Piece:
    start: int  # within the token
    end: int
    observed: str
    case: str  # "lower", "upper", "title", "lead" (starts with a digit/&)
    hyps: tuple[_Hyp, ...]  # readings other than the piece itself, best first at rate 1/2
    identity: _Hyp  # keeping the piece (base = _NONWORD_ZIPF when unknown)
    english: bool  # the piece is an English-looking word
    options: tuple[_Hyp, ...] = ()  # (identity, *hyps): a choice is an index into this

    def __post_init__(self) -> None:
        self.options = (self.identity, *self.hyps)


@dataclass
class _TokenInfo:
    pieces: tuple[_Piece, ...] = ()
    evidence: int = 0  # letters clearly misread (non-word pieces), for the rate estimate
    # log-rate bucket -> (choice per piece, pieces whose choice depends on context)
    decisions: dict[float, tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=dict)


_EMPTY = _TokenInfo()


def _case_of(piece: str) -> str | None:
    letters = [ch for ch in piece if ch.isalpha()]
    if not letters:
        return None
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "upper"
    if not piece[0].isalpha():
        return "lead" if all(ch.islower() for ch in letters) else None
    rest = letters[1:]
    if all(ch.islower() for ch in rest):
        return "title" if letters[0].isupper() else "lower"
    return None


def _apply_case(word: str, case: str, capitalise: bool = False) -> str:
    if case == "upper":
        return word.upper()
    if case == "title" or (case == "lead" and capitalise):
        return word[:1].upper() + word[1:]
    return word


class OcrRepairer:
    """Noisy-channel repair of å/ä/ö OCR damage in Swedish text.

    Args:
        lexicon_texts: clean Swedish texts whose vocabulary and bigrams join wordfreq's Swedish
            list (default: the clean plans named in the manifest, see
            :func:`default_lexicon_texts`). Pass ``[]`` for wordfreq alone.
        confusions: the confusion model (default: :func:`load_confusions`).
        use_wordfreq: include wordfreq's large Swedish list (switch off only for tests).

    Example:
        >>> r = OcrRepairer(lexicon_texts=["Förskolan har fått stöd."])
        >>> r.repair("F6rskolan har fatt stod.")
        'Förskolan har fått stöd.'
        >>> [(c.original, c.replacement) for c in r.changes("F6rskolan har fatt stod.")]
        [('F6rskolan', 'Förskolan'), ('fatt', 'fått'), ('stod.', 'stöd.')]
    """

    def __init__(
        self,
        lexicon_texts: Iterable[str] | None = None,
        *,
        confusions: Sequence[Confusion] | None = None,
        use_wordfreq: bool = True,
    ) -> None:
        texts = default_lexicon_texts() if lexicon_texts is None else list(lexicon_texts)
        self.confusions = tuple(confusions) if confusions is not None else load_confusions()
        self.lexicon = Lexicon(texts, use_wordfreq=use_wordfreq)
        self._readings, self._deletion = _readings(self.confusions)
        self._confusable = frozenset(self._readings) | frozenset(_DIACRITICS)
        self._token_cache: dict[str, _TokenInfo] = {}
        self._context_cache: dict[tuple, int] = {}
        self._piece_cache: dict[str, tuple[tuple[_Hyp, ...], _Hyp]] = {}
        self._intact = {ch: ((ch, 0.0),) for ch in _DIACRITICS}
        self._left_classes: dict[str, tuple[str, ...]] = {}
        for name, words in load_function_words().items():
            for word in words:
                self._left_classes[word] = (*self._left_classes.get(word, ()), name)

    # -- public API ------------------------------------------------------------------------------

    def repair(self, text: str) -> str:
        """Return ``text`` with damaged tokens restored (see :func:`repair_ocr`)."""
        parts, _ = self._run(text)
        return "".join(parts)

    def changes(self, text: str) -> list[Change]:
        """The changes :meth:`repair` makes, in order (see :func:`repair_changes`)."""
        return self._run(text, want_changes=True)[1]

    def repair_with_spans(self, text: str) -> tuple[str, list[TokenSpan]]:
        """Repaired text plus the input/output span of every token (see :func:`map_offset`)."""
        parts, _ = self._run(text)
        spans: list[TokenSpan] = []
        orig = new = 0
        for i, (src, dst) in enumerate(zip(_WS_SPLIT.split(text), parts, strict=True)):
            if i % 2 == 0 and src:
                spans.append(TokenSpan(len(spans), orig, orig + len(src), new, new + len(dst)))
            orig += len(src)
            new += len(dst)
        return "".join(parts), spans

    def misreading_rate(self, text: str) -> float:
        """Estimated share of å/ä/ö misread in ``text`` (intact letters versus clear damage).

        Example:
            >>> r = default_repairer()
            >>> r.misreading_rate("Det är på väg.") < 0.3 < r.misreading_rate("F6rskolan ldrare")
            True
        """
        chunks = _WS_SPLIT.split(text)
        infos = [self._token(chunks[i]) for i in range(0, len(chunks), 2)]
        return self._rate(text, infos)

    # -- driver ----------------------------------------------------------------------------------

    def _run(self, text: str, want_changes: bool = False) -> tuple[list[str], list[Change]]:
        chunks = _WS_SPLIT.split(text)
        tokens = chunks[0::2]
        cache_get = self._token_cache.get
        infos = [cache_get(t) or self._token(t) for t in tokens]
        rate = self._rate(text, infos)
        lr = round(math.log10(rate), 2)  # bucketed so that decisions can be cached per token
        choices: list[tuple[int, ...] | None] = [None] * len(tokens)
        ambiguous: list[int] = []
        for ti, info in enumerate(infos):
            if not info.pieces:
                continue
            decided = info.decisions.get(lr)
            if decided is None:
                decided = info.decisions[lr] = self._decide_token(info, lr)
            choices[ti] = decided[0]
            if decided[1]:
                ambiguous.append(ti)
        # Pieces whose choice is close are re-ranked with their neighbours (first choices).
        revised: dict[int, tuple[int, ...]] = {}
        for ti in ambiguous:
            info = infos[ti]
            choice = list(choices[ti])  # type: ignore[arg-type]
            for pi in info.decisions[lr][1]:
                left, left_en = self._neighbour(infos, tokens, choices, ti, pi, -1)
                right, right_en = self._neighbour(infos, tokens, choices, ti, pi, +1)
                if info.pieces[pi].english and not (left_en or right_en):
                    left_en = self._english_run(tokens, ti)
                key = (tokens[ti], pi, left, left_en, right, right_en, lr)
                pick = self._context_cache.get(key)
                if pick is None:
                    pick = self._decide_in_context(
                        info.pieces[pi], left, left_en, right, right_en, lr
                    )
                    if len(self._context_cache) < 500_000:
                        self._context_cache[key] = pick
                choice[pi] = pick
            revised[ti] = tuple(choice)
        for ti, choice in revised.items():
            choices[ti] = choice

        out = list(chunks)
        changes: list[Change] = []
        for ti, choice in enumerate(choices):
            if choice is None or not any(choice):
                continue
            info = infos[ti]
            token = tokens[ti]
            pieces_out: list[str] = []
            last = 0
            for pi, piece in enumerate(info.pieces):
                pieces_out.append(token[last : piece.start])
                if choice[pi]:
                    hyp = piece.options[choice[pi]]
                    capitalise = piece.case == "lead" and (
                        self._sentence_start(chunks, ti, pi) or self.lexicon.is_proper(hyp.text)
                    )
                    pieces_out.append(_apply_case(hyp.text, piece.case, capitalise))
                else:
                    pieces_out.append(piece.observed)
                last = piece.end
            pieces_out.append(token[last:])
            out[2 * ti] = "".join(pieces_out)
        if want_changes:
            changes = self._changes(chunks, out, infos, choices, lr)
        return out, changes

    def _changes(
        self,
        chunks: list[str],
        out: list[str],
        infos: list[_TokenInfo],
        choices: list[tuple[int, ...] | None],
        lr: float,
    ) -> list[Change]:
        changes: list[Change] = []
        orig = new = 0
        for i, (src, dst) in enumerate(zip(chunks, out, strict=True)):
            if i % 2 == 0 and src != dst:
                ti = i // 2
                info = infos[ti]
                margin = math.inf
                kind = "non-word"
                for pi, piece in enumerate(info.pieces):
                    c = choices[ti][pi]  # type: ignore[index]
                    if c:
                        hyp = piece.options[c]
                        margin = min(margin, self._score(hyp, lr) - self._score(piece.identity, lr))
                        if piece.identity.base > _NONWORD_ZIPF:
                            kind = "real-word"
                changes.append(
                    Change(
                        index=ti,
                        start=orig,
                        end=orig + len(src),
                        original=src,
                        replacement=dst,
                        score=round(margin, 3),
                        new_start=new,
                        new_end=new + len(dst),
                        kind=kind,
                    )
                )
            orig += len(src)
            new += len(dst)
        return changes

    @staticmethod
    def _sentence_start(chunks: list[str], ti: int, pi: int) -> bool:
        """Whether token ``ti`` starts a sentence or paragraph (a capital is expected)."""
        if pi > 0:
            return False
        j = 2 * ti - 2
        while j >= 0 and not chunks[j]:
            j -= 2
        if j < 0:
            return True
        between = "".join(chunks[j + 1 : 2 * ti])
        return chunks[j][-1] in ".!?:" or between.count("\n") >= 2

    def _rate(self, text: str, infos: list[_TokenInfo]) -> float:
        """Misreading rate: letters clearly misread versus letters intact (Beta prior)."""
        intact = sum(text.count(ch) for ch in "åäöÅÄÖ")
        misread = sum(info.evidence for info in infos)
        a, b = _RATE_PRIOR
        rate = (misread + a) / (misread + intact + a + b)
        return min(max(rate, 1e-4), 0.999)

    @staticmethod
    def _score(hyp: _Hyp, log_rate: float) -> float:
        return hyp.base + hyp.n_dam * log_rate

    def _decide_token(self, info: _TokenInfo, lr: float) -> tuple[tuple[int, ...], tuple[int, ...]]:
        choice: list[int] = []
        close: list[int] = []
        for pi, piece in enumerate(info.pieces):
            scores = [h.base + h.n_dam * lr for h in piece.options]
            best = max(range(len(scores)), key=scores.__getitem__)
            choice.append(best)
            if piece.identity.base > _NONWORD_ZIPF or best:
                top = scores[best]
                contenders = sum(
                    1
                    for h, sc in zip(piece.options, scores, strict=True)
                    if h.base > _NONWORD_ZIPF and top - sc < _CONTEXT_WINDOW
                )
                if contenders >= 2 or piece.english:
                    close.append(pi)
        return tuple(choice), tuple(close)

    def _neighbour(
        self,
        infos: list[_TokenInfo],
        tokens: list[str],
        choices: list[tuple[int, ...] | None],
        ti: int,
        pi: int,
        step: int,
    ) -> tuple[str | None, bool]:
        """The chosen lower-case word next to piece (ti, pi), and whether it looks English.

        ``None`` across punctuation, inside a token, or at the start/end of the text.
        """
        info = infos[ti]
        token = tokens[ti]
        if step < 0:
            if pi > 0 or token[0] in _CLAUSE_END:
                return None, False
            j = ti - 1
            if j < 0 or not tokens[j] or tokens[j][-1] in _CLAUSE_END:
                return None, False
        else:
            if pi < len(info.pieces) - 1 or token[-1] in _CLAUSE_END:
                return None, False
            j = ti + 1
            if j >= len(tokens) or not tokens[j] or tokens[j][0] in _CLAUSE_END:
                return None, False
        other = infos[j]
        if not other.pieces:
            if _NUMBER.fullmatch(tokens[j]):
                return _NUM, False
            words = _WORD.findall(tokens[j])
            if not words:
                return None, False
            word = (words[-1] if step < 0 else words[0]).lower()
            return word, self._looks_english(word)
        pj = len(other.pieces) - 1 if step < 0 else 0
        piece = other.pieces[pj]
        chosen = choices[j]
        c = chosen[pj] if chosen is not None else 0
        if c:
            return piece.options[c].text, False
        return piece.identity.text, self._looks_english(piece.identity.text)

    def _english_run(self, tokens: list[str], ti: int) -> bool:
        """Whether the words around token ``ti`` (three each side) are mostly English."""
        english = swedish = 0
        for j in (*range(max(0, ti - 3), ti), *range(ti + 1, min(len(tokens), ti + 4))):
            words = _WORD.findall(tokens[j])
            if not words:
                continue
            word = words[0].lower()
            if self._looks_english(word):
                english += 1
            elif self.lexicon.zipf(word) >= 3.0 or self._token(tokens[j]).pieces:
                swedish += 1
        return english >= 2 and english > swedish

    def _looks_english(self, word: str) -> bool:
        if len(word) < 2 or not word.isalpha():
            return False
        en = _english_zipf(word)
        return en >= 3.0 and en >= self.lexicon.zipf(word) + _ENGLISH_MARGIN

    def _decide_in_context(
        self,
        piece: _Piece,
        left: str | None,
        left_en: bool,
        right: str | None,
        right_en: bool,
        lr: float,
    ) -> int:
        if piece.english and (left_en or right_en):
            return 0
        best, best_score = 0, _NEG_INF
        for i, hyp in enumerate(piece.options):
            score = hyp.base + hyp.n_dam * lr
            if hyp.base > _NONWORD_ZIPF:
                score += self.lexicon.context(left, hyp.text, right)
                score += self._grammar(left, hyp.text)
            if score > best_score:
                best, best_score = i, score
        return best

    def _grammar(self, left: str | None, word: str) -> float:
        """Function-word rules on the left neighbour (classes in ``function_words.tsv``).

        After an infinitive marker (att, ska, kan ...) an infinitive is expected and a finite
        verb is not; after a preposition, determiner or numeral a noun phrase is expected, so
        neither an infinitive nor a finite verb.
        """
        if left is None:
            return 0.0
        classes = self._left_classes.get(left, ())
        if left == _NUM:
            classes = ("numeral",)
        if not classes:
            return 0.0
        score = 0.0
        if "infinitive_marker" in classes:
            if _infinitive_like(word):
                score += _GRAMMAR_WEIGHT
            elif _finite_like(word):
                score -= _GRAMMAR_WEIGHT
        elif _infinitive_like(word) or _finite_like(word):
            score -= _GRAMMAR_WEIGHT
        return score

    # -- analysis of one token -------------------------------------------------------------------

    def _token(self, token: str) -> _TokenInfo:
        info = self._token_cache.get(token)
        if info is None:
            info = self._analyse_token(token)
            if len(self._token_cache) < 500_000:
                self._token_cache[token] = info
        return info

    def _analyse_token(self, token: str) -> _TokenInfo:
        if not token or _SKIP_TOKEN.search(token):
            return _EMPTY
        tags = [m.span() for m in _TAG.finditer(token)] if "<" in token else []
        pieces: list[_Piece] = []
        for m in _PIECE.finditer(token):
            start, end = m.span()
            if any(s < end and start < e for s, e in tags):
                continue
            observed = m.group()
            case = _case_of(observed)
            if case is None or len(observed) > _MAX_PIECE:
                continue
            low = observed.lower()
            hyps, identity = self._analyse_piece(low)
            if len(low) == 1:
                if token[end : end + 1] in ("-", "."):
                    continue  # K-samverkan, t.ex.: an abbreviation
                # a lone letter is a label or an abbreviation, or a two-letter word that lost its
                # å/ä/ö (``s att``); wordfreq's counts of single letters are mostly web noise
                hyps = tuple(h for h in hyps if len(h.text) > 1)
                if identity.base > _SINGLE_LETTER_ZIPF:
                    identity = _Hyp(identity.text, _SINGLE_LETTER_ZIPF, 0, identity.parts)
            elif case == "upper" and len(low) <= _SHORT_CAPS and identity.base > _NONWORD_ZIPF:
                continue  # a known short word in capitals: an acronym (SAN, ODA), left alone
            if not hyps:
                continue
            english = identity.base > _NONWORD_ZIPF and self._looks_english(low)
            pieces.append(_Piece(start, end, observed, case, hyps, identity, english))
        if not pieces:
            return _EMPTY
        half = math.log10(0.5)
        evidence = 0
        for piece in pieces:
            if piece.identity.base <= _NONWORD_ZIPF and piece.hyps:
                best = piece.hyps[0]
                if self._score(best, half) > self._score(piece.identity, half):
                    evidence += best.n_dam
        return _TokenInfo(tuple(pieces), evidence)

    def _analyse_piece(self, s: str) -> tuple[tuple[_Hyp, ...], _Hyp]:
        cached = self._piece_cache.get(s)
        if cached is not None:
            return cached
        finals = self._compounds(s)
        identity = _Hyp(s, _NONWORD_ZIPF, 0)
        hyps: list[_Hyp] = []
        for hyp in finals:
            if hyp.text == s:
                if hyp.n_dam == 0 and hyp.base > identity.base:
                    identity = hyp
            else:
                hyps.append(hyp)
        half = math.log10(0.5)
        hyps.sort(key=lambda h: -self._score(h, half))
        result = (tuple(hyps[:8]), identity)
        self._piece_cache[s] = result
        return result

    def _compounds(self, s: str) -> list[_Hyp]:
        """All readings of ``s`` as one known word or a compound of known parts.

        The search is :func:`plancompare.swedish.compounds.compound_analyses`, fed with the
        segments that some reading of ``s`` spells (:meth:`_segments`). A listed word scores its
        zipf value. A compound scores the sum of its parts' zipf values minus
        ``_COMPOUND_PENALTY`` per extra part (a scaled product of part probabilities); a listed
        word plus an inflection ending scores its zipf minus ``_SUFFIX_PENALTY``. Both are
        capped at ``_UNLISTED_MAX``: a form missing from wordfreq's list is rarer than its
        cut-off. The log10 weights of the readings assumed are added to the score.
        """
        n = len(s)
        return [
            _Hyp(a.text, a.score, a.marks, a.parts)
            for a in compound_analyses(s, lambda i: self._segments(s, i, n), _SCORING)
        ]

    def _segments(self, s: str, i: int, n: int) -> list[Segment]:
        """Known words (or stems) that some reading of ``s[i:j]`` spells, for every ``j``."""
        lex = self.lexicon
        words = lex.words
        readings = self._readings
        deletion = self._deletion
        out: list[Segment] = []
        stack: list[tuple[int, str, tuple, bool]] = [(i, "", (), False)]
        while stack:
            pos, key, stars, used_del = stack.pop()
            if key:
                found = words(key)
                if found:
                    self._emit(out, pos, key, found, stars, lex, stem=False)
                if pos < n:
                    for suffix in STEM_ENDINGS:
                        found = words(key + suffix)
                        if found:
                            self._emit(out, pos, key + suffix, found, stars, lex, stem=True)
            if pos < n:
                ch = s[pos]
                if ch in _DIACRITICS:
                    nk = key + _STAR
                    if lex.has_prefix(nk):
                        stack.append((pos + 1, nk, (*stars, (self._intact[ch], False)), used_del))
                else:
                    nk = key + ch
                    if lex.has_prefix(nk):
                        stack.append((pos + 1, nk, stars, used_del))
                for reading in readings.get(ch, ()):
                    if s.startswith(reading.observed, pos):
                        nk = key + reading.fragment
                        if lex.has_prefix(nk):
                            stack.append(
                                (
                                    pos + len(reading.observed),
                                    nk,
                                    (*stars, (reading.options, True)),
                                    used_del,
                                )
                            )
            if deletion is not None and not used_del:
                nk = key + _STAR
                if lex.has_prefix(nk):
                    stack.append((pos, nk, (*stars, (deletion.options, True)), True))
        return out

    @staticmethod
    def _emit(
        out: list, pos: int, key: str, words: tuple, stars: tuple, lex: Lexicon, stem: bool
    ) -> None:
        star_pos = [k for k, ch in enumerate(key) if ch == _STAR]
        for word in words:
            logw = 0.0
            n_dam = 0
            ok = True
            for (options, damaged), k in zip(stars, star_pos, strict=True):
                letter = word[k]
                for opt_letter, opt_logw in options:
                    if opt_letter == letter:
                        if damaged:
                            logw += opt_logw
                            n_dam += 1
                        break
                else:
                    ok = False
                    break
            if not ok:
                continue
            z = lex.zipf(word)
            if stem:
                out.append(Segment(pos, word[:-1], z - _STEM_PENALTY, logw, n_dam, True, word))
            else:
                out.append(Segment(pos, word, z, logw, n_dam, False, word))


# ------------------------------------------------------------------------------------------------
# Defaults and module-level functions
# ------------------------------------------------------------------------------------------------


def default_lexicon_texts(data: str | Path | None = None) -> list[str]:
    """Texts of the clean plans: files named in the manifest whose ``ocr`` column is false.

    Example:
        >>> texts = default_lexicon_texts()
        >>> len(texts) >= 1 and "kompetensförsörjning" in " ".join(texts).lower()
        True
    """
    manifest = paths.manifest_path(data)
    raw = paths.raw_dir(data)
    texts: list[str] = []
    if not manifest.exists():
        return texts
    with manifest.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if (row.get("ocr") or "").strip().lower() in {"false", "0", "no", "nej"}:
                path = raw / (row.get("file") or "")
                if row.get("file") and path.is_file():
                    texts.append(path.read_text(encoding="utf-8"))
    return texts


@lru_cache(maxsize=1)
def default_repairer() -> OcrRepairer:
    """The shared repairer (built once: wordfreq's Swedish list + the clean plans).

    Example:
        >>> default_repairer() is default_repairer()
        True
    """
    return OcrRepairer()


def repair_ocr(text: str) -> str:
    """Restore å/ä/ö misread by OCR; every other character and all whitespace are kept.

    Tokens (whitespace-separated) map one to one, so ``len(text.split())`` is unchanged.

    Example:
        >>> repair_ocr("kompetensforsoérjningsfonden f6r ldrare, &r 1irande och 18ng")
        'kompetensförsörjningsfonden för lärare, är lärande och lång'
        >>> repair_ocr("Teach for Sweden")
        'Teach for Sweden'
    """
    return default_repairer().repair(text)


def repair_changes(text: str) -> list[Change]:
    """Every change :func:`repair_ocr` makes to ``text``, with offsets and score.

    ``pandas.DataFrame([c.as_dict() for c in repair_changes(text)])`` gives a table.

    Example:
        >>> [(c.original, c.replacement, c.start) for c in repair_changes("Det &r bra.")]
        [('&r', 'är', 4)]
    """
    return default_repairer().changes(text)


def repair_with_spans(text: str) -> tuple[str, list[TokenSpan]]:
    """Repaired text and, per token, its span in the input and in the output.

    Example:
        >>> text, spans = repair_with_spans("pa 18ng sikt")
        >>> text, [(s.orig_start, s.orig_end, s.new_start, s.new_end) for s in spans]
        ('på lång sikt', [(0, 2, 0, 2), (3, 7, 3, 7), (8, 12, 8, 12)])
    """
    return default_repairer().repair_with_spans(text)


# ------------------------------------------------------------------------------------------------
# Synthetic damage and evaluation
# ------------------------------------------------------------------------------------------------


def damage(
    text: str,
    rate: float = 1.0,
    seed: int = 0,
    confusions: Sequence[Confusion] | None = None,
) -> str:
    """Misread each å/ä/ö with probability ``rate``, drawing readings from the confusion model.

    Seeded and deterministic. Upper-case letters get upper-case readings where the reading has
    letters (``Ö`` → ``O``). Multi-letter readings such as ``1i`` for ``lä`` are used only where
    the neighbouring letters match.

    Example:
        >>> damage("Så här gör vi.", rate=1.0, seed=1) != "Så här gör vi."
        True
        >>> damage("Så här gör vi.", rate=0.0, seed=1)
        'Så här gör vi.'
    """
    model = tuple(confusions) if confusions is not None else load_confusions()
    by_letter: dict[str, list[Confusion]] = {}
    for c in model:
        by_letter.setdefault(c.letter, []).append(c)
    rng = random.Random(seed)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        low = ch.lower()
        if low not in by_letter or rng.random() >= rate:
            out.append(ch)
            i += 1
            continue
        # readings whose fixed neighbours (the "l" of "1i" = "lä") match the untouched text
        options = [
            c
            for c in by_letter[low]
            if "".join(out[len(out) - len(c.prefix) :]).lower() == c.prefix
            and text[i + 1 : i + 1 + len(c.suffix)].lower() == c.suffix
        ]
        pick = rng.random() * sum(c.weight for c in options)
        chosen = options[-1]
        for c in options:
            pick -= c.weight
            if pick <= 0:
                chosen = c
                break
        first = out[len(out) - len(chosen.prefix)] if chosen.prefix else ch
        reading = chosen.observed
        if first.isupper():
            # all capitals if a neighbouring letter is a capital too, else only the first
            caps = text[i + 1 : i + 2].isupper() or (
                len(out) > len(chosen.prefix) and out[-1 - len(chosen.prefix)].isupper()
            )
            reading = reading.upper() if caps else reading[:1].upper() + reading[1:]
        if chosen.prefix:
            del out[len(out) - len(chosen.prefix) :]
        out.append(reading)
        i += 1 + len(chosen.suffix)
    return "".join(out)


def evaluate(damaged: str, reference: str, repaired: str) -> dict[str, object]:
    """Token-level scores of ``repaired`` against ``reference`` (all three aligned by tokens).

    A token is *damaged* where ``damaged`` differs from ``reference`` and *clean* elsewhere.
    ``recall`` is the share of damaged tokens restored exactly; ``false_change_rate`` the share of
    clean tokens the repair changed. ``errors`` lists ``(index, damaged, reference, repaired)``.

    Example:
        >>> m = evaluate("f6r ldrare och", "för lärare och", "för ldrare och")
        >>> m["damaged"], m["restored"], m["recall"], m["false_changes"]
        (2, 1, 0.5, 0)
    """
    d, r, p = damaged.split(), reference.split(), repaired.split()
    if not len(d) == len(r) == len(p):
        raise ValueError(
            f"token counts differ: damaged {len(d)}, reference {len(r)}, repaired {len(p)}"
        )
    damaged_idx = [i for i in range(len(d)) if d[i] != r[i]]
    clean_idx = [i for i in range(len(d)) if d[i] == r[i]]
    restored = sum(p[i] == r[i] for i in damaged_idx)
    false_changes = sum(p[i] != r[i] for i in clean_idx)
    errors = [(i, d[i], r[i], p[i]) for i in range(len(d)) if p[i] != r[i]]
    return {
        "tokens": len(d),
        "damaged": len(damaged_idx),
        "restored": restored,
        "recall": restored / len(damaged_idx) if damaged_idx else 1.0,
        "clean": len(clean_idx),
        "false_changes": false_changes,
        "false_change_rate": false_changes / len(clean_idx) if clean_idx else 0.0,
        "untouched": sum(p[i] == d[i] for i in damaged_idx),
        "miscorrected": sum(p[i] != d[i] and p[i] != r[i] for i in damaged_idx),
        "errors": errors,
    }


def apply_changes(text: str, changes: Sequence[Change]) -> str:
    """Apply changes found in a whole document to a piece of it (e.g. one unit's clean text).

    Repairing a whole document at once lets the repairer estimate the document's damage
    rate; this carries those decisions over to a unit's text. Each change's original token
    is replaced where it stands as a whole whitespace-separated token, in order, each
    search starting after the previous replacement; a token the text no longer holds
    (markup removed, a number split off) is left as it is.

    Example:
        >>> doc = "Plan for uppfoljning\\n\\nDet &r bra f6r alla."
        >>> apply_changes("Det &r bra f6r alla.", repair_changes(doc)[-2:])
        'Det är bra för alla.'
    """
    cursor = 0
    for change in changes:
        pattern = re.compile(r"(?<!\S)" + re.escape(change.original) + r"(?!\S)")
        found = pattern.search(text, cursor)
        if found is None:
            continue
        text = text[: found.start()] + change.replacement + text[found.end() :]
        cursor = found.start() + len(change.replacement)
    return text
