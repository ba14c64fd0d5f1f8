"""Tests for plancompare.manifest: the real manifest, and every kind of broken one."""

from __future__ import annotations

import doctest
import warnings
from pathlib import Path

import pytest

from plancompare import manifest
from plancompare.errors import EncodingError, ManifestError, PlanErrors, SourceFileError
from plancompare.manifest import (
    COLUMNS,
    FORMS,
    ManifestWarning,
    PlanRecord,
    check_data,
    read_manifest,
)
from plancompare.paths import raw_dir

HEADER = ",".join(COLUMNS)
GOOD = {
    "plan_id": "p1",
    "file": "a.txt",
    "municipality": "Malmö",
    "municipality_source": "stated",
    "organisation": "Förvaltningen",
    "title": "Plan 2020-2021",
    "doc_type": "plan",
    "period_start": "2020",
    "period_end": "2021",
    "form": "generic",
    "ocr": "false",
}


def row(**changes: str) -> str:
    """One manifest line: GOOD with ``changes``; values with commas are quoted."""
    values = {**GOOD, **changes}
    return ",".join(f'"{v}"' if "," in v else v for v in (values[c] for c in COLUMNS))


@pytest.fixture
def manifest_data(tmp_path: Path) -> Path:
    """A data directory with raw/a.txt, raw/b.txt, raw/c.txt and no manifest yet."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for name in ("a.txt", "b.txt", "c.txt"):
        (raw / name).write_text(f"Text i {name}: mål och åtgärder.\n", encoding="utf-8")
    return tmp_path / "data"


def write_manifest(data: Path, *lines: str, header: str = HEADER) -> Path:
    path = data / "manifest.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def problems(data: Path) -> list[ManifestError]:
    """The errors read_manifest raises (it must raise)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ManifestWarning)
        with pytest.raises(PlanErrors) as info:
            read_manifest(data)
    assert all(isinstance(e, ManifestError) for e in info.value.errors)
    return info.value.errors


def only_problem(data: Path) -> ManifestError:
    errors = problems(data)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


# --------------------------------------------------------------------------- the real manifest


def test_real_manifest_loads_five_records() -> None:
    records = read_manifest()
    assert len(records) == 5
    assert all(isinstance(r, PlanRecord) for r in records)
    assert [r.line for r in records] == [2, 3, 4, 5, 6]
    assert [r.file[:3] for r in records] == ["000", "001", "002", "003", "004"]
    assert all(r.path.is_file() and r.path.parent == raw_dir().resolve() for r in records)


def test_real_manifest_facts_from_the_seed_readme() -> None:
    by_file = {r.file[:3]: r for r in read_manifest()}
    assert by_file["000"].plan_id == by_file["002"].plan_id  # one plan, two files
    assert len({r.plan_id for r in by_file.values()}) == 4
    norrkoping = by_file["000"]
    assert (norrkoping.municipality, norrkoping.municipality_source) == ("Norrköping", "attributed")
    assert by_file["002"].municipality_source == "attributed"
    assert by_file["003"].ocr is True
    assert [by_file[k].ocr for k in ("000", "001", "002", "004")] == [False] * 4
    assert by_file["003"].municipality == "Södertälje"
    assert (by_file["003"].period_start, by_file["003"].period_end) == (2018, 2021)
    assert by_file["001"].municipality == "Malmö"
    assert by_file["001"].title == "Bilaga 1, Uppföljning plan 2020-2021"  # quoted comma
    assert by_file["001"].form == "activity_table"
    assert by_file["004"].municipality == "Östersund"
    assert by_file["004"].form == "goal_page"
    assert all(r.municipality_source == "stated" for k, r in by_file.items() if k in "001 003 004")


def test_real_data_checks_clean() -> None:
    records, errors, notes = check_data()
    assert len(records) == 5
    assert errors == []
    assert notes == []


# --------------------------------------------------------------------------- a good manifest


