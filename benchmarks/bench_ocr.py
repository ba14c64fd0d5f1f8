"""Benchmark: OCR repair throughput, as a ratio against per-token baselines in the same process.

Builds at least ``--mb`` megabytes of synthetic OCR damage (the clean seed plans, ``<p>`` tags
removed, damaged with ``plancompare.ocr.damage`` at rate 1.0 -- every å/ä/ö misread, as in the
Södertälje scan -- with seeds 0, 1, 2, ... concatenated), then times, best of R rounds:

* baseline ``split+join`` -- ``re.split`` on whitespace and ``"".join``: the floor for any
  token-aligned rewrite;
* baseline ``dict lookup`` -- the same plus one ``dict.get`` per token (a plain lookup-table
  repair, the cheapest repair one could write);
* subject ``repair_ocr`` once warm (lexicon built, tokens seen once).

It also reports the one-off costs: building the lexicon and the first (cold) pass, and a pass
over text damaged with seeds not seen before (new damaged tokens, warm lexicon). Not a test:
tests never assert on time. Results go to ``benchmarks/results/ocr.txt``.

    .venv/bin/python benchmarks/bench_ocr.py [--mb 1.0] [--rounds 5]
"""

from __future__ import annotations

import argparse
import platform
import re
import time
from pathlib import Path

from timing import best_of

from plancompare import ocr

RESULTS = Path(__file__).resolve().parent / "results" / "ocr.txt"
_WS = re.compile(r"(\s+)")


def synthetic_text(megabytes: float, first_seed: int = 0) -> tuple[str, int]:
    """Damaged copies of the clean plans until the text holds ``megabytes`` of UTF-8."""
    base = re.sub(r"</?p>", " ", "\n\n".join(ocr.default_lexicon_texts()))
    parts: list[str] = []
    size = 0
    seed = first_seed
    while size < megabytes * 1e6:
        part = ocr.damage(base, rate=1.0, seed=seed)
        parts.append(part)
        size += len(part.encode("utf-8")) + 2
        seed += 1
    return "\n\n".join(parts), seed - first_seed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of text (default 1)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds, best kept")
    args = parser.parse_args()

    text, copies = synthetic_text(args.mb)
    fresh, _ = synthetic_text(args.mb, first_seed=10_000)
    mb = len(text.encode("utf-8")) / 1e6
    tokens = len(text.split())

    start = time.perf_counter()
    repairer = ocr.default_repairer()
    build = time.perf_counter() - start
    start = time.perf_counter()
    repairer.repair(text)
    cold = time.perf_counter() - start

    table = {t: t for t in set(text.split())}

    def split_join() -> str:
        return "".join(_WS.split(text))

    def dict_lookup() -> str:
        chunks = _WS.split(text)
        get = table.get
        chunks[0::2] = [get(t, t) for t in chunks[0::2]]
        return "".join(chunks)

    def subject() -> str:
        return ocr.repair_ocr(text)

    t_split = best_of(split_join, args.rounds)
    t_dict = best_of(dict_lookup, args.rounds)
    t_warm = best_of(subject, args.rounds)
    start = time.perf_counter()
    repairer.repair(fresh)
    t_fresh = time.perf_counter() - start

    lines = [
        "plancompare OCR repair benchmark (benchmarks/bench_ocr.py)",
        f"python {platform.python_version()} on {platform.machine()}, one core",
        f"text: {mb:.2f} MB, {tokens} tokens: the 4 clean plans damaged at rate 1.0, "
        f"{copies} seeds concatenated",
        f"lexicon build (wordfreq sv large + clean plans): {build:.2f} s",
        f"first pass (every token type analysed): {cold:.2f} s ({mb / cold:.2f} MB/s)",
        f"text damaged with unseen seeds:         {t_fresh:.2f} s ({mb / t_fresh:.2f} MB/s)",
        f"best of {args.rounds}, warm:",
        f"  baseline split+join:  {t_split:.3f} s  {mb / t_split:8.2f} MB/s",
        f"  baseline dict lookup: {t_dict:.3f} s  {mb / t_dict:8.2f} MB/s",
        f"  repair_ocr:           {t_warm:.3f} s  {mb / t_warm:8.2f} MB/s",
        f"  ratio repair_ocr / split+join:  {t_warm / t_split:.1f}x",
        f"  ratio repair_ocr / dict lookup: {t_warm / t_dict:.1f}x",
        f"goal >= 1 MB/s warm: {'met' if mb / t_warm >= 1 else 'NOT met'}",
    ]
    report = "\n".join(lines) + "\n"
    print(report, end="")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
