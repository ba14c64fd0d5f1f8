"""Measures and goals found in labelled text nobody on the project wrote (issue 7).

The matching rule lives in ``tests/unit_labels.py`` (plain Python, no plancompare) and is
tested here first; then the parsers are scored against the labels of the fixture corpus
(``tests/data/plans``, generic parser) and of the seed plans (``tests/data/seed_labels``,
each plan's own form). The floors are set just under what the parsers reach, so that a
regression fails; ``benchmarks/eval_units.py`` prints the whole table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_labels import (
    Label,
    Score,
    Span,
    corpus_split,
    level_agreement,
    matches,
    read_labels,
    score,
)

from plancompare.decode import read_source
from plancompare.forms import PARSERS
from plancompare.forms.base import check_coverage, check_links, levels
from plancompare.manifest import read_manifest

DATA = Path(__file__).parent / "data"
PLANS = DATA / "plans"

# ------------------------------------------------------------------ the matching rule itself


def test_a_label_is_recalled_by_the_unit_of_its_kind_holding_its_quote_start():
    labels = [Label("measure", "", "Gör A", 10)]
    assert score(labels, [Span(0, 20, "measure")], "measure") == Score(1, 1, 1)
    assert score(labels, [Span(0, 10, "measure"), Span(10, 20, "context")], "measure") == Score(
        0, 1, 1
    )  # the unit before the quote does not hold it; the one holding it has another kind
    assert score(labels, [Span(11, 20, "measure")], "measure").recall == 0.0


def test_merging_two_items_costs_recall_and_extra_units_cost_precision():
    labels = [Label("goal", "", "A", 0), Label("goal", "", "B", 5)]
    merged = score(labels, [Span(0, 9, "goal")], "goal")
    assert (merged.recall, merged.precision) == (0.5, 1.0)
    split = score(labels, [Span(0, 4, "goal"), Span(5, 9, "goal"), Span(10, 12, "goal")], "goal")
    assert (split.recall, split.precision) == (1.0, 2 / 3)
    assert Score(0, 0, 0).precision is None and Score(0, 0, 0).recall is None


def test_levels_are_compared_on_matched_measures():
    labels = [Label("measure", "1", "A", 0), Label("measure", "2", "B", 5)]
    spans = [Span(0, 4, "measure", "1"), Span(5, 9, "measure", "1")]
    assert level_agreement(labels, spans) == (1, 2)
    assert [lb.quote for lb, _ in matches(labels, spans, "measure")] == ["A", "B"]


# ------------------------------------------------------------------ the parsers on the labels


def _split() -> dict[str, str]:
    """The corpus texts by split; the final set (heldout3) only under ``pytest --final``."""
    return corpus_split(PLANS)


def _spans(text: str, form: str) -> list[Span]:
    units = PARSERS[form](text)
    level = levels(units)
    return [Span(u.start, u.end, u.kind, str(level.get(u.start, ""))) for u in units]


def _corpus_scores(split: str) -> dict[str, Score]:
    totals = {"measure": Score(0, 0, 0), "goal": Score(0, 0, 0)}
    for name, group in _split().items():
        if group != split:
            continue
        text = (PLANS / f"{name}.txt").read_text(encoding="utf-8")
        labels = read_labels(PLANS / f"{name}.labels.tsv", text)
        spans = _spans(text, "generic")
        for kind in totals:
            totals[kind] = totals[kind] + score(labels, spans, kind)
    return totals


@pytest.mark.parametrize("name", sorted(_split()))
def test_generic_parser_is_lossless_on_every_corpus_text(name):
    text = (PLANS / f"{name}.txt").read_text(encoding="utf-8")
    units = PARSERS["generic"](text)
    check_coverage(text, units)
    check_links(units)


def test_generic_parser_on_the_dev_texts():
    got = _corpus_scores("dev")
    measure, goal = got["measure"], got["goal"]
    assert measure.labels == 25 and goal.labels == 7  # the corpus README's counts
    assert measure.precision >= 0.95 and measure.recall >= 0.9, measure
    assert goal.precision >= 0.85 and goal.recall >= 0.85, goal


def test_generic_parser_on_the_held_out_texts():
    """Held out while the rules were written; first measured at measure P 0.64 / R 0.44 and
    goal R 0.60 (the commit "Generic parser reads real plans …"). The rules were then changed
    after reading these texts' failures (see ``benchmarks/eval_units.py``), so these floors
    guard against regression only: they are no longer a measurement on unseen text."""
    got = _corpus_scores("heldout")
    measure, goal = got["measure"], got["goal"]
    assert measure.labels == 16 and goal.labels == 5
    assert measure.precision >= 0.9 and measure.recall >= 0.8, measure
    assert goal.precision >= 0.9 and goal.recall >= 0.75, goal


def test_generic_parser_on_the_second_held_out_set():
    """The final measurement on unseen text (``heldout2``, texts 15-26), taken once with the
    rules of the commit "Follow the seed counts others' tests read …": measure P 0.50 / R 0.27
    (7 of 26), goal P 1.00 / R 0.33 (5 of 15) - far from the goal of issue 7. Three structural
    rules were added after reading the failures (numbered section headings, table-of-contents
    lines, "kommer" without "att"); these floors hold what the parser does now, as a guard."""
    got = _corpus_scores("heldout2")
    measure, goal = got["measure"], got["goal"]
    assert measure.labels == 26 and goal.labels == 15
    assert measure.precision >= 0.75 and measure.recall >= 0.3, measure
    assert goal.precision >= 0.9 and goal.recall >= 0.3, goal


@pytest.fixture(scope="module")
def seed_scores() -> dict[str, dict[str, Score]]:
    out = {}
    for record in read_manifest():
        text = read_source(record.path).text
        labels = read_labels(DATA / "seed_labels" / f"{Path(record.file).stem}.labels.tsv", text)
        spans = _spans(text, record.form)
        out[record.file] = {k: score(labels, spans, k) for k in ("measure", "goal")}
        out[record.file]["levels"] = level_agreement(labels, spans)
    return out


def test_each_seed_form_finds_the_labelled_measures_and_goals(seed_scores):
    for file, scores in seed_scores.items():
        for kind in ("measure", "goal"):
            s = scores[kind]
            assert s.recall is None or s.recall >= 0.9, (file, kind, s)
            assert s.precision is None or s.precision >= 0.9, (file, kind, s)
        agree, compared = scores["levels"]
        assert agree == compared, (file, "levels", agree, compared)
