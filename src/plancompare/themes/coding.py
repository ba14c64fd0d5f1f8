"""Theme coding: find every codebook pattern in the units' text, with its evidence.

The work is done once per *distinct* word, not per unit: the units are tokenized
(:func:`plancompare.swedish.tokenize`), each distinct word is analysed once (lemma and
compound parts from :mod:`plancompare.swedish`, cached across calls), each pattern word is
resolved to the set of distinct words it matches through sorted indexes, and the hits are
then found for all units at once with numpy over the token stream.

How a pattern word matches a text word (case-insensitive):

* ``word`` -- the text word's form or lemma equals the pattern word's form or lemma; or
  (scope ``text``) the pattern word's compound parts occur, in order, among the text word's
  parts (``lön`` in ``lönestrategi``); or (scope ``text``) a part of the text word *ends*
  with the pattern word after a word of its own (``lön`` in ``ingångslön``, after
  ``ingång`` + linking ``s``: Swedish compounds are right-headed, so this catches compounds
  the splitter keeps whole -- but not ``anställa`` in ``sammanställa``);
* ``prefix*`` -- the form, lemma or a compound part starts with the prefix;
* ``=form`` -- the form (or one part of a hyphenated word) is exactly this;
* ``re:…`` -- the regular expression matches the whole form (or one hyphenated part).

Example:
    >>> import pandas as pd
    >>> units = pd.DataFrame({"unit_id": ["u1"], "plan_id": ["p"],
    ...     "text": ["Ta fram en lönestrategi, inte en lönsam plan."]})
    >>> codes = code_themes(units)
    >>> codes.loc[codes.theme == "lon", ["evidence", "start", "end"]].values.tolist()
    [['lönestrategi', 11, 23]]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import swedish
from ..errors import PlanError
from ..summary import isin_strings, parent_rows, sorted_distinct
from ..swedish.tokens import word_bounds
from .codebook import ON_TOPIC, Atom, Pattern, load_codebook, parse_pattern, split_patterns

CODE_COLUMNS = (
    "unit_id",
    "plan_id",
    "framework",
    "theme",
    "pattern",
    "evidence",
    "start",
    "end",
    "evidence_unit",
)
"""Columns of :func:`code_themes`: ``evidence`` is ``text[start:end]`` of the unit
``evidence_unit`` (the unit itself, or an enclosing measure whose themes it inherits)."""

_MIN_HEAD_PREFIX = 3  # letters before a pattern word for it to count as a compound's head
_MIN_MODIFIER_ZIPF = 2.5  # ... and those letters must be a word this common (wordfreq zipf)


@dataclass(frozen=True)
class _Theme:
    framework: str
    theme: str
    scope: str
    patterns: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...]


_PARTS: dict[str, tuple[str, ...]] = {}  # compound parts per lower-case word, across calls
_PARTS_LIMIT = 1_000_000  # words remembered per process


def _parts(words: Sequence[str]) -> list[tuple[str, ...]]:
    """Compound parts (lemmas) of each lower-case word, hyphenated parts concatenated; the
    store of word analyses searched once for the words not met before in this process."""
    segments = {
        w: [seg for seg in w.split("-") if seg] or [w]
        for w in dict.fromkeys(words)
        if w not in _PARTS
    }
    pieces = list(dict.fromkeys(seg for segs in segments.values() for seg in segs))
    analysed = dict(zip(pieces, swedish.word_analyses(pieces), strict=True))
    found = {w: tuple(p for seg in segs for p in analysed[seg][1]) for w, segs in segments.items()}
    if len(_PARTS) + len(found) <= _PARTS_LIMIT:
        _PARTS.update(found)
    return [found[w] if w in found else _PARTS[w] for w in words]


class _Postings:
    """An inverted index: each string -> the distinct words (numbers, ascending) it marks.

    Built from parallel arrays (a string, a word number) with numpy: the pairs are coded as
    one integer, made unique and sorted, so each string's words are one slice.

    Example:
        >>> index = _Postings(np.array(["lön", "löner", "lön", "lön"], dtype=object),
        ...                   np.array([2, 0, 0, 2]), 3)
        >>> index.get("lön").tolist(), index.get("vfu").tolist(), sorted(index.strings)
        ([0, 2], [], ['lön', 'löner'])
    """

    def __init__(self, strings: np.ndarray, words: np.ndarray, n_words: int):
        codes, uniques = pd.factorize(strings)
        pairs = sorted_distinct(codes.astype(np.int64) * max(n_words, 1) + words)
        self._words = pairs % max(n_words, 1)
        self._bounds = np.searchsorted(pairs // max(n_words, 1), np.arange(len(uniques) + 1))
        self.strings: list[str] = list(uniques)
        self._number = dict(zip(self.strings, range(len(self.strings)), strict=True))

    def get(self, string: str) -> np.ndarray:
        """The words ``string`` marks (an empty array for none)."""
        i = self._number.get(string)
        if i is None:
            return self._words[:0]
        return self._words[self._bounds[i] : self._bounds[i + 1]]


def _stems(themes: list[_Theme]) -> tuple[str, ...]:
    """The strings that mark the words whose compound parts a pattern could match.

    A compound part equal to (or ending with, or starting with) a pattern word is looked
    for only in words that contain the pattern word less its last two letters (``lö`` of
    ``lön``, kept at three letters at least), so the costly compound analysis runs on few
    of a large corpus's distinct words.
    """
    stems: set[str] = set()
    for theme in themes:
        if theme.scope == "lead":
            continue
        for pattern in (*theme.patterns, *theme.exclude):
            for atom in pattern.atoms:
                if atom.kind == "prefix":
                    stems.add(atom.text)
                elif atom.kind == "word":
                    for form in {atom.text, swedish.lemma(atom.text)}:
                        stems.add(form[: max(3, len(form) - 2)])
    return tuple(sorted(stems))


def _themes(book: pd.DataFrame) -> list[_Theme]:
    return [
        _Theme(
            row.framework,
            row.theme,
            row.scope,
            tuple(parse_pattern(p) for p in split_patterns(row.patterns)),
            tuple(parse_pattern(p) for p in split_patterns(row.exclude)),
        )
        for row in book.itertuples(index=False)
    ]


class _Index:
    """The token stream of many texts and sorted indexes over its distinct words."""

    def __init__(self, texts: Sequence[str], stems: Sequence[str]):
        self.tok, self.unit, self.start, self.end, self.vocab = _tokens(texts)
        n = len(self.vocab)
        # token positions of each distinct word, ascending (postings: word -> its tokens)
        self._postings = np.argsort(self.tok, kind="stable")
        self._post_start = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.tok, minlength=n), out=self._post_start[1:])
        self.lower = [w.lower() for w in self.vocab]
        # a word's forms: its lower-case form and, if hyphenated, each part between hyphens
        form_of, form_word = _with_hyphen_parts(self.lower)
        # written forms and their hyphenated parts, for regular expressions
        self._surface, self._surface_word = _with_hyphen_parts(self.vocab)
        # keys, what a whole-word pattern compares: the forms and their lemmas
        codes, distinct = pd.factorize(form_of)
        lemmas = np.asarray(swedish.word_lemmas(list(distinct)), dtype=object)[codes]
        key_of = np.concatenate([form_of, lemmas])
        self._by_form = _Postings(form_of, form_word, n)
        self._by_key = _Postings(key_of, np.concatenate([form_word, form_word]), n)
        # compound parts of the words that could hold a pattern's part (see _stems)
        wanted = np.flatnonzero(_containing(stems, self.lower))
        parts = _parts([self.lower[i] for i in wanted])
        self.parts = dict(zip(wanted.tolist(), parts, strict=True))
        swedish.analysis_store().save()
        sizes = np.fromiter(map(len, self.parts.values()), np.int64, len(self.parts))
        part_of = np.asarray([p for parts in self.parts.values() for p in parts], dtype=object)
        self._by_part = _Postings(part_of, np.repeat(wanted, sizes), n)
        self._sorted = sorted(set(self._by_key.strings) | set(self._by_part.strings))
        self._reversed = sorted(s[::-1] for s in self._by_part.strings)
        self._masks: dict[tuple[Atom, bool], np.ndarray] = {}

    def mask(self, atom: Atom, whole_word: bool) -> np.ndarray:
        """Boolean array over distinct words: which ones ``atom`` matches (cached)."""
        cached = self._masks.get((atom, whole_word))
        if cached is None:
            cached = np.zeros(len(self.vocab), dtype=bool)
            hits = self._matching(atom, whole_word)
            if len(hits):
                cached[hits] = True
            self._masks[(atom, whole_word)] = cached
        return cached

    def _matching(self, atom: Atom, whole_word: bool) -> np.ndarray:
        """The distinct words ``atom`` matches (numbers, in any order, maybe repeated)."""
        if atom.kind == "exact":
            return self._by_form.get(atom.text)
        if atom.kind == "regex":
            rx = _compiled(atom.text)
            hit = [rx.fullmatch(s) is not None for s in self._surface]
            return self._surface_word[np.asarray(hit, dtype=bool)]
        if atom.kind == "prefix":
            lo = bisect.bisect_left(self._sorted, atom.text)
            hi = bisect.bisect_left(self._sorted, atom.text + "\U0010ffff")
            indexes = (self._by_key,) if whole_word else (self._by_key, self._by_part)
            return _joined([ix.get(s) for s in self._sorted[lo:hi] for ix in indexes])
        return self._word_matches(atom.text, whole_word)

    def _word_matches(self, word: str, whole_word: bool) -> np.ndarray:
        lemma = swedish.lemma(word)
        found = [self._by_key.get(word), self._by_key.get(lemma)]
        if whole_word:
            return _joined(found)
        parts = tuple(p for s in word.split("-") if s for p in swedish.compound_parts(s))
        if len(parts) == 1:
            found.append(self._by_part.get(parts[0]))
        elif parts:
            first = self._by_part.get(parts[0])
            found.append(first[[_contains(self.parts[int(i)], parts) for i in first]])
        for head in {word, lemma}:
            lo = bisect.bisect_left(self._reversed, head[::-1])
            hi = bisect.bisect_left(self._reversed, head[::-1] + "\U0010ffff")
            for rev in self._reversed[lo:hi]:
                if _is_modifier(rev[len(head) :][::-1]):
                    found.append(self._by_part.get(rev[::-1]))
        return _joined(found)

    def find(self, pattern: Pattern, whole_word: bool) -> tuple[np.ndarray, np.ndarray]:
        """Token positions where ``pattern`` starts and ends (inclusive), all texts at once."""
        masks = [self.mask(a, whole_word) for a in pattern.atoms]
        n = len(self.tok)
        first = self._positions(masks[0])
        for k, mask in enumerate(masks[1:], start=1):
            nxt = first + k
            keep = nxt < n
            first, nxt = first[keep], nxt[keep]
            keep = (self.unit[nxt] == self.unit[first]) & mask[self.tok[nxt]]
            first = first[keep]
        return first, first + len(masks) - 1

    def _positions(self, mask: np.ndarray) -> np.ndarray:
        """The token positions, ascending, of the distinct words ``mask`` marks.

        Read from the postings, so the cost grows with the tokens found, not with the text.
        """
        ids = np.flatnonzero(mask)
        lo, hi = self._post_start[ids], self._post_start[ids + 1]
        sizes = hi - lo
        total = int(sizes.sum())
        # postings of the chosen words laid end to end: lo[j], lo[j] + 1, ..., hi[j] - 1
        shift = np.repeat(lo - (np.cumsum(sizes) - sizes), sizes)
        return np.sort(self._postings[shift + np.arange(total, dtype=np.int64)])


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)


def _with_hyphen_parts(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each word and, for a hyphenated one, its non-empty parts: (strings, word numbers).

    Example:
        >>> strings, numbers = _with_hyphen_parts(["VFU-samordning", "lön", "-a-"])
        >>> strings.tolist(), numbers.tolist()
        (['VFU-samordning', 'lön', '-a-', 'VFU', 'samordning', 'a'], [0, 1, 2, 0, 0, 2])
    """
    hyphenated = [(i, w) for i, w in enumerate(words) if "-" in w]
    pieces = [(i, p) for i, w in hyphenated for p in w.split("-") if p]
    strings = np.asarray([*words, *(p for _, p in pieces)], dtype=object)
    numbers = np.concatenate(
        [np.arange(len(words), dtype=np.int64), np.fromiter((i for i, _ in pieces), np.int64)]
    )
    return strings, numbers


