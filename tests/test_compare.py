"""Comparison: log-odds with an informative Dirichlet prior (Monroe et al. 2008, eqs. 16–22)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import plancompare
from plancompare.compare import (
    all_gaps,
    anatomy,
    distinctive_terms,
    gaps,
    log_odds,
    plan_similarity,
    term_units,
    unique_measures,
)
from plancompare.features import select_units, text_vectorizer
from plancompare.synthetic import synthetic_frame

# A hand-worked example: three groups, three terms, prior α = (0.5, 1.0, 0.5), α0 = 2.
#          lön  vfu  chef   n_i
#   A       3    0    1      4
#   B       1    2    2      5
#   C       0    2    1      3      N = 12, every term total = 4
COUNTS = pd.DataFrame(
    {"lön": [3, 1, 0], "vfu": [0, 2, 2], "chef": [1, 2, 1]}, index=["A", "B", "C"]
)
PRIOR = pd.Series({"lön": 0.5, "vfu": 1.0, "chef": 0.5})

# Each group against the other two pooled (j = rest):
#   δ = log((y_i+α)/(n_i+α0−y_i−α)) − log((y_j+α)/(n_j+α0−y_j−α)),  σ² = 1/(y_i+α) + 1/(y_j+α)
HAND = {
    # A, lön: y_i = 3, n_i = 4; rest y_j = 1, n_j = 8
    ("A", "lön"): (
        math.log(3.5 / (4 + 2 - 3 - 0.5)) - math.log(1.5 / (8 + 2 - 1 - 0.5)),
        1 / 3.5 + 1 / 1.5,
    ),
    # A, vfu: y_i = 0, n_i = 4; rest y_j = 4, n_j = 8
    ("A", "vfu"): (
        math.log(1.0 / (4 + 2 - 0 - 1.0)) - math.log(5.0 / (8 + 2 - 4 - 1.0)),
        1 / 1.0 + 1 / 5.0,
    ),
    # B, chef: y_i = 2, n_i = 5; rest y_j = 2, n_j = 7
    ("B", "chef"): (
        math.log(2.5 / (5 + 2 - 2 - 0.5)) - math.log(2.5 / (7 + 2 - 2 - 0.5)),
        1 / 2.5 + 1 / 2.5,
    ),
    # C, chef: y_i = 1, n_i = 3; rest y_j = 3, n_j = 9
    ("C", "chef"): (
        math.log(1.5 / (3 + 2 - 1 - 0.5)) - math.log(3.5 / (9 + 2 - 3 - 0.5)),
        1 / 1.5 + 1 / 3.5,
    ),
    # C, lön: y_i = 0, n_i = 3; rest y_j = 4, n_j = 9
    ("C", "lön"): (
        math.log(0.5 / (3 + 2 - 0 - 0.5)) - math.log(4.5 / (9 + 2 - 4 - 0.5)),
        1 / 0.5 + 1 / 4.5,
    ),
}


def test_log_odds_matches_the_hand_worked_example():
    table = log_odds(COUNTS, PRIOR).set_index(["group", "term"])
    assert len(table) == 9
    for key, (delta, variance) in HAND.items():
        assert table.loc[key, "delta"] == pytest.approx(delta, abs=1e-9)
        assert table.loc[key, "z"] == pytest.approx(delta / math.sqrt(variance), abs=1e-9)
    assert table.loc[("A", "lön"), "count"] == 3
    # reduced by hand: A, lön = log(3.5/2.5) − log(1.5/8.5) = log(1.4 · 17/3) = 2.07107…
    # and B, chef = log(2.5/4.5) − log(2.5/6.5) = log(13/9)
    assert table.loc[("A", "lön"), "delta"] == pytest.approx(math.log(1.4 * 17 / 3), abs=1e-9)
    assert table.loc[("A", "lön"), "delta"] == pytest.approx(2.0710733, abs=1e-7)
    assert table.loc[("B", "chef"), "delta"] == pytest.approx(math.log(13 / 9), abs=1e-9)


def test_log_odds_is_not_raw_frequency():
    # "kompetens" is A's most frequent word, but B and C use it as much: not distinctive of A.
    # "lön" is rarer in A yet nobody else uses it: that is what sets A apart.
    counts = pd.DataFrame(
        {"kompetens": [10, 10, 10], "lön": [3, 0, 0], "vfu": [1, 4, 2], "chef": [2, 2, 4]},
        index=["A", "B", "C"],
    )
    prior = 10 * counts.sum() / counts.sum().sum()
    table = log_odds(counts, prior).set_index(["group", "term"])
    assert table.loc[("A", "lön"), "z"] > 1 > abs(table.loc[("A", "kompetens"), "z"])
    assert table.loc[("B", "lön"), "z"] < 0


def test_log_odds_rows_in_input_order_and_observed_only():
    table = log_odds(COUNTS, PRIOR)
    assert list(table.columns) == ["group", "term", "count", "delta", "z"]
    assert table[["group", "term"]].values.tolist()[:3] == [
        ["A", "lön"],
        ["A", "vfu"],
        ["A", "chef"],
    ]
    observed = log_odds(COUNTS, PRIOR, observed_only=True)
    assert (observed["count"] > 0).all()
    assert len(observed) == int((COUNTS.to_numpy() > 0).sum())
    merged = observed.merge(table, on=["group", "term"], suffixes=("", "_all"))
    np.testing.assert_allclose(merged.z, merged.z_all, atol=1e-12)


def test_log_odds_sparse_input_gives_the_same_numbers():
    sparse_counts = COUNTS.astype(pd.SparseDtype("int64", 0))
    dense = log_odds(COUNTS, PRIOR, observed_only=True)
    sparse = log_odds(sparse_counts, PRIOR, observed_only=True)
    pd.testing.assert_frame_equal(dense, sparse)


@pytest.mark.parametrize(
    ("counts", "prior", "message"),
    [
        (COUNTS, PRIOR.drop("vfu"), "no prior"),
        (COUNTS, PRIOR.replace(1.0, 0.0), "positive"),
        (COUNTS * -1, PRIOR, "non-negative"),
        (COUNTS / 2, PRIOR, "whole numbers"),
        (COUNTS.iloc[:1], PRIOR, "two groups"),
    ],
)
def test_log_odds_rejects_bad_input(counts, prior, message):
    with pytest.raises(ValueError, match=message):
        log_odds(counts, prior)


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(np.int64, (2, 5), elements=st.integers(0, 30)),
    hnp.arrays(np.float64, 5, elements=st.floats(0.01, 10)),
)
def test_two_groups_mirror_each_other(values, alpha):
    # With two groups, "A against the rest" is "A against B": B's δ and z are A's negated.
    terms = [f"t{i}" for i in range(5)]
    table = log_odds(pd.DataFrame(values, index=["A", "B"], columns=terms), pd.Series(alpha, terms))
    a, b = table[table.group == "A"], table[table.group == "B"]
    np.testing.assert_allclose(a.delta.to_numpy(), -b.delta.to_numpy(), atol=1e-9)
    np.testing.assert_allclose(a.z.to_numpy(), -b.z.to_numpy(), atol=1e-9)


# --- distinctive terms, similarity and gaps on the seed plans ------------------------------

SEED_GROUPS = ["Malmö", "Norrköping", "Södertälje", "Östersund"]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return plancompare.load()


def test_distinctive_terms_occur_in_the_groups_own_measures(frame):
    table = distinctive_terms(frame, top=15)
    assert sorted(table.group.unique()) == SEED_GROUPS
    analyzer = text_vectorizer().build_analyzer()
    measures = select_units(frame)
    for group, rows in table.groupby("group"):
        own = Counter(
            t for text in measures[measures.municipality == group].text for t in analyzer(text)
        )
        for term, count in zip(rows.term, rows["count"], strict=True):
            assert own[term] == count > 0, (group, term)
        assert rows.z.is_monotonic_decreasing and rows["rank"].tolist() == list(range(1, 16))


def test_each_distinctive_term_traces_to_the_measures_that_use_it(frame):
    # a reader follows "förvaltning (9)" of Malmö to its sentences: the eight Malmö measures
    # that write förvaltningen / förvaltningens (one of them twice), no other plan's
    table = distinctive_terms(frame, top=8)
    behind = term_units(frame, table)
    malmo = behind[(behind.group == "Malmö") & (behind.term == "förvaltning")]
    measures = select_units(frame)
    own = measures[measures.municipality == "Malmö"]
    written = own[own.text.str.contains(r"\bförvaltning", case=False, regex=True)]
    assert malmo.unit_id.tolist() == sorted(written.unit_id) and len(malmo) == 8
    assert (
        malmo.uses.sum() == 9 == table.set_index(["group", "term"])["count"]["Malmö", "förvaltning"]
    )
    # every term of the table: its units are its group's, and their uses add up to its count
    groups = measures.set_index("unit_id").municipality
    assert (groups[behind.unit_id].to_numpy() == behind.group.to_numpy()).all()
    totals = behind.groupby(["group", "term"])["uses"].sum()
    assert (
        totals[list(zip(table.group, table.term, strict=True))].tolist() == table["count"].tolist()
    )
    with pytest.raises(ValueError, match="does not read"):
        term_units(frame, table.assign(term="zzzz"))


def test_distinctive_terms_agree_with_log_odds_on_the_same_counts(frame):
    # the frame-level call is log_odds on counts per municipality with prior α0 × corpus share
    measures = select_units(frame)
    words_only = text_vectorizer(bigrams=False)  # every bigram is kept only if it recurs
    analyzer = words_only.build_analyzer()
    counts = (
        pd.DataFrame(
            [
                Counter(t for text in rows.text for t in analyzer(text))
                for _, rows in measures.groupby("municipality")
            ],
            index=SEED_GROUPS,
        )
        .fillna(0)
        .astype(int)
    )
    prior = 100.0 * counts.sum() / counts.to_numpy().sum()
    expected = log_odds(counts, prior, observed_only=True).set_index(["group", "term"])
    table = distinctive_terms(frame, alpha0=100.0, top=None, vectorizer=words_only)
    table = table.set_index(["group", "term"])
    assert len(table) == len(expected)
    np.testing.assert_allclose(table.z, expected.z.reindex(table.index), atol=1e-9)


def test_plan_similarity_is_a_symmetric_cosine_table(frame):
    sims = plan_similarity(frame, by="municipality")
    assert sims.index.tolist() == sims.columns.tolist() == SEED_GROUPS
    np.testing.assert_allclose(sims.to_numpy(), sims.to_numpy().T)
    np.testing.assert_allclose(np.diag(sims), 1.0)
    assert ((sims >= 0) & (sims <= 1)).all().all()
    # x's measures: one on pay (lon), one on work environment → profile (½, ½);
    # y's one measure touches both → (1, 1): the same direction, cosine 1
    codes = pd.DataFrame(
        {
            "unit_id": ["x:1", "x:2", "y:1", "y:1"],
            "framework": "plan_themes",
            "theme": ["lon", "arbetsmiljo", "lon", "arbetsmiljo"],
        }
    )
    tiny = pd.DataFrame(
        {"unit_id": ["x:1", "x:2", "y:1"], "kind": "measure", "plan_id": ["x", "x", "y"]}
    ).assign(text="lön", parent="", level=1)
    by_theme = plan_similarity(tiny, basis="themes", codes=codes)
    assert by_theme.loc["x", "y"] == pytest.approx(1.0)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 40))
def test_a_measures_nearest_neighbour_in_its_own_plan_set_is_itself(seed, n):
    units = synthetic_frame(n, n_groups=2, vocabulary=2000, random_state=seed)
    group = units.municipality.iloc[0]
    table = gaps(units, group, group)
    mine = units[units.municipality == group]
    assert table.unit_id.tolist() == mine.unit_id.tolist()
    np.testing.assert_allclose(table.similarity, 1.0)
    # itself, or a measure with exactly the same words
    same = table.nearest_id == table.unit_id
    texts = dict(zip(units.unit_id, units.text, strict=True))
    assert all(
        same[i] or sorted(texts[a].split()) == sorted(texts[b].split())
        for i, (a, b) in enumerate(zip(table.unit_id, table.nearest_id, strict=True))
    )
    assert not table.unique.any()


def test_gaps_lists_unique_measures_below_the_stated_threshold(frame):
    table = gaps(frame, "Malmö", threshold=0.15)
    assert table.attrs["threshold"] == 0.15
    malmo = select_units(frame)[lambda m: m.municipality == "Malmö"]
    assert len(table) == 3 * len(malmo)  # every Malmö measure against three municipalities
    assert set(table.other) == {"Norrköping", "Södertälje", "Östersund"}
    best = table.groupby("unit_id").similarity.max()
    assert (table.groupby("unit_id").unique.first() == (best < 0.15)).all()
    unique = unique_measures(table)
    assert set(unique.unit_id) == set(best[best < 0.15].index)
    with pytest.raises(ValueError, match="no municipality 'Umeå'"):
        gaps(frame, "Malmö", "Umeå")


def test_all_gaps_is_gaps_of_each_group_against_the_others(frame):
    table = all_gaps(frame, threshold=0.15, include_off_topic=True)
    assert table.attrs["threshold"] == 0.15
    for group in SEED_GROUPS:
        mine = table[table.group == group].drop(columns="group").reset_index(drop=True)
        # one vocabulary for all measures in both, so the same similarities
        pd.testing.assert_frame_equal(mine, gaps(frame, group, threshold=0.15))
    # by default the measures about other things are left out on both sides: Norrköping's
    # premises bullet "Ta fram en plan för strategisk lokalplanering ..." is neither a row
    # nor anyone's nearest measure
    on_topic_only = all_gaps(frame)
    premises = frame[frame.text.str.startswith("Ta fram en plan för strategisk lokalplan")]
    assert len(premises) == 1
    assert premises.unit_id.iloc[0] not in set(on_topic_only.unit_id)
    assert premises.unit_id.iloc[0] not in set(on_topic_only.nearest_id)
    one = frame[frame.municipality == "Malmö"]
    assert all_gaps(one).empty


# --- facts read from the plans -------------------------------------------------------------


def test_distinctive_terms_name_what_only_one_plan_talks_about(frame):
    table = distinctive_terms(frame, top=10)
    top = {g: rows.term.tolist() for g, rows in table.groupby("group")}
    # Malmö's sub-activities speak of "förvaltningen" nine times; the others almost never
    assert top["Malmö"][0] == "förvaltning"
    # premises (lokaler, lokalplanering, lokalkostnader) appear only in Norrköping's plan
    assert "lokal" in top["Norrköping"]
    assert "lokal" not in top["Malmö"] + top["Södertälje"] + top["Östersund"]


def test_gaps_find_the_shared_theme_of_collegial_learning(frame):
    # Malmö 3.2 "Vidareutveckla arbetet med olika former av kollegialt lärande …" and
    # Södertälje's first insats ("… ett tydligt strukturrerat kellegialt lärande …", OCR)
    table = gaps(frame, "Malmö", "Södertälje")
    row = table[table.text.str.startswith("Vidareutveckla arbetet med olika former")].iloc[0]
    assert row.nearest_text.startswith("Att utveckla undervisningsskickligheten")
    assert "kollegialt_larande" in row.shared_themes.split("; ")
    assert row["counterpart"] and not row["unique"]


def test_anatomy_reads_each_plans_own_fields(frame):
    table = anatomy(frame, include_off_topic=True).set_index("municipality")
    # Malmö's table gives every sub-activity an Utförare, a Slutdatum and Kostnader,
    # and follows each activity up under its own heading
    assert (
        table.loc["Malmö", ["responsible", "deadline", "cost", "follow_up"]].tolist() == [1.0] * 4
    )
    # Östersund names the nämnd that owns each uppdrag (KS, SAN (KS), TN …), no dates or costs
    assert table.loc["Östersund", "responsible"] == 1.0
    assert table.loc["Östersund", ["deadline", "cost"]].tolist() == [0.0, 0.0]
    # Norrköping's verksamhetsplan lists insatser without owner, date, cost or follow-up
    assert (table.loc["Norrköping", ["responsible", "deadline", "cost", "follow_up"]] == 0).all()
    # Södertälje's application has one "Plan för uppföljning" for the whole application
    assert table.loc["Södertälje", "plan_follow_up"] and table.loc["Södertälje", "follow_up"] == 0
    # outcome shares are the frame's stated outcomes of the leaf measures
    leaves = select_units(frame)
    malmo = leaves[leaves.municipality == "Malmö"]
    stated = malmo.outcome.isin(["done", "carried_over", "not_done"]).mean()
    assert table.loc["Malmö", "outcome"] == pytest.approx(stated)
    stages = [c for c in table.columns if c in table.attrs["stage_labels"]]
    np.testing.assert_allclose(table[stages].sum(axis=1), 1.0)
