"""Benchmark: parsing a corpus into units on one core, against decoding the same files.

The corpus is the scale suite's ``50x10`` without OCR repair (500 synthetic documents, 12 MB:
``benchmarks/scale.py`` generates it once under ``benchmarks/corpora/``), or any data directory
given with ``--data``. In one process, on one core, CPU time (``time.process_time``):

* baseline -- ``read_source`` on every file (decoding alone: the floor for any loader);
* ``build`` cold -- ``build_frame(n_jobs=1)`` the first time in the process: every distinct
  word is analysed anew (the shared tables -- lemma dictionary, word list, action nouns -- are
  loaded before timing, as any first parse of a session does);
* ``build`` warm -- the same build again: every word seen.

During both builds the unit-kind features (``plancompare.forms.kinds.features``, the generic
parser's main cost) are timed per call. Reported: CPU seconds, MB/s per core, the ratio to
the baseline, µs per ``features`` call, and the load average (the machine may be shared).
Not a test: tests never assert on time.

On a shared machine CPU seconds of runs made one after the other differ by 10-20 %, more than
most changes to the features; ``--against SRC`` compares them in one process instead: the
``plancompare/forms/kinds.py`` of another checkout's ``src`` (e.g. ``git worktree add
/tmp/base main``) is loaded beside this one, and both time ``features`` and ``classify`` on
every candidate the warm build classified, in alternating rounds (``--rounds``, warm caches;
the rest of the library is this checkout's). Reported: medians and the median of the paired
ratios. ``--build-against SRC`` does the same for the whole warm build: the ``plancompare``
package of another checkout's ``src`` is imported beside this one (under another name, with
its own caches) and both run ``build_frame(n_jobs=1)`` on the corpus in alternating rounds
(after one warm-up build each); the frames are compared too (``DataFrame.equals``).
``--profile`` samples the stack of one more warm build every 2 ms of CPU time
(``ITIMER_PROF``; Unix) and adds up the samples by step (:data:`STEPS`: the innermost frame
that names one, except that anything under ``kinds.features`` or ``classify`` counts there),
into ``results/parse_profile.txt``: where the build's time goes, without the per-call cost
that makes cProfile's shares of many small calls unreliable.
``--tables-in-memory`` copies the prepared tables (lemma dictionary, word list) into the
process before the builds instead of memory-mapping them (the bulk-build question of issue
12); the results file (``results/parse.txt``) is written by every run without it.

    .venv/bin/python benchmarks/bench_parse.py [--data DIR] [--against SRC] [--build-against SRC]
        [--rounds N] [--profile]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import signal
import statistics
import subprocess
import sys
import time
from array import array
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from types import ModuleType

from plancompare.decode import read_source
from plancompare.forms import generic, kinds
from plancompare.frame import build_frame
from plancompare.manifest import read_manifest
from plancompare.swedish import cache

RESULTS = Path(__file__).resolve().parent / "results" / "parse.txt"
PROFILE = RESULTS.with_name("parse_profile.txt")

#: The build's steps for ``--profile``: (file name ends with, function or None for any, step).
#: A sample counts for the innermost frame on its stack that one of these names (or that is in
#: ``plancompare/swedish/``: the Swedish core outside the features).
STEPS: tuple[tuple[str, str | None, str], ...] = (
    ("decode.py", None, "reading and decoding"),
    ("manifest.py", None, "reading and decoding"),
    ("swedish/tokens.py", "sentences", "candidates: sentence splitting"),
    ("swedish/tokens.py", "_is_boundary", "candidates: sentence splitting"),
    ("content.py", "split_unstopped", "candidates: sentence splitting"),
    ("base.py", "sentence_spans", "candidates: sentence splitting"),
    ("base.py", "iter_lines", "candidates: lines and blocks"),
    ("base.py", "iter_blocks", "candidates: lines and blocks"),
    ("base.py", "trimmed_span", "candidates: lines and blocks"),
    ("base.py", "stripped", "candidates: lines and blocks"),
    ("base.py", "blank", "candidates: lines and blocks"),
    ("base.py", "trim_span", "candidates: lines and blocks"),
    ("generic.py", "_groups", "candidates: paragraphs and list items"),
    ("generic.py", "_inline_items", "candidates: paragraphs and list items"),
    ("generic.py", "_unmarked_list", "candidates: paragraphs and list items"),
    ("generic.py", "title_line", "candidates: paragraphs and list items"),
    ("generic.py", "list_shares", "context: list shares, repeated and bulleted lines"),
    ("generic.py", "repeated_lines", "context: list shares, repeated and bulleted lines"),
    ("generic.py", "bulleted_items", "context: list shares, repeated and bulleted lines"),
    ("generic.py", "has_action_list", "context: list shares, repeated and bulleted lines"),
    ("base.py", "check_coverage", "spans: coverage check"),
    ("base.py", "uncovered", "spans: coverage check"),
    ("base.py", "levels", "hierarchy: levels, parents, links"),
    ("base.py", "check_links", "hierarchy: levels, parents, links"),
    ("generic.py", "_with_parent", "hierarchy: levels, parents, links"),
    ("base.py", "clean_text", "clean_text of unit and candidate texts"),
    ("base.py", "__post_init__", "small objects (Unit, Line, Candidate: init, replace)"),
    ("base.py", "with_", "small objects (Unit, Line, Candidate: init, replace)"),
    ("dataclasses.py", None, "small objects (Unit, Line, Candidate: init, replace)"),
    ("<string>", "__init__", "small objects (Unit, Line, Candidate: init, replace)"),
    ("kinds.py", None, "unit-kind helpers outside features (opens_with_action, is_decision …)"),
    ("content.py", None, "prose reading: read_prose, read_sentence (the glue)"),
    ("generic.py", None, "generic structure rules (headings, furniture, outline)"),
    ("goal_page.py", None, "other form parsers' own code"),
    ("activity_table.py", None, "other form parsers' own code"),
    ("application_form.py", None, "other form parsers' own code"),
    ("verksamhetsplan.py", None, "other form parsers' own code"),
    ("base.py", None, "other forms/base.py (mark_truncated …)"),
    ("frame.py", "_columns", "frame: a file's columns (line numbers, ids, Arrow)"),
    ("frame.py", "_unit_text", "frame: a file's columns (line numbers, ids, Arrow)"),
    ("frame.py", "_newlines", "frame: a file's columns (line numbers, ids, Arrow)"),
    ("frame.py", "_arrow", "frame: a file's columns (line numbers, ids, Arrow)"),
    ("frame.py", None, "frame: assembly (concatenation, categoricals)"),
)


def _step(frame: object) -> str:
    """The step of :data:`STEPS` that a sampled stack (its innermost frame) belongs to."""
    at, inside = frame, None
    while at is not None:
        code = at.f_code
        if code.co_filename.endswith("kinds.py") and code.co_name in ("features", "classify"):
            inside = "features" if code.co_name == "features" else inside or "classify"
        at = at.f_back
    if inside == "features":
        return "unit-kind features (kinds.features)"
    if inside == "classify":
        return "unit-kind scoring (classify without features)"
    at = frame
    while at is not None:
        code = at.f_code
        for file, func, step in STEPS:
            if code.co_filename.endswith(file) and func in (None, code.co_name):
                return step
        if "swedish/" in code.co_filename:
            return "Swedish core outside features (tokenize, action verbs)"
        at = at.f_back
    return "other (pandas, pyarrow, the rest)"


def _profile(records: list, megabytes: float) -> list[str]:
    """One more warm build, its stack sampled every 2 ms of CPU time: CPU by step."""
    counts: collections.Counter[str] = collections.Counter()
    previous = signal.signal(signal.SIGPROF, lambda _sig, frame: counts.update([_step(frame)]))
    signal.setitimer(signal.ITIMER_PROF, 0.002, 0.002)
    try:
        seconds = _cpu(lambda: build_frame(records, n_jobs=1))
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, previous)
    n = sum(counts.values())
    lines = [
        f"profile of a warm build_frame (one core, {seconds:.2f} CPU s, "
        f"{megabytes / seconds:.2f} MB/s per core, {n:,} samples every 2 ms of CPU):",
        "  share  CPU s  step",
    ]
    lines += [f"  {c / n:5.1%} {seconds * c / n:6.2f}  {step}" for step, c in counts.most_common()]
    return lines


def _cpu(func: Callable[[], object]) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


class _FeatureClock:
    """Wraps ``kinds.features`` and adds up the CPU time of its calls."""

    def __init__(self) -> None:
        self.seconds, self.calls = 0.0, 0
        self._features = kinds.features

    def __call__(self, candidate: kinds.Candidate) -> dict[str, float]:
        start = time.process_time()
        found = self._features(candidate)
        self.seconds += time.process_time() - start
        self.calls += 1
        return found


def _tables_in_memory() -> None:
    """Make every prepared table read from now on a copy in process memory, not a mapping."""
    mapped = cache._read

    def copied(path: Path, key: str) -> dict[str, object] | None:
        found = mapped(path, key)
        if found is None:
            return None
        return {s: bytes(v) if v.format == "B" else array(v.format, v) for s, v in found.items()}

    cache._read = copied  # type: ignore[assignment]


def _other_kinds(src: Path) -> ModuleType:
    """``plancompare/forms/kinds.py`` of another checkout's ``src``, as a second module."""
    name = "plancompare.forms._kinds_against"
    spec = importlib.util.spec_from_file_location(name, src / "plancompare/forms/kinds.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no plancompare/forms/kinds.py under {src}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _other_package(src: Path) -> ModuleType:
    """The ``plancompare`` package of another checkout's ``src``, imported as a second package
    (its modules import each other relatively, so they stay inside it)."""
    name = "_plancompare_against"
    init = src / "plancompare" / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(init.parent)]
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no plancompare package under {src}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _paired_builds(src: Path, records: list, megabytes: float, rounds: int) -> list[str]:
    """Warm ``build_frame(n_jobs=1)`` of ``src``'s library and of this one, alternating."""
    sides = {"against": _other_package(src).build_frame, "this": build_frame}
    frames = {side: build(records, n_jobs=1) for side, build in sides.items()}  # warm both
    same = frames["against"].equals(frames["this"])
    del frames
    times: dict[str, list[float]] = {side: [] for side in sides}
    for r in range(rounds):
        order = list(sides.items()) if r % 2 == 0 else list(sides.items())[::-1]
        for side, build in order:
            times[side].append(_cpu(lambda b=build: b(records, n_jobs=1)))
    a, b = statistics.median(times["against"]), statistics.median(times["this"])
    ratio = statistics.median(x / y for x, y in zip(times["against"], times["this"], strict=True))
    return [
        f"paired warm builds, {rounds} rounds: the library of {_commit(src)} -> of this "
        f"checkout ({_commit(Path(__file__).parent)}); frames equal: {same}",
        f"  build_frame: {a:.2f} -> {b:.2f} CPU s (medians), {megabytes / a:.2f} -> "
        f"{megabytes / b:.2f} MB/s per core, paired ratio {ratio:.3f}",
    ]


