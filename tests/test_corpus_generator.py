"""The synthetic national corpus of the scale benchmarks (``benchmarks/corpus.py``).

Its cache key (``corpus_key``) must name everything the generator draws on, so that the same
key always gives the same bytes: on 7 December the corpus under one key changed because a
library data file it reads (``data/forms/heading_roles.csv``) had grown, which the key did not
name. These tests generate a small corpus twice -- once in this process, once as the command
line in a fresh process started from another working directory -- and compare digests; they
check that every file the generator opens is one the key's digest covers, and that the key
moves when an input's bytes do.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from shutil import copytree, ignore_patterns

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("corpus", BENCHMARKS / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("corpus", None)


def corpus_digest(out: Path) -> str:
    """sha256 over the manifest and every raw file (name and bytes), in name order."""
    digest = hashlib.sha256((out / "manifest.csv").read_bytes())
    for path in sorted((out / "raw").iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_a_small_corpus_is_the_same_bytes_twice_and_from_another_directory(
    corpus, tmp_path: Path
) -> None:
    """3 organisations x 4 documents (one of them OCR-damaged) written in this process and by
    ``benchmarks/corpus.py`` in a fresh process whose working directory is elsewhere: same
    digest, same key."""
    here = corpus.write_corpus(tmp_path / "here", 3, 4, seed=0)
    elsewhere = tmp_path / "elsewhere"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    args = ["--orgs", "3", "--docs", "4", "--out", str(elsewhere)]
    subprocess.run([sys.executable, str(BENCHMARKS / "corpus.py"), *args], cwd=cwd, check=True)
    assert corpus_digest(here) == corpus_digest(elsewhere)
    manifest = (here / "manifest.csv").read_text(encoding="utf-8")
    assert manifest.count("\n") == 13 and ",true\n" in manifest  # 12 rows, one OCR-damaged
    key = subprocess.run(
        [sys.executable, "-c", "import corpus; print(corpus.corpus_key(3, 4, 0))"],
        cwd=BENCHMARKS,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert key == corpus.corpus_key(3, 4, 0)


OPENED = """
import json, os, sys
sys.path.insert(0, {benchmarks!r})
import corpus
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, os.PathLike)):
        opened.add(os.path.realpath(args[0]))
sys.addaudithook(hook)
for org in range(3):
    for doc in range(4):
        corpus.make_doc(0, org, doc)
print(json.dumps(sorted(opened)))
"""


def test_every_file_the_generator_reads_is_in_its_key(corpus) -> None:
    """In a fresh process (nothing cached), the files of the repository that generating
    documents opens -- code aside -- are the key's :func:`input_files`, and the plans' split
    file, whose dev ids the key holds."""
    out = subprocess.run(
        [sys.executable, "-c", OPENED.format(benchmarks=str(BENCHMARKS))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    repo = corpus.REPO.resolve()
    opened = {
        Path(p)
        for p in json.loads(out)
        if Path(p).is_relative_to(repo)
        and ".venv" not in Path(p).parts
        and Path(p).suffix not in {".py", ".pyc"}
    }
    covered = {p.resolve() for p in corpus.input_files()} | {corpus.PLANS.resolve() / "split.csv"}
    assert opened, "the generator read no file of the repository?"
    assert opened <= covered, sorted(map(str, opened - covered))


def test_the_key_moves_when_an_input_changes(corpus, tmp_path: Path, monkeypatch) -> None:
    """An input file's bytes are in the key: changing one byte changes the key."""
    extra = tmp_path / "heading_roles.csv"
    extra.write_text("prefix,role,note\nmål,goal,goal\n", encoding="utf-8")
    files = corpus.input_files()
    monkeypatch.setattr(corpus, "input_files", lambda: (*files, extra))
    corpus.inputs_digest.cache_clear()
    before = corpus.corpus_key(3, 4, 0)
    extra.write_text("prefix,role,note\nmål,goal,goals\n", encoding="utf-8")
    corpus.inputs_digest.cache_clear()
    assert corpus.corpus_key(3, 4, 0) != before
    corpus.inputs_digest.cache_clear()


def test_a_copy_of_the_library_elsewhere_gets_the_same_key(corpus, tmp_path: Path) -> None:
    """The library imported from a copy outside the checkout (as a ``git archive`` snapshot of
    an older commit is, to pair two libraries on one corpus) reads the same inputs and so gets
    the same key; the copy's files are named as in the repository."""
    package = Path(corpus.PACKAGE)
    copytree(package, tmp_path / "src" / package.name, ignore=ignore_patterns("*.pyc"))
    key = subprocess.run(
        [
            sys.executable,
            "-c",
            "import corpus, plancompare; print(plancompare.__file__)\n"
            "print(corpus.corpus_key(3, 4, 0))",
        ],
        cwd=BENCHMARKS,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert Path(key[0]).is_relative_to(tmp_path)  # the copy was imported, not the checkout
    assert key[1] == corpus.corpus_key(3, 4, 0)
