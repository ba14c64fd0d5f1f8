"""The Swedish text core: the one place plancompare understands Swedish.

Tokens with spans, sentences, lemmas (modal verbs kept as verbs), stop words, compound parts,
word frequencies and action verbs. OCR repair, theme coding and the vectorizer all call this
package; nothing Swedish is implemented twice. Importing it builds nothing: the word list and
the lemma dictionary are prepared on first use.

Example:
    >>> from plancompare import swedish
    >>> [t.text for t in swedish.tokenize("Öka SKR:s stöd.")]
    ['Öka', 'SKR:s', 'stöd']
    >>> swedish.lemma("ska"), swedish.compound_parts("rekryteringssystem")
    ('ska', ('rekrytering', 'system'))
    >>> swedish.is_action_verb("Stärk"), swedish.is_stopword("och"), swedish.zipf("och") > 7
    (True, True, True)
"""

from .compounds import compound_parts, prepare_word_analyses, word_analyses
from .frequencies import zipf
from .lemmatize import analysis_store, lemma, lemmas, modal_verbs, word_lemmas
from .stoplist import is_stopword, stopwords
from .tokens import Token, sentences, tokenize
from .verbs import action_verbs, is_action_verb

__all__ = [
    "Token",
    "action_verbs",
    "analysis_store",
    "compound_parts",
    "is_action_verb",
    "is_stopword",
    "lemma",
    "lemmas",
    "modal_verbs",
    "prepare_word_analyses",
    "sentences",
    "stopwords",
    "tokenize",
    "word_analyses",
    "word_lemmas",
    "zipf",
]
