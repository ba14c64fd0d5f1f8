"""Swedish stop words, from a shipped data file (``data/swedish/stopwords.txt``).

The list is Snowball's Swedish stop words with the modal verbs taken out (see the file's
header): ``ska``, ``bör`` and ``kan`` say how binding a plan's measure is.

Example:
    >>> [w for w in "Vi ska stärka och utveckla samverkan med skolan".split() if not is_stopword(w)]
    ['ska', 'stärka', 'utveckla', 'samverkan', 'skolan']
"""

from __future__ import annotations

from functools import cache

from plancompare import paths

__all__ = ["STOPWORDS_PATH", "is_stopword", "stopwords"]

STOPWORDS_PATH = paths.RESOURCES / "swedish" / "stopwords.txt"


@cache
def stopwords() -> frozenset[str]:
    """The Swedish stop words (lower case).

    Example:
        >>> {"och", "att", "för"} <= stopwords(), "ska" in stopwords()
        (True, False)
    """
    with STOPWORDS_PATH.open(encoding="utf-8") as fh:
        return frozenset(
            line.strip().lower() for line in fh if line.strip() and not line.startswith("#")
        )


def is_stopword(word: str) -> bool:
    """Whether ``word`` (any case) is a Swedish stop word.

    Example:
        >>> is_stopword("Och"), is_stopword("lärare")
        (True, False)
    """
    return word.lower() in stopwords()
