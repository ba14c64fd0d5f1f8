"""Synthetic damage: clean Swedish text made to look like OCR output, for measuring repair.

Two channels, kept apart on purpose:

* :func:`damage` uses the repairer's *own* confusion model (``data/ocr/confusions.tsv``) on
  å/ä/ö -- useful for tests of the machinery, but in-sample for the channel by construction;
* :func:`print_damage` uses an *independent* model of OCR output from Swedish print
  (``data/ocr/evaluation_channel.tsv``: its own inventory and weights, with sources), adds
  glyph confusions and word-boundary noise -- words run together, words broken by a space,
  line-end hyphenation -- and so no longer keeps the reference's tokens one for one. Beside the
  damaged text it returns the *target*: the reference with only the boundary noise applied,
  which is what a perfect repair reads, token for token (the repairer keeps tokens and
  whitespace by contract). :func:`plancompare.ocr.evaluation.score` compares a repair with it.

Example:
    >>> d = print_damage("Vi ska stärka lärarnas möjligheter.", rate=1.0, seed=3)
    >>> d.text != d.reference and len(d.text.split()) == len(d.target.split())
    True
    >>> damage("Så här gör vi.", rate=0.0)
    'Så här gör vi.'
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plancompare import paths

from .channel import Confusion, load_confusions

__all__ = [
    "EVALUATION_CHANNEL_PATH",
    "Damaged",
    "PrintChannel",
    "damage",
    "load_print_channel",
    "print_damage",
]

EVALUATION_CHANNEL_PATH = paths.RESOURCES / "ocr" / "evaluation_channel.tsv"
_DIACRITICS = "åäö"
_WS = re.compile(r"(\s+)")


def damage(
    text: str,
    rate: float = 1.0,
    seed: int = 0,
    confusions: Sequence[Confusion] | None = None,
) -> str:
    """Misread each å/ä/ö with probability ``rate``, with readings from the repairer's own model.

    Seeded and deterministic; only diacritic readings are used, so tokens stay one for one.
    Upper-case letters get upper-case readings where the reading has letters (``Ö`` → ``O``).
    Multi-letter readings such as ``1i`` for ``lä`` are used only where the neighbouring letters
    match. In-sample for the repairer's channel: use :func:`print_damage` to measure it.

    Example:
        >>> damage("Så här gör vi.", rate=1.0, seed=1) != "Så här gör vi."
        True
    """
    model = tuple(confusions) if confusions is not None else load_confusions()
    by_letter: dict[str, list[Confusion]] = {}
    for c in model:
        if c.kind == "diacritic":
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


@dataclass(frozen=True)
class PrintChannel:
    """The evaluation channel: readings of å/ä/ö, glyph confusions and boundary noise.

    ``diacritic[letter]`` lists ``(observed, weight)`` (weights sum to 1 per letter);
    ``glyph`` lists ``(intended, observed, probability at rate 1)``; ``boundary`` maps
    ``space_lost``/``space_added``/``hyphenation`` to a probability per site at rate 1.

    Example:
        >>> ch = load_print_channel()
        >>> round(sum(w for _, w in ch.diacritic["ä"]), 6), ("rn", "m") in [g[:2] for g in ch.glyph]
        (1.0, True)
    """

    diacritic: dict[str, tuple[tuple[str, float], ...]]
    glyph: tuple[tuple[str, str, float], ...]
    boundary: dict[str, float]


def load_print_channel(path: str | Path | None = None) -> PrintChannel:
    """Read the evaluation channel (TSV: class, intended, observed, weight, source).

    Example:
        >>> sorted(load_print_channel().boundary)
        ['hyphenation', 'space_added', 'space_lost']
    """
    path = Path(path) if path is not None else EVALUATION_CHANNEL_PATH
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None or header[:4] != ["class", "intended", "observed", "weight"]:
        raise ValueError(f"{path}: expected a header 'class<TAB>intended<TAB>observed<TAB>weight'")
    diacritic: dict[str, list[tuple[str, float]]] = {}
    glyph: list[tuple[str, str, float]] = []
    boundary: dict[str, float] = {}
    for number, row in enumerate(reader, start=2):
        if len(row) < 4:
            raise ValueError(f"{path}: row {number} has fewer than four columns: {row!r}")
        kind, intended, observed, weight = row[0], row[1], row[2], float(row[3])
        if kind == "diacritic" and intended in _DIACRITICS:
            diacritic.setdefault(intended, []).append((observed, weight))
        elif kind == "glyph" and intended and observed:
            glyph.append((intended, observed, weight))
        elif kind == "boundary" and intended in ("space_lost", "space_added", "hyphenation"):
            boundary[intended] = weight
        else:
            raise ValueError(f"{path}: row {number}: unknown class or reading {row[:3]!r}")
    totals = {k: sum(w for _, w in v) for k, v in diacritic.items()}
    return PrintChannel(
        {k: tuple((o, w / totals[k]) for o, w in v) for k, v in diacritic.items()},
        tuple(glyph),
        boundary,
    )


@dataclass(frozen=True)
class Damaged:
    """Clean text damaged by :func:`print_damage`, with what a perfect repair would read.

    ``text`` is the damaged text; ``target`` has the same whitespace (so the same tokens) with
    every character restored but the boundary noise kept; ``reference`` is the clean text.
    ``groups`` align them: ``(ref_start, ref_end, tok_start, tok_end)`` -- reference tokens
    ``[ref_start, ref_end)`` became damaged tokens ``[tok_start, tok_end)``. ``char_damaged`` and
    ``boundary`` flag, per reference token, character damage and a changed word boundary.
    """

    reference: str
    text: str
    target: str
    groups: tuple[tuple[int, int, int, int], ...]
    char_damaged: tuple[bool, ...]
    boundary: tuple[bool, ...]


def _case_like(reading: str, original: str) -> str:
    return reading.upper() if original.isupper() else reading


def _damage_token(
    token: str, rate: float, channel: PrintChannel, rng: random.Random
) -> list[tuple[str, str]]:
    """Units ``(reference chunk, damaged chunk)`` covering ``token``; boundaries go between them."""
    units: list[tuple[str, str]] = []
    i = 0
    glyphs = channel.glyph
    while i < len(token):
        ch = token[i]
        low = ch.lower()
        if low in channel.diacritic and rng.random() < rate:
            options = channel.diacritic[low]
            pick = rng.random()
            reading = options[-1][0]
            for observed, weight in options:
                pick -= weight
                if pick <= 0:
                    reading = observed
                    break
            units.append((ch, _case_like(reading, ch)))
            i += 1
            continue
        for intended, observed, weight in glyphs:
            if token.startswith(intended, i) and rng.random() < weight * rate:
                units.append((intended, observed))
                i += len(intended)
                break
        else:
            units.append((ch, ch))
            i += 1
    return units


def _cut_points(units: list[tuple[str, str]], min_side: int) -> list[int]:
    """Unit indices where a word may be broken: between letters, ``min_side`` letters each side."""
    letters = [u[0].isalpha() for u in units]
    before = 0
    out = []
    total = sum(len(u[0]) for u in units)
    for k in range(1, len(units)):
        before += len(units[k - 1][0])
        if letters[k - 1] and letters[k] and min_side <= before <= total - min_side:
            out.append(k)
    return out


def print_damage(
    text: str, rate: float = 1.0, seed: int = 0, channel: PrintChannel | None = None
) -> Damaged:
    """Damage clean ``text`` with the evaluation channel (seeded, deterministic).

    Each å/ä/ö is misread with probability ``rate``; glyph confusions and boundary noise happen
    with their per-site probabilities times ``rate``.

    Example:
        >>> d = print_damage("Förskolan och skolan ska stärka kompetensförsörjningen.", seed=1)
        >>> d.text
        'F6rskolan och sko1an ska starka kompetensfórsorjning-\\nen.'
        >>> d.target  # the letters restored, the line-end hyphen kept
        'Förskolan och skolan ska stärka kompetensförsörjning-\\nen.'
        >>> print_damage("Förskolan", rate=0.0).text
        'Förskolan'
    """
    channel = channel if channel is not None else load_print_channel()
    rng = random.Random(seed)
    p_lost = channel.boundary.get("space_lost", 0.0) * rate
    p_added = channel.boundary.get("space_added", 0.0) * rate
    p_hyph = channel.boundary.get("hyphenation", 0.0) * rate
    chunks = _WS.split(text)
    # fragments of the output: (damaged, target, reference token index) and whitespace strings
    out_dmg: list[str] = []
    out_tgt: list[str] = []
    owner: list[set[int]] = []  # reference tokens in each output token
    char_damaged: list[bool] = []
    boundary: list[bool] = []
    pending_join = False
    n_ref = 0
    for ci, chunk in enumerate(chunks):
        if ci % 2 == 1:  # whitespace between tokens
            nxt = chunks[ci + 1] if ci + 1 < len(chunks) else ""
            if (
                chunk == " "
                and out_dmg
                and nxt
                and out_dmg[-1][-1:].isalpha()
                and nxt[:1].isalpha()
                and rng.random() < p_lost
            ):
                pending_join = True
                boundary[-1] = True
            else:
                out_dmg.append(chunk)
                out_tgt.append(chunk)
                owner.append(set())
            continue
        if not chunk:
            continue
        ref_index = n_ref
        n_ref += 1
        units = _damage_token(chunk, rate, channel, rng)
        if not any(u[1] for u in units):
            units = [(ch, ch) for ch in chunk]  # a token is never lost altogether
        char_damaged.append(any(a != b for a, b in units))
        boundary.append(pending_join)
        # where to break the word: line-end hyphenation or a stray space
        cut, sep = None, ""
        letters = sum(u[0].isalpha() for u in units)
        if letters >= 8 and rng.random() < p_hyph:
            points = _cut_points(units, 3)
            if points:
                cut, sep = rng.choice(points), "-\n"
        elif letters >= 6 and rng.random() < p_added:
            points = _cut_points(units, 2)
            if points:
                cut, sep = rng.choice(points), " "
        pieces = [units]
        if cut is not None:
            boundary[-1] = True
            hyphen = [("-", "-")] if sep == "-\n" else []
            pieces = [units[:cut] + hyphen, units[cut:]]
        for k, piece in enumerate(pieces):
            dmg = "".join(u[1] for u in piece)
            tgt = "".join(u[0] for u in piece)
            if k == 0 and pending_join:
                out_dmg[-1] += dmg
                out_tgt[-1] += tgt
                owner[-1].add(ref_index)
                pending_join = False
            else:
                out_dmg.append(dmg)
                out_tgt.append(tgt)
                owner.append({ref_index})
            if k == 0 and cut is not None:
                out_dmg.append(sep[-1])
                out_tgt.append(sep[-1])
                owner.append(set())
    damaged_text = "".join(out_dmg)
    target_text = "".join(out_tgt)
    token_owners = [o for o, s in zip(owner, out_dmg, strict=True) if s and not s.isspace()]
    groups = _groups(token_owners)
    return Damaged(text, damaged_text, target_text, groups, tuple(char_damaged), tuple(boundary))


def _groups(token_owners: list[set[int]]) -> tuple[tuple[int, int, int, int], ...]:
    """Merge damaged tokens that share reference tokens into aligned groups."""
    groups: list[list[int]] = []  # [ref_start, ref_end, tok_start, tok_end]
    for j, refs in enumerate(token_owners):
        lo, hi = min(refs), max(refs) + 1
        if groups and lo < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], hi)
            groups[-1][3] = j + 1
        else:
            groups.append([lo, hi, j, j + 1])
    return tuple(tuple(g) for g in groups)  # type: ignore[misc]