_REGEX_CACHE: dict[str, re.Pattern] = {}


def _compiled(expr: str) -> re.Pattern:
    rx = _REGEX_CACHE.get(expr)
    if rx is None:
        rx = _REGEX_CACHE[expr] = re.compile(expr)
    return rx


def _containing(stems: Sequence[str], words: Sequence[str]) -> np.ndarray:
    """Which ``words`` contain one of the strings ``stems``.

    One pass over the words with an alternation of the stems, matched by Arrow's RE2 (an
    automaton: its time grows with the words' length, not with the number of stems; a
    substring of UTF-8 bytes is a substring of characters).

    Example:
        >>> _containing(("lö", "e-tj"), ["lön", "e-tjänst", "plan", "ingångslön"]).tolist()
        [True, True, False, True]
    """
    if not words or not stems:
        return np.zeros(len(words), dtype=bool)
    pattern = "|".join(_literal(stem) for stem in stems)
    found = pc.match_substring_regex(pa.array(words, pa.large_string()), pattern)
    return found.to_numpy(zero_copy_only=False)


def _literal(text: str) -> str:
    r"""``text`` as an RE2 pattern that matches it literally (non-alphanumerics as \x{..}).

    Example:
        >>> _literal("e-tjä")
        'e\\x{2d}tjä'
    """
    return "".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in text)


