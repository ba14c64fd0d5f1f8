"""Estimate: what would computing the unit-kind features column-wise (a file's candidates at once)
save? Measured on the pieces such a step would be built from, not on a rewrite of ``features``.

Issue 12 asks for parsing at 5 MB/s per core; ``kinds.features`` is about half of a build
(``bench_parse.py --profile``). This records every candidate a warm ``build_frame(n_jobs=1)`` of
the 50x10 corpus without OCR classifies (``kinds.recording``) and times, in one process, on
one core (CPU time, median of ``--rounds``):

* ``features`` and ``classify`` per candidate, as the build calls them;
* the cue phrases (``data/forms/sentence_cues.csv``, one alternation per cue): per candidate as
  ``features`` searches them (gated by their literal anchors), ungated, and column-wise --
  each cue's pattern searched once over all sentences joined, and gated column-wise (the
  anchors of a cue found once in the joined lower-cased text, the pattern searched only in the
  sentences holding one);
* the words and their word-table entries: per candidate, and column-wise (one ``findall`` over
  the joined text, one table lookup per distinct word, ids per token).

The column-wise versions are lower bounds of a real step (they skip its bookkeeping and the
per-sentence semantics a real step must keep: no match may cross a separator, ``^`` and
``$`` mean a sentence's ends). It reads private helpers of ``plancompare.forms.kinds``
(``_cue_patterns``, ``_cue_anchors``, ``_finds``, ``_lowered``, ``_first_sentence``, ``_WORD``,
``_word``): a change there may need a change here. Not a test.

    .venv/bin/python benchmarks/estimate_kind_columns.py [--data DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from plancompare.forms import kinds
from plancompare.frame import build_frame
from plancompare.manifest import read_manifest

RESULTS = Path(__file__).resolve().parent / "results" / "kind_columns_estimate.txt"
SEPARATOR = "\n\x00\n"  # between the joined sentences (no cue phrase holds a NUL)


def _cpu(func: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _sentence(c: kinds.Candidate) -> str:
    """The text ``features`` searches the cue phrases in (its first sentence for an item)."""
    text = " ".join(c.text.split())
    return (kinds._first_sentence(text) if c.item else text).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a data directory (default: 50x10 no OCR)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per measurement (3)")
    args = parser.parse_args()
    if args.data is None:
        import scale

        args.data = scale.prepare(["50x10"], seed=0, jobs=None, ocr=False)["50x10"]
    records = read_manifest(args.data)
    build_frame(records, n_jobs=1)  # warm every cache
    with kinds.recording() as seen:
        build_frame(records, n_jobs=1)
    candidates = [c for c, _ in seen]
    sentences = [_sentence(c) for c in candidates]
    patterns = kinds._cue_patterns()
    anchors = kinds._cue_anchors()
    joined = SEPARATOR.join(sentences)
    lowered = joined.lower()
    offsets = np.cumsum([0] + [len(s) + len(SEPARATOR) for s in sentences[:-1]])

    def owners(starts: list[int]) -> np.ndarray:
        return np.unique(np.searchsorted(offsets, starts, side="right") - 1)

    def cues_per_candidate() -> None:
        for s in sentences:
            low = kinds._lowered(s)
            {cue: kinds._finds(cue, s, low) for cue in patterns}

    def cues_ungated() -> None:
        for s in sentences:
            for pattern in patterns.values():
                pattern.search(s)

    def cues_joined() -> None:
        for pattern in patterns.values():
            owners([m.start() for m in pattern.finditer(joined)])

    def cues_joined_gated() -> None:
        for cue, pattern in patterns.items():
            found = anchors[cue]
            if found is None:
                owners([m.start() for m in pattern.finditer(joined)])
                continue
            gate = re.compile("|".join(map(re.escape, sorted(found, key=len, reverse=True))))
            hits = owners([m.start() for m in gate.finditer(lowered)])
            [pattern.search(sentences[i]) for i in hits]

    def words_per_candidate() -> None:
        for s in sentences:
            [kinds._word(w.casefold()) for w in kinds._words(s)]

    def words_joined() -> None:
        tokens = kinds._WORD.findall(joined.casefold())
        ids: dict[str, int] = {}
        per_token = [ids.setdefault(t, len(ids)) for t in tokens]
        [kinds._word(w) for w in ids]
        np.asarray(per_token, dtype=np.int32)

    n = len(candidates)
    rounds = args.rounds
    measured = {
        "features per candidate": _cpu(lambda: [*map(kinds.features, candidates)], rounds),
        "classify per candidate (features + scorer)": _cpu(
            lambda: [*map(kinds.classify, candidates)], rounds
        ),
        "cues per candidate, anchor-gated (as features)": _cpu(cues_per_candidate, rounds),
        "cues per candidate, ungated": _cpu(cues_ungated, rounds),
        "cues column-wise: each pattern once over the joined text": _cpu(cues_joined, rounds),
        "cues column-wise, anchor-gated": _cpu(cues_joined_gated, rounds),
        "words + word table per candidate": _cpu(words_per_candidate, rounds),
        "words column-wise: one findall, one lookup per distinct word": _cpu(words_joined, rounds),
    }
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"corpus: {args.data.name}; {n:,} candidates of a warm build; {len(patterns)} cues; "
        f"CPU s, median of {rounds}; load {load}",
    ]
    lines += [f"  {seconds:6.2f} s  {seconds / n * 1e6:6.1f} µs/cand  {what}" for what, seconds
              in measured.items()]  # fmt: skip
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
