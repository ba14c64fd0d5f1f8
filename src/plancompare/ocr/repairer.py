"""The repairer: a scikit-learn style estimator that restores Swedish text damaged by OCR.

:class:`OcrRepairer` is a noisy-channel corrector. ``fit(clean_texts)`` builds its lexicon
(``lexicon_``: wordfreq's Swedish list blended with the clean texts); ``repair``/``transform``
then read every whitespace token, propose readings through the confusion channel
(:mod:`.channel`, :mod:`.candidates`), weigh them by the text's own estimated misreading rates,
and let the neighbours decide where a damaged token is itself a word (:mod:`.context`).

Every token maps to exactly one output token, whitespace is copied unchanged, case and attached
punctuation are kept, and every change is reported with offsets and score (:meth:`changes`).

Example:
    >>> r = OcrRepairer().fit(["Förskolan har fått stöd."])
    >>> r.repair("F6rskolan har fatt stod.")
    'Förskolan har fått stöd.'
    >>> [(c.original, c.replacement) for c in r.changes("F6rskolan har fatt stod.")]
    [('F6rskolan', 'Förskolan'), ('fatt', 'fått'), ('stod.', 'stöd.')]
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter, itemgetter
from pathlib import Path

from plancompare.swedish import is_action_verb
from plancompare.swedish.compounds import CompoundScoring
from plancompare.swedish.derivation import verb_tense
from plancompare.swedish.tokens import abbreviations

from .candidates import CandidateSearch, Hyp, SearchParams
from .channel import compile_readings, estimate_rate, load_confusions
from .context import MARKER as _MARKER
from .context import (
    Context,
    ContextParams,
    chemical_notation,
    is_item_start,
    unit_expression,
)
from .lexicon import NUM, YEAR, Lexicon
from .tokens import Change, Piece, TokenSpan, apply_case, pieces, split_whitespace, token_spans

__all__ = ["NotFittedError", "OcrRepairer"]

_NEG_INF = float("-inf")
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s")
_NUMBER = re.compile(r"\d+(?:[-–.,]\d+)*")
#: a year or a span of years, perhaps with punctuation after it (år 2030, år 2025–2035:)
_YEAR = re.compile(r"(?:18|19|20)\d\d(?:[-–](?:18|19|20)?\d\d)?[.,:;)]*")
_NUMBER_NEAR = re.compile(r"\d+(?:[-–.,:/]\d+)*")  # 32 963, 1907/2006, 2013:6
_CLAUSE_END = frozenset('.!?:;,()[]"”»')
_CACHE_LIMIT = 500_000
_BIAS_TEXTS = 16  # texts whose tense bias is remembered (see OcrRepairer._tense_bias)
_PLAIN = re.compile(r"[a-zåäö]+")
_NAME_LETTERS = re.compile(r"[a-zåäöé]+")  # a surname's letters (Stafrén, Sundén)
_SWEDISH = frozenset("abcdefghijklmnopqrstuvwxyzåäö")
_DIACRITIC_LETTERS = frozenset("åäö")
_FOREIGN_LETTER = re.compile(r"[^\W\d_a-zåäöé]")  # à, ã, ô: no Swedish word's letter (idé has é)
_NAME_MAX_LEN = 10  # a surname or place name (Amloh, Torsboda); longer unknowns are compounds
#: the prior of keeping an unknown word in capitals or with a capital, of plain letters and up to
#: _NAME_MAX_LEN long (Ramnemark, Avonova, REUMA): a name or an acronym, likelier than an
#: unknown word made of other characters (nonword_zipf), so that only a reading the text's
#: misreading rates support replaces it (Rödjer in a damaged text, not Rämnemark in a clean one)
_NAME_ZIPF = -5.0
_ABBREVIATION = re.compile(r"\W*(?:[^\W\d_]{1,4}\.){2,}\W*")  # fr.o.m., t.o.m.
#: a section number with its letter and sign (5a§, 12 a§ is two tokens: see _label)
_SECTION = re.compile(r"\W*\d+[^\W\d_]?§+\W*")
#: a dot after a letter or digit and the extension after it (kontofordelning.txt, image1.emf)
_EXTENSION = re.compile(r"(?<=[^\W_])\.([^\W_]{2,5})(?![^\W_])")
#: a file named by its extension alone (.env, ".bat"), in quotes or brackets or not
_DOTFILE = re.compile(r"[^\w.]*\.([^\W_]{2,5})\W*")
#: how commands, paths and code are written, never a Swedish word: a command-line option (-d,
#: -it, --build, --no-cache); a path of two folders or more from the root, the home or the
#: current folder, or from a drive (/label-studio/data, ~/data/x, ./bin/run, C:\Textverktyg);
#: anywhere in a token a backslash (textverktyget\), a name joined by an underscore (api_key,
#: img_2), an assignment (KEY=value, ?d=), a namespace (ggplot2::ggplot), a call without
#: arguments (print(), source()), a call whose argument opens with a digit, a quote or another
#: call (nvarchar(50), proj4.defs("EPSG:3016", lapply(paste0(), a member called on an object
#: (ol.proj.get(, map.AddProjection() and a plus sign before a name (+proj=utm, +wktext, the
#: options of a projection string)
_OPTION = re.compile(
    r"[(\[\"'`]*(?:-[A-Za-z]|-[a-z]{2,3}|--[a-z][a-z0-9]*(?:-[a-z0-9]+)*)[)\]\"'`.,:;]*"
)
_PATH = re.compile(r"[(\[\"'`<]*(?:(?:~|\.{1,2})?/[^\W_][^/\s]*/|[A-Za-z]:[\\/])")
_CODE_MARK = re.compile(
    r"\\|[^\W_]_[^\W_]|[^\W_]=|[^\W_]::[^\W\d_]|[^\W_]\((?:\)|[\d\"']|[^\W\d_]\w*\()"
    r"|[^\W_]\.[^\W\d_]\w*\(|^[(\[\"'`]*\+[^\W\d_]"
)
_LETTERS = re.compile(r"[^\W\d_]+")
#: what stands before a backslash that ends a token as Markdown's hard line break (``här.\``,
#: ``från:\``, ``**Steg 1**\``), where a path's backslash follows a name (``textverktyget\``)
_HARD_BREAK_BEFORE = frozenset(".,:;!?)*")
#: the info strings of a fenced block that hold prose, not code: GitHub Linguist's languages of
#: type prose that Markdown fences name (Text, Markdown, reStructuredText, AsciiDoc, Org) and
#: markmap, a mind map written as Markdown's headings and lists
_PROSE_FENCES = frozenset(
    {"text", "txt", "plain", "plaintext", "markdown", "md", "rst", "asciidoc", "adoc", "org"}
    | {"markmap"}
)
#: a word of four letters or more and a footnote's number after it (område2, författning3)
_FOOTNOTE_PENALTY = 2.0  # a footnote's number after a word, against a digit read as a letter
_FOOTNOTE = re.compile(r"((?:[^\W\d_]|&){4,})(\d{1,2})")
#: an acronym in capitals up to this length keeps its letters unless a reading through å/ä/ö
#: alone is a word at least _ACRONYM_MARGIN commoner (MALET: MÅLET; STORA stays STORA)
_ACRONYM_MAX = 6
_ACRONYM_MARGIN = 1.0
#: a case or file designation between nr/dnr and its number (mål nr P 660-14, dnr KS 2025/512)
_DESIGNATION = re.compile(r"[A-ZÅÄÖ]{1,3}")
#: a word of a name in a name list (Darvik, Tekle-Haile, AnnChristine)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_EDGE = "()[]{}\"'”«»,;:!?"
_ONE_LETTER_WORDS = frozenset("iåö")
_LIGATURES = str.maketrans(
    {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"}
)  # Swedish words of one letter (a lone l may be an i)


class NotFittedError(ValueError, AttributeError):
    """The repairer was used before :meth:`OcrRepairer.fit` (as scikit-learn's)."""


@dataclass
class _Slot:
    """One piece of a token, as the repairer decides it."""

    piece: Piece
    options: tuple[Hyp, ...]  # (keep the piece, *readings)
    english: bool
    lead_i: bool  # a capital I at the start that may be an l (Iokaler)
    modal: bool = False  # a reading is a modal verb (bor: bör), which wants an infinitive
    # readings in the present and in the preterite (innebär/innebar): the text's tense decides;
    # found when the slot is first decided in context (None until then: see OcrRepairer._tensed)
    tensed: bool | None = None


@dataclass(slots=True, eq=False)  # compared by identity: ``None in infos`` stays in C
class _TokenInfo:
    slots: tuple[_Slot, ...] = ()
    evidence_dia: int = 0  # letters clearly misread (non-word pieces), for the rate estimates
    evidence_glyph: int = 0
    words: int = 0  # pieces of letters (glyph-rate denominator)
    evidence: int = 0  # the three above packed in one int (_EVIDENCE_BITS each), to sum at once
    # how the token's last piece may join the next token's first, and its first the previous
    # token's last (see OcrRepairer._join_tokens): a pair may join when ``join_right`` of the
    # first and ``join_left`` of the second share a bit (_HYPHEN_JOIN, _RARE_END, _RARE_START)
    join_right: int = 0
    join_left: int = 0
    lone: bool = False  # one piece of one letter (perhaps a label: OcrRepairer._label)
    # one piece that is an abbreviation of number_abbreviations.tsv: the side its number
    # stands on (after: 32 963 kr; before: nr 1907/2006; both), else empty
    unit: str = ""
    # pieces followed by a hyphen and a lower-case piece inside the token (nar-kotikaklassade):
    # perhaps one word broken where a line once ended (see OcrRepairer._joined)
    hyphens: tuple[int, ...] = ()
    named: bool = False  # a piece looks like a name (OcrRepairer._name_like)
    # one piece that is a title of name_titles.tsv (Dr, Prof., leg.): kept before a capital
    title: bool = False
    # one piece that is a chemical element's symbol of two letters (Na, Cl): kept beside its
    # amount or another symbol (OcrRepairer._chemical_symbol)
    element: bool = False
    # read whole (a quotient of units through a glyph: mg/m1): joins no neighbour
    whole: bool = False


_EMPTY = _TokenInfo()
_EVIDENCE = attrgetter("evidence")
_EVIDENCE_BITS = 40
_EVIDENCE_MASK = (1 << _EVIDENCE_BITS) - 1
_JOIN_RIGHT = attrgetter("join_right")
_JOIN_LEFT = attrgetter("join_left")
_HYPHENS = attrgetter("hyphens")
#: a line-end hyphen after the last piece / a first piece in lower case: hyphenation
_HYPHEN_JOIN = 1
#: a rare last piece ending the token / a first piece starting it: a broken word, perhaps
_RARE_END = 2
#: a last piece ending the token / a rare first piece starting it: a broken word, perhaps
_RARE_START = 4
#: A token's decision at one pair of rates: (choice per piece, pieces to decide in context,
#: whether the choice changes the token); a token without pieces to repair has none.
_Decision = tuple[tuple[int, ...] | None, tuple[int, ...], bool]
_NO_DECISION: _Decision = (None, (), False)
_NO_FACE: tuple[str | None, bool] = (None, False)
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


class OcrRepairer:
    """Noisy-channel repair of OCR damage in Swedish text (å/ä/ö and look-alike glyphs).

    Parameters are only stored here; :meth:`fit` does the work. Scores are in log10 units on
    wordfreq's zipf scale (log10 of a word's frequency per 10**9 words).

    Args:
        confusions: path of the confusion model (default ``data/ocr/confusions.tsv``).
        function_words: path of the function-word classes (default ``data/ocr/function_words.tsv``).
        use_wordfreq: blend wordfreq's Swedish list into the lexicon (off only for tests).
        corpus_weight: share of the fitted texts' unigram model in the word prior.
        compound_penalty: per extra compound part (zipf(a+b) = zipf(a) + zipf(b) - penalty).
        part_min_zipf, part_min_len: compound parts rarer or shorter than this are not trusted.
        unlisted_max: cap on a compound's or inflected form's score (rarer than any listed word).
        suffix_penalty: a listed word plus an inflection ending the list lacks.
        stem_penalty: a part used as a stem (``skol-`` from ``skola``).
        inflected_part_penalty: a part before the last that is not a base form (``stod-``);
            a variant of a function word (``nåt``, a form of någon) is no part at all.
        beam: partial compound analyses kept per position.
        max_hyps: readings kept per piece.
        full_search_below: a listed word rarer than this is read through every reading of the
            channel (``mom`` -> ``inom``); a commoner one only through the cheap ones
            (diacritics, digits, ligatures: ``vara`` -> ``våra``).
        fast_enough: an unlisted piece whose cheap reading scores at least this is not searched
            further (compounds, glyph readings, run-on words).
        quick_enough: an unlisted piece whose compound reading through the cheap readings scores
            at least this is not read through the glyph readings.
        full_search_len: pieces up to this length (and listed words of up to three letters)
            are read through every reading at once.
        max_glyph: most glyph readings assumed in one part of a word.
        nonword_zipf: score of keeping a token no reading explains.
        odd_char_penalty: taken off that score per character Swedish words are not written with
            (``é``, a digit or ``&`` among letters): such a token is more likely damaged.
        single_letter_zipf: cap on the prior of keeping a lone letter (wordfreq counts noise).
        short_caps: words in capitals up to this length are acronyms, left alone (unless
            damage made a common word unknown: ``FOR`` for ``FÖR``).
        diacritic_prior: Beta prior (misread, intact) of the per-text å/ä/ö misreading rate.
        glyph_prior: Beta prior (misread, intact) of the per-text glyph misreading rate (per word).
        context_window: readings within this margin of the best are re-ranked in context.
        context_weight, context_mu, context_clip: corpus bigram weight, smoothing and bound.
        grammar_weight: weight of a function-word rule.
        noun_phrase_weight: penalty of a finite verb where a preposition, determiner or numeral
            opens a noun phrase (``tio år``, ``per år``; rarely ``tio är``).
        item_verb_weight: bonus of an action verb opening a list item, in a text whose items
            mostly open with one.
        english_margin: a word is English when its English zipf exceeds its Swedish by this.
        join_margin: a word broken across two tokens is read joined when that reading beats
            the two pieces read apart by this much.
        rare_zipf: two tokens one space apart are tried as one word only when one of them is
            rarer than this (or no word); a short word in capitals is read only as a word at
            least this common.
        max_passes: the text is repaired again while a pass still changes it, at most this
            often (a repaired text reads as less damaged, and a second look may see more).
        runon_penalty: a short function word run together with the next word (a lost space:
            ``ochflöden``) scores as the two words, less this.
    """

    def __init__(
        self,
        *,
        confusions: str | Path | None = None,
        function_words: str | Path | None = None,
        use_wordfreq: bool = True,
        corpus_weight: float = 0.1,
        compound_penalty: float = 10.0,
        part_min_zipf: float = 1.0,
        part_min_len: int = 3,
        unlisted_max: float = 1.0,
        suffix_penalty: float = 2.0,
        stem_penalty: float = 0.3,
        inflected_part_penalty: float = 1.0,
        beam: int = 10,
        max_hyps: int = 8,
        full_search_below: float = 3.0,
        fast_enough: float = 2.0,
        quick_enough: float = -3.0,
        full_search_len: int = 8,
        max_glyph: int = 2,
        nonword_zipf: float = -9.0,
        odd_char_penalty: float = 2.0,
        single_letter_zipf: float = 4.0,
        short_caps: int = 4,
        diacritic_prior: tuple[float, float] = (1.0, 4.0),
        glyph_prior: tuple[float, float] = (1.0, 300.0),
        context_window: float = 5.0,
        context_weight: float = 0.9,
        context_mu: float = 2.0,
        context_clip: float = 1.0,
        grammar_weight: float = 1.5,
        noun_phrase_weight: float = 3.0,
        item_verb_weight: float = 3.0,
        english_margin: float = 1.0,
        join_margin: float = 2.0,
        rare_zipf: float = 4.0,
        max_passes: int = 3,
        runon_penalty: float = 1.0,
    ) -> None:
        self.confusions = confusions
        self.function_words = function_words
        self.use_wordfreq = use_wordfreq
        self.corpus_weight = corpus_weight
        self.compound_penalty = compound_penalty
        self.part_min_zipf = part_min_zipf
        self.part_min_len = part_min_len
        self.unlisted_max = unlisted_max
        self.suffix_penalty = suffix_penalty
        self.stem_penalty = stem_penalty
        self.inflected_part_penalty = inflected_part_penalty
        self.beam = beam
        self.max_hyps = max_hyps
        self.full_search_below = full_search_below
        self.fast_enough = fast_enough
        self.quick_enough = quick_enough
        self.full_search_len = full_search_len
        self.max_glyph = max_glyph
        self.nonword_zipf = nonword_zipf
        self.odd_char_penalty = odd_char_penalty
        self.single_letter_zipf = single_letter_zipf
        self.short_caps = short_caps
        self.diacritic_prior = diacritic_prior
        self.glyph_prior = glyph_prior
        self.context_window = context_window
        self.context_weight = context_weight
        self.context_mu = context_mu
        self.context_clip = context_clip
        self.grammar_weight = grammar_weight
        self.noun_phrase_weight = noun_phrase_weight
        self.item_verb_weight = item_verb_weight
        self.english_margin = english_margin
        self.join_margin = join_margin
        self.rare_zipf = rare_zipf
        self.max_passes = max_passes
        self.runon_penalty = runon_penalty

    # -- scikit-learn contract -------------------------------------------------------------------

    def get_params(self, deep: bool = True) -> dict[str, object]:
        """The constructor's parameters (as scikit-learn's ``BaseEstimator.get_params``).

        Example:
            >>> OcrRepairer(corpus_weight=0.2).get_params()["corpus_weight"]
            0.2
        """
        import inspect

        names = [
            p.name
            for p in inspect.signature(type(self).__init__).parameters.values()
            if p.kind is p.KEYWORD_ONLY
        ]
        return {name: getattr(self, name) for name in names}

    def set_params(self, **params: object) -> OcrRepairer:
        """Set parameters (as scikit-learn's ``set_params``); refit afterwards.

        Example:
            >>> OcrRepairer().set_params(beam=5).beam
            5
        """
        valid = self.get_params()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for OcrRepairer")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = type(self)().get_params()
        changed = {k: v for k, v in self.get_params().items() if v != defaults[k]}
        args = ", ".join(f"{k}={v!r}" for k, v in changed.items())
        return f"OcrRepairer({args})"

    def fit(self, clean_texts: Iterable[str], y: object = None) -> OcrRepairer:
        """Build the lexicon from clean Swedish texts (the corpus's plans that are not OCR).

        ``clean_texts`` may be empty: then the lexicon is wordfreq's Swedish list alone.

        Example:
            >>> r = OcrRepairer().fit([])
            >>> r.repair("ldrare")
            'lärare'
        """
        self.lexicon_ = Lexicon.from_texts(
            clean_texts,
            use_wordfreq=self.use_wordfreq,
            corpus_weight=self.corpus_weight,
            context_mu=self.context_mu,
            context_clip=self.context_clip,
            context_weight=self.context_weight,
        )
        self.confusions_ = load_confusions(self.confusions)
        readings = compile_readings(self.confusions_)
        # characters no Swedish word is written with that the channel reads as one letter
        # alone (ó, ő, 6: ö), and the log10 weight of that reading (see _acronym_letters)
        sole: dict[str, set[str]] = {}
        for c in self.confusions_:
            if len(c.observed) == 1 and c.observed not in _SWEDISH:
                sole.setdefault(c.observed, set()).add(c.intended)
        self._sole_weights = {
            c.observed: math.log10(c.weight)
            for c in self.confusions_
            if c.kind == "diacritic" and len(sole.get(c.observed, ())) == 1 and len(c.intended) == 1
        }
        self._sole_letters = {ch: next(iter(sole[ch])) for ch in self._sole_weights}
        self._ligatures = str.maketrans(
            {c.observed: c.intended for c in self.confusions_ if c.kind == "ligature"}
        )
        scoring = CompoundScoring(
            penalty=self.compound_penalty,
            part_min_len=self.part_min_len,
            part_min_zipf=self.part_min_zipf,
            unlisted_max=self.unlisted_max,
            suffix_penalty=self.suffix_penalty,
            beam=self.beam,
        )
        self.search_ = CandidateSearch(
            self.lexicon_,
            readings,
            SearchParams(
                compound=scoring,
                stem_penalty=self.stem_penalty,
                nonword_zipf=self.nonword_zipf,
                odd_char_penalty=self.odd_char_penalty,
                runon_penalty=self.runon_penalty,
                inflected_part_penalty=self.inflected_part_penalty,
                max_hyps=self.max_hyps,
                full_search_below=self.full_search_below,
                fast_enough=self.fast_enough,
                quick_enough=self.quick_enough,
                full_search_len=self.full_search_len,
                max_glyph=self.max_glyph,
            ),
        )
        self.context_ = Context(
            ContextParams(self.grammar_weight, self.english_margin, self.noun_phrase_weight),
            self.function_words,
        )
        self._tokens: dict[str, _TokenInfo] = {}
        self._decided: dict[tuple[float, float], dict[str, _Decision]] = {}
        self._faces: dict[tuple[float, float], tuple[dict, dict]] = {}
        self._rewritten: dict[tuple[str, tuple[int, ...]], str] = {}
        self._scored: dict[tuple, tuple[float, str]] = {}
        self._in_context: dict[tuple[float, float], dict[tuple, int]] = {}
        self._joins: dict[tuple[float, float], dict[tuple[str, str], tuple | None]] = {}
        self._english: dict[str, bool] = {}
        self._modal_memo: dict[tuple, tuple[bool, bool]] = {}
        self._languages: dict[str, int] = {}
        self._tenses: dict[str, str] = {}
        self._biases: dict[str, float] = {}  # the tense bias of the last texts (a warm pass)
        return self

    def transform(self, texts: Iterable[str]) -> list[str]:
        """Repair each text (the scikit-learn transformer interface).

        Example:
            >>> OcrRepairer().fit([]).transform(["f6r alla", "ldrare"])
            ['för alla', 'lärare']
        """
        return [self.repair(text) for text in texts]

    def fit_transform(self, texts: Iterable[str], y: object = None) -> list[str]:
        """Not offered: the texts to fit on are clean, the texts to repair are not."""
        raise TypeError("fit on clean texts, then transform the OCR texts (two different sets)")

    # -- public API ------------------------------------------------------------------------------

    def repair(self, text: str) -> str:
        """Return ``text`` with damaged tokens restored (tokens and whitespace kept).

        Example:
            >>> OcrRepairer().fit([]).repair("Teach for Sweden och ldrare for elever")
            'Teach for Sweden och lärare för elever'
        """
        return "".join(self._repair(text)[0])

    def changes(self, text: str) -> list[Change]:
        """The changes :meth:`repair` makes, in order, with offsets and scores."""
        out, found = self._repair(text)
        chunks = split_whitespace(text)
        changes: list[Change] = []
        orig = new = 0
        for i, (src, dst) in enumerate(zip(chunks, out, strict=True)):
            if i % 2 == 0 and src != dst:
                score, kind = found[i // 2]
                changes.append(
                    Change(
                        i // 2, orig, orig + len(src), src, dst, score, new, new + len(dst), kind
                    )
                )
            orig += len(src)
            new += len(dst)
        return changes

    def repair_with_spans(self, text: str) -> tuple[str, list[TokenSpan]]:
        """Repaired text plus the input/output span of every token (see ``map_offset``)."""
        out = self._repair(text)[0]
        return "".join(out), token_spans(split_whitespace(text), out)

    def _repair(self, text: str) -> tuple[list[str], dict[int, tuple[float, str]]]:
        """Repair until nothing changes (at most ``max_passes`` passes), so that repairing the
        output again changes nothing: a pass estimates the damage rates of the text it reads,
        and a repaired text reads as less damaged. Returns the output chunks and, per changed
        token, the score and kind of its last change."""
        self._check_fitted()
        # The cyclic garbage collector is paused while a text is repaired, and restored after:
        # repair makes no reference cycles (tests/test_ocr.py checks that a collection right
        # after finds nothing), and with the repairer's caches grown the collector's walks
        # over them cost a quarter to a third of a first pass over new text.
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            found: dict[int, tuple[float, str]] = {}
            current = text
            out = chunks = None
            for _ in range(self.max_passes):
                out, changed, recut = self._run(current, chunks)
                if not changed:
                    break
                found.update(changed)
                current = "".join(out)
                # the next pass reads the output's chunks (cutting its text would give them)
                chunks = out if recut else None
            return out if out is not None else split_whitespace(text), found
        finally:
            if paused:
                gc.enable()

    def misreading_rate(self, text: str) -> float:
        """Estimated share of å/ä/ö misread in ``text`` (intact letters versus clear damage).

        Example:
            >>> r = OcrRepairer().fit([])
            >>> r.misreading_rate("Det är på väg.") < 0.3 < r.misreading_rate("F6rskolan ldrare")
            True
        """
        self._check_fitted()
        chunks = split_whitespace(text)
        return self._rates(text, [self._token(t) for t in chunks[0::2]])[0]

    # -- driver ----------------------------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "lexicon_"):
            raise NotFittedError("this OcrRepairer is not fitted yet: call fit(clean_texts)")

    def _run(
        self, text: str, chunks: list[str] | None = None
    ) -> tuple[list[str], dict[int, tuple[float, str]], bool]:
        """One pass over ``text`` (cut into ``chunks`` by :func:`split_whitespace` unless given):
        the output chunks, ``{token: (score, kind)}`` of changes, and whether cutting the
        output's text would give the output chunks again (every written token is one chunk)."""
        if chunks is None:
            chunks = split_whitespace(text)
        tokens = chunks[0::2]
        infos = list(map(self._tokens.get, tokens))
        if not all(infos):  # a token not analysed yet (an info is always true)
            for ti, info in enumerate(infos):
                if info is None:
                    infos[ti] = self._token(tokens[ti])
        rate_dia, rate_glyph = self._rates(text, infos)
        # bucketed so that decisions can be cached per token
        lrs = (round(math.log10(rate_dia), 1), round(math.log10(rate_glyph), 1))
        decided = self._decided.get(lrs)
        if decided is None:
            decided = self._decided[lrs] = {}
        get = decided.get
        decisions = list(map(get, tokens))
        if not all(decisions):  # a token not decided yet at these rates
            for ti, d in enumerate(decisions):
                if d is None:
                    d = get(tokens[ti]) or self._decision(decided, tokens[ti], infos[ti], lrs)
                    decisions[ti] = d
        choices: list[tuple[int, ...] | None] = list(map(_FIRST, decisions))
        ambiguous = list(itertools.compress(range(len(tokens)), map(_SECOND, decisions)))
        # tokens the pass may change: their first choice does, or their context or a join may
        touched = set(itertools.compress(range(len(tokens)), map(_THIRD, decisions)))
        touched.update(ambiguous)
        # Code in backticks is written as it is: no word of it is read
        code = _code_tokens(chunks) if "`" in text else frozenset()
        # A word broken across two tokens (line-end hyphen, stray space) is read as one.
        joined = self._joined(chunks, tokens, infos, lrs, code)
        # Pieces whose choice is close are re-ranked with their neighbours (first choices).
        items = _item_starts(chunks) if ambiguous else frozenset()
        item_bonus = self._item_bonus(chunks, infos, choices, lrs, items) if ambiguous else 0.0
        revised: dict[int, tuple[int, ...]] = {}
        faces = self._faces.get(lrs)
        if faces is None:
            faces = self._faces[lrs] = ({}, {})
        left_faces, right_faces = faces
        in_context = self._in_context.get(lrs)
        if in_context is None:
            in_context = self._in_context[lrs] = {}
        joined_tokens = {ti for ti, _ in joined}
        last_ti = len(tokens) - 1
        bias: float | None = None  # the text's tense bias (see _tense_bias), read when needed
        for ti in ambiguous:
            info = infos[ti]
            token = tokens[ti]
            choice = list(choices[ti])  # type: ignore[arg-type]
            last_pi = len(info.slots) - 1
            split = ti in joined_tokens
            for pi in decisions[ti][1]:
                if split and (ti, pi) in joined:
                    continue
                # the chosen words next to the piece (see _face)
                left, left_en = _NO_FACE
                if pi == 0 and ti and token[0] not in _CLAUSE_END:
                    left, left_en = left_faces.get(tokens[ti - 1]) or self._face(
                        left_faces, tokens, infos, choices, ti - 1, -1
                    )
                right, right_en = _NO_FACE
                if pi == last_pi and ti < last_ti and token[-1] not in _CLAUSE_END:
                    right, right_en = right_faces.get(tokens[ti + 1]) or self._face(
                        right_faces, tokens, infos, choices, ti + 1, +1
                    )
                slot = info.slots[pi]
                if slot.english:
                    english = self._in_english(
                        tokens, chunks, ti, (left_en, right_en), (left is None, right is None)
                    )
                    left_en = right_en = english
                first = item_bonus if pi == 0 and ti in items else 0.0
                tense = 0.0
                if self._tensed(slot):
                    if bias is None:
                        bias = self._text_tense(text, infos)
                    tense = bias
                ahead = later = False
                if slot.modal and right is not None:
                    ahead, later = self._modal_evidence(
                        self._words_ahead(tokens, infos, choices, right_faces, ti),
                        left != "att",
                    )
                ckey = (token, pi, left, left_en, right, right_en, first, tense, ahead, later)
                pick = in_context.get(ckey)
                if pick is None:
                    pick = self._decide_in_context(
                        slot, left, left_en, right, right_en, first, lrs, ahead, tense, later
                    )
                    if len(in_context) < _CACHE_LIMIT:
                        in_context[ckey] = pick
                choice[pi] = pick
            revised[ti] = tuple(choice)
        for ti, choice in revised.items():
            choices[ti] = choice
        # A lone letter next to a number or another lone letter is a label or an abbreviation
        # (5 a §, t ex, s k), a lone capital inside a sentence an initial or a label (A och B,
        # sonen S:s), and an abbreviation beside its number (32 963 kr, nr 12) is one too:
        # left as they are.
        # A name the text writes as a file's or a path's (cntlm.ini, /projects/cntlm/) is the
        # name of a program or a file wherever the text writes it (cntlm, cntlm-proxyn): not
        # read through another letter as a word no list holds (entim, a compound). Read through
        # å/ä/ö, or as a listed word, it is still damage (for: för, oeh: och -- an address
        # writes Swedish without å/ä/ö, and damage reaches addresses too).
        # The text's names are found when a reading first needs them (few do).
        named: frozenset[str] | None = None
        for ti in touched:
            choice = choices[ti]
            if choice and any(choice):
                if ti in code or self._as_written(tokens, chunks, infos, ti):
                    choices[ti] = (0,) * len(choice)
                elif infos[ti].named:
                    choices[ti] = self._names_kept(tokens, chunks, infos[ti], ti, choice)
                slots = infos[ti].slots
                if any(
                    c and self._glyph_nonword(slots[pi].options[c])
                    for pi, c in enumerate(choices[ti])
                ):
                    if named is None:
                        named = _file_names(tokens, self.context_.file_extensions)
                    choices[ti] = tuple(
                        0
                        if c and slot.piece.low in named and self._glyph_nonword(slot.options[c])
                        else c
                        for slot, c in zip(slots, choices[ti], strict=True)
                    )

        out = list(chunks)
        written: list[int] = []
        touched.update(joined_tokens)
        rewritten = self._rewritten
        for ti in sorted(touched):
            choice = choices[ti]
            if choice is None:
                continue
            if ti in joined_tokens:
                out[2 * ti] = self._write(chunks, tokens[ti], infos[ti], ti, choice, joined)[0]
            elif any(choice):
                rkey = (tokens[ti], choice)
                new = rewritten.get(rkey)
                if new is None:
                    new, anywhere = self._write(chunks, tokens[ti], infos[ti], ti, choice, joined)
                    if anywhere and len(rewritten) < _CACHE_LIMIT:
                        rewritten[rkey] = new
                out[2 * ti] = new
            else:
                continue
            written.append(ti)
        changed = self._changed(chunks, out, written, tokens, infos, choices, lrs, joined)
        # a written token is cut as one chunk again when it is not empty and holds no whitespace
        recut = all(out[2 * ti] and not _SPACE.search(out[2 * ti]) for ti in written)
        return out, changed, recut

    def _write(
        self,
        chunks: list[str],
        token: str,
        info: _TokenInfo,
        ti: int,
        choice: tuple[int, ...],
        joined: dict[tuple[int, int], tuple[str, float]],
    ) -> tuple[str, bool]:
        """Token ``ti`` written with its pieces' choices (or joined readings), and whether that
        is the same wherever the token stands (no reading capitalised at a sentence start)."""
        parts: list[str] = []
        last = 0
        anywhere = True
        for pi, slot in enumerate(info.slots):
            piece = slot.piece
            parts.append(token[last : piece.start])
            if (ti, pi) in joined:
                parts.append(joined[ti, pi][0])
                anywhere = False
            elif choice[pi]:
                hyp = slot.options[choice[pi]]
                case = _case_for(slot, hyp.text)
                capitalise = False
                if case == "lead":
                    anywhere = False
                    capitalise = self._sentence_start(chunks, ti, pi) or self.lexicon_.is_proper(
                        hyp.text
                    )
                parts.append(apply_case(hyp.text, case, capitalise))
            else:
                parts.append(piece.text)
            last = piece.end
        parts.append(token[last:])
        return "".join(parts), anywhere

    def _decision(
        self, decided: dict[str, _Decision], token: str, info: _TokenInfo, lrs: tuple[float, float]
    ) -> _Decision:
        """The token's decision at rates ``lrs`` (remembered in ``decided``)."""
        if info.slots:
            choice, close = self._decide_token(info, lrs)
            decision: _Decision = (choice, close, any(choice))
        else:
            decision = _NO_DECISION
        if len(decided) < _CACHE_LIMIT:
            decided[token] = decision
        return decision

    def _joined(
        self,
        chunks: list[str],
        tokens: list[str],
        infos: list[_TokenInfo],
        lrs: tuple[float, float],
        code: frozenset[int] = frozenset(),
    ) -> dict[tuple[int, int], tuple[str, float]]:
        """Pieces of a word broken across two tokens, read as one word and split back.

        A token ending in ``-`` before a line break and a token starting in lower case
        (line-end hyphenation), two tokens one space apart of which one piece has no
        reading as a word (``ko rnpetens``), or two pieces of one token with a hyphen between
        them and the second in lower case (a hyphenation kept in the text:
        ``nar-kotikaklassade``) are read joined; when the joined reading beats the two pieces
        read apart by ``join_margin``, each piece gets its share of it.
        Tokens of ``code`` (:func:`_code_tokens`) are not read so.
        Returns ``{(token, piece): (text, margin)}``.
        """
        found: list[tuple[float, int, int, int, int, tuple[str, str]]] = []
        joins = self._joins.get(lrs)
        if joins is None:
            joins = self._joins[lrs] = {}
        # only pairs that _join_tokens would look at (flags set in _token): the rest are None
        may_join = map(
            operator.and_,
            map(_JOIN_RIGHT, infos),
            map(_JOIN_LEFT, itertools.islice(infos, 1, None)),
        )
        for ti in itertools.compress(itertools.count(), may_join):
            a, b = infos[ti], infos[ti + 1]
            ws = chunks[2 * ti + 1]
            if a.join_right == _HYPHEN_JOIN:
                if "\n" not in ws:
                    continue
            elif ws != " ":
                continue
            # the kind of join (hyphen or space) follows from the first token: the pair is the key
            ckey = (tokens[ti], tokens[ti + 1])
            joint = joins.get(ckey, False)
            if joint is False:
                joint = self._join_tokens(a, b, tokens[ti], ws, lrs)
                if len(joins) < _CACHE_LIMIT:
                    joins[ckey] = joint
            if joint is not None:
                found.append((joint[0], ti, len(a.slots) - 1, ti + 1, 0, joint[1]))
        # a word broken by a hyphen inside a token (nar-kotikaklassade, im-plementering)
        for ti in itertools.compress(itertools.count(), map(_HYPHENS, infos)):
            info = infos[ti]
            for pa in info.hyphens:
                ckey = (tokens[ti], pa)
                joint = joins.get(ckey, False)
                if joint is False:
                    joint = self._join_pair(info.slots[pa], info.slots[pa + 1], True, lrs)
                    if len(joins) < _CACHE_LIMIT:
                        joins[ckey] = joint
                if joint is not None:
                    found.append((joint[0], ti, pa, ti, pa + 1, joint[1]))
        out: dict[tuple[int, int], tuple[str, float]] = {}
        for gain, ti, pa, tb, pb, texts in sorted(found, key=lambda f: (-f[0], f[1])):
            if (ti, pa) in out or (tb, pb) in out or (code and (ti in code or tb in code)):
                continue
            if self._name_inside(chunks, infos[ti], ti, pa, texts[0]):
                continue  # Amloh anför: a name, not Arnloh + anför
            for tj, pj, text in ((ti, pa, texts[0]), (tb, pb, texts[1])):
                slot = infos[tj].slots[pj]
                piece = slot.piece
                plain = piece.low.replace("|", "i")
                case = _case_for(slot, text)
                capitalise = case == "lead" and self._sentence_start(chunks, tj, pj)
                written = piece.text if text == plain else apply_case(text, case, capitalise)
                out[tj, pj] = (written, gain)
        return out

    @staticmethod
    def _label(tokens: list[str], infos: list[_TokenInfo], ti: int) -> bool:
        """Whether token ``ti`` is a lone letter beside a number or another lone letter, or
        part of an abbreviation written without its full stops (``t ex``, ``bl a``)."""
        slots = infos[ti].slots
        if len(slots) != 1 or len(slots[0].piece.low) != 1:
            return False
        letter = slots[0].piece.low
        for j in (ti - 1, ti + 1):
            if 0 <= j < len(tokens):
                other = infos[j].slots
                if _NUMBER.fullmatch(tokens[j].strip("(),.")) or (
                    len(other) == 1 and len(other[0].piece.low) == 1
                ):
                    return True
                word = tokens[j].strip(_EDGE + ".").lower()
                pair = f"{letter}.{word}." if j > ti else f"{word}.{letter}."
                if pair in abbreviations():
                    return True
        return False

    def _as_written(
        self, tokens: list[str], chunks: list[str], infos: list[_TokenInfo], ti: int
    ) -> bool:
        """Whether token ``ti`` stays as written whatever its readings: a lone letter that is
        a label (:meth:`_label`), a capital inside a sentence (an initial), on a line of its
        own or alone in brackets (a party in a närvarolista's column, ``(S)``: an
        abbreviation; ``Så`` or ``Då`` is never a line alone), an abbreviation beside its
        number, a title before a capitalised word (``Dr Eva``), a part of an abbreviation
        written without its full stops (``fr o m``) or the language after a fence (``` r)."""
        info = infos[ti]
        if info.unit and _beside_number(tokens, ti, info.unit):
            return True
        if info.title and ti + 1 < len(tokens) and tokens[ti + 1][:1].isupper():
            return True  # Dr Eva Ribom, Prof. Berg: a title before a name
        if info.element and self._chemical_symbol(tokens, chunks, ti):
            return True  # med Na 40 + K 20, Na + K: a symbol beside its amount
        if ti and tokens[ti - 1].startswith("```") and "\n" not in chunks[2 * ti - 1]:
            return True  # ``` r, ```bash: a fenced block's language
        if (
            len(tokens[ti]) <= 4
            and info.slots[0].piece.low in _abbreviation_parts()
            and _undotted_parts(tokens, ti)
        ):
            return True  # fr o m 1957, t o m: an abbreviation written without its full stops
        if not info.lone:
            return False
        if self._label(tokens, infos, ti):
            return True
        if not info.slots[0].piece.text.isupper():
            return False
        return (
            not self._sentence_start(chunks, ti, 0)
            or _own_line(chunks, ti)
            or tokens[ti].rstrip(".,;:") == f"({info.slots[0].piece.text})"
        )

    def _chemical_symbol(self, tokens: list[str], chunks: list[str], ti: int) -> bool:
        """Whether token ``ti``, an element's symbol (:attr:`_TokenInfo.element`), stands as
        one inside a sentence: before its amount (``Na 40``; a year is none) or beside a plus
        or minus sign, another symbol or an ion (``Na + K``, ``Na och K+``)."""
        if self._sentence_start(chunks, ti, 0):
            return False
        after = tokens[ti + 1] if ti + 1 < len(tokens) else ""
        if after[:1].isdigit() and not _YEAR.fullmatch(after):
            return True  # Na 40, Na 40+K 20; not År 2026 in a table (Ar: argon)
        elements = self.context_.elements
        for j in (ti - 1, ti + 1):
            if 0 <= j < len(tokens):
                other = tokens[j].strip(_EDGE + ".")
                if other in ("+", "-", "−", "±") or elements.is_symbol(other):
                    return True
                if chemical_notation(tokens[j], elements):
                    return True
        return False

    def _joined_symbols(self, token: str, found: list[Piece], k: int) -> bool:
        """Whether piece ``k`` of ``token`` is an element's symbol joined by ``-``, ``+`` or
        ``/`` to a neighbouring piece that is one too (``Glucose-Na-K``, ``Na/K``): chemical
        notation, not a word."""
        is_symbol = self.context_.elements.is_symbol
        if not is_symbol(found[k].text):
            return False
        for j in (k - 1, k + 1):
            if 0 <= j < len(found) and is_symbol(found[j].text):
                a, b = (found[j], found[k]) if j < k else (found[k], found[j])
                if b.start == a.end + 1 and token[a.end] in "-+/":
                    return True
        return False

    def _name_inside(
        self, chunks: list[str], info: _TokenInfo, ti: int, pi: int, text: str
    ) -> bool:
        """Whether piece ``pi`` of token ``ti`` looks like a name (:meth:`_name_like`) inside a
        sentence and a reading ``text`` that is no listed word would change it (``Amloh``
        read with the next word as ``Arnloh``; ``Regionema`` as ``Regionerna`` stays a reading:
        see :meth:`_names_kept`)."""
        slot = info.slots[pi]
        return (
            self._name_like(slot)
            and text != slot.piece.low.replace("|", "i")
            and self.lexicon_.zipf(text) <= self.unlisted_max
            and not self._sentence_start(chunks, ti, pi)
        )

    def _glyph_nonword(self, hyp: Hyp) -> bool:
        """Whether ``hyp`` reads its piece through another letter than å/ä/ö as a word no list
        holds (``cntlm`` as ``entim``): not done to a name the text writes as a file's
        (:func:`_file_names`)."""
        return hyp.n_glyph > 0 and self.lexicon_.zipf(hyp.text) <= self.unlisted_max

    def _name_like(self, slot: _Slot, accented: bool = False) -> bool:
        """Whether the piece looks like a name: capitalised, not a listed word, short (up to
        ``_NAME_MAX_LEN`` letters) and written in plain Swedish letters alone -- no digit, no
        capital I inside, no accent that OCR prints for å/ä/ö (``Tillvaxtstrateg1`` is damage);
        ``accented``: the é of Swedish surnames allowed (``Stafrén``, ``Sundén``), as a name
        list's entry may be read (:meth:`_names_kept`).
        """
        piece = slot.piece
        return (
            piece.case == "title"
            and len(piece.low) <= _NAME_MAX_LEN
            and slot.options[0].base <= self.unlisted_max
            and (_NAME_LETTERS if accented else _PLAIN).fullmatch(piece.low) is not None
        )

    def _names_kept(
        self,
        tokens: list[str],
        chunks: list[str],
        info: _TokenInfo,
        ti: int,
        choice: tuple[int, ...],
    ) -> tuple[int, ...]:
        """``choice`` with every piece that looks like a name (:meth:`_name_like`) inside a
        sentence kept as written where its reading is no listed word and needs a glyph misread
        (``Torsboda`` as the compound ``Försboda``, ``Amloh`` as ``Arnloh``): surnames and place
        names are words no list holds, and only a listed word is support enough to read one
        through another letter. A listed reading (``Hogsta`` -> ``Högsta``), one through å/ä/ö
        alone (``Jamkning`` -> ``Jämkning``: a name keeps its diacritics less often than its
        letters), a longer compound (``Skatterattsnamnden``), a piece with a digit or accent in
        it and any reading at the start of a sentence are still made -- except in the form
        of a name (:meth:`_name_form`: ``Darvik, Anna`` on a line of a närvarolista, ``Anna
        Darvik (S)``), where a reading that no list holds at all is not made through å/ä/ö
        either, nor through the é of a surname (``Darvik`` as ``Därvik``, ``Stafrén`` as
        ``Ståfrån``; ``Kohler (m)`` is still read as ``Köhler``, a name the word list
        holds)."""
        kept = list(choice)
        form: bool | None = None
        for pi, c in enumerate(choice):
            slot = info.slots[pi]
            hyp = slot.options[c]
            if not (c and hyp.base <= self.unlisted_max and self._name_like(slot, True)):
                continue
            if hyp.n_glyph and self._name_like(slot) and not self._sentence_start(chunks, ti, pi):
                kept[pi] = 0
                continue
            if self.lexicon_.zipf(hyp.text) > self.nonword_zipf:
                continue  # a name the word list holds (Köhler, Björkvall)
            if form is None:
                form = self._name_form(tokens, chunks, ti)
            if form:
                kept[pi] = 0
        return tuple(kept)

    def _name_form(self, tokens: list[str], chunks: list[str], ti: int) -> bool:
        """Whether token ``ti`` stands where a name does: in a line that is a name list's
        entry, ``Efternamn, Förnamn`` (two to four capitalised words, one comma after the
        surname of one or two words, nothing else on the line: ``Darvik, Anna``, ``Anton
        Henriksson, Sanda``), or right before a party abbreviation in brackets (``Bentzer
        (V)``; ``data/ocr/party_abbreviations.tsv``)."""
        after = tokens[ti + 1].rstrip(".,;:") if ti + 1 < len(tokens) else ""
        if after[:1] == "(" and after[-1:] == ")" and after[1:-1].lower() in self.context_.parties:
            return True
        start = ti
        while start and "\n" not in chunks[2 * start - 1] and ti - start < 3:
            start -= 1
        if not _own_line_start(chunks, start):
            return False
        end = start
        while 2 * end + 1 < len(chunks) and "\n" not in chunks[2 * end + 1] and end - start < 4:
            end += 1
        line = tokens[start : end + 1]
        commas = [i for i, t in enumerate(line) if t.endswith(",")]
        return (
            2 <= len(line) <= 4
            and _own_line(chunks, end, start)
            and commas in ([0], [1])
            and all(t[:1].isupper() and _NAME_WORD.fullmatch(t.rstrip(",")) for t in line)
        )

    def _bound_form(self, word: str) -> bool:
        """Whether ``word`` is a compound's first part in ``-s`` made from a word in ``-e``
        (``samhälls``, ``arbets``: far rarer than ``samhälle``, no verb form), which stands
        alone only before a hyphen (``samhälls- och``)."""
        if word[-1:] != "s":
            return False
        alone = self.lexicon_.zipf(word)  # scored already: remembered by the lexicon
        return (
            alone > self.unlisted_max
            and self.lexicon_.zipf(word[:-1] + "e") >= alone + 1.5
            and not verb_tense(word)
        )

    def _acronym(self, slot: _Slot) -> bool:
        return slot.piece.case == "upper" and len(slot.piece.low) <= self.short_caps

    def _join_tokens(
        self,
        a_info: _TokenInfo,
        b_info: _TokenInfo,
        token_a: str,
        ws: str,
        lrs: tuple[float, float],
    ) -> tuple[float, tuple[str, str]] | None:
        """The joined reading of the last piece of one token and the first of the next."""
        if not a_info.slots or not b_info.slots:
            return None
        a, b = a_info.slots[-1], b_info.slots[0]
        if b.piece.start != 0 or self._acronym(a) or self._acronym(b):
            return None
        tail = token_a[a.piece.end :]
        if tail == "-" and "\n" in ws and b.piece.case in ("lower", "lead"):
            return self._join_pair(a, b, True, lrs)  # line-end hyphenation
        if tail == "" and ws == " " and b.piece.case != "title":
            # perhaps a word broken by a stray space; not before a capital (Ledamoten Amloh:
            # a name, not the end of a word)
            return self._join_pair(a, b, False, lrs)
        return None

    def _join_pair(
        self, a: _Slot, b: _Slot, hyphen: bool, lrs: tuple[float, float]
    ) -> tuple[float, tuple[str, str]] | None:
        """``(gain, (text of a, text of b))`` when pieces ``a`` and ``b`` read better as one
        word split in two, else ``None``."""
        if not hyphen and not self._may_be_broken(a, b, lrs):
            return None
        # two words cost two word probabilities: zipf(a) + zipf(b) - 9 against zipf(a+b)
        apart = self._best(a, lrs)[1] + self._best(b, lrs)[1] - 9.0
        joined = a.piece.low + b.piece.low
        # no reading can beat the pieces apart by join_margin: not analysed (most pairs tried;
        # the floor a hair low, so that rounding cannot turn a join away)
        if not self.search_.reaches(joined, apart + self.join_margin - 1e-9, lrs):
            return None
        hyps, identity = self.search_.analyse(joined, run_ons=False)
        best, score = self._best_of((identity, *hyps), lrs)
        if score - apart < self.join_margin or best.base <= self.nonword_zipf:
            return None
        cut = _split_point(a.piece.low, b.piece.low, best.text)
        return score - apart, (best.text[:cut], best.text[cut:])

    def _may_be_broken(self, a: _Slot, b: _Slot, lrs: tuple[float, float]) -> bool:
        """Whether two pieces one space apart may be one word: one is rare or no word, and
        either one has no reading as a word or together they spell a listed word."""
        za, zb = a.options[0].base, b.options[0].base
        if min(za, zb) >= self.rare_zipf:
            return False
        if self._poor(a, lrs) or self._poor(b, lrs):
            return True
        joined = (a.piece.low + b.piece.low).replace("|", "i")
        return self.lexicon_.zipf(joined) > self.unlisted_max

    def _poor(self, slot: _Slot, lrs: tuple[float, float]) -> bool:
        """Whether no reading of the piece is a listed word."""
        return self._best(slot, lrs)[0].base <= self.unlisted_max

    def _best(self, slot: _Slot, lrs: tuple[float, float]) -> tuple[Hyp, float]:
        return self._best_of(slot.options, lrs)

    @staticmethod
    def _best_of(options: Iterable[Hyp], lrs: tuple[float, float]) -> tuple[Hyp, float]:
        best, score = None, _NEG_INF
        for hyp in options:
            sc = hyp.score(*lrs)
            if best is None or sc > score:
                best, score = hyp, sc
        return best, score  # type: ignore[return-value]

    def _item_bonus(
        self,
        chunks: list[str],
        infos: list[_TokenInfo],
        choices: list[tuple[int, ...] | None],
        lrs: tuple[float, float],
        items: frozenset[int],
    ) -> float:
        """Bonus for an action verb opening a list item: ``item_verb_weight`` times twice the
        share of the text's items that may open with one -- a reading within ``context_window``
        of the best is an action verb (capped at 1; none when the text has fewer than three
        items; headings ending in ``:`` are no items), so a list of
        measures (Värna, Höj, Öka) pulls its damaged first words (Stark -> Stärk) towards verbs
        and prose does not."""
        verbs = n_items = 0
        for ti in items:
            info = infos[ti]
            if info.slots and not chunks[2 * ti].endswith(":"):
                choice = choices[ti]
                slot = info.slots[0]
                n_items += 1
                # the item may open with an action verb: its reading or a close contender does
                top = slot.options[choice[0] if choice else 0].score(*lrs)
                verbs += any(
                    top - h.score(*lrs) < self.context_window and is_action_verb(h.text)
                    for h in slot.options
                )
        share = verbs / n_items if n_items >= 3 else 0.0
        return self.item_verb_weight * min(1.0, 2.0 * share)

    def _changed(
        self, chunks, out, written, tokens, infos, choices, lrs, joined
    ) -> dict[int, tuple[float, str]]:
        """``{token index: (score, kind)}`` of the tokens a pass changed (of those ``written``,
        in order); remembered per token, choice and rates where no join is involved."""
        changed: dict[int, tuple[float, str]] = {}
        scored = self._scored
        joined_tokens = {ti for ti, _ in joined}
        for ti in written:
            if chunks[2 * ti] == out[2 * ti]:
                continue
            if ti in joined_tokens:
                changed[ti] = self._change_score(infos[ti], choices[ti], ti, lrs, joined)
                continue
            skey = (tokens[ti], choices[ti], lrs)
            hit = scored.get(skey)
            if hit is None:
                hit = self._change_score(infos[ti], choices[ti], ti, lrs, joined)
                if len(scored) < _CACHE_LIMIT:
                    scored[skey] = hit
            changed[ti] = hit
        return changed

    def _change_score(self, info, choice, ti, lrs, joined) -> tuple[float, str]:
        """``(score, kind)`` of a changed token: its least margin over keeping a piece."""
        margin = math.inf
        kind = "non-word"
        for pi, slot in enumerate(info.slots):
            c = choice[pi]
            if (ti, pi) in joined:
                margin = min(margin, joined[ti, pi][1])
                kind = "split-word"
            elif c:
                keep = slot.options[0]
                margin = min(margin, slot.options[c].score(*lrs) - keep.score(*lrs))
                if keep.base > self.nonword_zipf and keep.base != _NAME_ZIPF:
                    kind = "real-word"  # not a name kept at its prior: Daremot is no word
        return (round(margin, 3), kind)

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
        return chunks[j][-1] in ".!?" or between.count("\n") >= 2

    def _rates(self, text: str, infos: list[_TokenInfo]) -> tuple[float, float]:
        """Misreading rates of å/ä/ö and of other glyphs: clear damage versus intact."""
        intact = sum(text.count(ch) for ch in "åäöÅÄÖ")
        total = sum(map(_EVIDENCE, infos))
        dia = total & _EVIDENCE_MASK
        glyph = (total >> _EVIDENCE_BITS) & _EVIDENCE_MASK
        words = total >> (2 * _EVIDENCE_BITS)
        return (
            estimate_rate(dia, intact, self.diacritic_prior),
            estimate_rate(glyph, max(words - glyph, 0), self.glyph_prior),
        )

    def _decide_token(
        self, info: _TokenInfo, lrs: tuple[float, float]
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        choice: list[int] = []
        close: list[int] = []
        for pi, slot in enumerate(info.slots):
            if len(slot.options) == 1:
                choice.append(0)
                continue
            scores = [h.score(*lrs) for h in slot.options]
            best = max(range(len(scores)), key=scores.__getitem__)
            choice.append(best)
            if slot.options[0].base > self.nonword_zipf or best:
                top = scores[best]
                contenders = sum(
                    1
                    for h, sc in zip(slot.options, scores, strict=True)
                    if h.base > self.nonword_zipf and top - sc < self.context_window
                )
                if contenders >= 2 or slot.english:
                    close.append(pi)
        return tuple(choice), tuple(close)

    def _face(
        self,
        faces: dict[str, tuple[str | None, bool]],
        tokens: list[str],
        infos: list[_TokenInfo],
        choices: list[tuple[int, ...] | None],
        j: int,
        step: int,
    ) -> tuple[str | None, bool]:
        """The chosen lower-case word that token ``j`` shows the piece next to it (its last word
        to a piece on its right, ``step < 0``; its first word to one on its left), and whether
        it looks English; ``None`` across punctuation. It depends on the token and its first
        choice alone -- that is, on the token and the rates -- so it is remembered in ``faces``
        (one dict per side and rate bucket).
        """
        tok = tokens[j]
        if not tok or (tok[-1] if step < 0 else tok[0]) in _CLAUSE_END:
            face: tuple[str | None, bool] = _NO_FACE
        elif not infos[j].slots:
            if _YEAR.fullmatch(tok):
                # a year: a number to the bigrams, no numeral counting a noun (1992 har
                # företaget, not här; år 2040: a time noun names it)
                face = (YEAR, False)
            elif _NUMBER.fullmatch(tok):
                face = (NUM, False)
            else:
                words = _WORD.findall(tok)
                if not words:
                    face = _NO_FACE
                else:
                    word = (words[-1] if step < 0 else words[0]).lower()
                    face = (word, self._looks_english(word))
        else:
            other = infos[j]
            pj = len(other.slots) - 1 if step < 0 else 0
            slot = other.slots[pj]
            chosen = choices[j]
            c = chosen[pj] if chosen is not None else 0
            if c:
                face = (slot.options[c].text, False)
            else:
                face = (slot.options[0].text, self._looks_english(slot.options[0].text))
        if len(faces) < _CACHE_LIMIT:
            faces[tok] = face
        return face

    def _words_ahead(
        self,
        tokens: list[str],
        infos: list[_TokenInfo],
        choices: list[tuple[int, ...] | None],
        faces: dict[str, tuple[str | None, bool]],
        ti: int,
    ) -> list[str | None]:
        """The chosen first words of the (up to eight) tokens after token ``ti`` in its clause,
        for :meth:`Context.infinitive_ahead` and :meth:`Context.infinitive_later`; a token that
        ends a clause is the last one read."""
        words: list[str | None] = []
        for j in range(ti + 1, min(len(tokens), ti + 9)):
            word = (faces.get(tokens[j]) or self._face(faces, tokens, infos, choices, j, +1))[0]
            words.append(word)
            if word is None or tokens[j][-1] in _CLAUSE_END:
                break
        return words

    def _modal_evidence(self, words: list[str | None], finite: bool) -> tuple[bool, bool]:
        """``(ahead, later)`` for a modal reading before ``words`` (see :meth:`_words_ahead`;
        the first is its right neighbour): a bare infinitive a few words on
        (:meth:`Context.infinitive_ahead`, past pronouns and sentence adverbs) or further on
        (:meth:`Context.infinitive_later`); ``finite``: a finite verb may stand there -- not
        after att, which wants an infinitive (att för sakens utredning inhämta) -- else there
        is no ``later``. Remembered per word sequence."""
        key = (*words, finite)
        hit = self._modal_memo.get(key)
        if hit is None:
            ctx = self.context_
            ahead = words[0] in ctx.between and ctx.infinitive_ahead(words[:4])
            later = not ahead and finite and ctx.infinitive_later(words)
            hit = (ahead, later)
            if len(self._modal_memo) < _CACHE_LIMIT:
                self._modal_memo[key] = hit
        return hit

    def _in_english(
        self,
        tokens: list[str],
        chunks: list[str],
        ti: int,
        english: tuple[bool, bool],
        alone: tuple[bool, bool],
    ) -> bool:
        """Whether token ``ti``, a word that looks English, stands in English: between two
        English-looking words, beside one with no Swedish word on its other side (``Teach for
        Sweden``: a name is none; ``for example,``), in a run of three (``graft versus host
        sjukdom``), or among mostly English words (:meth:`_english_run`) -- not beside one
        English-looking word with Swedish on both sides of the pair (``för initial
        rehydrering``, ``risken för aspiration``). ``english`` says whether the words to
        its left and right look English, ``alone`` whether none stands there (punctuation)."""
        left_en, right_en = english
        if left_en and right_en:
            return True
        if left_en or right_en:
            beyond, other = (ti - 2, ti + 1) if left_en else (ti + 2, ti - 1)
            if alone[1 if left_en else 0] or not self._swedish_word(tokens, chunks, other):
                return True
            if 0 <= beyond < len(tokens) and self._language_of(tokens[beyond]) > 0:
                return True
        return self._english_run(tokens, ti)

    def _swedish_word(self, tokens: list[str], chunks: list[str], ti: int) -> bool:
        """Whether token ``ti`` is a Swedish word (:meth:`_language`) that is no name: not
        capitalised inside a sentence (``Sweden``)."""
        if not 0 <= ti < len(tokens) or self._language_of(tokens[ti]) >= 0:
            return False
        return not tokens[ti][:1].isupper() or self._sentence_start(chunks, ti, 0)

    def _language_of(self, token: str) -> int:
        """:meth:`_language`, remembered per token."""
        language = self._languages.get(token)
        return language if language is not None else self._language(token)

    def _english_run(self, tokens: list[str], ti: int) -> bool:
        """Whether the words around token ``ti`` (three each side) are mostly English."""
        english = swedish = 0
        for j in (*range(max(0, ti - 3), ti), *range(ti + 1, min(len(tokens), ti + 4))):
            language = self._language_of(tokens[j])
            if language > 0:
                english += 1
            elif language < 0:
                swedish += 1
        return english >= 2 and english > swedish

    def _language(self, token: str) -> int:
        """1 when the token's first word looks English, -1 when it is a common Swedish word or
        has a Swedish reading, else 0 (remembered per token)."""
        language = 0
        words = _WORD.findall(token)
        if words:
            word = words[0].lower()
            if self._looks_english(word):
                language = 1
            elif self.lexicon_.zipf(word) >= 3.0 or any(
                len(slot.options) > 1 for slot in self._token(token).slots
            ):
                language = -1
        if len(self._languages) < _CACHE_LIMIT:
            self._languages[token] = language
        return language

    def _looks_english(self, word: str) -> bool:
        hit = self._english.get(word)
        if hit is None:
            hit = self.context_.looks_english(word, self.lexicon_.zipf(word))
            if len(self._english) < _CACHE_LIMIT:
                self._english[word] = hit
        return hit

    def _tensed(self, slot: _Slot) -> bool:
        """Whether the slot has a reading in the present and one in the preterite (found once,
        when it is first decided in context: most slots never are)."""
        if slot.tensed is None:
            tenses = {self._tense(h.text) for h in slot.options if h.base > self.nonword_zipf}
            slot.tensed = {"present", "preterite"} <= tenses
        return slot.tensed

    def _tense(self, word: str) -> str:
        """``verb_tense(word)`` or ``""``, remembered per word."""
        tense = self._tenses.get(word)
        if tense is None:
            tense = verb_tense(word) or ""
            if len(self._tenses) < _CACHE_LIMIT:
                self._tenses[word] = tense
        return tense

    def _text_tense(self, text: str, infos: list[_TokenInfo]) -> float:
        """:meth:`_tense_bias` of ``text``, remembered for the last texts (a warm pass)."""
        bias = self._biases.get(text)
        if bias is None:
            if len(self._biases) >= _BIAS_TEXTS:
                self._biases.clear()
            bias = self._biases[text] = self._tense_bias(infos)
        return bias

    def _tense_bias(self, infos: list[_TokenInfo]) -> float:
        """How much the text is written in the present rather than the preterite: log10 of
        (present + 1) / (preterite + 1) over its finite verbs that no reading makes ambiguous
        (``gäller``, ``beslutade``), clipped to ±1 and times ``grammar_weight``. A text that
        reports what was decided (a court's or an ombudsman's account) says ``innebar``; one
        that says what holds says ``innebär``."""
        present = preterite = 0
        for info in infos:
            if len(info.slots) != 1 or len(info.slots[0].options) != 1:
                continue
            tense = self._tense(info.slots[0].piece.low)
            present += tense == "present"
            preterite += tense == "preterite"
        ratio = math.log10((present + 1) / (preterite + 1))
        return round(self.grammar_weight * max(-1.0, min(1.0, ratio)), 1)

    def _decide_in_context(
        self,
        slot: _Slot,
        left: str | None,
        left_en: bool,
        right: str | None,
        right_en: bool,
        item_bonus: float,
        lrs: tuple[float, float],
        ahead: bool = False,
        tense: float = 0.0,
        later: bool = False,
    ) -> int:
        """The reading of the slot that best fits its neighbours; ``item_bonus`` is the bonus
        of an action verb opening a list item, ``tense`` the text's tense bias (see
        :meth:`_tense_bias`) for a slot with readings in both tenses, else 0."""
        if slot.english and (left_en or right_en):
            return 0
        best, best_score = 0, _NEG_INF
        ctx = self.context_
        for i, hyp in enumerate(slot.options):
            score = hyp.score(*lrs)
            if hyp.base > self.nonword_zipf:
                score += self.lexicon_.context(
                    NUM if left == YEAR else left, hyp.text, NUM if right == YEAR else right
                )
                score += ctx.grammar(left, hyp.text, right, ahead, later)
                if item_bonus and is_action_verb(hyp.text):
                    score += item_bonus
                if tense:  # half the bias for the present, half against the preterite
                    form = self._tense(hyp.text)
                    score += (
                        tense / 2 if form == "present" else -tense / 2 if form == "preterite" else 0
                    )
            if score > best_score:
                best, best_score = i, score
        return best

    # -- analysis of one token -------------------------------------------------------------------

    def _token(self, token: str) -> _TokenInfo:
        info = self._tokens.get(token)
        if info is None:
            info = self._analyse_token(token)
            if info.slots and _code_form(token):
                info = _as_code(info, self.rare_zipf)
            if info is not _EMPTY:
                info.evidence = (
                    info.evidence_dia
                    | info.evidence_glyph << _EVIDENCE_BITS
                    | info.words << (2 * _EVIDENCE_BITS)
                )
            if info.slots:
                self._set_flags(token, info)
            if len(self._tokens) < _CACHE_LIMIT:
                self._tokens[token] = info
        return info

    def _misread_abbreviation(self, plain: str, found: list) -> _Slot | None:
        """A slot that reads an abbreviation no list holds as one that
        ``data/swedish/abbreviations.tsv`` does, through one glyph reading of one of its pieces
        (``rn.m.``, ``m.rn.``: ``m.m.``; ``bI.a.``: ``bl.a.``); ``None`` when it is listed as it
        stands or no one reading makes it so."""
        listed = abbreviations()
        if plain.strip(_EDGE).lower() in listed:
            return None
        return self._misread_as(plain, found, lambda whole: whole.strip(_EDGE).lower() in listed)

    def _misread_unit(self, plain: str, found: list) -> _Slot | None:
        """A slot that reads a token with a slash as a quotient of units
        (:func:`~plancompare.ocr.context.unit_expression`) through one glyph reading of one of
        its pieces (``mg/m1``: ``mg/ml``; ``rng/ml``: ``mg/ml``); ``None`` when no one reading
        makes it one."""
        units = self.context_.units
        return self._misread_as(plain, found, lambda whole: unit_expression(whole, units))

    def _misread_as(self, plain: str, found: list, listed) -> _Slot | None:
        """The slot of the first piece of ``found`` that one glyph reading makes ``plain``
        pass ``listed``: the piece as it stands (no word) against that reading (a word's
        prior); ``None`` when no one reading does."""
        for p in found:
            for c in self.confusions_:
                if c.kind != "glyph" or c.observed not in p.low:
                    continue
                at = p.low.find(c.observed)
                while at >= 0:
                    text = p.low[:at] + c.intended + p.low[at + len(c.observed) :]
                    if listed(plain[: p.start] + text + plain[p.end :]):
                        options = (
                            Hyp(p.low, self.nonword_zipf, 0, 0),
                            Hyp(text, 0.0, 0, 1),
                        )
                        return _Slot(p, options, False, False)
                    at = p.low.find(c.observed, at + 1)
        return None

    def _acronym_letters(self, low: str) -> tuple[Hyp, ...]:
        """An unknown acronym with a character no Swedish word is written with that OCR prints
        for one letter alone (``MÓD``, ``M6D``: ö), read with that letter, at a name's prior
        (``MÖD``): no list holds the acronym, but its character is damage."""
        letters = [self._sole_letters.get(ch, ch) for ch in low]
        if letters == list(low) or not all(ch in _SWEDISH for ch in letters):
            return ()
        weight = sum(self._sole_weights.get(ch, 0.0) for ch in low)
        n = sum(ch in self._sole_letters for ch in low)
        return (Hyp("".join(letters), _NAME_ZIPF + weight, n, 0),)

    def _with_footnote(
        self, word: str, digits: str, piece, hyps: tuple[Hyp, ...], identity: Hyp
    ) -> tuple[tuple[Hyp, ...], Hyp]:
        """The readings of a piece that ends in digits: those of the whole piece (a digit is
        most often a misread letter: ``skal1``, ``ocks8``), and, ``_FOOTNOTE_PENALTY`` less
        likely, its word -- as it stands when listed, or read letter for letter, no letter
        added or dropped -- with a footnote's number after it (``föreskriver1,``,
        ``forfattning4``: ``författning4``)."""
        word_hyps, word_id = self.search_.analyse(word, lead_deletion=piece.case != "title")
        extra = tuple(
            Hyp(h.text + digits, h.base - _FOOTNOTE_PENALTY, h.n_dia, h.n_glyph, h.parts)
            for h in (word_id, *word_hyps)
            if h.base > self.unlisted_max and len(h.text) == len(word)
        )
        if not extra:
            return hyps, identity
        if extra[0].text == identity.text:
            # the word as written is listed (beroenden3, nivå4): the piece as it stands is that
            # reading, no longer a token no reading explains
            identity = identity._replace(base=max(identity.base, extra[0].base))
        rank = self.search_.params.rank_lr_dia, self.search_.params.rank_lr_glyph
        seen = {identity.text}
        merged = []
        for h in sorted((*hyps, *extra), key=lambda h: -h.score(*rank)):
            if h.text not in seen:
                seen.add(h.text)
                merged.append(h)
        return tuple(merged[: self.max_hyps]), identity

    def _set_flags(self, token: str, info: _TokenInfo) -> None:
        """Which ends of the token :meth:`_join_tokens` may join (it returns ``None`` for the
        rest, whatever the rates): ``_joined`` looks only at pairs these allow; and whether
        :meth:`_label` may hold for it."""
        last, first = info.slots[-1], info.slots[0]
        info.lone = len(info.slots) == 1 and len(first.piece.low) == 1
        info.named = any(self._name_like(slot, True) for slot in info.slots)
        info.hyphens = tuple(
            pi
            for pi, (a, b) in enumerate(itertools.pairwise(info.slots))
            if b.piece.start == a.piece.end + 1
            and token[a.piece.end] == "-"
            and b.piece.case in ("lower", "lead")
            and not self._acronym(a)
        )
        if len(info.slots) == 1:
            info.unit = self.context_.number_abbreviations.get(first.piece.low, "")
            # Dr, Prof., leg.; not a lower-case word ending a sentence (två dr. Sedan)
            info.title = (
                first.piece.low in self.context_.titles
                and token.strip(_EDGE + ".") == first.piece.text
                and (first.piece.case != "lower" or not token.endswith("."))
            )
            info.element = len(first.piece.text) == 2 and self.context_.elements.is_symbol(
                token.strip(_EDGE + ".")
            )
        if not self._acronym(last):
            tail = token[last.piece.end :]
            if tail == "-":
                info.join_right = _HYPHEN_JOIN
            elif not tail:
                rare = last.options[0].base < self.rare_zipf
                info.join_right = _RARE_START | (_RARE_END if rare else 0)
        if first.piece.start == 0 and not self._acronym(first):
            rare = first.options[0].base < self.rare_zipf
            info.join_left = (
                _RARE_END
                | (_HYPHEN_JOIN if first.piece.case in ("lower", "lead") else 0)
                | (_RARE_START if rare else 0)
            )
        if info.whole or _ABBREVIATION.fullmatch(token):
            # an abbreviation read through a glyph (rn.m.: m.m.) or a quotient of units (mg/m1:
            # mg/ml) is one token, no broken word
            info.join_left = info.join_right = 0

    def _analyse_token(self, token: str) -> _TokenInfo:
        found = pieces(token)
        if (
            not found
            or unit_expression(token, self.context_.units)
            or _written_as_is(token, self.context_.file_extensions)
            or chemical_notation(token, self.context_.elements)
        ):
            # mg/ml, g/L: units; kontofordelning.txt, 5a§, GnuPG/gpgsm: a file name, a section
            # number, a name in mixed case; Na+, HCO3-: chemical notation -- written as they are
            return _EMPTY
        plain = token.translate(self._ligatures)
        if "/" in plain:
            misread = self._misread_unit(plain, found)
            if misread is not None:  # mg/m1, rng/ml: a quotient of units, a glyph misread
                return _TokenInfo((misread,), whole=True)
        if (
            _ABBREVIATION.fullmatch(plain)
            or plain.strip(_EDGE).lower() in abbreviations()
            or _undotted_abbreviation(plain)
        ):
            # fr.o.m., t.ex., bl.a.: an abbreviation, written as it is (its ligatures undone)
            misread = self._misread_abbreviation(plain, found)
            if misread is not None:
                return _TokenInfo((misread,))
            if plain == token:
                return _EMPTY
            return _TokenInfo(
                tuple(
                    _Slot(
                        p,
                        (
                            Hyp(p.low, self.nonword_zipf, 0, 0),
                            Hyp(p.low.translate(_LIGATURES), 0.0, 0, 0),
                        ),
                        False,
                        False,
                    )
                    for p in found
                    if p.text != p.text.translate(_LIGATURES)
                )
            )
        slots: list[_Slot] = []
        named: set[int] = set()  # slots kept at the prior of names, no word all the same
        words = 0
        for k, piece in enumerate(found):
            low = piece.low
            if any(ch.isalpha() for ch in low):
                words += 1
            if piece.start > 0 and token[piece.start - 1] == ":" and len(low) <= 3:
                continue  # SKR:s, SKR:are: an ending after an abbreviation
            if self._joined_symbols(token, found, k):
                continue  # Glucose-Na-K, Na/K: element symbols
            if (
                k
                and found[k - 1].end == piece.start - 1
                and token[piece.start - 1] == "-"
                and found[k - 1].case == "upper"
                and low in self.context_.number_abbreviations
            ):
                continue  # KN-nr, EG-nr: an acronym's number
            hyps, identity = self.search_.analyse(low, lead_deletion=piece.case != "title")
            if piece.case == "upper" and "l" in piece.text:
                # INFUSIONSHASTlGHET: a capital I printed as l -- the word read with I is a
                # reading (no glyph: a lower-case l has no place among capitals), the piece as
                # written none
                hyps = (identity._replace(n_glyph=0), *hyps)
                identity = Hyp(low, self.nonword_zipf, 0, 0)
            note = _FOOTNOTE.fullmatch(low)
            after = token[piece.end : piece.end + 1]
            if note and not note[2].startswith("0") and after != "-" and not after.isalnum():
                # a footnote's number starts at 1 and stands before no hyphen (hals0-: hälso-,
                # an o misread)
                hyps, identity = self._with_footnote(note[1], note[2], piece, hyps, identity)
            if token[piece.end : piece.end + 1] != "-":
                hyps = tuple(h for h in hyps if not self._bound_form(h.text))
            if (
                piece.case in ("title", "upper")
                and identity.base <= self.nonword_zipf
                and len(low) <= _NAME_MAX_LEN
                and _PLAIN.fullmatch(low)
            ):
                identity = identity._replace(base=_NAME_ZIPF)  # a name (see _NAME_ZIPF)
                named.add(len(slots))
            if len(low) == 1:
                if piece.text.isupper() and low != "|":
                    # A och B, sonen S:s, M, MP: an initial, a label or a party, not a word of
                    # one letter (Å); a word that lost its å at a sentence start (P grund: På)
                    # is read only there (see _run)
                    hyps = tuple(h for h in hyps if len(h.text) > 1)
                if token[piece.end : piece.end + 1] in ("-", ".", ")") or (
                    piece.case != "lower"
                    and token[piece.start - 1 : piece.start] in "([/"
                    and piece.start > 0
                ):
                    continue  # K-samverkan, t.ex., (S 2014:10): an abbreviation or a label
                # a lone letter is a label or an abbreviation, or a two-letter word that lost its
                # å/ä/ö (``s att``); wordfreq's counts of single letters are mostly web noise
                hyps = tuple(h for h in hyps if len(h.text) > 1 or h.text in _ONE_LETTER_WORDS)
                if identity.base > self.single_letter_zipf:
                    identity = identity._replace(base=self.single_letter_zipf)
            elif (
                piece.case == "upper"
                and len(low) > self.short_caps
                and (len(low) <= _ACRONYM_MAX or low.endswith("fs"))
            ):
                if low.endswith("fs"):
                    continue  # BOLFS, SJVFS, SOSFS: a författningssamling, an acronym
                # a longer word in capitals is an acronym too (BOLFS), unless a reading through
                # å/ä/ö alone is a much commoner word (MALET: MÅLET), or no word and a reading is
                # one (ATGARD: ÅTGÄRD) -- not through another glyph when plain (BOLFS is no BOLTS)
                plain = _PLAIN.fullmatch(low) is not None
                if identity.base > self.nonword_zipf:
                    floor = identity.base + _ACRONYM_MARGIN
                    hyps = tuple(h for h in hyps if h.base >= floor and not h.n_glyph)
                else:
                    floor = self.unlisted_max
                    hyps = tuple(
                        h for h in hyps if h.base > floor and not (plain and h.n_glyph)
                    ) + self._acronym_letters(low)
            elif piece.case == "upper" and len(low) <= self.short_caps:
                # a short word in capitals is an acronym (SAN, ODA, GVF, SALF): left alone unless
                # damage made a common word unknown through å/ä/ö (FOR for FÖR) -- an unknown
                # acronym is no damaged word through another glyph (SALF is no SALT); a listed
                # one with a letter Swedish is not written with is damage all the same (FRÀN,
                # PÀ: wordfreq's foreign fràn and pà)
                if identity.base > self.nonword_zipf and not _FOREIGN_LETTER.search(low):
                    continue
                plain = _PLAIN.fullmatch(low) is not None  # S0L may be SOL
                hyps = tuple(
                    h for h in hyps if h.base >= self.rare_zipf and not (plain and h.n_glyph)
                ) + self._acronym_letters(low)
            english = bool(hyps) and identity.base > self.nonword_zipf and self._looks_english(low)
            options = (identity, *hyps)
            modal = any(map(self.context_.is_modal, (h.text for h in options)))
            slots.append(_Slot(piece, options, english, low[:1] == "|", modal))
        if not slots:
            return _TokenInfo(words=words) if words else _EMPTY
        lr_dia, lr_glyph = self.search_.params.rank_lr_dia, self.search_.params.rank_lr_glyph
        dia = glyph = 0
        for si, slot in enumerate(slots):
            identity = slot.options[0]
            if si in named:
                # a name read as a listed word (Atgarder: Åtgärder) is as much evidence of
                # damage as any unknown word; one read as an unknown compound (Ramnemark) none
                if len(slot.options) < 2 or slot.options[1].base <= self.unlisted_max:
                    continue
                identity = identity._replace(base=self.nonword_zipf)
            if identity.base <= self.nonword_zipf and len(slot.options) > 1:
                best = slot.options[1]
                if best.score(lr_dia, lr_glyph) > identity.score(lr_dia, lr_glyph):
                    dia += best.n_dia
                    glyph += best.n_glyph
        return _TokenInfo(tuple(slots), dia, glyph, words)


@cache
def _abbreviation_parts() -> frozenset[str]:
    """The parts of the abbreviations of ``data/swedish/abbreviations.tsv`` in two or three
    parts of at most three letters each (``fr``, ``o``, ``m`` of ``fr.o.m.``).

    Example:
        >>> {"fr", "o", "m", "bl", "a"} <= _abbreviation_parts(), "och" in _abbreviation_parts()
        (True, False)
    """
    parts = (a[:-1].split(".") for a in abbreviations() if a.endswith("."))
    return frozenset(
        p
        for ps in parts
        if 2 <= len(ps) <= 3 and all(x.isalpha() and len(x) <= 3 for x in ps)
        for p in ps
    )


def _undotted_parts(tokens: list[str], ti: int) -> bool:
    """Whether token ``ti`` is a part of an abbreviation of ``data/swedish/abbreviations.tsv``
    in two or three parts written with spaces for its full stops (``fr o m``, ``t o m``,
    ``bl a``), each part of at most three letters.

    Example:
        >>> tokens = "Fr o m 1957 och fr o m. Fr om 1957".split()
        >>> [_undotted_parts(tokens, ti) for ti in (0, 1, 2, 3, 5, 8)]
        [True, True, True, False, True, False]
    """
    if tokens[ti].strip(_EDGE + ".").lower() not in _abbreviation_parts():
        return False
    listed = abbreviations()
    for n in (2, 3):
        for start in range(max(0, ti - n + 1), min(ti, len(tokens) - n) + 1):
            parts = [t.strip(_EDGE + ".").lower() for t in tokens[start : start + n]]
            if all(p.isalpha() and len(p) <= 3 for p in parts) and ".".join(parts) + "." in listed:
                return True
    return False


def _own_line_start(chunks: list[str], ti: int) -> bool:
    """Whether token ``ti`` of ``chunks`` (:func:`split_whitespace`) starts its line."""
    return ti == 0 or "\n" in chunks[2 * ti - 1] or (ti == 1 and not chunks[0])


def _own_line(chunks: list[str], ti: int, start: int | None = None) -> bool:
    """Whether tokens ``start`` (``ti`` unless given) to ``ti`` of ``chunks`` are a line of
    their own: a line break (or the text's edge) before the first and after the last.

    Example:
        >>> chunks = split_whitespace("Akbas, Aslan\\n\\nS\\n\\n8:43 och S")
        >>> _own_line(chunks, 2), _own_line(chunks, 5), _own_line(chunks, 1, 0)
        (True, False, True)
    """
    return _own_line_start(chunks, ti if start is None else start) and (
        2 * ti + 1 >= len(chunks) or "\n" in chunks[2 * ti + 1]
    )


def _ascii_options(slot: _Slot) -> tuple[Hyp, ...]:
    """The slot's options that bring no å, ä or ö into its piece (keeping the piece first)."""
    return (slot.options[0],) + tuple(
        h for h in slot.options[1:] if _DIACRITIC_LETTERS.isdisjoint(h.text)
    )


def _as_code(info: _TokenInfo, common: float) -> _TokenInfo:
    """``info`` of a token of code (:func:`_code_form`): no evidence of å/ä/ö misread for the
    text's rates, and a piece is read only where it is no listed word and a reading through a
    glyph, with no å, ä or ö, makes it a word at least ``common`` (``/label-stuclio/data``:
    ``studio``). Code names things in English and in abbreviations that no Swedish list holds
    (``nvarchar``, ``tmerc``, ``defs``): read as Swedish they became compounds and rare words
    (``rivarehar``, ``dets``)."""
    slots = tuple(
        dataclasses.replace(
            slot,
            options=(slot.options[0],)
            + tuple(h for h in _ascii_options(slot)[1:] if h.base >= common)
            if slot.options[0].base <= _NAME_ZIPF
            else (slot.options[0],),
        )
        for slot in info.slots
    )
    return dataclasses.replace(info, slots=slots, evidence_dia=0)


def _written_as_is(token: str, extensions: frozenset[str]) -> bool:
    """Whether ``token`` is no word to repair: a file name (a dot and an extension of
    ``data/ocr/file_extensions.tsv`` after letters or digits, or the extension alone:
    ``.env``), a section number with its sign (``5a§``) or a run of letters in mixed case that
    OCR damage does not make -- a lower-case letter before a capital other than ``I``, and a
    lower-case letter other than ``l`` (``GnuPG``, ``SharePoint``; not ``ALLTlD``, an ``I``
    read as ``l``).

    Example:
        >>> ext = frozenset({"txt", "emf", "bat", "env"})
        >>> [_written_as_is(t, ext) for t in ("”konto.txt”", "image1.emf", "5a§", "GnuPG/gpgsm,")]
        [True, True, True, True]
        >>> [_written_as_is(t, ext) for t in ("`start-docker.bat`", "`.env`", "(.bat)")]
        [True, True, True]
        >>> [_written_as_is(t, ext) for t in ("arbete.Det", "ALLTlD", "utbiIdning", "kap.")]
        [False, False, False, False]
    """
    if "." in token:
        if any(m.group(1).lower() in extensions for m in _EXTENSION.finditer(token)):
            return True
        dotfile = _DOTFILE.fullmatch(token)
        if dotfile and dotfile.group(1).lower() in extensions:
            return True
    if "§" in token and _SECTION.fullmatch(token):
        return True
    return any(
        any(a.islower() and b.isupper() and b != "I" for a, b in itertools.pairwise(run))
        and any(ch.islower() and ch != "l" for ch in run)
        for run in _LETTERS.findall(token)
    )


def _code_form(token: str) -> bool:
    """Whether ``token`` is written as commands, paths and code are, never as Swedish words:
    a command-line option, a path, a backslash, a name joined by an underscore, an
    assignment, a namespace, a call without arguments or with one that opens with a digit, a
    quote or another call (a type's size: ``nvarchar(50)``), a member called on an object
    (``ol.proj.get(``) or a plus sign before a name (``+wktext``) (``_OPTION``, ``_PATH``,
    ``_CODE_MARK``). Such a token is kept as written (:func:`_as_code`): a piece that is no
    listed word is read only through a glyph, never an å, ä or ö, and only as a common word
    (``/label-stuclio/data``: ``studio``).

    Example:
        >>> [_code_form(t) for t in ("-d", "--build", "(-p", "/label-studio/data", "~/x/y")]
        [True, True, True, True, True]
        >>> [_code_form(t) for t in ("C:\\\\Textverktyg", "D:/data", "api_key", "?d=x", "KEY=1")]
        [True, True, True, True, True]
        >>> [_code_form(t) for t in ("ggplot()", "(t.ex.", "print()),", "ggplot2::ggplot()")]
        [True, False, True, True]
        >>> [_code_form(t) for t in ("och/eller", "kr/år", "-", "får-", "_viktigt_", "/år")]
        [False, False, False, False, False, False]
        >>> [_code_form(t) for t in ("kommun(er)", "AI(Claude)", "()", "§:", "Kap.:")]
        [False, False, False, False, False]
        >>> [_code_form(t) for t in ("nvarchar(50)", 'proj4.defs("EPSG:3006",', "ol.proj.get(")]
        [True, True, True]
        >>> [_code_form(t) for t in ("+wktext", '"+proj=utm', "lapply(paste0(", "+", "+3", "s.k.")]
        [True, True, True, False, False, False]
        >>> [_code_form(t) for t in ("här.\\\\", "från:\\\\", "textverktyget\\\\", "**a_b.R**\\\\")]
        [False, False, True, True]
    """
    if (token[:1] == "-" or "-" in token[:4]) and _OPTION.fullmatch(token):
        return True
    if token[-2:-1] in _HARD_BREAK_BEFORE and token[-1:] == "\\":
        token = token[:-1]  # här.\ -- Markdown's hard line break after a sentence, not code
    return bool(_PATH.match(token) or _CODE_MARK.search(token))


def _undotted_abbreviation(token: str) -> bool:
    """Whether ``token`` is an abbreviation of ``data/swedish/abbreviations.tsv`` written
    without its last full stop where no word could stand: with a full stop inside (``m.m``,
    ``bl.a``, ``t.ex``) or before a colon (``tel:``).

    Example:
        >>> [_undotted_abbreviation(t) for t in ("m.m", "(bl.a", "tel:", "t.ex,")]
        [True, True, True, True]
        >>> [_undotted_abbreviation(t) for t in ("tel", "fel:", "m.m.", "nr")]
        [False, False, False, False]
    """
    bare = token.strip(_EDGE).lower()
    if not bare or bare.endswith("."):
        return False
    if "." not in bare and not (token.rstrip("”\"')»").endswith(":") and len(bare) >= 2):
        return False
    return bare + "." in abbreviations()


def _beside_number(tokens: list[str], ti: int, side: str) -> bool:
    """Whether token ``ti`` has a number on ``side`` (``after``: the number stands before it,
    ``before``: after it, ``both``): digits, perhaps with ``-./:,`` between them (``32 963``,
    ``1907/2006``, ``2013:6``) and brackets or punctuation around them.

    Example:
        >>> tokens = "om 32 963 kr, förordning (EG) nr 1907/2006 kr".split()
        >>> [_beside_number(tokens, ti, "after") for ti in (3, 7)]
        [True, False]
        >>> _beside_number(tokens, 6, "before"), _beside_number(tokens, 6, "after")
        (True, False)
        >>> _beside_number("i mål nr P 660-14).".split(), 2, "before")
        True
    """
    sides = {"after": (ti - 1,), "before": (ti + 1,), "both": (ti - 1, ti + 1)}[side]
    if any(
        0 <= j < len(tokens) and _NUMBER_NEAR.fullmatch(tokens[j].strip(_EDGE + ".")) is not None
        for j in sides
    ):
        return True
    # a case or file designation between them: mål nr P 660-14, dnr KS 2025/512
    return (
        side != "after"
        and ti + 2 < len(tokens)
        and _DESIGNATION.fullmatch(tokens[ti + 1]) is not None
        and _NUMBER_NEAR.fullmatch(tokens[ti + 2].strip(_EDGE + ".")) is not None
    )


def _code_tokens(chunks: list[str]) -> frozenset[int]:
    """The tokens of ``chunks`` (as :func:`split_whitespace` cuts a text) inside an inline code
    span as Markdown writes one: from a token with an opening backtick to the one with its
    closing backtick (a span never closed ends at a blank line, as Markdown's does), and inside
    a fenced block whose info string names a language of code (```` ```json ````, ```` ``` r
    ````: CommonMark's info string, whose first word names the block's language). A fence with
    no info string, or one naming prose (``_PROSE_FENCES``), opens a block of preformatted
    text, which may be prose (a PDF's text kept as it was laid out): commands in it are read
    token by token (:func:`_code_form`).

    Example:
        >>> text = "Kör `docker compose up -d` och\\n```text\\nstarta `Hämta`\\n```\\nklart"
        >>> chunks = split_whitespace(text)
        >>> [chunks[2 * ti] for ti in sorted(_code_tokens(chunks))]
        ['`docker', 'compose', 'up', '-d`', '`Hämta`']
        >>> chunks = split_whitespace("Se\\n``` json\\n{ 'mal': 1 }\\n```\\nmal")
        >>> [chunks[2 * ti] for ti in sorted(_code_tokens(chunks))]
        ['json', '{', "'mal':", '1', '}']
    """
    code: set[int] = set()
    inline = False
    fenced = False
    tokens = chunks[0::2]
    for ti, token in enumerate(tokens):
        if inline and ti and chunks[2 * ti - 1].count("\n") >= 2:
            inline = False  # a blank line ends a span never closed
        if token.startswith("```"):
            if fenced:
                fenced = False  # the closing fence
                continue
            info = token.strip("`")
            if not info and ti + 1 < len(tokens) and "\n" not in chunks[2 * ti + 1]:
                info = tokens[ti + 1]  # ``` r: the info string after a space
            fenced = bool(info) and info.lower() not in _PROSE_FENCES
            continue  # a fence
        if fenced or inline or "`" in token:
            code.add(ti)
            if not fenced:
                inline ^= token.count("`") % 2 == 1
    return frozenset(code)


def _file_names(tokens: list[str], extensions: frozenset[str]) -> frozenset[str]:
    """The names, in lower case, that ``tokens`` write as a file's before its extension (a
    dot and an extension of ``data/ocr/file_extensions.tsv``: ``cntlm.ini``) or as a folder of
    a web address or a path (``http://sourceforge.net/projects/cntlm/``), where they are no
    listed word's damage but the name of a program or a file; three letters or more.

    Example:
        >>> tokens = ["Kör", "(cntlm.ini),", "se", "https://x.se/projects/cntlm/", "cntlm"]
        >>> sorted(_file_names(tokens, frozenset({"ini"})))
        ['cntlm', 'projects']
    """
    names: set[str] = set()
    for token in tokens:
        if "/" in token and ("://" in token or _PATH.match(token)):
            start = token.find("://")
            host_end = token.find("/", start + 3) if start >= 0 else 0
            names.update(
                w.lower() for w in _LETTERS.findall(token[max(host_end, 0) :]) if len(w) >= 3
            )
        elif "." in token:
            for m in _EXTENSION.finditer(token):
                if m.group(1).lower() in extensions:
                    stem = _LETTERS.findall(token[: m.start()])
                    if stem and len(stem[-1]) >= 3:
                        names.add(stem[-1].lower())
    return frozenset(names)


def _item_starts(chunks: list[str]) -> frozenset[int]:
    """The tokens :func:`~.context.is_item_start` holds for, in one pass over the text: only
    the first token, one after a line break, or one after a run of list markers that follows
    either, can open an item."""
    n = (len(chunks) + 1) // 2
    if not n:
        return frozenset()
    maybe = [0]
    spaces = chunks[1::2]
    # the few distinct runs of whitespace that hold a line break, found where they stand
    for run in {ws for ws in set(spaces) if "\n" in ws}:
        at = spaces.index(run)
        while True:
            maybe.append(at + 1)
            try:
                at = spaces.index(run, at + 1)
            except ValueError:
                break
    found = set()
    for ti in maybe:
        found.add(ti)
        while ti + 1 < n and _MARKER.fullmatch(chunks[2 * ti]):
            ti += 1
            found.add(ti)
    return frozenset(ti for ti in found if is_item_start(chunks, ti))


def _case_for(slot: _Slot, text: str) -> str:
    """The case to write reading ``text`` of the slot's piece in.

    A capital ``I`` read as ``l`` was a lower-case letter (``Iokaler`` -> ``lokaler``); an
    ``l`` read as ``i`` at the start may have been a capital ``I`` (``lngår`` -> ``Ingår`` at the
    start of a sentence), so it is capitalised where a capital is expected, as a digit is.
    """
    piece = slot.piece
    if slot.lead_i and text[:1] == "l":
        return "lower"
    if piece.case == "lower" and piece.low[:1] == "l" and text[:1] == "i":
        return "lead"
    return piece.case


def _split_point(a: str, b: str, joined: str) -> int:
    """Where to cut ``joined`` (a reading of ``a + b``) so that its halves best match ``a`` and
    ``b`` (least edit distance, each half non-empty).

    Example:
        >>> _split_point("kompetensf6", "rsorjning", "kompetensförsörjning")
        11
    """
    n = len(joined)
    fwd = _prefix_distances(a, joined)
    bwd = _prefix_distances(b[::-1], joined[::-1])
    return min(range(1, n), key=lambda k: (fwd[k] + bwd[n - k], abs(k - len(a))))


def _prefix_distances(s: str, t: str) -> list[int]:
    """Edit distance between ``s`` and every prefix ``t[:k]``."""
    row = list(range(len(t) + 1))
    for i, ch in enumerate(s, start=1):
        prev, row[0] = row[0], i
        for k in range(1, len(t) + 1):
            cur = min(row[k] + 1, row[k - 1] + 1, prev + (ch != t[k - 1]))
            prev, row[k] = row[k], cur
    return row
