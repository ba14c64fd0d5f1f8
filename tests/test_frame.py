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


def test_malmo_activities_are_measures_with_their_sub_activities_as_steps(frame):
    m = units(frame, MALMO, "measure").set_index("ref")
    assert list(m.index) == [
        "1", "1.1", "2", "2.1", "3", "3.1", "3.2", "3.3", "4", "4.1", "4.2",
        "5", "5.1", "6", "6.1", "6.2", "6.3", "7", "7.1",
    ]  # fmt: skip
    top = m[m.level == 1]
    assert list(top.index) == ["1", "2", "3", "4", "5", "6", "7"]
    assert top.loc["4", "title"] == 'Upprätta projekt "Det goda medarbetarskapet"'
    status = {"1": "Klar", "2": "Ej slutförd", "3": "Ej slutförd", "4": "Pågående",
              "5": "Pågående", "6": "Pågående", "7": "Klar"}  # fmt: skip
    assert top.status.to_dict() == status
    steps = m[m.level == 2]
    assert len(steps) == 12
    for ref, row in steps.iterrows():
        assert row.parent == m.loc[ref.split(".")[0], "unit_id"]
        assert row.deadline == "2021-12-31"
        assert row.cost == "Ingår i grunduppdrag"
        assert row.status == ""  # the row's status is the activity's, not copied to its steps
    # activity 4 has two sub-activities, 4.1 and 4.2
    assert sorted(steps[steps.parent == m.loc["4", "unit_id"]].index) == ["4.1", "4.2"]
    assert (
        m.loc["5.1", "responsible"]
        == "HR med stöd av Kommunikationsavdelningen och utbildningschefer"
    )
    assert m.loc["1.1", "responsible"] == "HR och Avdelningen för kvalitet och utveckling"
    assert m.loc["7.1", "responsible"] == "HR"
    assert m.loc["3.2", "text"].startswith("Vidareutveckla arbetet med olika former av kollegialt")


def test_malmo_outcomes_come_from_each_sub_activity_s_own_follow_up(frame):
    m = units(frame, MALMO, "measure").set_index("ref")
    # "Aktivitet- 6.1 Slutförd. … Aktivitet 6.2. förs över i omarbetad version …"
    assert m.loc["6.1", "outcome"] == "done"
    assert m.loc["6.1", "outcome_evidence"] == "Aktivitet- 6.1 Slutförd."
    assert m.loc["6.2", "outcome"] == "carried_over"
    assert m.loc["6.2", "outcome_evidence"].startswith("Aktivitet 6.2. förs över")
    assert m.loc["6.3", "outcome"] == "carried_over"
    # "Aktivitet 4.2 förs över …"; nothing is said of 4.1
    assert (m.loc["4.1", "outcome"], m.loc["4.2", "outcome"]) == ("unknown", "carried_over")
    # activity 6 is "Pågående" and its follow-up states no fate for the whole activity
    assert m.loc["6", "outcome"] == "unknown"
    # "Aktivitet 5 påbörjades … och arbetet fortsätter i omarbetad version …"
    assert m.loc["5", "outcome"] == "carried_over"
    # "… beslut är taget att aktiviteten inte ska flyttas över till den nya aktivitetsplanen"
    assert m.loc["2", "outcome"] == m.loc["3", "outcome"] == "not_done"
    assert "inte ska flyttas över" in m.loc["3", "outcome_evidence"]
    # a finished activity (status Klar) has finished steps
    assert m.loc["7", "outcome"] == m.loc["7.1", "outcome"] == "done"
    assert set(frame[frame.kind != "measure"].outcome) == {""}


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
    # the plan's activities are measures, not goals; its one goal is stated in a description:
    # "Den övergripande målsättningen för utbildningskontoret är att bidra till …" (activity 2)
    (goal,) = f[f.kind == "goal"].itertuples()
    assert goal.ref == "2" and goal.text.startswith("Den övergripande målsättningen")
    headings = f[(f.kind == "meta") & (f.ref == "")]
    assert list(headings.title) == ["Bilaga 1", "Uppföljning plan 2020-2021"]
    last = f.iloc[-1]
    assert last.kind == "follow_up" and bool(last.truncated)
    assert last.text.endswith("exempelvis kopplat till uppföljning av hur")
    assert f.truncated.sum() == 1
    assert not f.text.str.contains("<p>").any()


