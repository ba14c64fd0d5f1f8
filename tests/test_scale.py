"""Scale work keeps answers: fast paths give what the plain definitions give."""

from __future__ import annotations

import hashlib
import html
import json
import os
import pickle
import re
import shutil
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plancompare
from plancompare import frame as frame_module
from plancompare import processed
from plancompare.cli import main
from plancompare.decode import read_source
from plancompare.errors import PlanError
from plancompare.forms import generic, kinds
from plancompare.forms.application_form import FIELDS, field_of, fold
from plancompare.forms.base import Unit, clean_text, uncovered
from plancompare.frame import build_frame, fit_repairer
from plancompare.manifest import read_manifest
from plancompare.outputs import write_units
from plancompare.parallel import map_files
from plancompare.paths import data_dir, raw_dir
from plancompare.processed import CACHE_FILE, cached_path
from plancompare.summary import coverage
from plancompare.swedish import tokens

SPACES = " \n\t\u00a0\u2003\u3000"
OSTERSUND = "004_2860dbc534337b64.txt"


def test_every_line_number_counts_the_newlines_before_the_unit():
    frame = plancompare.load()
    for file, group in frame.groupby("source_file"):
        raw = read_source(raw_dir() / file).text
        expected = [raw.count("\n", 0, s) + 1 for s in group.char_start]
        assert group.line.tolist() == expected, file


def _field_by_definition(line: str, threshold: float = 0.85) -> tuple[str, str] | None:
    """The form field a line names: the best ratio over every field (difflib, no shortcuts)."""
    got = fold(line)
    if not got or len(got) > 40:
        return None
    best = max(FIELDS, key=lambda f: SequenceMatcher(None, got, fold(f[0])).ratio())
    return best if SequenceMatcher(None, got, fold(best[0])).ratio() >= threshold else None


_NEAR_FIELDS = st.sampled_from([name for name, _ in FIELDS]).flatmap(
    lambda name: st.lists(st.integers(0, len(name) - 1), max_size=3).map(
        lambda cut: "".join(ch for i, ch in enumerate(name) if i not in cut)
    )
)


@given(st.one_of(_NEAR_FIELDS, st.text(alphabet="abcdeflmnorstuåäöé /()" + SPACES, max_size=60)))
def test_field_of_agrees_with_comparing_every_field(line):
    assert field_of(line) == _field_by_definition(line)


def test_field_of_tolerates_ocr_damage_and_rejects_prose():
    assert field_of("Plan for uppfoljning") == ("Plan för uppföljning", "follow_up")
    assert field_of("Bedomning") == ("Bedömning", "meta")
    assert field_of("Kostnaden för insatsen redovisas i bilaga två till ansökan.") is None


def _solid_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of non-whitespace characters no span covers, character by character."""
    held = [any(s <= i < e for s, e in spans) for i in range(len(text))]
    runs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if held[i] or ch.isspace():
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet="ab" + SPACES, min_size=1, max_size=30))
    text = text if text.strip() else "a" + text  # a plan file holds some text
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(1, 6)).map(
                lambda t: (t[0], min(n, t[0] + t[1]))
            ),
            max_size=6,
        )
    )
    return text, spans


@given(text_and_spans())
def test_uncovered_finds_every_uncovered_run(case):
    text, spans = case
    assert uncovered(text, [Unit(s, e, "meta") for s, e in spans]) == _solid_runs(text, spans)


@given(text_and_spans(), st.lists(st.booleans(), min_size=6, max_size=6))
def test_coverage_agrees_with_counting_character_by_character(tmp_path_factory, case, furniture):
    text, spans = case  # no "\r" in the alphabet: the decoded text is the text itself
    data = tmp_path_factory.mktemp("data")
    (data / "raw").mkdir()
    (data / "raw" / "a.txt").write_text(text, encoding="utf-8", newline="")
    if not spans:
        return
    kinds = ["furniture" if f else "context" for f in furniture[: len(spans)]]
    frame = pd.DataFrame(
        {
            "source_file": "a.txt",
            "char_start": [s for s, _ in spans],
            "char_end": [e for _, e in spans],
            "kind": kinds,
        }
    )
    row = coverage(frame, data).loc["a.txt"]
    layers = [sum(s <= i < e for s, e in spans) for i in range(len(text))]
    solid = [i for i, ch in enumerate(text) if not ch.isspace()]

    assert row.chars == len(solid)
    assert row.covered_once == sum(layers[i] == 1 for i in solid)
    assert row.covered_twice == sum(layers[i] > 1 for i in solid)
    assert row.uncovered == sum(layers[i] == 0 for i in solid)
    furniture_chars = sum(
        not text[i].isspace()
        for (s, e), k in zip(spans, kinds, strict=True)
        if k == "furniture"
        for i in range(s, e)
    )
    assert row.furniture_chars == furniture_chars


# -- the frame on several cores, on disk, in memory ----------------------------------------


@pytest.fixture
def data(tmp_path):
    """A copy of the seed corpus (all five forms, one OCR plan) in a temporary directory."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("processed"))
    return target


