"""Repair Swedish OCR output: å/ä/ö misread, look-alike glyphs, ligatures.

Scanned plans come back from OCR with ``kompetensforsoérjningsfonden``, ``f6r``, ``ldrare``,
``&r``, ``1irande``, ``18ng``, ``s att`` and ``kornmun``. :class:`OcrRepairer` restores the
intended words with a noisy-channel model, one part per module:

* :mod:`.tokens` -- whitespace tokens, pieces, case, spans and the :class:`Change` record;
* :mod:`.channel` -- how OCR misreads letters (``data/ocr/confusions.tsv``) and the per-text
  misreading rates;
* :mod:`.lexicon` -- the word prior: wordfreq's Swedish list (:mod:`plancompare.swedish`) blended
  with the vocabulary of the clean texts the repairer is fitted on;
* :mod:`.candidates` -- readings of a damaged piece as a known word or compound;
* :mod:`.skeletons` -- the word list indexed by what the cheap readings cannot tell apart
  (``bar``/``bär``/``bör``), prepared once and cached on disk: a piece's cheap readings as
  whole words are one look-up;
* :mod:`.context` -- function words, list-item position, English runs and bigrams;
* :mod:`.repairer` -- the estimator that puts them together;
* :mod:`.damage` and :mod:`.evaluation` -- synthetic damage (the repairer's own channel, and an
  independent evaluation channel with word-boundary noise) and scoring.

The module-level functions use a repairer fitted on wordfreq's list alone
(:func:`default_repairer`); :func:`plancompare.load` fits one on the clean plans of the data
directory it loads.

Example:
    >>> repair_ocr("Vi &r pa vag mot ett stod f6r ldrare och kornmunens b&ttre skolor.")
    'Vi är på väg mot ett stöd för lärare och kommunens bättre skolor.'
"""

from __future__ import annotations

from functools import lru_cache

from .channel import CONFUSIONS_PATH, Confusion, load_confusions
from .context import FUNCTION_WORDS_PATH, load_function_words
from .damage import EVALUATION_CHANNEL_PATH, Damaged, damage, load_print_channel, print_damage
from .evaluation import evaluate, printed_text, score
from .lexicon import Lexicon
from .repairer import NotFittedError, OcrRepairer
from .tokens import Change, TokenSpan, apply_changes, map_offset

__all__ = [
    "CONFUSIONS_PATH",
    "EVALUATION_CHANNEL_PATH",
    "FUNCTION_WORDS_PATH",
    "Change",
    "Confusion",
    "Damaged",
    "Lexicon",
    "NotFittedError",
    "OcrRepairer",
    "TokenSpan",
    "apply_changes",
    "damage",
    "default_repairer",
    "evaluate",
    "load_confusions",
    "load_function_words",
    "load_print_channel",
    "map_offset",
    "print_damage",
    "printed_text",
    "repair_changes",
    "repair_ocr",
    "repair_with_spans",
    "score",
]


@lru_cache(maxsize=1)
def default_repairer() -> OcrRepairer:
    """The shared repairer: default parameters, fitted on wordfreq's Swedish list alone.

    Example:
        >>> default_repairer() is default_repairer()
        True
    """
    return OcrRepairer().fit([])


def repair_ocr(text: str) -> str:
    """Restore letters misread by OCR; every other character and all whitespace are kept.

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