_CHUNK = 1 << 22  # characters tokenized at once: bounds the pieces held in memory


def _tokens(
    texts: Sequence[str],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The tokens of all ``texts`` as arrays: word number, text, start, end; and the words.

    Exactly the tokens of :func:`plancompare.swedish.tokenize` on each text, in order; the
    distinct words are numbered in order of first appearance. Texts are joined by newlines
    (never part of a word) a few MB at a time and their words found as spans
    (:func:`plancompare.swedish.tokens.word_bounds`); the words' UTF-8 bytes are gathered
    into one Arrow string array, whose dictionary encoding numbers the distinct words in
    order of first appearance. No Python string is made per token, only one per distinct
    word.

    Example:
        >>> tok, unit, start, end, words = _tokens(["Öka SKR:s stöd", "", "öka"])
        >>> tok.tolist(), unit.tolist(), start.tolist(), end.tolist(), words
        ([0, 1, 2, 3], [0, 0, 0, 2], [0, 4, 10, 0], [3, 9, 14, 3], ['Öka', 'SKR:s', 'stöd', 'öka'])
    """
    out: list[tuple[np.ndarray, ...]] = []
    lo = 0
    while lo < len(texts):
        hi, size = lo, 0
        while hi < len(texts) and (size < _CHUNK or hi == lo):
            size += len(texts[hi]) + 1
            hi += 1
        chunk = texts[lo:hi]
        firsts = np.zeros(len(chunk), dtype=np.int64)  # where each text starts in the chunk
        lengths = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
        firsts[1:] = np.cumsum(lengths[:-1] + 1)
        joined = "\n".join(chunk)
        starts, ends = word_bounds(joined)
        data, sizes = _word_bytes(joined, starts, ends)
        unit = np.searchsorted(firsts, starts, side="right") - 1
        start = starts - firsts[unit]
        out.append((data, sizes, unit + lo, start, ends - firsts[unit]))
        lo = hi
    if not out:
        return (*(np.zeros(0, dtype=np.int64) for _ in range(4)), [])
    data, sizes, unit, start, end = (np.concatenate(column) for column in zip(*out, strict=True))
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    words = pa.LargeStringArray.from_buffers(len(sizes), pa.py_buffer(offsets), pa.py_buffer(data))
    encoded = pc.dictionary_encode(words)
    tok = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return tok, unit, start, end, encoded.dictionary.to_pylist()


def _word_bytes(text: str, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The UTF-8 bytes of the words ``text[starts[i]:ends[i]]`` laid end to end, and each
    word's number of bytes.

    Example:
        >>> data, sizes = _word_bytes("Öka stöd", np.array([0, 4]), np.array([3, 8]))
        >>> bytes(data).decode(), sizes.tolist()
        ('Ökastöd', [4, 5])
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    width = 1 + (codes >= 0x80).view(np.uint8) + (codes >= 0x800) + (codes >= 0x10000)
    before = np.zeros(len(codes) + 1, dtype=np.int64)  # bytes before each character
    np.cumsum(width, out=before[1:])
    first, last = before[starts], before[ends]
    inside = np.zeros(before[-1] + 1, dtype=np.int8)  # +1 at a word's first byte, -1 past it
    inside[first] = 1  # words never touch: a start is never another word's end
    inside[last] = -1
    utf8 = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    return utf8[np.cumsum(inside[:-1], dtype=np.int8).view(bool)], last - first


def _is_modifier(prefix: str) -> bool:
    """Whether ``prefix`` (before a compound's head) is a word, with a linking s or e.

    ``ingångs`` (ingång + s) is; ``samm`` (of ``sammanställa`` read as samm + anställa) is not.
    """
    if len(prefix) < _MIN_HEAD_PREFIX:
        return False
    stems = [prefix] + [prefix[:-1] for link in "se" if prefix.endswith(link)]
    return any(len(s) >= _MIN_HEAD_PREFIX and swedish.zipf(s) >= _MIN_MODIFIER_ZIPF for s in stems)


def _contains(parts: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    k = len(sub)
    return any(parts[i : i + k] == sub for i in range(len(parts) - k + 1))


def resolve_codebook(
    codebook: pd.DataFrame | str | Path | None, frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A codebook given as a DataFrame, a path, or ``None``: the codebook of the data
    directory ``frame`` was loaded from (``frame.attrs["data_dir"]``, see
    :func:`~plancompare.paths.codebook_path`), else the default one.

    Example:
        >>> resolve_codebook(None).attrs["path"].name
        'codebook.csv'
    """
    if codebook is None:
        data_dir = frame.attrs.get("data_dir") if frame is not None else None
        return load_codebook(data_dir=data_dir)
    if isinstance(codebook, str | Path):
        return load_codebook(codebook)
    return codebook


def code_themes(
    frame: pd.DataFrame,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    inherit: bool = True,
) -> pd.DataFrame:
    """Code every unit of ``frame`` with the codebook's themes; one row per hit.

    A hit is one occurrence of one of a theme's patterns in a unit's ``text`` that no
    ``exclude`` pattern of the theme overlaps; ``evidence`` is the matched words exactly as
    written, ``text[start:end]``. For a framework of scope ``lead`` (the stage of a
    measure) only the first hit in a unit is kept. With ``inherit`` (the default) and a
    ``parent`` column, a unit also carries the hits of the measures that enclose it (a step
    of an uppdrag concerns what its uppdrag concerns): those rows have the enclosing unit as
    ``evidence_unit`` and offsets into *its* text; scope-``lead`` frameworks are never
    inherited. Parents are looked up in ``frame``, so code the whole frame and select
    afterwards. Rows are sorted by the frame's order, then by position.

    ``codebook`` is a DataFrame from :func:`load_codebook`, a path, or ``None`` for the
    codebook of the data directory the frame was loaded from (``DATA/codebook.csv`` when it
    exists, else the shipped one: :func:`~plancompare.paths.codebook_path`).

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> codes = code_themes(frame)
        >>> vfu = frame.loc[frame.text.str.contains("VFU-samordning"), "unit_id"].iloc[0]
        >>> hits = codes[(codes.unit_id == vfu) & (codes.theme == "larosaten_vfu")]
        >>> hits.evidence.tolist(), (hits.evidence_unit == vfu).tolist()
        (['VFU', 'VFU-samordning', 'lärarstudenter'], [False, True, True])
    """
    book = resolve_codebook(codebook, frame)
    themes = _themes(book)
    texts = frame["text"].astype(str).tolist()
    index = _Index(texts, _stems(themes))
    pieces = [_theme_hits(index, t, k) for k, t in enumerate(themes)]
    hits = pd.concat(pieces, ignore_index=True) if pieces else _empty_hits()
    hits = _keep_first_lead(hits, themes)
    hits["evidence_row"] = hits["row"]
    if inherit and "parent" in frame.columns:
        hits = _inherit(hits, frame, themes)
    return _assemble(hits, frame, themes, texts)


def _empty_hits() -> pd.DataFrame:
    return pd.DataFrame({c: np.zeros(0, dtype=np.int64) for c in ("row", "start", "end", "k")})


def _theme_hits(index: _Index, theme: _Theme, k: int) -> pd.DataFrame:
    whole_word = theme.scope == "lead"
    rows, starts, ends, pats = [], [], [], []
    for p, pattern in enumerate(theme.patterns):
        a, b = index.find(pattern, whole_word)
        rows.append(index.unit[a])
        starts.append(index.start[a])
        ends.append(index.end[b])
        pats.append(np.full(len(a), p, dtype=np.int64))
    found = pd.DataFrame(
        {
            "row": np.concatenate(rows),
            "start": np.concatenate(starts),
            "end": np.concatenate(ends),
            "p": np.concatenate(pats),
        }
    )
    found = found.drop_duplicates(["row", "start", "end"])  # two patterns, same words
    if theme.exclude and len(found):
        found = found[~_excluded(index, theme.exclude, whole_word, found)]
    found["k"] = k
    return found


def _excluded(
    index: _Index, exclude: tuple[Pattern, ...], whole_word: bool, found: pd.DataFrame
) -> np.ndarray:
    """Which hits overlap a span an exclude pattern matches in the same unit."""
    spans = []
    for pattern in exclude:
        a, b = index.find(pattern, whole_word)
        spans.append(
            pd.DataFrame({"row": index.unit[a], "x_start": index.start[a], "x_end": index.end[b]})
        )
    spans_df = pd.concat(spans, ignore_index=True)
    if spans_df.empty:
        return np.zeros(len(found), dtype=bool)
    pairs = found.reset_index().merge(spans_df, on="row")
    overlap = pairs[(pairs["start"] < pairs["x_end"]) & (pairs["x_start"] < pairs["end"])]["index"]
    return np.asarray(found.index.isin(overlap))


def _keep_first_lead(hits: pd.DataFrame, themes: list[_Theme]) -> pd.DataFrame:
    """For scope-``lead`` frameworks keep only the earliest hit per unit and framework."""
    lead = {k for k, t in enumerate(themes) if t.scope == "lead"}
    if not lead or hits.empty:
        return hits
    framework = np.array([t.framework for t in themes], dtype=object)
    is_lead = hits["k"].isin(lead)
    first = (
        hits[is_lead]
        .assign(fw=lambda d: framework[d["k"].to_numpy()])
        .sort_values(["row", "fw", "start", "k"], kind="mergesort")
        .drop_duplicates(["row", "fw"])
        .drop(columns="fw")
    )
    return pd.concat([hits[~is_lead], first], ignore_index=True)


def _inherit(hits: pd.DataFrame, frame: pd.DataFrame, themes: list[_Theme]) -> pd.DataFrame:
    """Add, for each unit, the (non-lead) hits of every enclosing unit found in ``frame``."""
    inheritable = hits[~hits["k"].isin([k for k, t in enumerate(themes) if t.scope == "lead"])]
    links = _ancestors(frame)
    if links.empty:
        return hits
    inherited = inheritable.drop(columns="evidence_row").merge(
        links, left_on="row", right_on="evidence_row"
    )
    inherited = inherited.drop(columns="row").rename(columns={"child": "row"})
    return pd.concat([hits, inherited], ignore_index=True)


def _ancestors(frame: pd.DataFrame) -> pd.DataFrame:
    """Each row (``child``) with every enclosing row (``evidence_row``), nearest first.

    The chains of ``parent`` ids are followed one level at a time for all rows at once; a
    chain stops at a parent not in ``frame`` or at one it has passed already (a cycle).

    Example:
        >>> units = pd.DataFrame({"unit_id": list("abcd"), "parent": ["", "a", "b", "x"]})
        >>> _ancestors(units).values.tolist()
        [[1, 0], [2, 1], [2, 0]]
    """
    parent_row = parent_rows(frame)
    child = np.flatnonzero(parent_row >= 0)
    passed = [parent_row[child]]  # each chain's ancestors so far, one array per level
    children, ancestors = [], []
    while len(child):
        children.append(child)
        ancestors.append(passed[-1])
        nxt = parent_row[passed[-1]]
        alive = nxt >= 0
        for before in passed:
            alive &= nxt != before
        child = child[alive]
        passed = [before[alive] for before in passed] + [nxt[alive]]
    if not children:
        return pd.DataFrame({"child": [], "evidence_row": []}, dtype=np.int64)
    level = np.repeat(np.arange(len(children)), [len(c) for c in children])
    child, ancestor = np.concatenate(children), np.concatenate(ancestors)
    order = np.lexsort((level, child))  # by row, then nearest first
    return pd.DataFrame({"child": child[order], "evidence_row": ancestor[order]})


def _assemble(
    hits: pd.DataFrame, frame: pd.DataFrame, themes: list[_Theme], texts: list[str]
) -> pd.DataFrame:
    """The codes table: string columns taken from small arrays by row and theme numbers.

    Each string column is an Arrow ``take`` from the frame's ids and plans or from one entry
    per theme or pattern, not a Python object per hit.
    """
    hits = hits.sort_values(
        ["row", "evidence_row", "start", "end", "k"], kind="mergesort"
    ).reset_index(drop=True)
    row, ev_row = hits["row"].to_numpy(), hits["evidence_row"].to_numpy()
    k, starts, ends = hits["k"].to_numpy(), hits["start"].to_numpy(), hits["end"].to_numpy()
    ids = frame["unit_id"].astype("str").array
    plans = pd.Categorical(frame["plan_id"].astype("str"))
    first_pattern = np.cumsum([0] + [len(t.patterns) for t in themes])
    patterns = [p.source for t in themes for p in t.patterns]
    codes = pd.DataFrame(
        {
            "unit_id": ids.take(row),
            "plan_id": _strings(plans.categories).take(plans.codes[row], allow_fill=True),
            "framework": _strings([t.framework for t in themes]).take(k),
            "theme": _strings([t.theme for t in themes]).take(k),
            "pattern": _strings(patterns).take(first_pattern[k] + hits["p"].to_numpy()),
            "evidence": [texts[r][s:e] for r, s, e in zip(ev_row, starts, ends, strict=True)],
            "start": starts,
            "end": ends,
            "evidence_unit": ids.take(ev_row),
        },
        columns=list(CODE_COLUMNS),
    )
    return codes.astype({"evidence": "str"})


def _strings(values: Sequence[str]) -> pd.api.extensions.ExtensionArray:
    return pd.array(list(values), dtype="str")


def on_topic(
    frame: pd.DataFrame,
    codebook: pd.DataFrame | str | Path | None = None,
    *,
    codes: pd.DataFrame | None = None,
    inherit: bool = True,
) -> pd.Series:
    """Whether each unit concerns competence supply / employer attractiveness at all.

    True when a pattern of the codebook's ``on_topic`` framework hits the unit (or, with
    ``inherit``, a measure enclosing it). Indexed like ``frame``. Pass ``codes`` from
    :func:`code_themes` to avoid coding twice.

    Example:
        >>> from plancompare import load
        >>> frame = load()
        >>> flag = on_topic(frame)
        >>> premises = frame.text.str.startswith("Ta fram en plan för strategisk lokalplanering")
        >>> bool(flag[premises].iloc[0])
        False
    """
    book = resolve_codebook(codebook, frame)
    if ON_TOPIC not in set(book["framework"]):
        where = book.attrs.get("path", "codebook")
        raise PlanError(f"the codebook has no '{ON_TOPIC}' framework", file=where)
    if codes is None:
        codes = code_themes(frame, book, inherit=inherit)
    hit = codes.loc[codes["framework"] == ON_TOPIC, "unit_id"].unique()
    flag = isin_strings(frame["unit_id"].astype(str), hit)
    return pd.Series(flag, index=frame.index, name="on_topic")
