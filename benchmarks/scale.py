"""The scale suite: the whole pipeline on synthetic national corpora, timed step by step.

For every configuration -- N organisations × M documents (``benchmarks/corpus.py``), and single
files of growing size (the growth *inside* one file) -- a fresh Python process loads the corpus
and runs, in order, what a researcher runs:

* ``read_split`` -- baseline: read and decode every file, split on whitespace (the floor for
  parsing);
* ``build`` -- ``plancompare.load`` (read, parse, OCR repair, the frame), kept in
  ``DATA/processed`` as ``plancompare build`` keeps it;
* ``kept`` -- instead of ``build``: the frame and OCR changes a build kept in
  ``DATA/processed``, read as they are, without checking their key (which names the library
  that built them), so that two libraries are paired on one built frame (``--steps
  kept,notebook01,themes`` with ``PYTHONPATH`` naming each library's ``src``); the check of
  the key (the manifest read and every raw file hashed) is then not timed;
* ``write_csv`` -- ``units.csv`` and its sidecar (what ``plancompare build`` writes);
* ``notebook01`` -- notebook 01's tables and figures (plans, kinds, describe, coverage, the
  on-topic flag of the measures, every leaf measure's source span, the OCR changes the build
  kept for every OCR file) without the report; as the notebook does, each source file is read
  once (``summary.source_texts``) for the spans, the coverage and the OCR files;
* ``themes`` -- ``code_themes`` and ``on_topic``;
* ``tfidf_baseline`` -- plain scikit-learn ``TfidfVectorizer`` on the leaf measures (the floor
  for features);
* ``vectorize`` -- ``SwedishVectorizer`` on the same texts, fitted once for the steps after
  it: ``plancompare.compare.unit_features`` of the leaf measures (the fitted vectorizer, the
  measures' term counts and TF-IDF rows), which ``distinctive``, ``gaps`` and ``cluster``
  take as ``features=`` instead of each fitting the vectorizer again on the same measures
  (the same tables; a file with fewer than two leaf measures fits on its prose units and
  shares nothing);
* ``cluster`` -- ``cluster_measures`` (silhouette scan with bootstrap stability, the chosen
  clustering, its stability, the map) with the settings the README gives for large corpora,
  the same at every size so that the exponent compares like with like (``CLUSTER_SETTINGS``:
  ``map_method="svd"``, ``n_init=2``, ``n_boot=5``);
* ``distinctive`` -- ``distinctive_terms`` by municipality;
* ``gaps`` -- ``gaps`` of one municipality against every other.

Each step reports wall and CPU seconds, MB/s of raw text, its peak memory (resident set
of the process and its worker processes, sampled every 10 ms) and a digest of what it
computed (:func:`digest`, after the timing), so that two libraries paired on one corpus are
seen to give the same frame, tables, matrices and clusters. Each step's growth exponent
``b`` is fitted over the corpus sizes as ``t = a + c · MB^b`` (``a`` the start-up). The run
writes ``benchmarks/results/scale_suite.csv`` (one row per configuration and step, with the
load average before and after), ``scale_suite.txt`` (the table and the exponents) and
``scale_suite.png`` (``scale_suite-noocr.*`` with ``--no-ocr``). The OpenMP/BLAS thread
settings of the environment (``OMP_NUM_THREADS`` …) reach every child and are recorded.

Corpora are generated once and kept under ``benchmarks/corpora/`` (git-ignored), keyed by
``corpus.corpus_key``: the generator's version and a digest of every input it draws on (the
seeds, dev plans and OCR reference, the forms' word lists, the stop words, the OCR damage code
and model, wordfreq's list), so one key always holds the same bytes. The machine's load
average is recorded with every configuration: re-run on a quiet machine for figures to quote.
So is the size of the library's store of word analyses at each step's start (``word_store``):
the store is shared by every process using the cache directory, and one of another library
version or other Swedish data files empties it, so a paired run gives each library its own
directory (``--cache-dir``) and a first run to fill it.

    .venv/bin/python benchmarks/scale.py                      # the whole suite
    .venv/bin/python benchmarks/scale.py --configs 5x1,50x1   # some configurations
    .venv/bin/python benchmarks/scale.py --jobs 1             # one core (n_jobs=1)
    .venv/bin/python benchmarks/scale.py --no-ocr             # everything but OCR repair
    .venv/bin/python benchmarks/scale.py --cache-dir /tmp/c1  # a cache directory of its own
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import inspect
import json
import math
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CORPORA = HERE / "corpora"
SIZES = ("5x1", "5x10", "50x1", "50x10", "290x1", "290x10")
FILES = tuple(
    f"file-{form}-{kb}k"
    for form in ("generic", "activity_table", "application_form")
    for kb in (20, 200, 2000)
)
STEPS = (
    "read_split",
    "build",
    "kept",
    "write_csv",
    "notebook01",
    "themes",
    "tfidf_baseline",
    "vectorize",
    "distinctive",
    "gaps",
    "cluster",
)
#: Inside one file only the per-text steps are timed (one municipality: nothing to compare).
FILE_STEPS = ("read_split", "build", "write_csv", "themes", "tfidf_baseline", "vectorize")
BASELINES = {"build": "read_split", "vectorize": "tfidf_baseline"}
#: ``cluster_measures`` settings for large corpora (README, Analysis), used at every size.
CLUSTER_SETTINGS = {"map_method": "svd", "n_init": 2, "n_boot": 5}
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


# ------------------------------------------------------------------------------------------
# Corpora
# ------------------------------------------------------------------------------------------


def _parse_config(name: str) -> tuple[int, int]:
    orgs, docs = name.split("x")
    return int(orgs), int(docs)


def _generate_master(orgs: int, docs: int, seed: int, jobs: int | None) -> Path:
    """The largest corpus, generated once (in parallel over organisations) and kept."""
    import corpus
    from joblib import Parallel, delayed

    root = CORPORA / f"master-{corpus.corpus_key(orgs, docs, seed)}"
    if (root / "manifest.csv").exists():
        return root
    tmp = root.with_name(root.name + ".tmp")
    (tmp / "raw").mkdir(parents=True, exist_ok=True)

    def one(org: int) -> list[dict[str, str]]:
        rows = []
        for d in range(docs):
            doc = corpus.make_doc(seed, org, d)
            (tmp / "raw" / doc.row["file"]).write_bytes(doc.text.encode(doc.encoding))
            rows.append(doc.row)
        return rows

    print(f"generating the {orgs}x{docs} corpus in {tmp} ...", flush=True)
    start = time.perf_counter()
    parts = Parallel(n_jobs=jobs or -1)(delayed(one)(org) for org in range(orgs))
    _write_manifest(tmp / "manifest.csv", [row for rows in parts for row in rows])
    tmp.rename(root)
    print(f"generated in {time.perf_counter() - start:.0f} s", flush=True)
    return root


def _write_manifest(path: Path, rows: list[dict[str, str]]) -> None:
    from plancompare.schema import MANIFEST_COLUMNS

    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(MANIFEST_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _subset(master: Path, orgs: int, docs: int, *, ocr: bool = True) -> Path:
    """A data directory holding the first ``orgs`` × ``docs`` documents (hard links).

    ``ocr=False`` marks every document clean (no OCR repair): the rest of the pipeline timed
    on the same text.
    """
    out = master.with_name(f"{master.name}-{orgs}x{docs}{'' if ocr else '-noocr'}")
    if (out / "manifest.csv").exists():
        return out
    with open(master / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = [
            r | ({} if ocr else {"ocr": "false"})
            for r in csv.DictReader(fh)
            if int(r["file"][1:4]) < orgs and int(r["file"][5:7]) < docs
        ]
    (out / "raw").mkdir(parents=True, exist_ok=True)
    for r in rows:
        target = out / "raw" / r["file"]
        if not target.exists():
            os.link(master / "raw" / r["file"], target)
    _write_manifest(out / "manifest.csv.tmp", rows)
    (out / "manifest.csv.tmp").rename(out / "manifest.csv")
    return out


def _single_file(name: str, seed: int, *, ocr: bool = True) -> Path:
    """A data directory holding one file of a form and size: ``file-generic-200k``.

    The application form is OCR text (damaged); ``ocr=False`` marks it clean, as for corpora.
    """
    import corpus
    import numpy as np

    _, rest = name.split("-", 1)
    form, kb = rest.rsplit("-", 1)
    size = int(kb.rstrip("k")) * 1000
    out = CORPORA / f"{name}-{corpus.corpus_key(0, size, seed)}{'' if ocr else '-noocr'}"
    if (out / "manifest.csv").exists():
        return out
    rng = np.random.default_rng([seed, 999, size])
    text = corpus.document(form, size, rng)
    damaged = form == "application_form"
    if damaged:
        text = corpus.damage(text, rate=0.6, seed=seed)
    ocr = ocr and damaged
    (out / "raw").mkdir(parents=True, exist_ok=True)
    (out / "raw" / "k000_00.txt").write_text(text, encoding="utf-8")
    row = corpus.make_doc(seed, 0, 0).row | {"file": "k000_00.txt", "form": form}
    _write_manifest(out / "manifest.csv", [row | {"ocr": "true" if ocr else "false"}])
    return out


def prepare(
    configs: list[str], seed: int, jobs: int | None, *, ocr: bool = True
) -> dict[str, Path]:
    """Data directories for ``configs`` (generated or found under ``benchmarks/corpora``)."""
    sizes = [_parse_config(c) for c in configs if not c.startswith("file-")]
    dirs: dict[str, Path] = {}
    if sizes:
        master = _generate_master(max(o for o, _ in sizes), max(d for _, d in sizes), seed, jobs)
        for c in configs:
            if not c.startswith("file-"):
                dirs[c] = _subset(master, *_parse_config(c), ocr=ocr)
    for c in configs:
        if c.startswith("file-"):
            dirs[c] = _single_file(c, seed, ocr=ocr)
    return dirs


# ------------------------------------------------------------------------------------------
# One configuration, in a fresh process
# ------------------------------------------------------------------------------------------


class PeakMemory:
    """Peak resident memory of this process and its children, sampled every 10 ms."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        total = self.proc.memory_info().rss
        for child in self.proc.children(recursive=True):
            with contextlib.suppress(Exception):  # a worker that ended meanwhile
                total += child.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, self.rss())

    def __enter__(self) -> PeakMemory:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


