"""The common frame holds what the seed documents say (expected values read from the files)."""

from __future__ import annotations

import pandas as pd
import pytest

import plancompare
from plancompare.decode import read_source
from plancompare.forms import check_coverage
from plancompare.forms.base import Unit
from plancompare.frame import COLUMNS
from plancompare.paths import raw_dir

MALMO = "001_b3ac81e63263b8c1.txt"
NKPG_A, NKPG_B = "000_f74a1a481f1a245e.txt", "002_f567410e60d5297f.txt"
SODERTALJE = "003_fe82394e5538ee61.txt"
OSTERSUND = "004_2860dbc534337b64.txt"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return plancompare.load()


def units(frame: pd.DataFrame, file: str, kind: str | None = None) -> pd.DataFrame:
    sub = frame[frame.source_file == file]
    return sub if kind is None else sub[sub.kind == kind]


def test_columns_and_dtypes(frame):
    assert list(frame.columns) == list(COLUMNS)
    assert frame["text"].dtype == "str"
    assert frame["char_start"].dtype == "int64"
    assert frame.unit_id.is_unique
    assert set(frame.kind) <= {
        "goal",
        "measure",
        "effect",
        "context",
        "follow_up",
        "meta",
        "furniture",
    }


def test_every_file_is_covered_exactly_once(frame):
    for file, group in frame.groupby("source_file"):
        text = read_source(raw_dir() / file).text
        spans = [
            Unit(int(s), int(e), "meta")
            for s, e in zip(group.char_start, group.char_end, strict=True)
        ]
        check_coverage(text, spans, file=file)  # raises on a gap or an overlap


def test_provenance_points_at_the_source(frame):
    row = units(frame, MALMO, "measure").set_index("ref").loc["5.1"]
    raw = read_source(raw_dir() / MALMO).text
    assert raw[row.char_start : row.char_end].startswith("<p>5.1. Konkretisera")
    assert row.line == raw.count("\n", 0, row.char_start) + 1


def test_malmo_twelve_sub_activities_with_their_activity(frame):
    m = units(frame, MALMO, "measure").set_index("ref")
    assert list(m.index) == [
        "1.1",
        "2.1",
        "3.1",
        "3.2",
        "3.3",
        "4.1",
        "4.2",
        "5.1",
        "6.1",
        "6.2",
        "6.3",
        "7.1",
    ]
    status = {"1": "Klar", "2": "Ej slutförd", "3": "Ej slutförd", "4": "Pågående",
              "5": "Pågående", "6": "Pågående", "7": "Klar"}  # fmt: skip
    for ref, row in m.iterrows():
        assert row.status == status[ref.split(".")[0]]
        assert row.deadline == "2021-12-31"
        assert row.cost == "Ingår i grunduppdrag"
    assert m.loc["4.2", "title"] == 'Upprätta projekt "Det goda medarbetarskapet"'
    assert (
        m.loc["5.1", "responsible"]
        == "HR med stöd av Kommunikationsavdelningen och utbildningschefer"
    )
    assert m.loc["1.1", "responsible"] == "HR och Avdelningen för kvalitet och utveckling"
    assert m.loc["7.1", "responsible"] == "HR"
    assert m.loc["3.2", "text"].startswith("Vidareutveckla arbetet med olika former av kollegialt")


def test_malmo_own_tags_fold_to_three_canonical_values(frame):
    m = units(frame, MALMO, "measure").set_index("ref")
    tags = {t for cell in m.own_tags for t in cell.split("; ") if t}
    assert tags == {
        "Attrahera & rekrytera",
        "Behålla & utveckla",
        "Utveckla organisation & arbetssätt",
    }
    # "[Utveckla organisation & arbetsätt]" (2.1) and "[… och arbetssätt]" (7.1) are variants
    assert m.loc["2.1", "own_tags"] == "Utveckla organisation & arbetssätt"
    assert m.loc["7.1", "own_tags"] == "Attrahera & rekrytera; Utveckla organisation & arbetssätt"
    assert m.loc["1.1", "own_tags"] == "Attrahera & rekrytera; Behålla & utveckla"
    assert not m.text.str.contains(r"\[").any()