def _commit(path: Path) -> str:
    """The short commit of the checkout holding ``path`` (``+`` if it has changes), or the path."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(path), *args], capture_output=True, text=True, check=False
        ).stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    return f"{head}{'+' if git('status', '--porcelain', '--untracked-files=no') else ''}" or str(
        path
    )


def _paired(src: Path, candidates: list[kinds.Candidate], rounds: int) -> list[str]:
    """``features`` and ``classify`` of ``src``'s kinds.py and this one's, alternating."""
    other = _other_kinds(src)
    theirs = [other.Candidate(**vars(c)) for c in candidates]
    sides = {"against": (other, theirs), "this": (kinds, candidates)}
    for module, cands in sides.values():  # warm both
        for c in cands:
            module.classify(c)
    times: dict[tuple[str, str], list[float]] = {}
    for r in range(rounds):
        order = list(sides.items()) if r % 2 == 0 else list(sides.items())[::-1]
        for func in ("features", "classify"):
            for side, (module, cands) in order:
                f = getattr(module, func)
                times.setdefault((side, func), []).append(_cpu(lambda f=f, c=cands: [*map(f, c)]))
    n = len(candidates)
    lines = [
        f"paired, {rounds} rounds on {n:,} candidates (warm): kinds.py of {_commit(src)} "
        f"-> of this checkout ({_commit(Path(__file__).parent)})"
    ]
    for func in ("features", "classify"):
        a, b = times[("against", func)], times[("this", func)]
        ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
        lines.append(
            f"  {func:8s}: {statistics.median(a) / n * 1e6:.0f} -> "
            f"{statistics.median(b) / n * 1e6:.0f} µs per call (medians), paired ratio {ratio:.3f}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a data directory (default: 50x10 no OCR)")
    parser.add_argument("--against", type=Path, help="another checkout's src directory")
    parser.add_argument("--build-against", type=Path, help="another checkout's src (whole build)")
    parser.add_argument("--rounds", type=int, default=5, help="paired rounds (5)")
    parser.add_argument("--profile", action="store_true", help="CPU by step of a warm build")
    parser.add_argument("--tables-in-memory", action="store_true", help="copy, not map, tables")
    args = parser.parse_args()
    if args.data is None:
        import scale

        args.data = scale.prepare(["50x10"], seed=0, jobs=None, ocr=False)["50x10"]
    if args.tables_in_memory:
        _tables_in_memory()
    records = read_manifest(args.data)
    files = [args.data / "raw" / r.file for r in records]
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    start = _cpu(lambda: generic.parse("Vi ska stärka kompetensförsörjningen.\n\n• Översyn"))
    base = _cpu(lambda: [read_source(f) for f in files])
    rows = []
    for run in ("cold", "warm"):
        clock = _FeatureClock()
        kinds.features = clock
        try:
            with kinds.recording() if run == "warm" else nullcontext([]) as seen:
                seconds = _cpu(lambda: build_frame(records, n_jobs=1))
        finally:
            kinds.features = clock._features
        rows.append((run, seconds, clock))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    tables = "copied into memory" if args.tables_in_memory else "memory-mapped"
    lines = [
        f"corpus: {args.data.name}, {len(files)} files, {megabytes:.1f} MB; load {load}",
        f"prepared tables {tables}: loading them {start:.2f} CPU s",
        f"baseline read_source on every file: {base:.2f} CPU s",
    ]
    for run, seconds, clock in rows:
        lines.append(
            f"build_frame {run:4s} (one core): {seconds:6.2f} CPU s = {seconds / base:5.1f}x "
            f"baseline, {megabytes / seconds:.2f} MB/s per core; features {clock.calls:,} "
            f"calls, {clock.seconds / clock.calls * 1e6:.0f} µs each "
            f"({clock.seconds / seconds:.0%} of the build)"
        )
    if args.against is not None:
        lines += _paired(args.against, [c for c, _ in seen], args.rounds)
    if args.build_against is not None:
        lines += _paired_builds(args.build_against, records, megabytes, args.rounds)
    if args.profile:
        profile = [f"corpus: {args.data.name}, {len(files)} files, {megabytes:.1f} MB"]
        profile += _profile(records, megabytes)
        profile.append(f"load {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        PROFILE.write_text("\n".join(profile) + "\n", encoding="utf-8")
        lines += profile
    if not args.tables_in_memory:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