def test_the_frame_is_the_same_on_one_core_and_on_two(data):
    records = read_manifest(data)
    one = build_frame(records, n_jobs=1, progress=False)
    two = build_frame(records, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(one, two)
    assert one.source_file.nunique() == 5 and one.ocr.any()


def _worker_processes() -> list[str]:
    """This process's loky worker processes (Linux: read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):  # a process that ended meanwhile
            continue
        if ppid == os.getpid() and b"popen_loky" in command:
            found.append(stat.parent.name)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_worker_processes_end_with_the_run_and_give_their_memory_back():
    assert map_files(pow, [2, 3, 4], [1e9] * 3, args=(2,), n_jobs=2, progress=False) == [4, 9, 16]
    assert _worker_processes() == []
    with pytest.raises(ZeroDivisionError):  # and after a failure in a worker
        map_files(divmod, [1, 2], [1e9] * 2, args=(0,), n_jobs=2, progress=False)
    assert _worker_processes() == []


def test_a_bad_file_is_named_from_a_worker_process(data):
    (data / "raw" / OSTERSUND).write_bytes(b"%PDF-1.7\n\x00\x01binary")
    with pytest.raises(PlanError, match=f"{OSTERSUND}.*PDF"):
        build_frame(read_manifest(data), n_jobs=2, progress=False)


def test_the_frame_takes_at_most_four_times_the_memory_of_its_text(data):
    raw = data / "raw"
    rows = (data / "manifest.csv").read_text(encoding="utf-8").splitlines()
    more = [rows[0]]
    for n in range(20):  # 100 files: the per-column overheads of a tiny frame do not count
        for row in rows[1:]:
            name = row.split(",")[1]
            shutil.copy(raw / name, raw / f"c{n:02d}_{name}")
            more.append(row.replace(name, f"c{n:02d}_{name}", 1).replace(",", f"-{n},", 1))
    (data / "manifest.csv").write_text("\n".join(more) + "\n", encoding="utf-8")
    frame = plancompare.load(data, cache=False)
    text_bytes = sum(f.stat().st_size for f in raw.iterdir() if f.name.startswith("c"))
    assert len(frame) == 20 * 190  # the five seeds' units (004: three fields of work are one unit)
    assert frame.memory_usage(deep=True).sum() <= 4 * text_bytes


def test_load_keeps_the_frame_and_reads_it_back(data, monkeypatch):
    first = plancompare.load(data)
    assert cached_path(data).exists()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again although nothing changed")

    monkeypatch.setattr(frame_module, "_build", no_parsing)
    again = plancompare.load(data)
    pd.testing.assert_frame_equal(again, first)
    assert again.attrs["data_dir"] == str(data)


def test_ocr_changes_are_the_builds_and_kept_with_the_frame(data, monkeypatch):
    # what notebook 01 lists must be what the frame's text carries, without repairing again
    records = read_manifest(data)
    repairer = plancompare.fit_repairer(records)
    expected = [
        {"source_file": r.file, **c.as_dict()}
        for r in sorted(records, key=lambda r: (r.plan_id, r.file))
        if r.ocr
        for c in repairer.changes(plancompare.read_source(r.path).text)
    ]
    assert len(expected) > 100  # the Södertälje scan: 155 of 590 tokens changed
    plancompare.load(data)

    def no_parsing(*args, **kwargs):
        raise AssertionError("repaired again although nothing changed")

    monkeypatch.setattr(frame_module, "_build", no_parsing)
    changes = plancompare.ocr_changes(data)
    assert changes.astype(object).to_dict("records") == expected
    assert list(changes.columns) == list(frame_module.CHANGE_COLUMNS)


def _built_afresh(data, monkeypatch) -> bool:
    """Whether load() parses (rather than reading the kept frame)."""
    calls = []
    real = frame_module._build

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(frame_module, "_build", counting)
    plancompare.load(data)
    monkeypatch.setattr(frame_module, "_build", real)
    return bool(calls)


def test_the_kept_frame_is_renewed_when_a_raw_file_changes(data, monkeypatch):
    plancompare.load(data)
    assert not _built_afresh(data, monkeypatch)
    path = data / "raw" / OSTERSUND
    path.write_text(path.read_text(encoding="utf-8") + "\nEn ny mening om lärare.\n", "utf-8")
    assert _built_afresh(data, monkeypatch)
    frame = plancompare.load(data)
    assert frame.text.str.contains("En ny mening om lärare.").any()


def test_the_kept_frame_is_renewed_when_the_manifest_changes(data, monkeypatch):
    plancompare.load(data)
    manifest = data / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("Mål: Kompetens", "Mål 2024: Kompetens"),
        "utf-8",
    )
    assert _built_afresh(data, monkeypatch)
    assert "Mål 2024: Kompetens" in plancompare.load(data).plan_title.str.cat()


def test_the_kept_frame_is_renewed_for_another_library_version(data, monkeypatch):
    plancompare.load(data)
    assert not _built_afresh(data, monkeypatch)
    monkeypatch.setattr(processed, "library_digest", lambda: "another version")
    assert _built_afresh(data, monkeypatch)


def test_a_failed_store_leaves_the_kept_frame_as_it_was(data, monkeypatch):
    import pyarrow.parquet as pq

    plancompare.load(data)
    good = cached_path(data).read_bytes()

    def half_written(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half")
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", half_written)
    (data / "raw" / OSTERSUND).write_text("Ny text.\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="not stored"):
        plancompare.load(data)
    assert cached_path(data).read_bytes() == good
    kept = sorted(p.name for p in cached_path(data).parent.iterdir())
    assert kept == [CACHE_FILE, frame_module.CHANGES_FILE]


def test_units_csv_is_streamed_in_chunks_as_one_csv_with_a_bom(data):
    frame = plancompare.load(data, cache=False)
    csv, meta = write_units(frame, data, chunk_rows=7)
    body = csv.read_bytes()
    assert body == ("\ufeff" + frame.to_csv(index=False, lineterminator="\n")).encode("utf-8")
    info = json.loads(meta.read_text(encoding="utf-8"))["units_csv"]
    assert info["sha256"] == hashlib.sha256(body).hexdigest() and info["rows"] == len(frame)


CSV_CELLS = st.text(alphabet='ab,"\n\r\t ;åÖ€\u2028\x00', max_size=8)


@given(
    st.lists(
        st.tuples(st.none() | CSV_CELLS, st.none() | st.integers(-(2**40), 2**40), st.booleans()),
        max_size=12,
    ),
    st.integers(1, 5),
)
def test_units_csv_is_byte_for_byte_what_pandas_writes_for_any_cells(rows, chunk_rows):
    """csv_chunks formats columns with Arrow; quoting, missing values, integers, booleans and
    categories must come out as pandas' writer (Python's csv) puts them."""
    from plancompare.outputs import csv_chunks

    texts = [r[0] for r in rows]
    frame = pd.DataFrame(
        {
            "text": pd.array(texts, dtype="str"),
            "level": pd.array([r[1] for r in rows], dtype="Int64"),
            "ocr": [r[2] for r in rows],
            "plan_id": pd.Categorical(texts),
            "a,b": pd.array(texts[::-1], dtype="str"),  # a header that needs quotes
        }
    )
    written = b"".join(csv_chunks(frame, chunk_rows=chunk_rows))
    assert written == frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def test_the_progress_bar_counts_files_and_bytes_when_asked(capsys):
    done = map_files(str.upper, ["a", "b", "c"], [2e6, 2e6, 2e6], n_jobs=1, progress=True)
    err = capsys.readouterr().err
    assert done == ["A", "B", "C"]
    assert "3/3 files" in err and "6.00M/6.00M" in err and "B/s" in err  # files, MB, rate


def test_no_progress_bar_when_not_on_a_terminal_or_when_quiet(data, capsys):
    map_files(str.upper, ["a"], [1e9], n_jobs=1, progress=None)  # stderr is no terminal here
    assert capsys.readouterr().err == ""
    assert main(["build", "--data", str(data), "--quiet", "--jobs", "2"]) == 0
    assert capsys.readouterr().err == ""


def test_the_fitted_repairer_repairs_the_same_after_pickling():
    """Worker processes get the repairer pickled: it must not change a single repair."""
    records = read_manifest()
    repairer = fit_repairer(records)
    text = read_source(next(r for r in records if r.ocr).path).text
    copy = pickle.loads(pickle.dumps(repairer))
    assert copy.changes(text) == repairer.changes(text)
    assert copy.repair("Ansdkan om medel ur kompetensforsoérjningsfonden") == (
        "Ansökan om medel ur kompetensförsörjningsfonden"
    )


# -- fast paths of the parsers give what the plain definitions give ------------------------

_PROSE = st.text(
    alphabet=st.sampled_from(list("abcåäö ABCÅÄÖ.,:!?1234-–•()\"'<>/&;#\n\t\u00a0")), max_size=80
)
_WORDS = [
    "Insatser", "insats", "Mål", "Effekter", "Kontakt", "Nyckeltal", "Sidan uppdaterad",
    "På sidan", "ska", "vara", "kommer", "att", "genomföras", "Målet", "är", "uppdrar", "åt",
    "har", "genomfört", "behöver", "tas fram", "t.ex.", "bl.a.", "1.", "2)", "Foto:", "Dela:",
    "https://x.se", "läs mer", "kakor", "Vi", "använder", "cookies", "...... 12", "•", "-",
    "Av 11 kap", "nr.", "ca.", "m.m.", "Lärare", "lärare", "\n", "\n\n", ".", " ", "  ",
]  # fmt: skip
_PLAN_TEXT = st.one_of(_PROSE, st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join))


def _clean_text_by_definition(raw: str) -> str:
    no_tags = re.sub(r"</?[A-Za-z][^<>]{0,200}>", " ", raw)
    return re.sub(r"\s+", " ", html.unescape(no_tags)).strip()


@given(_PLAN_TEXT)
def test_clean_text_agrees_with_its_regex_definition(raw):
    assert clean_text(raw) == _clean_text_by_definition(raw)


@given(_PLAN_TEXT)
def test_role_and_furniture_agree_with_trying_each_row_in_order(line):
    words = clean_text(line).casefold().lstrip("#").strip()
    role = next(
        (
            r
            for r in generic.heading_roles()
            if words == r.prefix or re.match(re.escape(r.prefix) + r"\b", words)
        ),
        None,
    )
    assert generic._match_role(line) == role
    stripped = line.strip()
    reason = next((why for p, why in generic.furniture_patterns() if p.search(stripped)), None)
    assert generic.furniture_reason(line) == reason


@given(_PLAN_TEXT)
def test_sentence_cues_agree_with_searching_each_row(sentence):
    by_row = {cue for pattern, cue in kinds.sentence_cues() if pattern.search(sentence.strip())}
    assert kinds.cues(sentence) == by_row


def _boundary_by_definition(text: str, end: int) -> bool:
    """The sentence-end test as first written (it copies the text around ``end``)."""
    chunk = re.compile(r"\S+$").search(text, 0, end)
    word = chunk.group().lstrip(tokens._OPENERS).lower() if chunk else ""
    first = text[end:].lstrip()[:1]
    if not first:
        return True
    if word.endswith(".") and word in tokens.abbreviations():
        return tokens.abbreviations()[word] and first.isupper()
    before = text[: chunk.start()] if chunk else ""
    starts_line = before.rstrip(" \t").endswith("\n") or not before.strip()
    if word[:-1].isdigit() and chunk is not None and starts_line:
        return False
    return not first.islower()


@given(_PLAN_TEXT)
def test_sentence_ends_agree_with_the_first_definition(text):
    for m in tokens._END.finditer(text):
        assert tokens._is_boundary(text, m.end()) == _boundary_by_definition(text, m.end())
