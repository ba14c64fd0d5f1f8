"""Theme coding: codes a reader can check by reading the measure, the codebook's errors,
an Excel-saved codebook, determinism, the data directory, and the validation arithmetic.

Expected codes come from reading the seed plans (quoted in each test), not from the coder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from plancompare import code_themes, load, load_codebook, on_topic
from plancompare.errors import PlanErrors
from plancompare.paths import codebook_path, shipped_codebook
from plancompare.summary import leaf_measures
from plancompare.themes import (
    MALMO_TAGS,
    coverage_table,
    kwic,
    read_hand_labels,
    scores,
    stage_profile,
    theme_matrix,
    theme_members,
    topic_table,
    validate_hand_labels,
    validate_own_tags,
)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return load()


@pytest.fixture(scope="module")
def codes(frame: pd.DataFrame) -> pd.DataFrame:
    return code_themes(frame)


def unit_of(frame: pd.DataFrame, start: str) -> str:
    """The unit_id of the one unit whose text starts with ``start``."""
    hit = frame[frame.text.str.startswith(start)]
    assert len(hit) == 1, start
    return hit.unit_id.iloc[0]


def themes_of(codes: pd.DataFrame, unit: str) -> dict[str, set[str]]:
    """theme -> the evidence strings that hit ``unit``."""
    rows = codes[codes.unit_id == unit]
    return {t: set(g.evidence) for t, g in rows.groupby("theme")}


def one_unit(text: str, **columns: str) -> pd.DataFrame:
    return pd.DataFrame({"unit_id": ["u1"], "plan_id": ["p"], "text": [text], **columns})


# ----------------------------------------------------------------- codes a reader can verify


def test_malmo_vfu_activity_hits_university_partnership_and_attract(frame, codes):
    # Malmö 1.1: "Utveckla ett systematiskt arbete av VFU-samordning för att attrahera
    # lärarstudenter till förvaltningen"
    found = themes_of(codes, unit_of(frame, "Utveckla ett systematiskt arbete av VFU"))
    assert found["larosaten_vfu"] >= {"VFU-samordning", "lärarstudenter"}
    assert "attrahera" in found["attrahera"]
    assert "kompetensforsorjning" in found  # on topic


def test_premises_and_economy_measures_are_off_topic(frame, codes):
    # Norrköping 002: "Ta fram en plan för strategisk lokalplanering ur ett 0-20 års
    # perspektiv ..." and "Organisera för en ekonomi i balans ..."
    flag = on_topic(frame, codes=codes).set_axis(frame.unit_id)
    premises = unit_of(frame, "Ta fram en plan för strategisk lokalplanering")
    economy = unit_of(frame, "Organisera för en ekonomi i balans")
    assert not flag[premises] and not flag[economy]
    assert "lokalplanering" in themes_of(codes, premises)["ekonomi_lokaler"]
    assert {"ekonomi", "budget"} <= themes_of(codes, economy)["ekonomi_lokaler"]


def test_ostersund_safety_and_procurement_uppdrag_are_off_topic(frame, codes):
    flag = on_topic(frame, codes=codes).set_axis(frame.unit_id)
    safety = unit_of(frame, "Utreda och prioritera fler trygghetsskapande åtgärder")
    procurement = unit_of(frame, "Säkerställ uppföljning av krav i upphandlingar")
    assert not flag[safety] and not flag[procurement]
    assert {"trygghetsskapande", "kriminalitet", "suicid"} <= themes_of(codes, safety)["trygghet"]
    # ... while the uppdrag on staff competence is on topic
    assert flag[unit_of(frame, "Göra en översyn av hur Vård- och omsorgsförvaltningen")]


def test_norrkoping_pay_strategy_hits_pay_and_leadership(frame, codes):
    # "Ta fram en strategi för chefsorganisation inom respektive verksamhetsområde samt en
    # lönestrategi."
    found = themes_of(codes, unit_of(frame, "Ta fram en strategi för chefsorganisation"))
    assert found["lon"] == {"lönestrategi"}
    assert "chefsorganisation" in found["ledarskap"]
    assert found["utveckla_planera"] == {"Ta fram"}


def test_lon_does_not_hit_lonsam_but_hits_compounds():
    codes = code_themes(one_unit("En lönsam verksamhet; ingångslönen och löneutvecklingen."))
    assert set(codes.loc[codes.theme == "lon", "evidence"]) == {"ingångslönen", "löneutvecklingen"}


def test_recruit_prefix_hits_compounds_in_malmo_context(frame, codes):
    # Malmö activity 7's description: "ersättningsrekryteringar", "rekryteringssystem (ReachMee)"
    evidence = set(codes.loc[codes.theme == "rekrytera", "evidence"])
    assert {"ersättningsrekryteringar", "rekryteringssystem"} <= evidence


def test_avveckling_of_pavilions_is_not_phasing_out_staff(frame, codes):
    pavilions = unit_of(frame, "Stärkt fokus på framtida lokalkostnader")
    found = themes_of(codes, pavilions)
    assert "avveckla" not in found
    assert {"lokalkostnader", "paviljonger"} <= found["ekonomi_lokaler"]


def test_stage_is_read_from_the_leading_verb(frame, codes):
    cases = {
        "Utreda och prioritera fler trygghetsskapande": ("utreda", "Utreda"),
        "Göra en översyn av hur Vård": ("utreda", "översyn"),
        "Plan för Strategisk kompetensförsörjning": ("genomfora", "genomförs"),
        "Ta fram/utforma kunskapskontrakt": ("utveckla_planera", "Ta fram"),
        "Samordna och stärk kommunens": ("genomfora", "Samordna"),
    }
    for start, (stage, verb) in cases.items():
        rows = codes[(codes.unit_id == unit_of(frame, start)) & (codes.framework == "stage")]
        assert rows[["theme", "evidence"]].values.tolist() == [[stage, verb]], start


def test_exclusions_and_case_sensitive_regex():
    codes = code_themes(
        one_unit("Varumärket byggs lokalt. Lokalerna rustas. SKA-arbete: vi ska göra det.")
    )
    assert set(codes.loc[codes.theme == "ekonomi_lokaler", "evidence"]) == {"Lokalerna"}
    assert set(codes.loc[codes.theme == "kollegialt_larande", "evidence"]) == {"SKA-arbete"}


def test_phrases_match_consecutive_words_only():
    codes = code_themes(one_unit("Vi ska ta fram en plan. Ta sedan fram en till."))
    stage = codes[codes.framework == "stage"]
    assert stage[["evidence", "start"]].values.tolist() == [["ta fram", 7]]


def test_evidence_is_exactly_the_text_at_its_offsets(frame, codes):
    text = frame.set_index("unit_id").text
    for row in codes.itertuples():
        assert text[row.evidence_unit][row.start : row.end] == row.evidence


def test_own_tags_never_reach_the_coded_text(frame):
    tagged = frame[frame.own_tags != ""]
    assert len(tagged) == 19  # Malmö's 7 activities and their 12 sub-activities
    for tag in MALMO_TAGS:
        assert not tagged.text.str.contains(tag, regex=False).any()
    assert not tagged.text.str.contains("[", regex=False).any()


# ----------------------------------------------------------------------------- inheritance


def test_steps_inherit_their_uppdrag_but_not_its_stage():
    units = pd.DataFrame(
        {
            "unit_id": ["a", "b"],
            "plan_id": ["p", "p"],
            "parent": ["", "a"],
            "text": [
                "Säkerställ att vuxenutbildningen tillgodoser behovet av kompetensförsörjning.",
                "Genomföra en inventering av behoven.",
            ],
        }
    )
    codes = code_themes(units)
    step = codes[codes.unit_id == "b"]
    inherited = step[step.evidence_unit == "a"]
    assert set(inherited.theme) >= {"utbildning_forsorjning", "kompetensforsorjning"}
    assert "genomfora" not in set(inherited.theme)
    assert step.loc[step.framework == "stage", "evidence"].tolist() == ["Genomföra"]
    assert on_topic(units, codes=codes).tolist() == [True, True]
    alone = code_themes(units, inherit=False)
    assert not on_topic(units, codes=alone).iloc[1]


def test_real_steps_inherit_from_their_activity_or_uppdrag(frame, codes):
    # Östersund: "Genomföra en inventering av vilket behov det finns av vuxenutbildning hos
    # kommunens olika nämnder/förvaltningar" is a step of "Säkerställ att kommunens
    # vuxenutbildning tillgodoser kommunens behov av kompetensförsörjning på lång sikt."
    step = unit_of(frame, "Genomföra en inventering av vilket behov")
    uppdrag = unit_of(frame, "Säkerställ att kommunens vuxenutbildning")
    rows = codes[(codes.unit_id == step) & (codes.theme == "kompetensforsorjning")]
    assert rows[["evidence", "evidence_unit"]].values.tolist() == [
        ["kompetensförsörjning", uppdrag]
    ]
    assert on_topic(frame, codes=codes).set_axis(frame.unit_id)[step]
    # Malmö 7.1 ("Se över nuvarande rutiner och arbetssätt ...") under activity 7,
    # "Kvalitetssäkra rekryteringsprocessen"
    sub = themes_of(codes, unit_of(frame, "Se över nuvarande rutiner och arbetssätt"))
    assert sub["rekrytera"] == {"rekryteringsprocessen"}
    assert sub["utreda"] == {"Se över"}  # its own verb, not the activity's


def test_on_topic_is_indexed_like_the_frame(frame):
    shuffled = frame.sample(frac=1, random_state=3).set_index(frame.index + 1000)
    flag = on_topic(shuffled)
    assert flag.index.equals(shuffled.index) and flag.dtype == bool


# ------------------------------------------------------------------------------ codebook


def write(tmp_path: Path, text: str, name: str = "codebook.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "framework,theme,label_sv,gloss_en,patterns,exclude,source,malmo_tag"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("x,a,A,A,lön,,s,,extra", 1, "unknown column 'färg'"),
        ("x,a,A,A,lön;;pension,,s,", 2, "empty pattern"),
        ("x,a,A,A,,,s,", 2, "column 'patterns' is blank"),
        ("x,a,A,A,re:(lön,,s,", 2, "invalid regular expression"),
        ("x,a,A,A,*lön,,s,", 2, "'*' may only end a word"),
        ("x,a,A,A,lön,,s,\nx,a,B,B,pension,,s,", 3, "duplicate theme 'a' (first on line 2)"),
        ("x,a,A,A,lön,,s,Attrahera och rekrytera", 2, "malmo_tag 'Attrahera och rekrytera'"),
    ],
)
def test_bad_codebook_names_file_and_line(tmp_path, body, line, message):
    header = HEADER + (",färg" if body.endswith("extra") else "")
    path = write(tmp_path, f"{header}\n{body}\n")
    with pytest.raises(PlanErrors) as info:
        load_codebook(path)
    assert f"{path}:{line}: " in str(info.value)
    assert message in str(info.value)


def test_missing_column_and_mixed_scopes_are_errors(tmp_path):
    path = write(tmp_path, "framework,theme,label_sv,patterns\nx,a,A,lön\n")
    with pytest.raises(PlanErrors, match="missing column.*gloss_en"):
        load_codebook(path)
    path = write(tmp_path, f"{HEADER},scope\nx,a,A,A,lön,,s,,lead\nx,b,B,B,pension,,s,,text\n")
    with pytest.raises(PlanErrors, match=r":3: scope 'text' differs from line 2"):
        load_codebook(path)


def test_codebook_saved_by_excel_loads_with_a_note(tmp_path):
    shipped = load_codebook()
    text = shipped_codebook().read_text(encoding="utf-8")
    rows = pd.read_csv(shipped_codebook(), dtype=str, keep_default_na=False)
    excel = tmp_path / "excel.csv"
    rows.to_csv(excel, sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    with pytest.warns(UserWarning, match="codebook is not UTF-8"):
        again = load_codebook(excel)
    cols = [c for c in shipped.columns if c != "line"]
    pd.testing.assert_frame_equal(again[cols], shipped[cols])
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    pd.testing.assert_frame_equal(load_codebook(bom)[cols], shipped[cols])


def test_a_data_directory_picks_its_own_codebook(tmp_path):
    assert codebook_path(tmp_path) == shipped_codebook()
    shutil.copy(shipped_codebook(), tmp_path / "codebook.csv")
    own = tmp_path / "codebook.csv"
    own.write_text(f"{HEADER}\non_topic,allt,Allt,All,plan,,test,\n", encoding="utf-8")
    assert codebook_path(tmp_path) == own
    book = load_codebook(data_dir=tmp_path)
    assert book.theme.tolist() == ["allt"] and book.attrs["path"] == own
    codes = code_themes(one_unit("En plan."), book)
    assert codes.theme.tolist() == ["allt"]


def test_a_frame_loaded_from_a_data_directory_is_coded_with_its_codebook(frame, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(Path(frame.attrs["data_dir"]) / "raw", data / "raw")
    shutil.copy(Path(frame.attrs["data_dir"]) / "manifest.csv", data / "manifest.csv")
    (data / "codebook.csv").write_text(
        f"{HEADER}\non_topic,lokaler,Lokaler,Premises,lokal,,test,\n", encoding="utf-8"
    )
    theirs = load(data)
    measures = theirs[theirs.kind == "measure"]  # a selection keeps where it came from
    codes = code_themes(measures)
    assert set(codes.theme) == {"lokaler"}
    flag = on_topic(measures).set_axis(measures.unit_id)
    assert flag[unit_of(measures, "Ta fram en plan för strategisk lokalplanering")]
    assert not flag[unit_of(measures, "Samordna och stärk kommunens")]
    ours = set(code_themes(frame).theme)  # the repository's data: the shipped codebook
    assert "lokaler" not in ours and "ekonomi_lokaler" in ours


def test_coding_is_deterministic(frame, codes):
    again = code_themes(frame)
    pd.testing.assert_frame_equal(codes, again)
    reordered = code_themes(frame.iloc[::-1])
    key = ["unit_id", "theme", "start", "end", "evidence_unit"]
    pd.testing.assert_frame_equal(
        codes.sort_values(key).reset_index(drop=True),
        reordered.sort_values(key).reset_index(drop=True),
    )


# -------------------------------------------------------------------------------- tables


def test_coverage_is_the_share_of_on_topic_leaf_measures(frame, codes):
    table = coverage_table(frame, codes, framework="plan_themes")
    matrix = theme_matrix(frame, codes, framework="plan_themes")
    leaves = leaf_measures(frame)
    measures = leaves[on_topic(leaves, codes=codes).to_numpy()]
    malmo = measures[measures.municipality == "Malmö"].unit_id
    expected = matrix.loc[malmo].mean()
    row = table.loc[table.municipality == "Malmö"].iloc[0]
    assert row.n_measures == len(malmo)
    assert np.allclose(row[expected.index].astype(float), expected)
    with_off = coverage_table(frame, codes, framework="plan_themes", include_off_topic=True)
    norrkoping = with_off[with_off.municipality == "Norrköping"].iloc[0]
    # 7 + 14 Insatser bullets in the two sections, and the strategy "… behöver … tas fram" in 000
    assert norrkoping.n_measures == 22
    assert norrkoping.ekonomi_lokaler > table.loc[norrkoping.name, "ekonomi_lokaler"]


def test_theme_members_are_the_units_behind_the_coverage_shares(frame, codes):
    table = coverage_table(frame, codes, framework="plan_themes")
    members = theme_members(frame, codes, framework="plan_themes")
    counts = members.groupby(["municipality", "theme"]).size()
    for _, row in table.iterrows():  # one plan per municipality in the seeds
        for theme in table.columns.drop(["municipality", "n_measures"]):
            n = counts.get((row.municipality, theme), 0)
            assert n == round(row[theme] * row.n_measures), (row.municipality, theme)
    # "Ta fram en strategi för chefsorganisation ... samt en lönestrategi." (Norrköping 000)
    pay = members[(members.theme == "lon") & (members.municipality == "Norrköping")]
    assert unit_of(frame, "Ta fram en strategi för chefsorganisation") in set(pay.unit_id)
    # off-topic measures are not members unless asked for: Norrköping's premises bullets
    premises = unit_of(frame, "Ta fram en plan för strategisk lokalplanering")
    assert premises not in set(members.unit_id)
    everything = theme_members(frame, codes, framework="plan_themes", include_off_topic=True)
    assert premises in set(everything[everything.theme == "ekonomi_lokaler"].unit_id)


def test_tables_count_other_units_when_asked(frame, codes):
    # Malmö's seven activities (level 1) hold its twelve numbered sub-activities (1.1 ... 7.1)
    leaves = coverage_table(frame, codes, include_off_topic=True).set_index("municipality")
    tops = coverage_table(frame, codes, include_off_topic=True, level=1)
    assert leaves.loc["Malmö", "n_measures"] == 12
    assert tops.set_index("municipality").loc["Malmö", "n_measures"] == 7
    goals = stage_profile(frame, codes, kinds=("goal",), include_off_topic=True)
    assert goals.n_measures.sum() == (frame.kind == "goal").sum()


def test_stage_profile_rows_sum_to_one(frame, codes):
    profile = stage_profile(frame, codes)
    shares = profile.drop(columns=["municipality", "n_measures"])
    assert np.allclose(shares.sum(axis=1), 1)


def test_topic_table_shows_what_the_shares_leave_out(frame, codes):
    table = topic_table(frame, codes).set_index("unit_id")
    off = table[~table.on_topic]
    # all of Norrköping 002 but the measure citing the inquiry on kompetensförsörjning, and
    # Östersund's procurement and safety uppdrag
    assert sorted(off.municipality.value_counts().items()) == [("Norrköping", 13), ("Östersund", 2)]
    step = unit_of(frame, "Utifrån inventeringens resultat undersöka")
    uppdrag = unit_of(frame, "Säkerställ att kommunens vuxenutbildning")
    assert table.loc[step, "evidence"] == f"kompetensförsörjning (from {uppdrag})"


def test_kwic_shows_the_words_around_the_evidence(frame, codes):
    view = kwic(frame, codes, "lon", width=15).set_index("unit_id")
    row = view.loc[unit_of(frame, "Ta fram en strategi för chefsorganisation")]
    assert (row.left, row.evidence, row.right) == ("område samt en ", "lönestrategi", ".")
    # Norrköping's context: "Lön är en grundläggande ... Ingångslönen och lönenivån per
    # yrkeskategori ... Löneutvecklingen för befintliga medarbetare ..."
    assert {"Lön", "Ingångslönen", "lönenivån", "Löneutvecklingen"} <= set(view.evidence)


# ----------------------------------------------------------------------------- validation


def test_scores_follow_the_definitions():
    truth = pd.DataFrame({"a": [True, True, True, False, False, False]})
    pred = pd.DataFrame({"a": [True, True, False, True, False, False]})
    row = scores(truth, pred).loc["a"]
    assert (row.tp, row.fp, row.fn, row.tn) == (2, 1, 1, 2)
    assert row.precision == pytest.approx(2 / 3) and row.recall == pytest.approx(2 / 3)
    # Cohen's kappa: p_o = 4/6, p_e = (3*3 + 3*3)/36 = 1/2 -> (2/3 - 1/2)/(1/2) = 1/3
    assert row.kappa == pytest.approx(1 / 3)


def test_validation_against_malmo_tags_and_hand_labels(frame, codes):
    own = validate_own_tags(frame, codes=codes, n_boot=300)
    assert own.n_units == 12
    assert list(own.scores.index) == [*MALMO_TAGS, "macro"]
    assert (own.scores.f1_low <= own.scores.f1 + 1e-9).all()
    assert (own.scores.f1 <= own.scores.f1_high + 1e-9).all()
    again = validate_own_tags(frame, codes=codes, n_boot=300)
    pd.testing.assert_frame_equal(own.scores, again.scores)  # fixed seed
    hand = validate_hand_labels(frame, codes=codes, n_boot=300)
    assert hand.n_units == 36 and hand.items.on_topic_truth.sum() == 19
    # The README's validation table (Theme coding): Malmö's held-out tags 0.90, the hand labels
    # 0.77 (0.84 before d176704 changed the seed units' parents; the table was stale until
    # 2026-12-08 for want of this check). Floors a little below, so a change to the codebook,
    # the coder or the units that costs agreement fails here and the README is revisited.
    assert own.macro_f1 >= 0.88, own.scores
    assert hand.macro_f1 >= 0.75, hand.scores
    assert hand.on_topic.loc["on_topic", "f1"] >= 0.95, hand.on_topic
    assert hand.on_topic.loc["on_topic", "support"] == 19


def test_hand_labels_are_located_by_quote(frame, tmp_path):
    labels = read_hand_labels(frame)
    assert labels.unit_id.is_unique and len(labels) == 36
    safety = labels[labels.quote.str.startswith("Utreda och prioritera")].iloc[0]
    assert safety.unit_id == unit_of(frame, "Utreda och prioritera fler")
    bad = tmp_path / "labels.csv"
    bad.write_text(
        "source_file,quote,tags,on_topic,note\n004_2860dbc534337b64.txt,Uppdrag,,false,x\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanErrors, match=r"labels.csv:2: quote found \d+ times"):
        read_hand_labels(frame, bad)


def test_hand_labels_of_plans_not_loaded_can_be_left_out(frame, tmp_path):
    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    source = Path(frame.attrs["data_dir"])
    shutil.copy(source / "raw" / "004_2860dbc534337b64.txt", data / "raw")
    manifest = (source / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows = [manifest[0], *(r for r in manifest if "004_2860dbc534337b64.txt" in r)]
    (data / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ostersund = load(data)
    with pytest.raises(PlanErrors, match="000_f74a1a481f1a245e.txt"):
        read_hand_labels(ostersund)  # the labels of Norrköping's plan find no unit
    labels = read_hand_labels(ostersund, only_loaded=True)
    # the hand-label file has eleven rows quoting Östersund's goal page
    assert len(labels) == 11 and set(labels.source_file) == {"004_2860dbc534337b64.txt"}
    hand = validate_hand_labels(ostersund, only_loaded=True, n_boot=50)
    assert hand.n_units == 11