def _cpu_seconds() -> float:
    import psutil

    proc = psutil.Process()
    t = proc.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in proc.children(recursive=True):
        with contextlib.suppress(Exception):
            c = child.cpu_times()
            total += c.user + c.system
    return total


def word_store_records() -> int:
    """Records in the library's store of word analyses that a process starting now would see
    (its table and its log, for the current library and data files); ``-1`` when unknown.

    The store (:func:`plancompare.swedish.analysis_store`) lives in the cache directory
    (``PLANCOMPARE_CACHE_DIR``) under a key of the library's version and Swedish data files,
    and a compaction by a process of any other key removes it: a run paired against another
    library in the same cache directory, or beside other checkouts, may start with it empty.
    An empty store costs ``code_themes`` about a third more CPU on 290 × 10 (README, Scale).

    Example:
        >>> import os, tempfile
        >>> from unittest import mock
        >>> with mock.patch.dict(os.environ, {"PLANCOMPARE_CACHE_DIR": tempfile.mkdtemp()}):
        ...     word_store_records()  # a new cache directory: an empty store
        0
    """
    import struct

    try:
        from plancompare.swedish import cache
        from plancompare.swedish.lemmatize import analysis_store

        table_path, log_path = analysis_store().paths()
    except (ImportError, AttributeError):  # a library without the store
        return -1
    records = 0
    with (
        contextlib.suppress(OSError, ValueError, KeyError, struct.error),
        open(table_path, "rb") as fh,
    ):
        magic = fh.read(len(cache.MAGIC))
        (size,) = struct.unpack("<Q", fh.read(8))
        if magic == cache.MAGIC:
            records += json.loads(fh.read(size))["sections"]["rows"][1] // 4
    with contextlib.suppress(OSError):
        records += log_path.read_bytes().count(b"\n")
    return records


