"""Benchmark: theme coding of a large frame, as a ratio against tokenizing the same texts.

Codes a synthetic frame (``plancompare.synthetic``: real Swedish words drawn by a Zipf law
over 100,000 words, so the long tail does not flatter per-word caches) and times, in one
process:

* baseline -- ``swedish.tokenize`` on every text (the floor: any coder must tokenize);
* first    -- ``code_themes`` the first time (every distinct word analysed: lemma, parts);
* warm     -- ``code_themes`` again, best of R rounds (word analyses cached in the process).

It reports seconds, the subject/baseline ratios, units per second and the number of hits.
Not a test: tests never assert on time. Goal: 100,000 units coded in well under a minute,
warm within 10x of tokenizing.

    .venv/bin/python benchmarks/bench_themes.py [--units 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timing import best_of

from plancompare import code_themes, load_codebook, swedish
from plancompare.synthetic import synthetic_frame

RESULTS = Path(__file__).resolve().parent / "results" / "themes.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    frame = synthetic_frame(args.units, random_state=0)
    texts = frame.text.tolist()
    book = load_codebook()
    distinct = len({t.text for text in texts for t in swedish.tokenize(text)})
    swedish.lemma("och")  # load the lemma dictionary outside the timings

    start = time.perf_counter()
    codes = code_themes(frame, book)
    first = time.perf_counter() - start
    baseline = best_of(lambda: [swedish.tokenize(t) for t in texts], args.rounds)
    warm = best_of(lambda: code_themes(frame, book), args.rounds)

    lines = [
        f"theme coding: {args.units:,} synthetic units, {len(texts[0].split())} words each, "
        f"{distinct:,} distinct words, {len(book)} themes; {len(codes):,} hits",
        f"baseline swedish.tokenize, best of {args.rounds}: {baseline:.2f} s",
        f"code_themes first pass (cold word analyses): {first:.2f} s "
        f"= {first / baseline:.1f}x baseline, {args.units / first:,.0f} units/s",
        f"code_themes warm, best of {args.rounds}: {warm:.2f} s "
        f"= {warm / baseline:.1f}x baseline, {args.units / warm:,.0f} units/s",
        "(wall-clock on a shared 2-core machine: ratios are the comparable figures)",
    ]
    print("\n".join(lines))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
