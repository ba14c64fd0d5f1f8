"""Benchmark: start-up of a fresh process, as a ratio against importing the package.

Every figure is a whole process, started fresh, timed from the outside: wall seconds from
start to exit, CPU seconds (user + system, ``ru_utime + ru_stime``) and the peak resident
memory the kernel reports for that process (``ru_maxrss`` from ``os.wait4`` -- what
``/usr/bin/time -f %M`` prints). Four commands, run in turn in each round so that drift of a
shared machine hits all of them alike:

* baseline -- ``python -c "import pandas, plancompare"``: the floor for any command;
* cold     -- ``plancompare build`` on a copy of the seed data with an *empty* cache directory
  (``PLANCOMPARE_CACHE_DIR``): the first run on a machine, preparing the Swedish tables;
* warm     -- the same build with the cache prepared: every later run;
* kept     -- the same build again with the processed frame kept from the previous run
  (``DATA/processed``, :mod:`plancompare.processed`): nothing to parse.

Before each cold and warm run the data directory's ``processed/`` is removed, so both parse
and repair the seeds (the processed frame would otherwise be read back and nothing measured).
The measured processes run with Python's bytecode cache on, as an installed package has it
(``PYTHONDONTWRITEBYTECODE`` is dropped from their environment; the warm-up run writes it).

It prints the medians and the ratios to the baseline (median of the per-round ratios, of
wall and of CPU seconds: on a shared machine the CPU ratio is the steadier one) and writes
``benchmarks/results/start.txt``. With ``--profile`` it also profiles one warm build in this
process (cProfile of ``plancompare build`` with ``processed/`` removed, after importing pandas
and plancompare, so it shows what the build adds to the baseline), top functions by
cumulative and by own time. Goals (issue 8): warm build within 2x of the baseline, warm peak
memory under 250 MB. Not a test.

    .venv/bin/python benchmarks/bench_start.py [--rounds 5] [--profile]
"""

from __future__ import annotations

import argparse
import contextlib
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
from typing import NamedTuple

RESULTS = Path(__file__).resolve().parent / "results" / "start.txt"
REPO = Path(__file__).resolve().parent.parent
GOAL_RATIO = 2.0
GOAL_MB = 250


class Measured(NamedTuple):
    """One fresh process: wall seconds, CPU seconds (user + system), peak RSS in MB."""

    wall: float
    cpu: float
    peak: float


def run(argv: list[str], env: dict[str, str]) -> Measured:
    """Wall and CPU seconds and peak RSS (MB) of one fresh process running ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def copy_seeds(root: Path) -> Path:
    data = root / "data"
    (data / "raw").mkdir(parents=True)
    shutil.copy(REPO / "data" / "manifest.csv", data / "manifest.csv")
    for path in (REPO / "data" / "raw").glob("*.txt"):
        shutil.copy(path, data / "raw" / path.name)
    return data


def profile_warm_build(data: Path, cache: Path, top: int = 30) -> str:
    """cProfile of one warm ``plancompare build`` of ``data`` in this process, parsing afresh.

    pandas and plancompare are imported first (the baseline), so the profile shows what the
    build adds to it: imports on the way, the parse, OCR repair, writing the files.
    """
    os.environ["PLANCOMPARE_CACHE_DIR"] = str(cache)
    import pandas  # noqa: F401

    import plancompare  # noqa: F401
    from plancompare.cli import main as cli_main

    shutil.rmtree(data / "processed", ignore_errors=True)  # parse, not read back
    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        profiler.enable()
        code = cli_main(["build", "--data", str(data), "--quiet"])
        profiler.disable()
    if code != 0:
        raise SystemExit(f"plancompare build failed ({code}) while profiling")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    for order in ("cumulative", "tottime"):
        stats.sort_stats(order).print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds (each runs all four)")
    parser.add_argument("--profile", action="store_true", help="profile one warm build too")
    args = parser.parse_args()

    python = sys.executable
    cli = str(Path(python).with_name("plancompare"))
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        root = Path(tmp)
        data = copy_seeds(root)
        warm_cache = root / "warm-cache"
        dropped = ("PLANCOMPARE_CACHE_DIR", "PYTHONDONTWRITEBYTECODE")
        base_env = {k: v for k, v in os.environ.items() if k not in dropped}
        warm_env = {**base_env, "PLANCOMPARE_CACHE_DIR": str(warm_cache)}
        commands = {
            "baseline": [python, "-c", "import pandas, plancompare"],
            "cold": [cli, "build", "--data", str(data)],
            "warm": [cli, "build", "--data", str(data)],
            "kept": [cli, "build", "--data", str(data)],
        }
        run(commands["warm"], warm_env)  # prepares the warm cache; also a warm-up run
        run(commands["baseline"], base_env)
        measured: dict[str, list[Measured]] = {name: [] for name in commands}
        for i in range(args.rounds):
            for name, argv in commands.items():
                if name == "cold":
                    cold_cache = root / f"cold-cache-{i}"
                    env = {**base_env, "PLANCOMPARE_CACHE_DIR": str(cold_cache)}
                else:
                    env = warm_env if name in ("warm", "kept") else base_env
                if name in ("cold", "warm"):
                    shutil.rmtree(data / "processed", ignore_errors=True)  # parse, not read back
                measured[name].append(run(argv, env))
                if name == "cold":
                    shutil.rmtree(root / f"cold-cache-{i}", ignore_errors=True)
        profile = profile_warm_build(data, warm_cache) if args.profile else ""

    def ratio(name: str, field: str) -> float:
        pairs = zip(measured[name], measured["baseline"], strict=True)
        return statistics.median(getattr(m, field) / getattr(b, field) for m, b in pairs)

    def median(name: str, field: str) -> float:
        return statistics.median(getattr(m, field) for m in measured[name])

    lines = [
        "plancompare start-up benchmark (benchmarks/bench_start.py)",
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores;"
        f" {args.rounds} rounds, each a fresh process per command, bytecode cached; load"
        f" average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end",
        "",
        f"{'command':52} {'wall s':>7} {'min s':>6} {'CPU s':>6} {'peak MB':>8}"
        f" {'x base wall':>12} {'x base CPU':>11}",
    ]
    labels = {
        "baseline": 'python -c "import pandas, plancompare"',
        "cold": "plancompare build (seeds), cold cache",
        "warm": "plancompare build (seeds), warm cache",
        "kept": "plancompare build (seeds), warm cache, frame kept",
    }
    for name, label in labels.items():
        wall = "1.00" if name == "baseline" else f"{ratio(name, 'wall'):.2f}"
        cpu = "1.00" if name == "baseline" else f"{ratio(name, 'cpu'):.2f}"
        lines.append(
            f"{label:52} {median(name, 'wall'):7.2f} {min(m.wall for m in measured[name]):6.2f}"
            f" {median(name, 'cpu'):6.2f} {median(name, 'peak'):8.0f} {wall:>12} {cpu:>11}"
        )
    met = ratio("warm", "wall") <= GOAL_RATIO and median("warm", "peak") < GOAL_MB
    lines += [
        "",
        f"goal: warm build <= {GOAL_RATIO:.0f}x baseline (wall) and peak < {GOAL_MB} MB:"
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