def test_good_manifest_round_trip(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(), row(plan_id="p2", file="b.txt", ocr="TRUE"))
    a, b = read_manifest(manifest_data)
    assert a.path == (manifest_data / "raw" / "a.txt").resolve()
    assert (a.period_start, a.period_end, a.ocr, a.line) == (2020, 2021, False, 2)
    assert (b.plan_id, b.ocr, b.line) == ("p2", True, 3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("True", True), ("FALSE", False), ("yes", True), ("No", False), ("1", True), ("0", False)],
)
def test_ocr_spellings(manifest_data: Path, value: str, expected: bool) -> None:
    write_manifest(manifest_data, row(ocr=value))
    assert read_manifest(manifest_data)[0].ocr is expected


def test_blank_years_are_none(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(period_start="", period_end=""))
    (rec,) = read_manifest(manifest_data)
    assert (rec.period_start, rec.period_end) == (None, None)


def test_bom_crlf_and_quoted_commas(manifest_data: Path) -> None:
    text = HEADER + "\r\n" + row(title="Mål, insatser och effekter") + "\r\n"
    (manifest_data / "manifest.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (rec,) = read_manifest(manifest_data)
    assert rec.title == "Mål, insatser och effekter"
    assert rec.line == 2


def test_excel_cp1252_semicolon_manifest(manifest_data: Path) -> None:
    text = HEADER.replace(",", ";") + "\r\n" + row().replace(",", ";") + "\r\n"
    (manifest_data / "manifest.csv").write_bytes(text.encode("cp1252"))
    with pytest.warns(ManifestWarning, match="not UTF-8"):
        (rec,) = read_manifest(manifest_data)
    assert rec.municipality == "Malmö"


def test_columns_in_any_order_and_trailing_blank_rows(manifest_data: Path) -> None:
    cols = list(reversed(COLUMNS))
    header = ",".join(cols)
    line = ",".join(GOOD[c] for c in cols)
    write_manifest(manifest_data, line, ",,,,,,,,,,", "", header=header)
    (rec,) = read_manifest(manifest_data)
    assert rec.plan_id == "p1"


def test_files_in_a_subdirectory_are_allowed(manifest_data: Path) -> None:
    (manifest_data / "raw" / "sub").mkdir()
    (manifest_data / "raw" / "sub" / "d.txt").write_text("Text.\n")
    write_manifest(manifest_data, row(file="sub/d.txt"))
    assert read_manifest(manifest_data)[0].path.name == "d.txt"


def test_shared_plan_id_with_two_files_is_one_plan(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(), row(file="b.txt"))
    records = read_manifest(manifest_data)
    assert [r.plan_id for r in records] == ["p1", "p1"]


# --------------------------------------------------------------------------- each problem


def test_manifest_missing(manifest_data: Path) -> None:
    err = only_problem(manifest_data)
    assert err.message == "manifest not found"
    assert err.file == str(manifest_data / "manifest.csv")


def test_manifest_empty(manifest_data: Path) -> None:
    (manifest_data / "manifest.csv").write_bytes(b"")
    assert "manifest is empty" in only_problem(manifest_data).message


def test_manifest_whitespace_only(manifest_data: Path) -> None:
    (manifest_data / "manifest.csv").write_text("\n \n\n")
    assert only_problem(manifest_data).message == "manifest is empty"


def test_manifest_header_only(manifest_data: Path) -> None:
    write_manifest(manifest_data)
    err = only_problem(manifest_data)
    assert (err.message, err.line) == ("manifest has a header but lists no files", 1)


def test_manifest_is_binary(manifest_data: Path) -> None:
    (manifest_data / "manifest.csv").write_bytes(b"PK\x03\x04 an xlsx file")
    assert "ZIP archive" in only_problem(manifest_data).message


def test_missing_file(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(file="nope.txt"))
    err = only_problem(manifest_data)
    assert "file 'nope.txt' not found" in err.message
    assert err.line == 2


def test_dotdot_path_refused(manifest_data: Path) -> None:
    (manifest_data / "secret.txt").write_text("outside raw/")
    write_manifest(manifest_data, row(file="../secret.txt"))
    err = only_problem(manifest_data)
    assert "'..'" in err.message and err.line == 2


def test_absolute_path_refused(manifest_data: Path) -> None:
    target = (manifest_data / "raw" / "a.txt").resolve()
    write_manifest(manifest_data, row(file=str(target)))
    assert "absolute path" in only_problem(manifest_data).message


def test_windows_absolute_path_refused(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(file="C:\\plans\\a.txt"))
    assert "absolute path" in only_problem(manifest_data).message


def test_symlink_pointing_outside_raw_refused(manifest_data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not a plan")
    (manifest_data / "raw" / "link.txt").symlink_to(outside)
    write_manifest(manifest_data, row(file="link.txt"))
    assert "points outside" in only_problem(manifest_data).message


def test_symlink_inside_raw_is_fine(manifest_data: Path) -> None:
    (manifest_data / "raw" / "link.txt").symlink_to(manifest_data / "raw" / "a.txt")
    write_manifest(manifest_data, row(file="link.txt"))
    assert read_manifest(manifest_data)[0].path.name == "a.txt"


def test_duplicate_pair(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(), row(plan_id="p2", file="b.txt"), row())
    err = only_problem(manifest_data)
    assert err.line == 4
    assert "duplicate row" in err.message and "line 2" in err.message


def test_same_file_under_two_plans(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(), row(plan_id="p2", file="./a.txt"))
    err = only_problem(manifest_data)
    assert err.line == 3
    assert "already listed on line 2" in err.message


def test_shared_plan_id_must_agree_on_plan_facts(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(), row(file="b.txt", municipality="Lund"))
    err = only_problem(manifest_data)
    assert err.line == 3
    assert "municipality 'Lund' differs from line 2" in err.message


def test_unknown_form(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(form="table"))
    err = only_problem(manifest_data)
    assert "unknown form 'table'" in err.message
    assert all(f in err.message for f in FORMS)


def test_end_before_start(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(period_start="2021", period_end="2020"))
    assert "period_end 2020 is before period_start 2021" in only_problem(manifest_data).message


@pytest.mark.parametrize("value", ["tjugo", "2020-2021", "23", "2023.0", "20233", "２０２３"])
def test_non_numeric_year(manifest_data: Path, value: str) -> None:
    write_manifest(manifest_data, row(period_start=value))
    assert "is not a 4-digit year" in only_problem(manifest_data).message


def test_implausible_year(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(period_start="0202"))
    assert "not a plausible year" in only_problem(manifest_data).message


def test_bad_ocr_value(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(ocr="kanske"))
    assert "ocr must be true or false" in only_problem(manifest_data).message


def test_bad_municipality_source(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(municipality_source="guessed"))
    assert "municipality_source must be one of" in only_problem(manifest_data).message


def test_blank_required_cell(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(doc_type="  "))
    err = only_problem(manifest_data)
    assert err.message == "column 'doc_type' is blank"


def test_a_region_or_agency_needs_no_municipality(manifest_data: Path) -> None:
    write_manifest(
        manifest_data,
        row(municipality="", municipality_source="", organisation="Region Jämtland Härjedalen"),
    )
    (rec,) = read_manifest(manifest_data)
    assert (rec.municipality, rec.organisation) == ("", "Region Jämtland Härjedalen")


def test_no_municipality_and_no_organisation_is_an_error(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(municipality="", organisation=""))
    errors = problems(manifest_data)
    messages = sorted(e.message for e in errors)
    assert messages == [
        "column 'municipality' is blank (it may be blank only when organisation names the author)",
        "column 'organisation' is blank",
    ]


def test_missing_required_column(manifest_data: Path) -> None:
    cols = [c for c in COLUMNS if c not in ("ocr", "title")]
    write_manifest(manifest_data, ",".join(GOOD[c] for c in cols), header=",".join(cols))
    err = only_problem(manifest_data)
    assert (err.message, err.line) == ("missing required columns: title, ocr", 1)


def test_extra_unknown_column_warns_and_keeps_going(manifest_data: Path) -> None:
    write_manifest(manifest_data, row() + ",en kommentar", header=HEADER + ",notes")
    with pytest.warns(ManifestWarning, match="unknown column 'notes' is ignored"):
        records = read_manifest(manifest_data)
    assert len(records) == 1


def test_unquoted_comma_shifts_cells(manifest_data: Path) -> None:
    write_manifest(manifest_data, row().replace("Plan 2020-2021", "Plan, 2020"))
    err = only_problem(manifest_data)
    assert "row has 12 cells but the header has 11" in err.message
    assert "double quotes" in err.message


def test_unclosed_quote(manifest_data: Path) -> None:
    write_manifest(manifest_data, row(), row(plan_id="p2", file="b.txt", title='"Plan'))
    err = only_problem(manifest_data)
    assert err.line == 3
    assert "cannot read the CSV" in err.message


# --------------------------------------------------------------------------- all at once


def test_all_problems_reported_at_once_with_lines(manifest_data: Path) -> None:
    write_manifest(
        manifest_data,
        row(),  # 2: fine
        row(plan_id="p2", file="nope.txt"),  # 3: missing file
        row(plan_id="p3", file="b.txt", form="table"),  # 4: unknown form
        row(plan_id="p4", file="c.txt", period_start="2022", period_end="2020"),  # 5
        row(plan_id="p5", file="../x.txt", ocr="maybe"),  # 6: two problems
        row(),  # 7: duplicate of 2
    )
    errors = problems(manifest_data)
    got = [(e.line, e.message.split(" ")[0]) for e in errors]
    assert [line for line, _ in got] == [3, 4, 5, 6, 6, 7]
    messages = "\n".join(e.message for e in errors)
    for expected in ("not found", "unknown form", "before period_start", "ocr must be", "'..'"):
        assert expected in messages
    assert "duplicate row" in errors[-1].message


def test_str_of_each_error_names_manifest_and_line(manifest_data: Path) -> None:
    path = write_manifest(
        manifest_data, row(form="x"), row(plan_id="p2", file="b.txt", period_end="x")
    )
    with pytest.raises(PlanErrors) as info:
        read_manifest(manifest_data)
    assert len(info.value.errors) == 2
    for err, line in zip(info.value.errors, (2, 3), strict=True):
        assert str(err).startswith(f"{path}:{line}: ")
    assert str(info.value).count(str(path)) == 2


# --------------------------------------------------------------------------- check_data


def test_check_data_collects_manifest_and_file_problems(manifest_data: Path) -> None:
    raw = manifest_data / "raw"
    (raw / "b.txt").write_bytes(b"%PDF-1.4 binary")
    (raw / "c.txt").write_bytes("Förskolan år 2023".encode("cp1252"))
    (raw / "d.txt").write_bytes(b"")
    (raw / "e.txt").write_text("not in the manifest")
    write_manifest(
        manifest_data,
        row(),
        row(plan_id="p2", file="b.txt"),
        row(plan_id="p3", file="c.txt"),
        row(plan_id="p4", file="d.txt", form="bad"),
    )
    records, errors, notes = check_data(manifest_data)
    assert [r.file for r in records] == ["a.txt", "c.txt"]
    assert [type(e) for e in errors] == [ManifestError, EncodingError, EncodingError]
    assert "unknown form" in errors[0].message  # row 5 is invalid, but its file was read too
    assert "PDF" in errors[1].message and errors[1].file.endswith("b.txt")
    assert "empty" in errors[2].message and errors[2].file.endswith("d.txt")
    assert any(n.startswith("c.txt: decoded as cp1252") for n in notes)
    assert any(n.startswith("e.txt:") and "not listed" in n for n in notes)


def test_check_data_never_raises_for_a_missing_manifest(manifest_data: Path) -> None:
    records, errors, notes = check_data(manifest_data)
    assert records == [] and len(errors) == 1
    assert isinstance(errors[0], ManifestError)
    assert any("not listed" in n for n in notes)


def test_check_data_reports_unreadable_file(
    manifest_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, where chmod 000 does not stop reading: fake the refusal.
    write_manifest(manifest_data, row(), row(plan_id="p2", file="b.txt"))
    real_read_source = manifest.read_source

    def refuse_b(path: Path, **kwargs: int) -> object:
        if Path(path).name == "b.txt":
            raise SourceFileError("cannot read file: permission denied", file=path)
        return real_read_source(path, **kwargs)

    monkeypatch.setattr(manifest, "read_source", refuse_b)
    records, errors, _ = check_data(manifest_data)
    assert [r.file for r in records] == ["a.txt"]
    assert [e.message for e in errors] == ["cannot read file: permission denied"]


def test_doctests() -> None:
    assert doctest.testmod(manifest).failed == 0
