"""The command line: one readable line per problem, non-zero exit, no traceback, atomic output."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import plancompare
from plancompare.cli import main
from plancompare.frame import CHANGES_FILE, source_span
from plancompare.paths import data_dir, shipped_codebook
from plancompare.processed import CACHE_FILE

OSTERSUND = "004_2860dbc534337b64.txt"
MALMO = "001_b3ac81e63263b8c1.txt"


def _copy_data(tmp_path: Path, files: list[str]) -> Path:
    src = data_dir()
    (tmp_path / "raw").mkdir(parents=True)
    lines = (src / "manifest.csv").read_text(encoding="utf-8").splitlines()
    keep = [lines[0], *[ln for ln in lines[1:] if any(f in ln for f in files)]]
    (tmp_path / "manifest.csv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    for f in files:
        shutil.copy(src / "raw" / f, tmp_path / "raw" / f)
    return tmp_path


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point as a user would, from an unrelated directory."""
    return subprocess.run(
        [sys.executable, "-m", "plancompare.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_build_writes_units_csv_and_prints_units_by_kind(tmp_path, capsys):
    data = _copy_data(tmp_path / "d", [OSTERSUND, MALMO])
    assert main(["build", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "measure" in out and "furniture" in out and "wrote" in out
    units = pd.read_csv(data / "processed" / "units.csv", dtype=str, keep_default_na=False)
    frame = plancompare.load(data)
    assert len(units) == len(frame)
    assert list(units.columns) == list(frame.columns)
    # Östersund: 5 uppdrag + 6 steps; Malmö: 7 activities + 12 sub-activities
    assert (units.kind == "measure").sum() == 5 + 6 + 7 + 12
    assert units.text.tolist() == frame.text.tolist()


def test_check_reports_what_it_found(tmp_path, capsys):
    data = _copy_data(tmp_path / "d", [OSTERSUND])
    assert main(["check", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"ok  {OSTERSUND}: goal_page" in out and "11 measure" in out


def test_main_called_from_python_leaves_the_garbage_collector_alone(tmp_path, capsys):
    # the command freezes its imports' objects (gc.freeze) only when it is the process's
    # command (argv None); a notebook or script calling main() keeps its collector as it was
    data = _copy_data(tmp_path / "d", [OSTERSUND])
    frozen = gc.get_freeze_count()
    assert main(["check", "--data", str(data)]) == 0
    assert gc.get_freeze_count() == frozen


def test_check_lists_every_problem_and_exits_non_zero(tmp_path):
    data = _copy_data(tmp_path / "d", [OSTERSUND])
    manifest = data / "manifest.csv"
    rows = manifest.read_text(encoding="utf-8").splitlines()
    bad = [
        rows[1].replace(OSTERSUND, "missing.txt").replace("ostersund-mal-2024", "p2"),
        rows[1].replace(OSTERSUND, "../outside.txt").replace("ostersund-mal-2024", "p3"),
        rows[1]
        .replace("goal_page", "tabell")
        .replace(OSTERSUND, "empty.txt")
        .replace("ostersund-mal-2024", "p4"),
    ]
    (data / "raw" / "empty.txt").write_bytes(b"")
    manifest.write_text("\n".join([*rows, *bad]) + "\n", encoding="utf-8")
    result = run_cli("check", "--data", str(data), cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    text = "\n".join(errors)
    assert "manifest.csv:3" in text and "missing.txt" in text
    assert "manifest.csv:4" in text and "outside" in text
    assert "manifest.csv:5" in text and "tabell" in text
    assert "empty.txt" in text and "empty" in text
    assert len(errors) >= 4


def test_check_names_a_bad_row_of_the_data_directorys_codebook(tmp_path):
    # a student edits DATA/codebook.csv (README, Theme coding): `check` is where a mistake in
    # it is named, with file and line, not first in a notebook in the middle of `report`
    data = _copy_data(tmp_path / "d", [OSTERSUND])
    lines = shipped_codebook().read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = next(i for i, ln in enumerate(lines) if ln.split(",")[1] == "lon")
    cells = lines[at].split(",")
    cells[header.index("theme")] = "lön och villkor"  # an id may hold only a-z, 0-9, _
    lines[at] = ",".join(cells)
    (data / "codebook.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"codebook.csv:{at + 1}: theme 'lön och villkor'" in result.stderr
    # the shipped codebook copied unchanged is fine
    shutil.copy(shipped_codebook(), data / "codebook.csv")
    result = run_cli("check", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"ok  codebook.csv: {len(lines) - 1} themes" in result.stdout


def test_build_names_decoding_repairs_as_check_does(tmp_path, capsys):
    # a plan saved in cp1252 with CRLF line ends (Notepad, Excel) and a file left out of the
    # manifest: check names both, and build, which a student runs more often, names them too,
    # the second time from the kept frame as well
    data = _copy_data(tmp_path / "d", [OSTERSUND])
    text = (data / "raw" / OSTERSUND).read_text(encoding="utf-8")
    (data / "raw" / OSTERSUND).write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    (data / "raw" / "utkast.txt").write_text("Utkast\n", encoding="utf-8")
    assert main(["check", "--data", str(data)]) == 0
    checked = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("note: ")]
    assert any(f"{OSTERSUND}: " in ln and "cp1252" in ln for ln in checked)
    assert any("CRLF" in ln for ln in checked)
    assert any(ln.startswith("note: utkast.txt: ") for ln in checked)
    for _ in range(2):
        assert main(["build", "--data", str(data)]) == 0
        out = capsys.readouterr().out
        assert [ln for ln in out.splitlines() if ln.startswith("note: ")] == checked


def test_build_failure_keeps_previous_good_output(tmp_path, capsys):
    data = _copy_data(tmp_path / "d", [OSTERSUND])
    assert main(["build", "--data", str(data)]) == 0
    out = data / "processed" / "units.csv"
    good = out.read_bytes()
    (data / "raw" / OSTERSUND).write_bytes(b"%PDF-1.7\n\x00\x01binary")
    assert main(["build", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "looks like a PDF" in err and OSTERSUND in err
    assert out.read_bytes() == good
    assert sorted(p.name for p in out.parent.iterdir()) == [
        CACHE_FILE,
        CHANGES_FILE,
        "units.csv",
        "units.meta.json",
    ]


def test_build_with_no_manifest_is_one_clear_line(tmp_path):
    result = run_cli("build", "--data", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "manifest.csv" in result.stderr
    assert not (tmp_path / "nowhere" / "processed").exists()


def test_unknown_extra_column_warns_and_builds(tmp_path, capsys):
    data = _copy_data(tmp_path / "d", [OSTERSUND])
    manifest = data / "manifest.csv"
    rows = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text(
        "\n".join([rows[0] + ",kommentar", rows[1] + ",hej"]) + "\n", encoding="utf-8"
    )
    assert main(["build", "--data", str(data)]) == 0
    assert "kommentar" in capsys.readouterr().err


def test_same_files_in_another_directory_order_give_the_same_frame(tmp_path):
    files = [OSTERSUND, MALMO]
    a = _copy_data(tmp_path / "a", files)
    b = tmp_path / "b"
    (b / "raw").mkdir(parents=True)
    for f in reversed(files):  # created in the other order
        shutil.copy(a / "raw" / f, b / "raw" / f)
    rows = (a / "manifest.csv").read_text(encoding="utf-8").splitlines()
    (b / "manifest.csv").write_text("\n".join([rows[0], *reversed(rows[1:])]) + "\n", "utf-8")
    pd.testing.assert_frame_equal(plancompare.load(a), plancompare.load(b))


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        ("Rubrik\n\n<b>Fet</b> <script>alert(1)</script> **md**\n", "Fet alert(1) **md**"),
        ("Plan\n\n" + "långt ord " * 20000 + "\n", "långt ord"),
        ("Plan\n\nSvenska, English, русский, العربية, 中文.\n", "русский"),
        ("Ingen struktur alls bara text utan rubriker eller punkter", "Ingen struktur"),
    ],
)
def test_odd_text_loads_losslessly_with_the_generic_parser(tmp_path, content, expect):
    data = tmp_path / "d"
    (data / "raw").mkdir(parents=True)
    (data / "raw" / "plan.txt").write_text(content, encoding="utf-8")
    header = "plan_id,file,municipality,municipality_source,organisation,title,doc_type,"
    header += "period_start,period_end,form,ocr"
    row = "p,plan.txt,Umeå,stated,Org,Titel,plan,2025,2026,generic,false"
    (data / "manifest.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    frame = plancompare.load(data)
    joined = " ".join(frame.text)
    assert expect in joined  # HTML tags leave `text` (clean prose), markdown stays as written
    sources = "".join(source_span(row, data) for _, row in frame.iterrows())
    assert "".join(content.split()) == "".join(sources.split())  # the source keeps every mark


def test_cli_runs_from_any_working_directory(tmp_path):
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5 file(s) ok, 0 problem(s)" in result.stdout


def test_ocr_repair_follows_the_data_directory_and_reads_cp1252(tmp_path):
    """`check` accepts a clean plan saved by Excel/Notepad in cp1252; `build` then reads it
    through the same decoder, and the OCR plan is repaired with *that* plan's words."""
    data = tmp_path / "d"
    (data / "raw").mkdir(parents=True)
    header = "plan_id,file,municipality,municipality_source,organisation,title,doc_type,"
    header += "period_start,period_end,form,ocr"
    rows = [
        "p1,clean.txt,Flårpsta,stated,Skolan,Plan,plan,2024,2024,generic,false",
        "p2,scan.txt,Flårpsta,stated,Skolan,Ansökan,ansökan,2024,2024,generic,true",
    ]
    (data / "manifest.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    clean = "Insatser\n\nSkolledarna i Flårpsta träffas varje månad. Flårpsta växer.\n"
    (data / "raw" / "clean.txt").write_bytes(clean.encode("cp1252"))
    scan = "Insatser\n\nSkolledarna i Flarpsta traffas f6r att lara av varandra.\n"
    (data / "raw" / "scan.txt").write_text(scan, encoding="utf-8")
    checked = run_cli("check", "--data", str(data), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    built = run_cli("build", "--data", str(data), cwd=tmp_path)
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    units = pd.read_csv(data / "processed" / "units.csv", dtype=str, keep_default_na=False)
    repaired = " ".join(units[units.source_file == "scan.txt"].text)
    assert "Skolledarna i Flårpsta träffas för att lära av varandra." in repaired
    # the (made-up) name is in no word list: only the data directory's clean plan supplies it
    assert "Flårpsta" not in plancompare.ocr.repair_ocr("Skolledarna i Flarpsta traffas")


def test_prepare_analyses_the_most_frequent_words_once(tmp_path, monkeypatch, capsys):
    from plancompare.swedish import cache, zipf
    from plancompare.swedish.frequencies import vocabulary
    from plancompare.swedish.lemmatize import analysis_store

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    assert main(["prepare", "--top", "40"]) == 0
    first = capsys.readouterr().out
    assert "analysing 40 words" in first and "analysed 40 new words (0 were stored)" in first
    assert str(tmp_path / "cache") in first
    assert main(["prepare", "--top", "40"]) == 0  # a second run finds them in the store
    assert "analysed 0 new words (40 were stored)" in capsys.readouterr().out
    top = max(vocabulary(), key=zipf)  # the most frequent listed word is one of them
    assert analysis_store().get(top) is not None


def test_prepare_refuses_a_top_below_one(tmp_path, monkeypatch, capsys):
    from plancompare.swedish import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    assert main(["prepare", "--top", "0"]) == 1
    assert "--top must be 1 or more" in capsys.readouterr().err
