"""Benchmark: OCR repair -- accuracy and throughput beside its peers, and speed on novel text.

Two parts, one run:

1. **Peers, same inputs.** The Södertälje scan (003) against its hand-corrected reference, and
   the ``dev`` texts of ``tests/data/ocr_unseen`` damaged by the evaluation channel
   (``plancompare.ocr.print_damage``, rates 1.0 and 0.5, seed 0), are repaired by

   * plancompare's ``OcrRepairer`` (fitted on the clean seed plans, as ``plancompare.load`` does;
     a fresh repairer, so its time includes every first analysis of a word),
   * symspellpy with a Swedish dictionary built from wordfreq's large Swedish list,
   * hunspell (the C library) with the Swedish dictionary of Debian's ``hunspell-sv``,

   token by token for the peers (see ``peers.py``). Reported: damaged tokens restored, clean
   tokens changed, and MB/s of CPU time over all inputs, with each peer's speed as a ratio to
   plancompare's in the same run (each system's own set-up -- loading dictionaries, fitting --
   timed apart; wall-clock beside it), then the same scores for the scan and for each rate
   apart. A peer that is not installed is named with what to install. ``--split`` takes a split
   name of ``split.csv`` (default ``dev``); a held-out split is refused: only ``eval_ocr.py
   --final`` reads those, once.

2. **Novel text.** Sentences of words drawn from wordfreq's Swedish list by frequency (a seeded
   sample, so each run's tokens are new to the process and the mix of common and rare words is
   that of real text), damaged by the evaluation channel at rate 0.5: the first pass (every
   distinct token analysed for the first time, the lexicon already built) and a warm pass over
   the same text (five times: the median and the fastest), against ``split+join`` and a
   dictionary lookup as floors. Then, in the same process, first passes over further novel
   texts (a new seed each, so that no run meets words another analysed) by the repairer as it
   is and by the same repairer with its skeleton index switched off (the cheap readings'
   whole words found reading by reading, as before the index: ``--rounds`` of each,
   alternating): medians of CPU µs per distinct token and their ratio.

Not a test: tests never assert on time. Results go to ``benchmarks/results/ocr.txt``.

    .venv/bin/python benchmarks/bench_ocr.py [--novel-kb 100] [--split dev] [--no-peers]
        [--rounds 3] [--against SRC --seeds 201 202 ...]

``--against SRC`` (a checkout of another commit, e.g. ``git worktree add /tmp/before COMMIT``)
instead times only first and warm passes, each text in a fresh process (this interpreter, with
``SRC/src`` first on the path for the other library), the two libraries alternating on the
same novel texts (one per seed): CPU µs per distinct token, their medians and ratio, and whether the
repaired texts are identical; then, in the same processes, five warm passes over each text
(CPU MB/s of their median), medians and ratio. Nothing is written to the results file.

Peers: ``make install-bench`` (or ``pip install -e '.[bench]'``) installs symspellpy and the
hunspell binding, which compiles against ``libhunspell-dev``; the dictionary comes from
``apt-get install hunspell-sv``.
"""

from __future__ import annotations

import argparse
import bisect
import importlib
import itertools
import os
import platform
import random
import re
import statistics
import time
from pathlib import Path

import peers
from eval_ocr import DEV_SPLITS, REFERENCE_003, split_names, unseen_texts

from plancompare import fit_repairer, paths, read_manifest
from plancompare.ocr import OcrRepairer, evaluate, print_damage, score
from plancompare.swedish import lemma
from plancompare.swedish.frequencies import vocabulary

RESULTS = Path(__file__).resolve().parent / "results" / "ocr.txt"
_WS = re.compile(r"(\s+)")


def peer_inputs(split: str) -> list[tuple[str, str, object]]:
    """``(name, damaged text, reference)``: the 003 scan and the unseen texts, damaged."""
    raw = (paths.raw_dir() / "003_fe82394e5538ee61.txt").read_text(encoding="utf-8")
    inputs: list[tuple[str, str, object]] = [
        ("003", raw, REFERENCE_003.read_text(encoding="utf-8"))
    ]
    for rate in (1.0, 0.5):
        for name, (_, text) in unseen_texts(split).items():
            damaged = print_damage(text, rate=rate, seed=0)
            inputs.append((f"{name}@{rate}", damaged.text, damaged))
    return inputs


GROUPS = ("003", "1.0", "0.5")  # the scan, then the unseen texts by rate


def group(name: str) -> str:
    """The report group of a peer input: ``003`` or its damage rate.

    Example:
        >>> group("003"), group("sou-2017-55-kamerabevakningslag@0.5")
        ('003', '0.5')
    """
    return name.rpartition("@")[2] if "@" in name else name