def _kwargs(func: Callable, **wanted: object) -> dict[str, object]:
    """The keyword arguments among ``wanted`` that ``func`` takes (steps land over time)."""
    params = inspect.signature(func).parameters
    return {k: v for k, v in wanted.items() if k in params}


def _steps(data: Path, jobs: int | None) -> dict[str, Callable[[dict], object]]:

    import plancompare
    from plancompare.decode import read_source
    from plancompare.manifest import read_manifest

    def read_split(ctx: dict) -> None:
        files = [r.path for r in read_manifest(data)]
        ctx["tokens"] = sum(len(read_source(f).text.split()) for f in files)

    def build(ctx: dict) -> None:
        # as `plancompare build` does: parse, repair, and keep the frame (and its OCR changes)
        # in DATA/processed, which notebook 01 then reads; a kept frame from an earlier run is
        # removed first, so the step always builds
        import shutil

        shutil.rmtree(plancompare.paths.processed_dir(data), ignore_errors=True)
        load = plancompare.load
        ctx["frame"] = load(data, **_kwargs(load, n_jobs=jobs, progress=False))
        return ctx["frame"]

    def kept(ctx: dict) -> None:
        import pandas as pd

        kept_dir = plancompare.paths.processed_dir(data)
        ctx["frame"] = pd.read_parquet(kept_dir / "frame.parquet")
        ctx["frame"].attrs["data_dir"] = str(data.resolve())  # as load records it
        ctx["changes"] = pd.read_parquet(kept_dir / "ocr_changes.parquet")
        return ctx["frame"]

    def write_csv(ctx: dict) -> None:
        from plancompare.outputs import write_units

        return (write_units(ctx["frame"], data)[0]).read_bytes()  # units.csv (meta has a date)

    def notebook01(ctx: dict) -> None:
        from plancompare import plots, summary

        frame = ctx["frame"]
        plans = summary.plans_table(frame)
        tables = [plans, summary.kind_table(frame), summary.describe(frame)]
        plots.plot_units_by_kind(frame)
        measures = summary.select_units(frame)
        # as the notebook: the measures coded with the units enclosing them, not every unit
        coded = summary.with_enclosing(frame, frame["kind"] == "measure")
        flag = plancompare.on_topic(coded)
        plots.plot_measures_by_municipality(frame, flag)
        tables += [measures, coded, flag]
        # as the notebook: each source file read once for provenance, coverage and OCR changes
        texts = summary.source_texts(frame, data) if hasattr(summary, "source_texts") else None
        read = {"texts": texts} if texts is not None else {"data_dir": data}
        differs = summary.source_spans(measures, **read) != measures["text"]  # provenance
        measures[differs].head(1)
        tables += [differs, summary.coverage(frame, **read)]
        changes = ctx.get("changes")  # what the build kept, as notebook 01 reads it
        changes = plancompare.ocr_changes(data) if changes is None else changes
        for file in plans.query("ocr").index:
            raw = texts[file] if texts is not None else read_source(data / "raw" / file).text
            changes[changes.source_file == file].drop(columns="source_file"), len(raw.split())
        return tables

    def themes(ctx: dict) -> None:
        ctx["codes"] = plancompare.code_themes(ctx["frame"])
        ctx["on_topic"] = plancompare.on_topic(ctx["frame"], codes=ctx["codes"])
        return ctx["codes"], ctx["on_topic"]

    def _leaves(ctx: dict) -> list[str]:
        """Leaf measures' texts; a file with fewer than two: every prose unit's text."""
        from plancompare.schema import PROSE_KINDS
        from plancompare.summary import select_units

        if "leaves" not in ctx:
            texts = select_units(ctx["frame"])["text"].astype(str).tolist()
            if len(texts) < 2:
                frame = ctx["frame"]
                texts = frame.loc[frame["kind"].isin(PROSE_KINDS), "text"].astype(str).tolist()
            ctx["leaves"] = texts
        return ctx["leaves"]

    def tfidf_baseline(ctx: dict) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer().fit_transform(_leaves(ctx))

    def vectorize(ctx: dict) -> None:
        from plancompare import compare
        from plancompare.features import SwedishVectorizer
        from plancompare.summary import select_units

        leaves = select_units(ctx["frame"])
        if len(leaves) >= 2 and hasattr(compare, "unit_features"):
            # fitted once on the leaf measures: distinctive, gaps and cluster share it
            ctx["features"] = compare.unit_features(leaves)
            return ctx["features"].counts, ctx["features"].tfidf
        return SwedishVectorizer().fit_transform(_leaves(ctx))

    def cluster(ctx: dict) -> None:
        from plancompare.clusters import cluster_measures

        wanted = {"codes": ctx.get("codes"), "on_topic": ctx.get("on_topic")}
        wanted["features"] = ctx.get("features")
        found = cluster_measures(
            ctx["frame"], **_kwargs(cluster_measures, **wanted, **CLUSTER_SETTINGS)
        )
        return found.units, found.clusters, found.scan, tuple(found.stability), found.agreement

    def distinctive(ctx: dict) -> None:
        from plancompare.compare import distinctive_terms

        wanted = {"features": ctx.get("features")}
        return distinctive_terms(
            ctx["frame"], by="municipality", **_kwargs(distinctive_terms, **wanted)
        )

    def gaps(ctx: dict) -> None:
        from plancompare.compare import gaps as find_gaps
        from plancompare.summary import select_units

        leaves = select_units(ctx["frame"])
        counts = leaves["municipality"].astype(str).value_counts()
        if len(counts) >= 2:
            wanted = {"codes": ctx.get("codes"), "features": ctx.get("features")}
            return find_gaps(ctx["frame"], counts.index[0], **_kwargs(find_gaps, **wanted))
        return None

    return {
        "read_split": read_split,
        "build": build,
        "kept": kept,
        "write_csv": write_csv,
        "notebook01": notebook01,
        "themes": themes,
        "tfidf_baseline": tfidf_baseline,
        "vectorize": vectorize,
        "distinctive": distinctive,
        "gaps": gaps,
        "cluster": cluster,
    }