def test_malmo_furniture_activities_and_truncation(frame):
    f = units(frame, MALMO)
    header = f[f.kind == "furniture"]
    assert len(header) == 3 and header.text.eq("Status Aktivitet Slutdatum").all()
    goals = f[f.kind == "goal"]
    assert list(goals.ref) == ["1", "2", "3", "4", "5", "6", "7"]
    last = f.iloc[-1]
    assert last.kind == "follow_up" and bool(last.truncated)
    assert last.text.endswith("exempelvis kopplat till uppföljning av hur")
    assert f.truncated.sum() == 1
    assert not f.text.str.contains("<p>").any()


def test_norrkoping_is_one_plan_in_two_files_with_bullets_as_measures(frame):
    a, b = units(frame, NKPG_A), units(frame, NKPG_B)
    assert a.plan_id.iloc[0] == b.plan_id.iloc[0]
    assert set(a.municipality_source) == {"attributed"}
    assert len(a[a.kind == "measure"]) == 7 and len(b[b.kind == "measure"]) == 14
    first = a[a.kind == "measure"].iloc[0]
    assert first.text.startswith("Plan för Strategisk kompetensförsörjning inom ramen för HÖK21")
    assert first.title == "Strategisk kompetensförsörjning och attraktiv arbetsgivare"
    assert len(a[a.kind == "effect"]) == 1 and len(b[b.kind == "effect"]) == 1
    assert b.iloc[0].text == "Verksamhetsplan för utbildningskontoret 2023"
    assert b.iloc[1].kind == "furniture" and b.iloc[1].text == "På sidan"
    for f in (a, b):
        assert f.iloc[-1].kind == "furniture" and f.iloc[-1].text.startswith("Kontakt")


def test_sodertalje_four_perspectives_and_help_lines(frame):
    s = units(frame, SODERTALJE)
    m = s[s.kind == "measure"]
    assert list(m.ref) == ["1", "2", "3", "4"]
    assert "Teach for Sweden" in m.iloc[3].text
    help_lines = s[s.note == "form help line"]
    assert len(help_lines) == 7 and help_lines.text.str.startswith("(").all()
    assert len(s[s.kind == "effect"]) == 1 and len(s[s.kind == "follow_up"]) == 1
    assert set(s.ocr) == {True}


def test_sodertalje_text_is_ocr_repaired_but_provenance_is_raw(frame):
    s = units(frame, SODERTALJE)
    assert s.iloc[0].text == "Ansökan om medel ur kompetensförsörjningsfonden 2018-2021"
    first = s[s.kind == "measure"].iloc[0]
    assert "fokus på introduktionsåret för nya skolledare och lärare så att det blir bra stöd" in (
        first.text
    )
    raw = read_source(raw_dir() / SODERTALJE).text
    assert (
        "introduktionséret for nya skolledare och\nlarare s att"
        in raw[first.char_start : first.char_end]
    )


def test_ostersund_five_uppdrag_with_owners_and_clarifications(frame):
    o = units(frame, OSTERSUND)
    m = o[o.kind == "measure"]
    assert list(m.responsible) == [
        "KS",
        "SAN (KS)",
        "TN",
        "Vård- och omsorgsnämnden",
        "Tekniska nämnden",
    ]
    assert m.iloc[0].text == "Samordna och stärk kommunens kompetensförsörjning."
    linked = o[o.link != ""]
    assert set(linked.link) == set(m.unit_id)
    assert (linked.kind == "context").all()
    assert set(o.page_updated) == {"2024-01-18"}
    furniture = o[o.kind == "furniture"].text.tolist()
    assert "Nyckeltal 2024" in furniture and "Sidan uppdaterad 2024-01-18" in furniture
    assert len(o[o.kind == "goal"]) == 8  # the "Mål:" heading and its seven paragraphs


def test_load_is_deterministic_and_sorted(frame):
    again = plancompare.load()
    pd.testing.assert_frame_equal(frame, again)
    assert frame.equals(frame.sort_values(["plan_id", "source_file", "char_start"]))


def test_load_takes_a_data_directory(tmp_path, frame):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / OSTERSUND).write_bytes((raw_dir() / OSTERSUND).read_bytes())
    lines = (raw_dir().parent / "manifest.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "manifest.csv").write_text(
        "\n".join([lines[0], *[ln for ln in lines if OSTERSUND in ln]]) + "\n", encoding="utf-8"
    )
    small = plancompare.load(data_dir=tmp_path)
    assert set(small.source_file) == {OSTERSUND}
    expected = units(frame, OSTERSUND).reset_index(drop=True)
    pd.testing.assert_frame_equal(small, expected)
