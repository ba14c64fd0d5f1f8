"""What a user would otherwise pick to repair Swedish OCR: symspellpy and hunspell, as peers.

Both are used the way their documentation suggests for spelling correction, token by token:
a whitespace token's word (edge punctuation kept aside, hyphenated parts one by one) is left
alone when the checker knows it, and otherwise replaced by the checker's first suggestion, with
the token's case (lower, Title, UPPER) put back. Token count and whitespace are kept, so the
peers are scored exactly like plancompare's repairer.

* **symspellpy** (``pip install symspellpy``) with a Swedish frequency dictionary built from
  wordfreq's large Swedish list (the same word list plancompare uses), maximum edit distance 2,
  ``Verbosity.TOP``.
* **hunspell** (the C library through the ``hunspell`` binding: ``apt-get install hunspell-sv
  libhunspell-dev`` then ``pip install hunspell``; conda: ``hunspell`` from conda-forge) with the
  Swedish dictionary of the Debian package ``hunspell-sv`` (``/usr/share/hunspell/sv_SE``).

Benchmark-only: ``pip install -e '.[bench]'`` installs both Python packages; :func:`missing`
says what is not installed.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

HUNSPELL_DICT = Path("/usr/share/hunspell/sv_SE")
_WS = re.compile(r"(\s+)")
_CORE = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)
_LETTER = re.compile(r"[^\W\d_]")


def missing() -> dict[str, str]:
    """Peers that cannot run here, each with what to install.

    Example:
        >>> isinstance(missing(), dict)
        True
    """
    out = {}
    if importlib.util.find_spec("symspellpy") is None:
        out["symspellpy"] = "pip install -e '.[bench]'   (or: pip install symspellpy)"
    if importlib.util.find_spec("hunspell") is None:
        out["hunspell"] = (
            "apt-get install hunspell-sv libhunspell-dev && pip install -e '.[bench]'"
            "   (or: pip install hunspell)"
        )
    elif not HUNSPELL_DICT.with_suffix(".dic").is_file():
        out["hunspell"] = "apt-get install hunspell-sv   (Swedish dictionary for hunspell)"
    return out


def _recase(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class TokenCorrector:
    """Token-by-token correction with a checker's ``known`` and ``suggest`` (cached per word)."""

    name = "peer"

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def known(self, word: str) -> bool:
        raise NotImplementedError

    def suggest(self, word: str) -> str | None:
        raise NotImplementedError

    def _word(self, word: str) -> str:
        if not _LETTER.search(word) or word.isdigit():
            return word
        hit = self._cache.get(word)
        if hit is None:
            hit = word
            if not self.known(word) and not self.known(word.lower()):
                suggestion = self.suggest(word.lower())
                if suggestion and not _WS.search(suggestion):
                    hit = _recase(suggestion, word)
            self._cache[word] = hit
        return hit

    def _token(self, token: str) -> str:
        lead, core, tail = _CORE.match(token).groups()  # type: ignore[union-attr]
        if not core:
            return token
        return lead + "-".join(self._word(part) for part in core.split("-")) + tail

    def repair(self, text: str) -> str:
        chunks = _WS.split(text)
        chunks[0::2] = [self._token(t) if t else t for t in chunks[0::2]]
        return "".join(chunks)


class SymSpellPeer(TokenCorrector):
    """symspellpy, dictionary = wordfreq's large Swedish list (alphabetic words, counts)."""

    name = "symspellpy"

    def __init__(self, max_edit_distance: int = 2) -> None:
        super().__init__()
        import wordfreq
        from symspellpy import SymSpell, Verbosity

        self._verbosity = Verbosity.TOP
        self._distance = max_edit_distance
        self._sym = SymSpell(max_dictionary_edit_distance=max_edit_distance, prefix_length=7)
        freqs = wordfreq.get_frequency_dict("sv", wordlist="large")
        self._words = {w for w in freqs if w.isalpha()}
        for word in self._words:
            self._sym.create_dictionary_entry(word, max(1, int(freqs[word] * 1e9)))

    def known(self, word: str) -> bool:
        return word in self._words

    def suggest(self, word: str) -> str | None:
        found = self._sym.lookup(word, self._verbosity, max_edit_distance=self._distance)
        return found[0].term if found else None


class HunspellPeer(TokenCorrector):
    """hunspell (C library) with Debian's Swedish dictionary (``hunspell-sv``)."""

    name = "hunspell"

    def __init__(self, dictionary: Path = HUNSPELL_DICT) -> None:
        super().__init__()
        import hunspell

        self._h = hunspell.HunSpell(
            str(dictionary.with_suffix(".dic")), str(dictionary.with_suffix(".aff"))
        )

    def known(self, word: str) -> bool:
        return bool(self._h.spell(word))

    def suggest(self, word: str) -> str | None:
        found = self._h.suggest(word)
        return found[0] if found else None
