"""SwedishVectorizer against scikit-learn's plain TfidfVectorizer on the same texts.

Goal (issue 10): the Swedish vectorizer within 2x the time of a plain ``TfidfVectorizer``.

Texts: synthetic measures (``plancompare.synthetic.synthetic_frame``) made of real Swedish
words drawn by a Zipf law over the 100,000 most frequent words, so a corpus has the long tail
of distinct words that real plans have (about one distinct word per ten running words at
500,000 words); every round draws a *new* corpus (a new seed), so no cache meets a text twice.

Both vectorizers run in the same process on the same texts; each Swedish run is timed
between two plain runs, and the ratio to their mean is reported per round (median over
``ROUNDS``), so drift of a shared machine cancels. The ratio is of *CPU* time of this process
(``time.process_time``; both vectorizers run on one thread), which other work on a shared
machine hardly moves; the ratio of wall time is printed beside it. Garbage of earlier runs is
collected before each timed run:

- baseline: ``TfidfVectorizer(token_pattern=<the Swedish word pattern>, sublinear_tf=True)``;
- ``cold``: the Swedish vectorizer with every per-word cache empty (the lemma and compound
  caches of ``plancompare.swedish``, the vectorizer's own, and an empty on-disk store of word
  analyses, :func:`plancompare.swedish.analysis_store`, which also holds the lemmas of words
  simplemma's dictionary lacks): each distinct word analysed from scratch; the shared tables
  (word list, lemma dictionary) are loaded once before timing, as the first call of a session
  would;
- ``warm``: in-process caches empty, the on-disk store filled by *another* corpus of the same
  size from the same distribution (a new corpus after earlier work): only words that corpus
  lacked are analysed; opening the store is timed;
- ``rerun``: in-process caches empty, the on-disk store filled by the same corpus (a notebook
  run again in a new process); opening the store is timed;
- ``used``: ``rerun`` with the store holding ``FILLER`` other words besides (a machine that
  has analysed many corpora: the store's size must not cost a process time to open it);
- ``prepared``: in-process caches empty, the on-disk store holding the analyses of wordfreq's
  whole Swedish list (:func:`plancompare.swedish.prepare_word_analyses`, once per machine;
  prepared once here, before the rounds, in a directory of its own that each round copies,
  and its one-time cost printed apart): a new corpus on a machine that has prepared.

Real plan text, beside the synthetic rows (``compounds="parts"``, the default; the same pairs
of runs, ``ROUNDS`` times): the lines of the fixture plans 01-89 (``tests/data/plans``) and
every unit of the five seed plans (``plancompare.load()``), each with an ``empty`` store, a
``prepared`` one -- their words the list lacks (names, acronyms, rare compounds) are what a
prepared machine still analyses at their first encounter -- and ``rerun``: in-process caches
empty, the prepared store holding what the ``prepared`` run added (the same texts again in a
new process), the base path on real text without the first encounter's analyses.

Character n-grams: ``compounds="char"`` gives each distinct lemma its n-grams as terms (about
25 per word at (3, 5)), so its vocabulary is ten times the word vocabulary the plain baseline
builds; the note under the rows gives a plain ``TfidfVectorizer(analyzer="char_wb",
ngram_range=(3, 5))`` against the same baseline, the scale such features cost anyway.

Run from the repository root: ``.venv/bin/python benchmarks/bench_features.py [N_UNITS]``
(default 1,000 measures, about 25,000 running words); writes
``benchmarks/results/features.txt``.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

import plancompare
from plancompare import features, swedish
from plancompare.swedish import compounds, frequencies, lemmatize
from plancompare.synthetic import synthetic_frame

ROUNDS = 5
MODES = ("parts", "char", "none")
STATES = ("cold", "warm", "rerun", "used", "prepared")
FILLER = 150_000  # other words in the store for ``used``
PLANS = Path("tests/data/plans")


def plan_lines() -> list[str]:
    """The non-empty lines of the fixture plans 01-89 (each plan's text, line by line)."""
    paths = sorted(p for p in PLANS.glob("[0-9][0-9]-*.txt") if int(p.name[:2]) <= 89)
    return [
        line for p in paths for line in p.read_text(encoding="utf-8").split("\n") if line.strip()
    ]


def clear_word_caches() -> None:
    """Forget every per-word analysis held in this process (the disk cache stays)."""
    features._ENTRIES.clear()
    features._char_grams.cache_clear()
    lemmatize._cache.clear()
    lemmatize._STORES.clear()  # the stores of word analyses read in this process
    compounds.clear_memos()
    frequencies.vocabulary()._memo.clear()  # prefix searches of the word list
    frequencies.vocabulary()._blocks.clear()  # and its blocks of keys decoded for them


def fill_store(seed: int) -> None:
    """Add ``FILLER`` made-up words (with analyses of a usual length) to the store in use."""
    store = swedish.analysis_store()
    for i in range(FILLER):
        word = f"fyllnadsord{seed}x{i}"
        store.put(word, (word, "fyllnad", f"ord{i}"))
    store.save()


def use_disk_cache(directory: str) -> None:
    os.environ["PLANCOMPARE_CACHE_DIR"] = directory


def prepared_store(directory: str) -> tuple[float, float]:
    """Prepare the analyses of wordfreq's Swedish list in ``directory``: CPU and wall seconds."""
    use_disk_cache(directory)
    clear_word_caches()
    cpu, wall = time.process_time(), time.perf_counter()
    swedish.prepare_word_analyses()
    return time.process_time() - cpu, time.perf_counter() - wall


def timed(func) -> tuple[float, float]:
    """CPU and wall seconds of ``func()``, after collecting earlier garbage (a full collection
    of the process's objects takes ~80 ms here: left to chance it lands in some timed run,
    plain or Swedish, and swings that round's ratio by 3x; one the run itself provokes counts)."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    func()
    return time.process_time() - cpu, time.perf_counter() - wall


def timed_pair(baseline, vectorizer, texts, state, seconds, ratios, wall_ratios) -> None:
    """Time ``vectorizer`` between two runs of ``baseline`` on ``texts`` (the machine's drift
    cancels); record the CPU seconds and the CPU and wall ratios under ``state``."""
    before = timed(lambda: baseline.fit_transform(texts))
    swedish_time = timed(lambda: vectorizer.fit_transform(texts))
    after = timed(lambda: baseline.fit_transform(texts))
    plain = (before[0] + after[0]) / 2
    seconds.setdefault("plain", []).append(plain)
    seconds.setdefault(state, []).append(swedish_time[0])
    ratios.setdefault(state, []).append(swedish_time[0] / plain)
    wall_ratios.setdefault(state, []).append(swedish_time[1] / ((before[1] + after[1]) / 2))


def row(label: str, state: str, ratios, seconds, wall_ratios) -> str:
    return (
        f"{label} {state:<8}: median ratio {np.median(ratios[state]):5.2f}x "
        f"(rounds: {', '.join(f'{x:.2f}' for x in ratios[state])}); "
        f"median CPU {np.median(seconds[state]) * 1e3:5.0f} ms vs plain "
        f"{np.median(seconds['plain']) * 1e3:3.0f} ms; wall ratio "
        f"{np.median(wall_ratios[state]):5.2f}x"
    )


def real_text_rows(baseline, prepared: str, corpora: dict[str, list[str]]) -> list[str]:
    """Rows of real texts (name -> texts), each with an empty and a prepared store."""
    rows = []
    for label, texts in corpora.items():
        ratios: dict[str, list[float]] = {}
        wall_ratios: dict[str, list[float]] = {}
        seconds: dict[str, list[float]] = {}
        for _ in range(ROUNDS):
            vectorizer = features.SwedishVectorizer()
            with tempfile.TemporaryDirectory() as empty:
                use_disk_cache(empty)
                clear_word_caches()
                timed_pair(baseline, vectorizer, texts, "empty", seconds, ratios, wall_ratios)
            with tempfile.TemporaryDirectory() as ready:
                for path in Path(prepared).iterdir():
                    shutil.copy(path, ready)
                use_disk_cache(ready)
                clear_word_caches()
                timed_pair(baseline, vectorizer, texts, "prepared", seconds, ratios, wall_ratios)
                clear_word_caches()  # the store now holds the words the list lacked
                timed_pair(baseline, vectorizer, texts, "rerun", seconds, ratios, wall_ratios)
        n_words = sum(len(re.findall(features._WORD, t)) for t in texts)
        distinct = len({w for t in texts for w in re.findall(features._WORD, t)})
        head = f"{label} ({len(texts)} texts, {n_words} words, {distinct} distinct)"
        rows += [row(head, s, ratios, seconds, wall_ratios) for s in ("empty", "prepared", "rerun")]
    return rows


def char_baseline_note(baseline) -> str:
    """A plain character n-gram vectorizer against the plain word one, on one corpus."""
    texts = synthetic_frame(1_000, random_state=100).text.tolist()
    plain_char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    ratios: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        timed_pair(baseline, plain_char, texts, "char", {}, ratios, {})
    return (
        "char: a plain TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5)) on the same "
        f"measures takes {np.median(ratios['char']):.2f}x the plain word vectorizer (median of "
        f"{ROUNDS}): character n-grams cost that much anyway"
    )


def main(n_units: int = 1_000) -> None:
    # load the tables, and simplemma's pipeline (its rules compile ~400 regular expressions,
    # ~40 ms, at the first word the dictionary lacks)
    swedish.lemma("förvaltningen"), swedish.compound_parts("lönestrategi")
    lemmatize._strategy()  # a made-up word may be stored already: load the rules directly
    tables = os.environ.get("PLANCOMPARE_CACHE_DIR")
    real = {"plans 01-89": plan_lines(), "seed units ": plancompare.load().text.tolist()}
    baseline = TfidfVectorizer(token_pattern=features._WORD.pattern, sublinear_tf=True)
    prepared = tempfile.mkdtemp()
    preparation = prepared_store(prepared)
    rows = []
    for mode in MODES:
        ratios: dict[str, list[float]] = {state: [] for state in STATES}
        wall_ratios: dict[str, list[float]] = {state: [] for state in STATES}
        seconds: dict[str, list[float]] = {state: [] for state in ("plain", *STATES)}
        for r in range(ROUNDS):
            texts = synthetic_frame(n_units, random_state=100 + r).text.tolist()
            other = synthetic_frame(n_units, random_state=200 + r).text.tolist()
            vectorizer = features.SwedishVectorizer(compounds=mode)

            def pair(state: str, t=texts, v=vectorizer, s=seconds, q=ratios, w=wall_ratios):
                timed_pair(baseline, v, t, state, s, q, w)

            with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as seen:
                use_disk_cache(empty)
                clear_word_caches()
                pair("cold")
                use_disk_cache(seen)
                clear_word_caches()
                vectorizer.fit_transform(other)
                clear_word_caches()
                pair("warm")
                clear_word_caches()
                pair("rerun")
                fill_store(r)
                clear_word_caches()
                pair("used")
            with tempfile.TemporaryDirectory() as ready:
                for path in Path(prepared).iterdir():  # the prepared store, and the tables
                    shutil.copy(path, ready)
                use_disk_cache(ready)
                clear_word_caches()
                pair("prepared")
        n_words = sum(len(t.split()) for t in texts)
        distinct = len({w for t in texts for w in t.split()})
        label = f"compounds={mode:<5}"
        rows += [row(label, state, ratios, seconds, wall_ratios) for state in STATES]
    rows += real_text_rows(baseline, prepared, real)
    char_note = char_baseline_note(baseline)
    if tables is None:
        os.environ.pop("PLANCOMPARE_CACHE_DIR", None)
    else:
        os.environ["PLANCOMPARE_CACHE_DIR"] = tables
    shutil.rmtree(prepared, ignore_errors=True)
    header = (
        f"{n_units} synthetic measures per round ({n_words} running words, {distinct} "
        f"distinct), {ROUNDS} rounds, a new corpus each round; same process; each Swedish "
        "run timed between two plain TfidfVectorizer runs on the same texts (ratio of CPU "
        "time to their mean; wall-time ratio beside it); goal: ratio <= 2.0; load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
        + " at the end"
    )
    note = (
        f"prepared: the analyses of wordfreq's Swedish list made once before the rounds "
        f"(prepare_word_analyses): CPU {preparation[0]:.1f} s, wall {preparation[1]:.1f} s, "
        "a cost paid once per machine and not in the row"
    )
    text = "\n".join([header, *rows, note, char_note])
    out = Path("benchmarks/results/features.txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