def test_norrkoping_is_one_plan_in_two_files_with_bullets_as_measures(frame):
    a, b = units(frame, NKPG_A), units(frame, NKPG_B)
    assert a.plan_id.iloc[0] == b.plan_id.iloc[0]
    assert set(a.municipality_source) == {"attributed"}
    # 000: seven Insatser bullets, and "… behöver en strategi för professionell utveckling tas
    # fram" in the prose before them; 002: fourteen bullets
    assert len(a[a.kind == "measure"]) == 8 and len(b[b.kind == "measure"]) == 14
    assert a[a.kind == "measure"].iloc[0].text.startswith("Som en viktig del av både")
    first = a[a.kind == "measure"].iloc[1]
    assert first.text.startswith("Plan för Strategisk kompetensförsörjning inom ramen för HÖK21")
    assert first.section == (
        "Verksamhetsplan för utbildningskontoret 2023 > "
        "Strategisk kompetensförsörjning och attraktiv arbetsgivare > "
        "Insatser Strategisk kompetensförsörjning och attraktiv arbetsgivare"
    )
    assert first.title == "" and first.level == 1 and first.parent == ""
    assert len(a[a.kind == "effect"]) == 1 and len(b[b.kind == "effect"]) == 1
    assert b.iloc[0].text == "Verksamhetsplan för utbildningskontoret 2023"
    assert b.iloc[1].kind == "furniture" and b.iloc[1].text == "På sidan"
    for f in (a, b):
        assert f.iloc[-1].kind == "furniture" and f.iloc[-1].text.startswith("Kontakt")


def test_sodertalje_insats_with_four_perspectives_and_help_lines(frame):
    s = units(frame, SODERTALJE)
    m = s[s.kind == "measure"]
    # "Utbildningskontoret kommer att genomgöra ett omfattande arbete …" is the insats
    # (Framsteg); the four numbered perspectives are its steps
    insats, *perspectives = m.itertuples()
    assert insats.text.startswith("Utbildningskontoret kommer att") and insats.level == 1
    assert [p.ref for p in perspectives] == ["1", "2", "3", "4"]
    assert {p.parent for p in perspectives} == {insats.unit_id}
    assert "Teach for Sweden" in perspectives[3].text
    help_lines = s[s.note == "form help line"]
    assert len(help_lines) == 7 and help_lines.text.str.startswith("(").all()
    assert len(s[s.kind == "effect"]) == 1 and len(s[s.kind == "follow_up"]) == 1
    assert set(s.ocr) == {True}


def test_sodertalje_text_is_ocr_repaired_but_provenance_is_raw(frame):
    s = units(frame, SODERTALJE)
    assert s.iloc[0].text == "Ansökan om medel ur kompetensförsörjningsfonden 2018-2021"
    first = s[(s.kind == "measure") & (s.ref == "1")].iloc[0]
    assert "fokus på introduktionsåret för nya skolledare och lärare så att det blir bra stöd" in (
        first.text
    )
    raw = read_source(raw_dir() / SODERTALJE).text
    assert (
        "introduktionséret for nya skolledare och\nlarare s att"
        in raw[first.char_start : first.char_end]
    )


def test_ostersund_five_uppdrag_with_owners_steps_and_clarifications(frame):
    o = units(frame, OSTERSUND)
    m = o[o.kind == "measure"]
    top = m[m.level == 1]
    assert list(top.responsible) == [
        "KS",
        "SAN (KS)",
        "TN",
        "Vård- och omsorgsnämnden",
        "Tekniska nämnden",
    ]
    assert top.iloc[0].text == "Samordna och stärk kommunens kompetensförsörjning."
    # the steps of the uppdrag: "Uppdraget innebär att under 2024: • Genomföra en inventering
    # … • Utifrån …", and the sentences saying what an uppdrag involves
    steps = m[m.level == 2]
    assert [t[:22] for t in steps.text] == [
        "Uppdraget innebär att ",  # KS
        "Genomföra en inventeri",  # SAN (KS)
        "Utifrån inventeringens",
        "Uppdraget innebär att ",  # TN, with "Under 2024 ska kommunen ha säkerställt …"
        "I uppdraget ingår att ",  # Vård- och omsorgsnämnden
        "Det kommer även att id",
    ]
    owner = top.set_index("unit_id").responsible
    assert [owner[p] for p in steps.parent] == [
        "KS", "SAN (KS)", "SAN (KS)", "TN", "Vård- och omsorgsnämnden", "Vård- och omsorgsnämnden",
    ]  # fmt: skip
    assert steps.text.iloc[3].endswith("hur kontrollen ska genomföras och att uppföljning görs.")
    linked = o[o.link != ""]
    assert set(linked.link) | set(steps.parent) == set(top.unit_id)  # each is clarified
    assert set(linked.kind) <= {"context", "goal"}
    assert set(o.page_updated) == {"2024-01-18"}
    furniture = o[o.kind == "furniture"].text.tolist()
    assert "Nyckeltal 2024" in furniture and "Sidan uppdaterad 2024-01-18" in furniture


