"""The lexicon: Swedish word frequencies blended with the vocabulary of a corpus of clean texts.

Word frequencies come from :mod:`plancompare.swedish` (wordfreq's large Swedish list); the
corpus -- the clean plans of the data directory being loaded -- adds its own words (names,
local terms), within-clause bigrams for context, and the words it capitalises inside sentences
(names: ``Östersund``).

Example:
    >>> lex = Lexicon.from_texts(["stöd till lärarna och stöd till barnen"], use_wordfreq=False)
    >>> lex.zipf("stöd") > lex.zipf("lärarna") > lex.zipf("okänt")
    True
    >>> lex.words("st*d"), lex.has_prefix("l*r"), lex.has_prefix("x")
    (('stöd',), True, False)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from plancompare.swedish import Token, tokenize
from plancompare.swedish.frequencies import Vocabulary, vocabulary

__all__ = ["NUM", "YEAR", "Lexicon", "clauses", "strip_tags"]

NUM = "#num"  # stands for a number as a neighbour
YEAR = "#year"  # a year (1800-2099, or a span of years) as a neighbour: a number, for bigrams
_NEG_INF = float("-inf")
_TAG = re.compile(r"</?[A-Za-z][^<>\s]{0,30}>")
_CLAUSE_BREAK = re.compile(r"[.!?:;,()\[\]\"”»•]|\n\s*\n")
_SENTENCE_BREAK = re.compile(r"[.!?:]|\n\s*\n")
_PARTS = re.compile(r"[-:'’]")
_EMPTY = Vocabulary([], [], [])


def strip_tags(text: str) -> str:
    """``text`` with HTML-like tags (``<p>``) blanked out, offsets kept.

    Example:
        >>> strip_tags("<p>Klar</p>")
        '   Klar    '
    """
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def clauses(text: str) -> list[list[str]]:
    """Clauses of lower-cased words (split at punctuation and blank lines), for n-gram counts.

    Example:
        >>> clauses("Vi ska stärka lärarna, och HR-stödet. Klart")
        [['vi', 'ska', 'stärka', 'lärarna'], ['och', 'hr', 'stödet'], ['klart']]
    """
    text = strip_tags(text)
    return _clauses(text, tokenize(text))


def _clauses(text: str, tokens: list[Token]) -> list[list[str]]:
    """:func:`clauses` of a text without tags, from its tokens."""
    out: list[list[str]] = []
    current: list[str] = []
    last = 0
    for token in tokens:
        if current and _CLAUSE_BREAK.search(text, last, token.start):
            out.append(current)
            current = []
        current.extend(p.lower() for p in _PARTS.split(token.text) if p and p.isalpha())
        last = token.end
    if current:
        out.append(current)
    return out


def _count_capitals(
    text: str, tokens: list[Token], capitalised: Counter[str], inside: Counter[str]
) -> None:
    """Add one text's words inside sentences to ``inside``, and those written with a capital
    to ``capitalised`` (see :meth:`Lexicon.from_texts`); ``text`` is without tags."""
    last = 0
    for i, token in enumerate(tokens):
        starts = i == 0 or _SENTENCE_BREAK.search(text, last, token.start)
        last = token.end
        if starts or not token.text[0].isalpha():
            continue
        word = _PARTS.split(token.text)[0]
        inside[word.lower()] += 1
        if word[0].isupper():
            capitalised[word.lower()] += 1


class Lexicon:
    """A word prior (wordfreq's Swedish list blended with corpus words) and corpus bigrams.

    Build one with :meth:`from_texts`; :class:`~plancompare.ocr.OcrRepairer` does so in ``fit``.

    Args:
        base: the general word list (:func:`plancompare.swedish.frequencies.vocabulary`).
        unigrams, bigrams: corpus counts (lower-case words, within clauses).
        proper: words the corpus capitalises inside sentences.
        corpus_weight: share of the corpus unigram model in the blended prior.
        context_mu, context_clip, context_weight: bigram smoothing, bound and weight.
    """

    def __init__(
        self,
        base: Vocabulary,
        unigrams: Counter[str],
        bigrams: Counter[tuple[str, str]],
        proper: frozenset[str] = frozenset(),
        *,
        corpus_weight: float = 0.1,
        context_mu: float = 2.0,
        context_clip: float = 1.0,
        context_weight: float = 0.5,
    ) -> None:
        self.base = base
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.proper = proper
        self.context_mu = context_mu
        self.context_clip = context_clip
        self.context_weight = context_weight
        self.left_counts: Counter[str] = Counter()
        for (a, _), n in bigrams.items():
            self.left_counts[a] += n
        total = sum(unigrams.values())
        self._corpus_prob = {w: n / total for w, n in unigrams.items()} if total else {}
        has_base = len(base) > 0
        self._corpus_weight = corpus_weight if total and has_base else (1.0 if total else 0.0)
        extra = {w: p for w, p in self._corpus_prob.items() if w not in base}
        self.extra = Vocabulary.from_frequencies(extra) if extra else _EMPTY
        self._has_extra = len(self.extra) > 0
        self._zipf: dict[str, float] = {}
        #: what :meth:`match` remembers: ``key -> (words, has_prefix)``
        self.match_memo: dict[str, tuple[tuple[str, ...], bool]] = {}

    @classmethod
    def from_texts(
        cls, texts: Iterable[str], *, use_wordfreq: bool = True, **params: float
    ) -> Lexicon:
        """Count the clean ``texts`` and blend them with wordfreq's Swedish list.

        Example:
            >>> lex = Lexicon.from_texts(["Vi bor i Östersund. Östersund växer, Östersund."])
            >>> lex.is_proper("östersund"), lex.bigrams[("bor", "i")]
            (True, 1)
        """
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        capitalised: Counter[str] = Counter()  # proper names: written with a capital inside
        inside: Counter[str] = Counter()  # sentences at least twice, 90 % of the time
        same: dict[str, str] = {}  # one string per word, shared by the unigram and bigram keys
        for text in texts:  # one text at a time: a national corpus's tokens are never all held
            text = strip_tags(text)
            tokens = tokenize(text)
            for clause in _clauses(text, tokens):
                clause = [same.setdefault(word, word) for word in clause]
                unigrams.update(clause)
                bigrams.update(zip(clause, clause[1:], strict=False))
            _count_capitals(text, tokens, capitalised, inside)
        proper = frozenset(w for w, n in capitalised.items() if n >= 2 and n >= 0.9 * inside[w])
        base = vocabulary() if use_wordfreq else _EMPTY
        return cls(base, unigrams, bigrams, proper, **params)

    def __repr__(self) -> str:
        return (
            f"Lexicon({len(self.base)} listed words, {len(self.unigrams)} corpus words, "
            f"{sum(self.unigrams.values())} corpus tokens)"
        )

    def is_proper(self, word: str) -> bool:
        """Whether the corpus capitalises ``word`` inside sentences (a name such as Östersund)."""
        return word in self.proper

    def zipf(self, word: str) -> float:
        """Blended zipf frequency of a lower-case word (``-inf`` when unknown)."""
        z = self._zipf.get(word)
        if z is None:
            lam = self._corpus_weight
            p = (1 - lam) * self.base.prob(word) + lam * self._corpus_prob.get(word, 0.0)
            z = math.log10(p) + 9 if p > 0 else _NEG_INF
            if len(self._zipf) < 2_000_000:
                self._zipf[word] = z
        return z

    def has_prefix(self, k: str) -> bool:
        """Whether some known word's key (å/ä/ö as ``*``) starts with ``k``."""
        return (self.match_memo.get(k) or self.match(k))[1]

    def words(self, k: str) -> tuple[str, ...]:
        """Known words whose key is ``k``."""
        return (self.match_memo.get(k) or self.match(k))[0]

    def match(self, k: str) -> tuple[tuple[str, ...], bool]:
        """:meth:`words` and :meth:`has_prefix` of ``k`` at once, remembered (a search step
        needs both, and walks the same keys again and again).

        Example:
            >>> Lexicon.from_texts(["stöd och stad"], use_wordfreq=False).match("st*d")
            (('stöd',), True)
        """
        hit = self.match_memo.get(k)
        if hit is None:
            hit = self.base.search(k)
            if self._has_extra:
                extra_words, extra_prefix = self.extra.search(k)
                hit = (hit[0] + extra_words, hit[1] or extra_prefix)
            if len(self.match_memo) < 4_000_000:
                self.match_memo[k] = hit
        return hit

    def context(self, left: str | None, word: str, right: str | None) -> float:
        """Log10 bigram evidence for ``word`` between ``left`` and ``right`` (0 when none).

        Each side is log10 P(word | left) / P(word) from the corpus bigrams (Dirichlet-smoothed
        towards the prior), clipped to ``[0, context_clip]``: a bigram the corpus has more often
        than chance supports a word, but one it lacks says nothing -- a small corpus lacks most
        bigrams, and a word it never saw would otherwise beat one it did.
        """
        score = 0.0
        if left is not None and self.left_counts.get(left):
            score += self._ratio(left, word)
        if right is not None and self.left_counts.get(word):
            score += self._ratio(word, right)
        return self.context_weight * score

    def _ratio(self, first: str, second: str) -> float:
        z = self.zipf(second)
        p = 10 ** (z - 9) if z > _NEG_INF else 1e-9
        n = self.bigrams.get((first, second), 0)
        mu = self.context_mu
        ratio = math.log10((n + mu * p) / ((self.left_counts[first] + mu) * p))
        return max(0.0, min(self.context_clip, ratio))
