"""Tables for people: coverage counts characters honestly; measures are counted at one level."""

from __future__ import annotations

import pandas as pd
import pytest

import plancompare
from plancompare.schema import FRAME_COLUMNS
from plancompare.summary import (
    coverage,
    describe,
    kind_table,
    leaf_measures,
    select_units,
    source_span,
    source_spans,
    with_enclosing,
)


def _frame(file: str, spans: list[tuple[int, int]], kinds: list[str] | None = None) -> pd.DataFrame:
    kinds = kinds or ["context"] * len(spans)
    rows = [
        {"source_file": file, "char_start": s, "char_end": e, "kind": k}
        for (s, e), k in zip(spans, kinds, strict=True)
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def data(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("abc def\nghi", encoding="utf-8")  # 9 solid chars
    return tmp_path


def test_coverage_of_a_clean_partition(data):
    cov = coverage(_frame("a.txt", [(0, 3), (4, 7), (8, 11)], ["goal", "meta", "furniture"]), data)
    row = cov.loc["a.txt"]
    assert (row.chars, row.covered_once, row.covered_twice, row.uncovered) == (9, 9, 0, 0)
    assert row.furniture_chars == 3 and row.units == 3


def test_coverage_counts_a_character_held_by_two_units_as_doubled(data):
    # "c" and "d" lie in both units: 2 doubled, the other 7 once
    cov = coverage(_frame("a.txt", [(0, 5), (2, 11)]), data).loc["a.txt"]
    assert (cov.covered_once, cov.covered_twice, cov.uncovered) == (7, 2, 0)


def test_coverage_counts_three_layers_once_as_doubled_and_finds_gaps(data):
    cov = coverage(_frame("a.txt", [(0, 3), (0, 3), (0, 3)]), data).loc["a.txt"]
    assert (cov.covered_once, cov.covered_twice, cov.uncovered) == (0, 3, 6)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return plancompare.load()


def test_leaf_measures_never_include_a_parent_and_its_children(frame):
    leaves = leaf_measures(frame)
    assert not leaves.unit_id.isin(frame.parent).any()
    every = frame[frame.kind == "measure"]
    # every measure is either a leaf or the parent of one
    assert set(every.unit_id) == set(leaves.unit_id) | set(frame.parent[frame.parent != ""])
    # Malmö: 12 sub-activities; Östersund: 6 steps + the one uppdrag without steps;
    # Norrköping 8 + 14; Södertälje: the 4 perspectives of its insats
    assert leaves.groupby("municipality").size().to_dict() == {
        "Malmö": 12, "Norrköping": 22, "Södertälje": 4, "Östersund": 7,
    }  # fmt: skip


def test_select_units_levels(frame):
    ost = frame[frame.municipality == "Östersund"]
    assert len(select_units(ost, level=1)) == 5
    assert len(select_units(ost, level=2)) == 6
    assert len(select_units(ost, level="all")) == 11
    both = select_units(ost, kinds=("goal", "measure"))
    assert set(both.kind) == {"goal", "measure"}
    assert len(both[both.kind == "goal"]) == len(ost[ost.kind == "goal"])
    with pytest.raises(ValueError, match="level"):
        select_units(ost, level="top")
    with pytest.raises(ValueError, match="unknown kinds"):
        select_units(ost, kinds=("measures",))


def test_describe_and_kind_table(frame):
    d = describe(frame)
    assert list(d.index) == sorted(frame.plan_id.unique())
    malmo = d.loc["malmo-uppfoljning-2020-2021"]
    assert (malmo.top_measures, malmo.leaf_measures, malmo.leaves_done) == (7, 12, 3)
    assert malmo.leaves_carried_over == 3 and malmo.period == "2020–2021"
    assert int(d.loc["norrkoping-vp-2023", "files"]) == 2
    table = kind_table(frame)
    assert table["total"].sum() == len(frame)


def test_old_imports_from_frame_keep_working():
    from plancompare.frame import coverage as old_coverage
    from plancompare.frame import kind_table as old_kind_table

    assert old_coverage is coverage and old_kind_table is kind_table
    assert list(FRAME_COLUMNS)[:2] == ["unit_id", "plan_id"]


def test_coding_measures_with_what_encloses_them_flags_them_as_coding_everything(frame):
    leaves = leaf_measures(frame)
    is_leaf = frame.index.isin(leaves.index)
    whole = plancompare.on_topic(frame)[leaves.index]
    coded = with_enclosing(frame, is_leaf)
    assert set(coded.kind) == {"measure"} and len(coded) > len(leaves)  # the activities too
    assert plancompare.on_topic(coded)[leaves.index].equals(whole)
    # Malmö 3.1 ("Tydliggöra förvaltningens strategi …") is on topic through its activity 3
    step = leaves[(leaves.municipality == "Malmö") & (leaves.ref == "3.1")].index
    assert bool(whole[step].iloc[0])
    assert not plancompare.on_topic(frame[is_leaf])[step].iloc[0]  # alone it is not


def test_source_spans_read_what_source_span_reads(frame):
    units = frame.iloc[::7]
    spans = source_spans(units)
    assert spans.index.equals(units.index)
    assert spans.tolist() == [source_span(row) for _, row in units.iterrows()]
