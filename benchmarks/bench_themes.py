"""Benchmark: theme coding of a large frame, as a ratio against tokenizing the same texts.

Codes a synthetic frame (``plancompare.synthetic``: real Swedish words drawn by a Zipf law
over 100,000 words, so the long tail does not flatter per-word caches) and times, in one
process, in CPU seconds (``time.process_time``: other work on a shared machine hardly moves
it; wall seconds beside):

* baseline -- ``swedish.tokenize`` on every text (the floor: any coder must tokenize);
* first    -- ``code_themes`` the first time, with an empty store of word analyses (a
  temporary cache directory that holds only the prepared tables): every distinct word that
  may hold a pattern's part is analysed (lemma, compound parts);
* again    -- ``code_themes`` as a new process would run it: every in-process memo of words
  emptied, the store of word analyses on disk as the first pass left it;
* warm     -- ``code_themes`` again, best of R rounds (word analyses cached in the process).

It reports seconds, the subject/baseline ratios, units per second and the number of hits.
Not a test: tests never assert on time. Goal: 100,000 units coded in well under a minute,
warm within 10x of tokenizing.

    .venv/bin/python benchmarks/bench_themes.py [--units 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from plancompare import code_themes, load_codebook, swedish
from plancompare.swedish import cache, compounds, frequencies, lemmatize
from plancompare.synthetic import synthetic_frame
from plancompare.themes import coding

RESULTS = Path(__file__).resolve().parent / "results" / "themes.txt"


def forget_words() -> None:
    """Empty every in-process memo of words (as in a new process); the disk stays."""
    lemmatize._cache.clear()
    lemmatize._STORES.clear()
    compounds.clear_memos()
    coding._PARTS.clear()
    frequencies.vocabulary()._memo.clear()
    frequencies.vocabulary()._blocks.clear()


def timed(func) -> tuple[float, float]:
    """CPU and wall seconds of ``func()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    func()
    return time.process_time() - cpu, time.perf_counter() - wall


def best(func, rounds: int) -> tuple[float, float]:
    """The fastest of ``rounds`` runs (by CPU seconds)."""
    return min((timed(func) for _ in range(rounds)), key=lambda t: t[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    frame = synthetic_frame(args.units, random_state=0)
    texts = frame.text.tolist()
    book = load_codebook()
    distinct = len({t.text for text in texts for t in swedish.tokenize(text)})
    swedish.lemma("och"), swedish.zipf("och")  # the prepared tables, outside the timings
    tables = cache.cache_dir()
    with tempfile.TemporaryDirectory() as empty:
        for prepared in tables.glob("*.bin"):  # the tables, not the store of word analyses
            if not prepared.name.startswith(lemmatize.analysis_store().name):
                (Path(empty) / prepared.name).symlink_to(prepared)
        previous = os.environ.get(cache.CACHE_ENV)
        os.environ[cache.CACHE_ENV] = empty
        try:
            forget_words()
            codes = []
            first = timed(lambda: codes.append(code_themes(frame, book)))
            forget_words()
            again = timed(lambda: code_themes(frame, book))
            baseline = best(lambda: [swedish.tokenize(t) for t in texts], args.rounds)
            warm = best(lambda: code_themes(frame, book), args.rounds)
        finally:
            if previous is None:
                os.environ.pop(cache.CACHE_ENV, None)
            else:
                os.environ[cache.CACHE_ENV] = previous

    def line(label: str, t: tuple[float, float]) -> str:
        return (
            f"{label}: {t[0]:.2f} CPU s = {t[0] / baseline[0]:.1f}x baseline "
            f"(wall {t[1]:.2f} s = {t[1] / baseline[1]:.1f}x), {args.units / t[0]:,.0f} units/CPU s"
        )

    lines = [
        f"theme coding: {args.units:,} synthetic units, {len(texts[0].split())} words each, "
        f"{distinct:,} distinct words, {len(book)} themes; {len(codes[0]):,} hits; load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg()),
        f"baseline swedish.tokenize, best of {args.rounds}: {baseline[0]:.2f} CPU s "
        f"(wall {baseline[1]:.2f} s)",
        line("code_themes first pass (empty store of word analyses)", first),
        line("code_themes in a new process (store on disk, in-process memos empty)", again),
        line(f"code_themes warm, best of {args.rounds}", warm),
        "(CPU seconds of this process; on a shared 2-core machine the ratios are the figures)",
    ]
    print("\n".join(lines))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