def digest(found: object) -> str:
    """The first 16 hex digits of a sha256 of what a step computed (its tables, arrays and
    matrices: values to the last bit, column names, dtypes and index), so that two libraries
    paired on one corpus show their results identical; timed apart from the step.

    Example:
        >>> import pandas as pd
        >>> digest(pd.DataFrame({"a": [1.0]})) == digest(pd.DataFrame({"a": [1.0 + 1e-16]}))
        True
        >>> digest(pd.DataFrame({"a": [1.0]})) == digest(pd.DataFrame({"a": [1.0 + 1e-15]}))
        False
    """
    import hashlib

    import numpy as np
    import pandas as pd
    from scipy import sparse

    h = hashlib.sha256()

    def add(x: object) -> None:
        if isinstance(x, pd.DataFrame):
            h.update(repr([(str(c), str(t)) for c, t in x.dtypes.items()]).encode())
            h.update(pd.util.hash_pandas_object(x, index=True).to_numpy().tobytes())
        elif isinstance(x, pd.Series):
            h.update(f"{x.name}:{x.dtype}".encode())
            h.update(pd.util.hash_pandas_object(x, index=True).to_numpy().tobytes())
        elif sparse.issparse(x):
            x = sparse.csr_matrix(x)
            for part in (x.data, x.indices, x.indptr, np.asarray(x.shape)):
                h.update(np.ascontiguousarray(part).tobytes())
        elif isinstance(x, np.ndarray):
            h.update(f"{x.dtype}{x.shape}".encode() + np.ascontiguousarray(x).tobytes())
        elif isinstance(x, list | tuple):
            for item in x:
                add(item)
        elif isinstance(x, bytes):
            h.update(x)
        else:
            h.update(repr(x).encode())

    add(found)
    return h.hexdigest()[:16]