def test_ostersund_goal_prose_is_split_by_what_it_says(frame):
    o = units(frame, OSTERSUND)
    goal_section = o[o.section == "Mål: Kompetensförsörjning och attraktiv arbetsgivare"]
    goals = goal_section[goal_section.kind == "goal"].text.tolist()
    context = goal_section[goal_section.kind == "context"].text.tolist()
    # the rationale paragraphs ("… är en nyckelfråga …") are context, not goals
    assert any(t.startswith("Kompetensförsörjningen är en nyckelfråga") for t in context)
    assert not any("nyckelfråga" in t for t in goals)
    # sentences stating the desired state are goals, also inside a mixed paragraph
    assert any(t.startswith("Östersund ska ha en attraktiv arbetsmarknad") for t in goals)
    assert any(t.startswith("En god tillgång till utbildning") for t in context)
    assert any(t.startswith("Den som flyttar till kommunen ska") for t in goals)
    assert goal_section.iloc[0].title == "Kompetensförsörjning och attraktiv arbetsgivare"


def test_ostersund_section_paths_follow_the_page(frame):
    o = units(frame, OSTERSUND).set_index("text")
    top = "Mål: Kompetensförsörjning och attraktiv arbetsgivare"
    steps = f"{top} > Så här gör vi för att nå målet 2024"
    assert o.loc["Samordna och stärk kommunens kompetensförsörjning.", "section"] == (
        f"{steps} > Uppdrag från fullmäktige 2024"
    )
    trygghet = o.index[o.index.str.startswith("Utreda och prioritera")][0]
    assert o.loc[trygghet, "section"] == f"{steps} > Nämndernas egna uppdrag 2024"
    assert o.loc["Nyckeltal 2024", "section"] == f"{top} > Nyckeltal 2024"
    caption = o[o.note == "caption"]
    assert caption.title.iloc[0].startswith("Fullmäktiges uppdrag för det kommunövergripande")


def test_sodertalje_label_and_two_signatures(frame):
    s = units(frame, SODERTALJE)
    label = s[s.text == "En övergripande beskrivning:"]
    assert (label.kind.item(), label.title.item()) == ("meta", "En övergripande beskrivning")
    signatures = s[s.note.str.startswith("signature")]
    assert signatures.text.tolist() == [
        "Rickard Sundbom Stadsdirektör",
        "Johan Lefverström HR-direktör",
    ]


def test_titles_are_the_units_own_headings_never_placeholders(frame):
    assert not frame.title.isin(["heading", "caption", "document title"]).any()
    s = units(frame, SODERTALJE)
    assert s.iloc[0].title == "Ansökan om medel ur kompetensförsörjningsfonden 2018-2021"


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
    # the same rows and values; categorical columns list only the values each frame holds
    pd.testing.assert_frame_equal(small, expected, check_categorical=False)


def test_decoding_notes_come_with_the_frame_read_once(tmp_path, monkeypatch):
    # Östersund saved in cp1252 with CRLF line ends (Notepad, Excel), Malmö with the byte-order
    # mark Windows editors write, and a draft left out of the manifest: the frame carries the
    # notes plancompare check gives, each file read once, on one core or two, and a kept
    # frame gives them without reading a file
    from plancompare import frame as frame_module
    from plancompare.manifest import check_data, read_manifest

    (tmp_path / "raw").mkdir()
    text = (raw_dir() / OSTERSUND).read_text(encoding="utf-8")
    (tmp_path / "raw" / OSTERSUND).write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    (tmp_path / "raw" / MALMO).write_bytes(b"\xef\xbb\xbf" + (raw_dir() / MALMO).read_bytes())
    (tmp_path / "raw" / "utkast.txt").write_text("Utkast\n", encoding="utf-8")
    lines = (raw_dir().parent / "manifest.csv").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if OSTERSUND in ln or MALMO in ln]
    (tmp_path / "manifest.csv").write_text("\n".join([lines[0], *kept]) + "\n", encoding="utf-8")
    _, errors, checked = check_data(tmp_path)
    assert errors == []
    assert checked[0] == f"{MALMO}: removed UTF-8 byte-order mark"
    assert any(n.startswith(f"{OSTERSUND}: decoded as cp1252") for n in checked)
    assert f"{OSTERSUND}: converted CRLF line ends to \\n" in checked
    assert checked[-1].startswith("utkast.txt: in ")

    reads: list[str] = []
    real = frame_module.read_source
    monkeypatch.setattr(frame_module, "read_source", lambda p: reads.append(p.name) or real(p))
    built = plancompare.load(tmp_path, n_jobs=1)
    assert list(built.attrs["source_notes"]) == checked
    assert sorted(reads) == [MALMO, OSTERSUND]
    two = frame_module.build_frame(read_manifest(tmp_path), n_jobs=2)
    assert list(two.attrs["source_notes"]) == checked[:-1]  # the decoding's; unlisted: load's

    def no_read(path):
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(frame_module, "read_source", no_read)
    again = plancompare.load(tmp_path)
    assert list(again.attrs["source_notes"]) == checked
    assert again.equals(built)
