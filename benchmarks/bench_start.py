"""Benchmark: start-up of a fresh process, as a ratio against importing the package.

Every figure is a whole process, started fresh, timed from the outside (wall seconds from
start to exit, and the peak resident memory the kernel reports for that process, ``ru_maxrss``
from ``os.wait4`` -- what ``/usr/bin/time -f %M`` prints). Three commands, run in turn in each
round so that drift of a shared machine hits all three alike:

* baseline -- ``python -c "import pandas, plancompare"``: the floor for any command;
* cold     -- ``plancompare build`` on a copy of the seed data with an *empty* cache directory
  (``PLANCOMPARE_CACHE_DIR``): the first run on a machine, preparing the Swedish tables;
* warm     -- the same build with the cache prepared: every later run;
* kept     -- the same build again with the processed frame kept from the previous run
  (``DATA/processed``, :mod:`plancompare.processed`): nothing to parse.

Before each cold and warm run the data directory's ``processed/`` is removed, so both parse
and repair the seeds (the processed frame would otherwise be read back and nothing measured).

It prints the medians and the ratios to the baseline (median of the per-round ratios) and
writes ``benchmarks/results/start.txt``. With ``--profile`` it also profiles one warm
``plancompare.load`` in this process (cProfile, top functions by cumulative time). Goals
(issue 8): warm build within 2x of the baseline, warm peak memory under 250 MB. Not a test.

    .venv/bin/python benchmarks/bench_start.py [--rounds 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "start.txt"
REPO = Path(__file__).resolve().parent.parent
GOAL_RATIO = 2.0
GOAL_MB = 250


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process running ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_maxrss / 1024


def copy_seeds(root: Path) -> Path:
    data = root / "data"
    (data / "raw").mkdir(parents=True)
    shutil.copy(REPO / "data" / "manifest.csv", data / "manifest.csv")
    for path in (REPO / "data" / "raw").glob("*.txt"):
        shutil.copy(path, data / "raw" / path.name)
    return data


def profile_warm_load(data: Path, cache: Path, top: int = 25) -> str:
    os.environ["PLANCOMPARE_CACHE_DIR"] = str(cache)
    import plancompare

    profiler = cProfile.Profile()
    profiler.enable()
    plancompare.load(data)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds (each runs all three)")
    parser.add_argument("--profile", action="store_true", help="profile one warm load too")
    args = parser.parse_args()

    python = sys.executable
    cli = str(Path(python).with_name("plancompare"))
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        root = Path(tmp)
        data = copy_seeds(root)
        warm_cache = root / "warm-cache"
        base_env = {k: v for k, v in os.environ.items() if k != "PLANCOMPARE_CACHE_DIR"}
        warm_env = {**base_env, "PLANCOMPARE_CACHE_DIR": str(warm_cache)}
        commands = {
            "baseline": [python, "-c", "import pandas, plancompare"],
            "cold": [cli, "build", "--data", str(data)],
            "warm": [cli, "build", "--data", str(data)],
            "kept": [cli, "build", "--data", str(data)],
        }
        run(commands["warm"], warm_env)  # prepares the warm cache; also a warm-up run
        run(commands["baseline"], base_env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(args.rounds):
            for name, argv in commands.items():
                if name == "cold":
                    cold_cache = root / f"cold-cache-{i}"
                    env = {**base_env, "PLANCOMPARE_CACHE_DIR": str(cold_cache)}
                else:
                    env = warm_env if name in ("warm", "kept") else base_env
                if name in ("cold", "warm"):
                    shutil.rmtree(data / "processed", ignore_errors=True)  # parse, not read back
                wall, peak = run(argv, env)
                times[name].append(wall)
                peaks[name].append(peak)
                if name == "cold":
                    shutil.rmtree(root / f"cold-cache-{i}", ignore_errors=True)
        profile = profile_warm_load(data, warm_cache) if args.profile else ""

    ratios = {
        name: statistics.median(t / b for t, b in zip(times[name], times["baseline"], strict=True))
        for name in ("cold", "warm", "kept")
    }
    lines = [
        "plancompare start-up benchmark (benchmarks/bench_start.py)",
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores;"
        f" {args.rounds} rounds, each a fresh process per command; load average"
        f" {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end",
        "",
        f"{'command':58} {'median s':>9} {'min s':>7} {'peak MB':>8} {'x baseline':>11}",
    ]
    labels = {
        "baseline": 'python -c "import pandas, plancompare"',
        "cold": "plancompare build (seeds), cold cache",
        "warm": "plancompare build (seeds), warm cache",
        "kept": "plancompare build (seeds), warm cache, frame kept",
    }
    for name, label in labels.items():
        ratio = "1.00" if name == "baseline" else f"{ratios[name]:.2f}"
        lines.append(
            f"{label:58} {statistics.median(times[name]):9.2f} {min(times[name]):7.2f}"
            f" {statistics.median(peaks[name]):8.0f} {ratio:>11}"
        )
    met = ratios["warm"] <= GOAL_RATIO and statistics.median(peaks["warm"]) < GOAL_MB
    lines += [
        "",
        f"goal: warm build <= {GOAL_RATIO:.0f}x baseline and peak < {GOAL_MB} MB:"
        f" {'met' if met else 'NOT met'}",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if profile:
        print(profile)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