def measure(repair, inputs) -> tuple[dict[str, dict[str, int]], float, float]:
    """Scores over ``inputs`` (``all`` and each of :data:`GROUPS`) and the wall-clock and CPU
    seconds ``repair`` took on them."""
    keys = ("damaged", "restored", "clean", "false_changes")
    totals = {g: dict.fromkeys(keys, 0) for g in ("all", *GROUPS)}
    seconds = cpu = 0.0
    for name, text, reference in inputs:
        wall, used = time.perf_counter(), time.process_time()
        out = repair(text)
        seconds += time.perf_counter() - wall
        cpu += time.process_time() - used
        m = evaluate(text, reference, out) if isinstance(reference, str) else score(reference, out)
        for g in ("all", group(name)):
            for key in keys:
                totals[g][key] += m[key]
    return totals, seconds, cpu


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line; ``--split`` is a split of ``split.csv`` or ``all`` (the dev texts),
    and a held-out split is refused (only ``eval_ocr.py --final`` reads one, once)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--novel-kb", type=float, default=100.0, help="kB of novel text")
    parser.add_argument("--split", default="dev", choices=[*split_names(), "all"])
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument("--rounds", type=int, default=3, help="paired first passes (index on/off)")
    parser.add_argument("--against", type=Path, help="another checkout: first and warm passes")
    parser.add_argument("--seeds", type=int, nargs="+", default=[201, 202, 203, 204])
    parser.add_argument(
        "--no-peers",
        action="store_true",
        help="run only plancompare; keep the peers' rows of the last results file",
    )
    args = parser.parse_args(argv)
    if args.split != "all" and args.split not in DEV_SPLITS:
        parser.error(
            f"split {args.split!r} is held out: only eval_ocr.py --final reads it, once; "
            f"the peers run on {', '.join(sorted(DEV_SPLITS))}"
        )
    return args


def _timed(fn, *args) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time is less disturbed by other processes)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def novel_text(kilobytes: float, seed: int) -> str:
    """Sentences of words drawn by frequency from wordfreq's Swedish list (seeded)."""
    vocab = vocabulary()
    words = list(vocab)
    cumulative = list(itertools.accumulate(vocab.prob(w) for w in words))
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < kilobytes * 1000:
        n = rng.randint(6, 18)
        picks = [
            words[bisect.bisect_left(cumulative, rng.random() * cumulative[-1])] for _ in range(n)
        ]
        sentence = " ".join(picks).capitalize() + "."
        out.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    return " ".join(out)


def warmed_repairer(index: bool = True) -> OcrRepairer:
    """A repairer fitted on nothing, its one-time set-up done (the word list and lemma tables
    mapped, simplemma's rules imported for a word its dictionary lacks) but no token of a text
    analysed; ``index=False`` switches its skeleton index off (the cheap readings' whole words
    are then searched reading by reading)."""
    repairer = OcrRepairer().fit([])
    repairer.repair("Vi är på väg.")
    lemma("kvarplockningsfrågornas")  # not in simplemma's dictionary: its rules are imported
    # ... unless an earlier process stored that word's lemma (the analysis store): then the
    # first word of the pass the dictionary lacks would import them (about 0.05 s CPU)
    importlib.import_module("simplemma.strategies")
    if not index:
        repairer.search_._indexed_whole_words = lambda s: None
    return repairer


def first_pass_us(seed: int, kilobytes: float, index: bool) -> float:
    """CPU µs per distinct token of a first pass over a new novel text (seed ``seed``)."""
    text = first_pass_text(seed, kilobytes)
    repairer = warmed_repairer(index)
    cpu = _timed(repairer.repair, text)[1]
    return cpu / len(set(text.split())) * 1e6


_FIRST_PASS = """
import hashlib, statistics, sys, time
sys.path.insert(0, {bench!r})
from bench_ocr import first_pass_text, warmed_repairer
text = first_pass_text({seed}, {kb})
repairer = warmed_repairer()
start = time.process_time()
out = repairer.repair(text)
cpu = time.process_time() - start
warm = []
for _ in range(5):
    start = time.process_time()
    repairer.repair(text)
    warm.append(time.process_time() - start)
print(
    cpu / len(set(text.split())) * 1e6,
    hashlib.sha256(out.encode()).hexdigest()[:16],
    len(text.encode()) / statistics.median(warm) / 1e6,
)
"""


def first_pass_text(seed: int, kilobytes: float) -> str:
    """The damaged novel text of a seed (rate 0.5, the evaluation channel)."""
    return print_damage(novel_text(kilobytes, seed), rate=0.5, seed=seed).text