def child(data: Path, config: str, steps: list[str], jobs: int | None, out: Path) -> None:
    """Run ``steps`` on ``data`` in this (fresh) process; append one JSON line per step."""
    import warnings

    warnings.filterwarnings("ignore")
    raw_mb = sum(f.stat().st_size for f in (data / "raw").iterdir()) / 1e6
    files = sum(1 for _ in (data / "raw").iterdir())
    ctx: dict = {}
    funcs = _steps(data, jobs)
    for name in steps:
        store = word_store_records()
        load_before = os.getloadavg()[0]
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        error, found = "", None
        with PeakMemory() as mem:
            try:
                found = funcs[name](ctx)
            except Exception as e:  # a step that fails is reported, the rest still run
                error = f"{type(e).__name__}: {e}"[:200]
        wall = time.perf_counter() - t0
        row = {
            "config": config,
            "step": name,
            "files": files,
            "raw_mb": round(raw_mb, 3),
            "units": len(ctx["frame"]) if "frame" in ctx else 0,
            "leaf_measures": len(ctx.get("leaves", [])),
            "seconds": round(wall, 4),
            "cpu_seconds": round(_cpu_seconds() - cpu0, 4),
            "mb_per_s": round(raw_mb / wall, 3) if wall else math.nan,
            "peak_mb": round(mem.peak / 1e6, 1),
            "process_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1),
            "n_jobs": jobs if jobs is not None else "auto",
            "load_before": round(load_before, 2),
            "load_after": round(os.getloadavg()[0], 2),
            "word_store": store,
            "error": error,
            "digest": digest(found) if not error else "",
        }
        with open(out, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")
        print(
            f"  {config:>28} {name:<15} {wall:8.2f} s  {row['mb_per_s']:8.2f} MB/s  "
            f"{row['peak_mb']:8.0f} MB peak  load {load_before:.1f}  {error}",
            flush=True,
        )
        if error and name in ("build", "kept"):
            break


# ------------------------------------------------------------------------------------------
# Fits, table, plot
# ------------------------------------------------------------------------------------------


def growth_exponent(sizes: list[float], seconds: list[float]) -> tuple[float, float, float]:
    """Fit ``t = a + c · size^b`` (a ≥ 0: start-up) on log time; return ``(a, c, b)``.

    Example:
        >>> a, c, b = growth_exponent([1, 10, 100, 1000], [0.5 + 2 * x**1.2 for x in
        ...                           [1, 10, 100, 1000]])
        >>> round(b, 2)
        1.2
    """
    import numpy as np
    from scipy.optimize import least_squares

    x, t = np.asarray(sizes, float), np.asarray(seconds, float)
    if len(x) < 3 or np.ptp(np.log(x)) < 1:
        return math.nan, math.nan, math.nan

    def residual(p: np.ndarray) -> np.ndarray:
        a, log_c, b = p
        return np.log(a + np.exp(log_c) * x**b) - np.log(t)

    start = [min(t) / 2, math.log(max(t) / max(x)), 1.0]
    fit = least_squares(residual, start, bounds=([0, -50, 0], [max(t), 50, 3]))
    a, log_c, b = fit.x
    return float(a), float(math.exp(log_c)), float(b)


def _series(rows: list[dict]) -> dict[str, dict[str, list[dict]]]:
    """Rows grouped as series → step → rows ordered by size: 'corpus' and one per form."""
    out: dict[str, dict[str, list[dict]]] = {}
    for r in rows:
        if r["error"]:
            continue
        series = r["config"].rsplit("-", 1)[0] if r["config"].startswith("file-") else "corpus"
        out.setdefault(series, {}).setdefault(r["step"], []).append(r)
    for steps in out.values():
        for found in steps.values():
            found.sort(key=lambda r: r["raw_mb"])
    return out


def exponents(rows: list[dict]) -> list[dict]:
    """One row per series and step: the fitted start-up, exponent and the largest size's MB/s."""
    table = []
    for series, steps in _series(rows).items():
        for step, found in steps.items():
            a, _, b = growth_exponent([r["raw_mb"] for r in found], [r["seconds"] for r in found])
            big = found[-1]
            table.append(
                {
                    "series": series,
                    "step": step,
                    "points": len(found),
                    "startup_s": round(a, 3),
                    "exponent": round(b, 3),
                    "largest_mb": big["raw_mb"],
                    "largest_s": big["seconds"],
                    "largest_mb_per_s": big["mb_per_s"],
                    "largest_peak_mb": big["peak_mb"],
                }
            )
    return table


def write_table(rows: list[dict], fits: list[dict], meta: dict) -> str:
    import pandas as pd

    frame = pd.DataFrame(rows)
    wide = frame.pivot_table(
        index="step", columns="config", values="seconds", aggfunc="first", sort=False
    )
    order = list(dict.fromkeys(frame["config"]))
    wide = wide.reindex(index=[s for s in STEPS if s in wide.index], columns=order)
    peak = frame.groupby("config", sort=False)["process_peak_mb"].max().reindex(order)
    total = frame[~frame.step.isin(BASELINES.values())].groupby("config")["seconds"].sum()
    mb = frame.groupby("config")["raw_mb"].first().reindex(order)
    store = frame.groupby("config")["word_store"].first().reindex(order)
    lines = [
        f"scale suite, {meta['date']}: {meta['machine']}, n_jobs={meta['n_jobs']}, "
        f"OCR repair {meta['ocr']}, commit {meta['commit']}",
        f"threads: {meta['threads']}; cluster_measures with {CLUSTER_SETTINGS}; library: "
        f"{meta.get('library', 'the checkout')}",
        f"cache directory: {meta.get('cache', 'the user cache')}; records in the word-analysis "
        "store when each configuration started (0: empty): "
        + ", ".join(f"{c}={n}" for c, n in store.items()),
        f"load average at start {meta['load_start']}, at end {meta['load_end']} "
        "(a busy machine: re-run on a quiet one for figures to quote)",
        "",
        "seconds per step (fresh process per configuration)",
        wide.round(2).to_string(),
        "",
        "raw MB            " + "  ".join(f"{c}={v:.2f}" for c, v in mb.items()),
        "pipeline seconds  " + "  ".join(f"{c}={total.get(c, math.nan):.1f}" for c in order),
        "process peak MB   " + "  ".join(f"{c}={v:.0f}" for c, v in peak.items()),
        "",
        "growth exponents b (t = a + c * MB^b; a = start-up seconds)",
        pd.DataFrame(fits).to_string(index=False) if fits else "(too few sizes to fit)",
    ]
    if "digest" in frame:  # what each step computed (identical across paired libraries)
        digests = frame.pivot_table(
            index="step", columns="config", values="digest", aggfunc="first", sort=False
        )
        lines += ["", "digest of each step's results", digests.to_string()]
    errors = frame[frame.error != ""]
    if len(errors):
        lines += ["", "errors:", errors[["config", "step", "error"]].to_string(index=False)]
    return "\n".join(lines) + "\n"


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    series = _series(rows)
    fig = Figure(figsize=(13, 5.5), layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, name in zip(axes, ("corpus", "file-generic"), strict=True):
        if not series.get(name):  # e.g. --configs 290x10: say so rather than draw empty axes
            ax.text(0.5, 0.5, "not measured in this run", ha="center", va="center", alpha=0.6)
            ax.set_axis_off()
        for step, found in series.get(name, {}).items():
            style = "--" if step in BASELINES.values() else "-"
            ax.loglog(
                [r["raw_mb"] for r in found],
                [r["seconds"] for r in found],
                style,
                marker="o",
                label=step,
            )
        ax.set_xlabel("raw text (MB)")
        ax.set_ylabel("seconds (wall)")
        ax.grid(True, which="both", alpha=0.3)
        if series.get(name):
            ax.legend(fontsize=8, ncol=2)
    axes[0].set_title("Corpus: N organisations × M documents")
    axes[1].set_title("Inside one file (generic form)")
    fig.suptitle("Time per pipeline step against corpus size (dashed: baselines)")
    fig.savefig(path, dpi=110)


# ------------------------------------------------------------------------------------------
# The runner
# ------------------------------------------------------------------------------------------


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        )
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--configs", default=",".join((*SIZES, *FILES)))
    parser.add_argument("--steps", default=",".join(s for s in STEPS if s != "kept"))
    parser.add_argument(
        "--jobs", type=int, default=None, help="n_jobs for build (default: the library's choice)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per configuration")
    parser.add_argument(
        "--no-ocr",
        action="store_true",
        help="mark every document clean: time everything but OCR repair on the same text",
    )
    parser.add_argument("--out", default=str(RESULTS), help="where scale_suite.* go")
    parser.add_argument(
        "--cache-dir",
        help="the library's cache directory for every run (PLANCOMPARE_CACHE_DIR; default the "
        "user's): give each library of a pairing its own, so that its store of word analyses "
        "is not emptied by the other's (each row records the store's size, word_store)",
    )
    parser.add_argument("--child", nargs=2, metavar=("DATA", "CONFIG"), help=argparse.SUPPRESS)
    parser.add_argument("--rows", help=argparse.SUPPRESS)
    args = parser.parse_args()
    steps = [s for s in args.steps.split(",") if s]
    if args.child:
        child(Path(args.child[0]), args.child[1], steps, args.jobs, Path(args.rows))
        return
    if args.cache_dir:
        os.environ["PLANCOMPARE_CACHE_DIR"] = str(Path(args.cache_dir).resolve())
    configs = [c for c in args.configs.split(",") if c]
    dirs = prepare(configs, args.seed, args.jobs, ocr=not args.no_ocr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = "scale_suite-noocr" if args.no_ocr else "scale_suite"
    rows_path = out / f"{stem}.jsonl.tmp"
    rows_path.unlink(missing_ok=True)
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "n_jobs": args.jobs if args.jobs is not None else "auto",
        "ocr": "off (every document marked clean)" if args.no_ocr else "on",
        "commit": _commit(),
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "threads": ", ".join(f"{v}={os.environ[v]}" for v in THREAD_VARS if v in os.environ)
        or "library defaults",
        "cache": os.environ.get("PLANCOMPARE_CACHE_DIR", "the user cache"),
        "library": os.environ.get("PYTHONPATH") or "the checkout's",
    }
    for config in configs:
        mine = [s for s in steps if s in FILE_STEPS or not config.startswith("file-")]
        cmd = [sys.executable, __file__, "--child", str(dirs[config]), config]
        cmd += ["--steps", ",".join(mine), "--rows", str(rows_path)]
        cmd += ["--jobs", str(args.jobs)] if args.jobs is not None else []
        try:
            subprocess.run(cmd, check=False, timeout=args.timeout, cwd=HERE)
        except subprocess.TimeoutExpired:
            print(f"  {config}: stopped after {args.timeout} s", flush=True)
    meta["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = [json.loads(line) for line in rows_path.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r["run"] = meta["date"]
        r["commit"] = meta["commit"]
    fits = exponents(rows)
    with open(out / f"{stem}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    text = write_table(rows, fits, meta)
    (out / f"{stem}.txt").write_text(text, encoding="utf-8")
    plot(rows, out / f"{stem}.png")
    rows_path.unlink()
    print(text)


if __name__ == "__main__":
    main()