def against(src: Path, seeds: list[int], kilobytes: float) -> None:
    """First passes of this library and the one in ``src``, fresh processes, alternating."""
    import subprocess
    import sys

    here = Path(__file__).resolve().parent
    # the text and the warm-up are this module's; only the library differs
    sides = {"this": None, "against": src / "src"}
    times: dict[str, list[float]] = {"this": [], "against": []}
    warm: dict[str, list[float]] = {"this": [], "against": []}  # MB/s, median of five
    same = True
    for i, seed in enumerate(seeds):
        digests = set()
        for name in ("this", "against") if i % 2 == 0 else ("against", "this"):
            path = sides[name]
            env = dict(os.environ)
            if path is not None:
                env["PYTHONPATH"] = str(path)
            code = _FIRST_PASS.format(bench=str(here), seed=seed, kb=kilobytes)
            out = subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            ).stdout.split()
            times[name].append(float(out[0]))
            digests.add(out[1])
            warm[name].append(float(out[2]))
        same = same and len(digests) == 1
        verdict = "identical" if len(digests) == 1 else "DIFFERS"
        print(
            f"seed {seed}: this {times['this'][-1]:.0f} µs, against {times['against'][-1]:.0f} "
            f"µs per distinct token (CPU), repaired text {verdict}; warm pass (CPU, median of "
            f"five) this {warm['this'][-1]:.2f}, against {warm['against'][-1]:.2f} MB/s"
        )
    this, other = statistics.median(times["this"]), statistics.median(times["against"])
    ratios = [b / a for a, b in zip(times["this"], times["against"], strict=True)]
    print(
        f"first pass, CPU µs per distinct token, median over {len(seeds)} texts: this {this:.0f}, "
        f"against {src} {other:.0f} ({other / this:.2f}x; median per-text ratio "
        f"{statistics.median(ratios):.2f}x); repaired texts "
        f"{'all identical' if same else 'DIFFER'}; "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    this_warm, other_warm = statistics.median(warm["this"]), statistics.median(warm["against"])
    print(
        f"warm pass, CPU MB/s (median of five passes per text), median over {len(seeds)} texts: "
        f"this {this_warm:.2f}, against {other_warm:.2f} ({this_warm / other_warm:.2f}x)"
    )


def main() -> None:
    args = parse_args()
    if args.against is not None:
        against(args.against.resolve(), args.seeds, args.novel_kb)
        return

    lines = [
        "plancompare OCR repair benchmark (benchmarks/bench_ocr.py)",
        f"python {platform.python_version()} on {platform.machine()}, one core",
        "",
        f"1. Peers on the same inputs: 003 scan + unseen {args.split} texts at rates 1.0 and 0.5",
        "",
        "| system | damaged restored | clean changed | set-up CPU s | repair CPU s "
        "| repair wall s | repair MB/s (CPU) | speed against plancompare (CPU) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    inputs = peer_inputs(args.split)
    mb = sum(len(t.encode("utf-8")) for _, t, _ in inputs) / 1e6
    by_group: list[str] = []  # the second table: the scan and each rate apart

    def cells(t: dict[str, int]) -> str:
        recall = t["restored"] / t["damaged"]
        changed = t["false_changes"] / t["clean"]
        return (
            f"{t['restored']}/{t['damaged']} = {recall:.1%} "
            f"| {t['false_changes']}/{t['clean']} = {changed:.2%}"
        )

    lead_cpu: list[float] = []  # plancompare's repair CPU seconds, the first row

    def row(name: str, setup: float, repair) -> None:
        totals, seconds, cpu = measure(repair, inputs)
        if not lead_cpu:
            lead_cpu.append(cpu)
        lines.append(
            f"| {name} | {cells(totals['all'])} | {setup:.1f} | {cpu:.1f} | {seconds:.1f} "
            f"| {mb / cpu:.4f} | {lead_cpu[0] / cpu:.2f}x |"
        )
        by_group.append(f"| {name} | " + " | ".join(cells(totals[g]) for g in GROUPS) + " |")
        print(lines[-1], flush=True)

    start = time.process_time()
    repairer = fit_repairer(read_manifest())
    row("plancompare OcrRepairer", time.process_time() - start, repairer.repair)
    missing = {} if args.no_peers else peers.missing()
    for cls in () if args.no_peers else (peers.SymSpellPeer, peers.HunspellPeer):
        if cls.name in missing:
            lines.append(f"| {cls.name} | not installed: {missing[cls.name]} | | | | |")
            continue
        start = time.process_time()
        peer = cls()
        row(cls.name, time.process_time() - start, peer.repair)
    if args.no_peers and RESULTS.exists():
        kept = [
            line
            for line in RESULTS.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith(("| system", "| plancompare"))
        ]
        note = " (last run with peers)"
        for line in kept:
            name, rest = line.replace(note, "").split(" | ", 1)
            # the overall table has 8 columns, the table by group 7
            (lines if line.count("|") == 9 else by_group).append(f"{name}{note} | {rest}")
    lines.append(
        f"inputs: {len(inputs)} texts, {mb:.3f} MB; damage: plancompare.ocr.print_damage (the "
        "evaluation channel, data/ocr/evaluation_channel.tsv), seed 0; times are CPU seconds "
        "of this process (wall-clock beside them), each system's set-up apart"
    )
    lines += [
        "",
        "The same runs by input: the 003 scan (its hand-corrected reference), the unseen texts "
        "at each rate",
        "",
        "| system | 003 restored | 003 changed | rate 1.0 restored | rate 1.0 changed "
        "| rate 0.5 restored | rate 0.5 changed |",
        "|---|---|---|---|---|---|---|",
        *by_group,
    ]

    # --- 2. novel text ------------------------------------------------------------------------
    text = print_damage(novel_text(args.novel_kb, args.seed), rate=0.5, seed=args.seed).text
    nmb = len(text.encode("utf-8")) / 1e6
    tokens = text.split()
    fresh = warmed_repairer()
    first, first_cpu = _timed(fresh.repair, text)
    # the warm pass five times: median and fastest (the machine is shared)
    warms = sorted(_timed(fresh.repair, text) for _ in range(5))
    warm, warm_cpu = warms[2][0], statistics.median(cpu for _, cpu in warms)
    warm_min = warms[0][0]
    table = {t: t for t in set(tokens)}
    t_split = min(_timed(lambda: "".join(_WS.split(text)))[0] for _ in range(3))

    def lookup() -> None:
        chunks = _WS.split(text)
        chunks[0::2] = [table.get(t, t) for t in chunks[0::2]]
        "".join(chunks)

    t_dict = min(_timed(lookup)[0] for _ in range(3))
    # paired first passes, alternating which goes first; each on a text of its own seed
    on: list[float] = []
    off: list[float] = []
    for r in range(args.rounds):
        seeds = args.seed + 1 + 2 * r, args.seed + 2 + 2 * r
        order = (True, False) if r % 2 == 0 else (False, True)
        for seed, index in zip(seeds, order, strict=True):
            (on if index else off).append(first_pass_us(seed, args.novel_kb, index))
    med_on, med_off = statistics.median(on), statistics.median(off)
    lines += [
        "",
        f"2. Novel text: {nmb:.3f} MB, {len(tokens)} tokens, {len(table)} distinct, words drawn "
        f"by frequency from wordfreq's Swedish list (seed {args.seed}), evaluation channel at "
        "rate 0.5",
        f"  first pass (every distinct token new): {first:.2f} s = {nmb / first:.3f} MB/s "
        f"({first / len(table) * 1e6:.0f} µs per distinct token; CPU {first_cpu:.2f} s = "
        f"{nmb / first_cpu:.3f} MB/s)",
        f"  warm pass (same text again, median of 5): {warm:.3f} s = {nmb / warm:.2f} MB/s "
        f"(CPU {warm_cpu:.3f} s = {nmb / warm_cpu:.2f} MB/s; fastest {warm_min:.3f} s = "
        f"{nmb / warm_min:.2f} MB/s)",
        f"  floors: split+join {nmb / t_split:.1f} MB/s, dict lookup {nmb / t_dict:.1f} MB/s",
        f"  time against the dict-lookup floor, same process: first pass {first / t_dict:.0f}x, "
        f"warm {warm / t_dict:.0f}x (1 MB/s would be {nmb / t_dict:.0f}x, "
        f"3 MB/s {nmb / t_dict / 3:.0f}x)",
        f"  first passes over {args.rounds} more novel texts each (seeds from {args.seed + 1}), "
        f"CPU µs per distinct token, median: skeleton index on {med_on:.0f}, off {med_off:.0f} "
        f"(off/on {med_off / med_on:.2f}x; on {' '.join(f'{x:.0f}' for x in on)}, "
        f"off {' '.join(f'{x:.0f}' for x in off)})",
        f"  goals: first pass >= 1 MB/s {'met' if nmb / first >= 1 else 'NOT met'}, "
        f"warm >= 3 MB/s {'met' if nmb / warm >= 3 else 'NOT met'}",
        f"  machine: load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end "
        f"({os.cpu_count()} cores)",
    ]
    report = "\n".join(lines) + "\n"
    print("\n".join(lines[-10:]))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
