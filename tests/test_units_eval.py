"""Measures and goals found in labelled text nobody on the project wrote (issue 7).

The matching rule lives in ``tests/unit_labels.py`` (plain Python, no plancompare) and is
tested here first; then the parsers are scored against the labels of the fixture corpus
(``tests/data/plans``, generic parser) and of the seed plans (``tests/data/seed_labels``,
each plan's own form), in sample and leave-one-organisation-out (``tests/unit_corpus.py``).
The floors are set just under what the parsers reach, so that a regression fails;
``benchmarks/eval_units.py`` and ``benchmarks/fit_unit_kinds.py`` print the whole tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_corpus import (
    candidates,
    cases,
    cross_validate,
    next_set,
    organisations,
    spans_of,
    totals,
)
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
from plancompare.forms import PARSERS, kinds
from plancompare.forms.base import check_coverage, check_links
from plancompare.manifest import read_manifest

DATA = Path(__file__).parent / "data"
PLANS = DATA / "plans"
# Floors (measure P, measure R, goal P, goal R), each set just under what the parser reaches
# (benchmarks/results/units_eval.txt, benchmarks/results/unit_kinds_cv.txt), in sample: the
# scorer is fitted on texts 01-191 (01-110 as relabelled by tests/data/plans/LABELLING.md on
# 2026-12-07, 111-149 labelled by it, 136 relabelled by its decision 16) and the seeds (C=0.01,
# balanced^0.9 since the class-weight power, shipped prior), after the goal-page changes (a
# lead-in whose subject is the goals, a heading that names goals over its list, goal headings
# after a lead-in announcing goals, the goal-area headings of data/forms/heading_roles.csv).
# The goal-page refit moved a few in-sample figures down: heldout (11-14) loses a goal of 13
# (``… skall år 2010 kännetecknas av …`` now a measure) and a measure's precision; the
# partial class balance (balanced^0.9) costs heldout5 a measure (R 0.52 -> 0.48); the
# estimates on unseen organisations (LOO, next sets) rose. The refit on 01-162 with heldout10's
# forms (lead-ins naming decisions, promises, a budget's items; more action verbs) moved
# heldout2 (21 -> 20 of 23 measures, 30 -> 33 predicted), heldout3 (28 -> 27 of 34) and heldout9's
# goal precision (0.74 -> 0.69) down, heldout6 and heldout7 measures up. The refit on 01-175
# with heldout11's forms moved heldout7 (a goal of 101 now a measure, one extra measure) and
# heldout8 (117's ingress decision now a measure, its uppdrag labelled later) and heldout (11:
# a sentence on what the plan shall show now a measure) down. The refit on 01-191 with
# heldout12 and its forms moved heldout (12's 'För att behålla … krävs' merged into the
# measure before it, 13 -> 12 of 15), heldout2 (18's '… staden måste vara en attraktiv
# arbetsgivare' now a measure, 13 -> 12 of 16 goals), heldout3 (29 Halmstad, 27 -> 26 of 34)
# and heldout4's goal precision down, heldout7-9, heldout11 and heldout12 up; the heading's
# owner moved heldout8 (111's 'Eftersom målet är att …', whose main clause gives an uppdrag:
# 20 -> 19 of 31 goals) down and heldout4 up again.
# The refit on 01-206 with heldout13's forms moved heldout (12's ramtillskott, a sum granted,
# now a measure: P 0.80 -> 0.75) down (63's 'Under 2013 ska Regionstyrelsen fatta beslut …', a
# measure for a while, is a decision still to be taken again), heldout3 (43), heldout7 (93's
# 'är det övergripande målet att', 98), heldout8 (123's report laid on file no longer a
# measure) and heldout12 (176's sum per employee, 191's 'Beslut:' list) up.
# The refit on 01-224 with heldout14 and its forms (questions, the reader addressed as 'du',
# sentences about the goals under a goal heading) moved heldout4 (56's 'En första linje ska
# utvecklas, …' now a goal: 20 -> 19 of 22 measures, goal P 0.54 -> 0.47) down, heldout7-9,
# heldout12 and heldout13 (201's 'Målet är att skapa …' found) up.
DEV_FLOORS = (0.72, 0.92, 0.95, 0.85)  # reached: 0.82 0.95 (18/19) 1.00 0.89 (8/9)
HELDOUT_FLOORS = (0.72, 0.77, 0.60, 0.40)  # reached: 0.75 0.80 (12/15) 0.75 0.60 (3/5)
HELDOUT2_FLOORS = (0.58, 0.85, 0.95, 0.72)  # reached: 0.65 0.87 (20/23) 1.00 0.75 (12/16)
HELDOUT3_FLOORS = (0.68, 0.73, 0.64, 0.64)  # reached: 0.73 0.79 (27/34) 0.67 0.67 (14/21)
HELDOUT4_FLOORS = (0.73, 0.84, 0.44, 0.75)  # reached: 0.76 0.86 (19/22) 0.47 0.78 (7/9)
# after heldout15's forms (refit on 01-243) 62 draws one more measure (2 for its 9 labels):
HELDOUT5_FLOORS = (0.50, 0.45, 0.95, 0.83)  # reached: 0.53 0.48 (10/21) 1.00 0.86 (37/43)
HELDOUT6_FLOORS = (0.40, 0.62, 0.85, 0.70)  # reached: 0.43 0.65 (13/20) 0.90 0.72 (18/25)
HELDOUT7_FLOORS = (0.48, 0.40, 0.64, 0.67)  # reached: 0.57 0.44 (20/45) 0.74 0.77 (23/30)
# heldout8 blind (b6e961c, fitted on 01-110): 0.49 0.47 (21/45) 0.30 0.29 (9/31); in sample
# 0.62 0.69 (31/45) 0.63 0.61 (19/31) until 127 Vaggeryd's page was read (heldout15's header
# link: its 'Kontakt' menu link had made the whole page furniture); its 'skall' conditions on
# the goals (Följande skall också gälla för målen:) now draw 6 goals, none labelled:
HELDOUT8_FLOORS = (0.54, 0.64, 0.48, 0.58)  # reached: 0.60 0.69 (31/45) 0.51 0.61 (19/37)
# heldout9 blind (cf61696, fitted on 01-133): 0.59 0.43 (10/23) 0.33 0.17 (6/35); on the labels
# of LABELLING.md decision 16 (136: 35 -> 25 goals) with that scorer 0.59 0.43 / 0.33 0.24
# (6/25); in sample now:
HELDOUT9_FLOORS = (0.57, 0.49, 0.66, 0.76)  # reached: 0.65 0.57 (13/23) 0.69 0.80 (20/25)
# heldout10 blind (efe845b, fitted on 01-149): 0.42 0.57 (26/46) 0.77 0.52 (17/33); in sample
# after the lead-ins that name decisions, promises and a budget's items, att-clause items,
# promise verbs, examples, means clauses and item descriptions, more action verbs, and a
# run-in role label (Vision 2035:) naming its paragraph only:
HELDOUT10_FLOORS = (0.57, 0.88, 0.78, 0.64)  # reached: 0.60 0.91 (42/46) 0.81 0.67 (22/33)
# heldout11 blind (feed953, fitted on 01-162): 0.50 0.40 (10/25) 0.69 0.82 (27/33); in sample
# after the negation, particle verbs, decisions on measures, "kommer ... att", elaborations,
# menu buttons and exhortations (refit on 01-175):
HELDOUT11_FLOORS = (0.64, 0.68, 0.70, 0.78)  # reached: 0.69 0.72 (18/25) 0.73 0.82 (27/33)
# heldout12 blind (cdb178e, fitted on 01-175): 0.41 0.50 (12/24) 0.34 0.37 (10/27); in sample
# after uppdrag given in the present, decisions that a named body shall act, three action
# verbs, a heading's owner in the genitive and skip links (refit on 01-191):
HELDOUT12_FLOORS = (0.49, 0.68, 0.47, 0.64)  # reached: 0.57 0.71 (17/24) 0.53 0.67 (18/27)
# heldout13 blind (b68e323, fitted on 01-191): 0.55 0.63 (24/38) 0.73 0.69 (22/32); in sample
# after 'lägga … till handlingarna' as a formula, protocol certificate fields, 'är målet att',
# sums granted, 'dubbla', lists named for decisions, 'utövar uppsikt över' and 'fatta beslut' as
# a formula (refit on 01-206):
HELDOUT13_FLOORS = (0.62, 0.65, 0.71, 0.69)  # reached: 0.65 0.68 (26/38) 0.77 0.75 (24/32)
# heldout14 blind (d360715, fitted on 01-206): 0.43 0.61 (20/33, 47 predicted) 0.32 0.48 (15/31,
# 47 predicted); in sample after questions, the reader addressed as 'du' and sentences about the
# goals under a goal heading (refit on 01-224; 219 Ludvika 17 -> 11 goals predicted, 220 Mölndal
# 18 -> 10), then a document as a lead-in's subject (215's four bullets no measures):
HELDOUT14_FLOORS = (0.44, 0.57, 0.42, 0.45)  # reached: 0.47 0.61 (20/33) 0.45 0.48 (15/31)
# heldout15 blind (9bcce62, fitted on 01-224): 0.46 0.38 (12/32, 26 predicted) 0.65 0.45 (17/38,
# 26 predicted); the shipped scorer is still the one fitted on 01-224, so in sample is the blind
# figure:
# after its forms (a widget's name in the page header, headings naming the vision in the
# definite form; refit on 01-243):
HELDOUT15_FLOORS = (0.41, 0.35, 0.67, 0.65)  # reached: 0.44 0.38 (12/32) 0.70 0.68 (26/38)
# Leave-one-organisation-out over texts 01-149 (heldout9 joined the folds after its one
# measurement). Over 01-110: on the old labels 0.60 0.69 (151/218) 0.73 0.69 (100/144);
# relabelled by the guide, before the scorer changed, 0.55 0.65 (129/199) 0.69 0.63 (100/158);
# after the features that follow the guide and C 0.03 -> 0.01, 0.58 0.67 (133/199) 0.74 0.68
# (107/158). Over 01-89 on the old labels it was 0.70 0.78 (138/177) 0.83 0.79 (90/114).
# Over 01-133 with the features of that day 0.55 0.63 (153/244) 0.65 0.65 (122/189); after
# decided_action, present_state and state_item (and a duty to report being no task) 0.57 0.66
# (161/244) 0.66 0.67 (127/189); after a title's follow-up role no longer swallows its page,
# 0.57 0.67 (163/244) 0.66 0.67 (127/189). Over 01-149 with the same scorer: 0.53 0.66
# (175/267) 0.58 0.61 (137/224) on the labels of its day; after decision 16 relabelled 136,
# 0.54 0.66 (176/267) 0.61 0.63 (135/214); after the goal-page changes 0.55 0.66 (175/267)
# 0.74 0.73 (157/214); after aim verbs, numbered titles and balanced^0.9 (benchmarks/
# eval_units.py history lists each step's figures), 0.62 0.65 (174/267) 0.77 0.74 (158/214).
# Over 01-162 (heldout10 joined the folds after its one measurement), the same scorer: 0.57
# 0.64 (201/313) 0.77 0.72 (177/247); after heldout10's forms (benchmarks/eval_units.py
# history lists each step) 0.62 0.71 (222/313) 0.77 0.74 (183/247). Over 01-175 (heldout11
# joined the folds after its one measurement, 2026-12-07), the same scorer: 0.60 0.69
# (234/338, 390 predicted) 0.77 0.75 (209/280, 273 predicted); after heldout11's forms (the
# negation no preterite, particle verbs, decisions on measures, "om att", "kommer ... att",
# elaborations, menu buttons, exhortations) 0.62 0.71 (241/338) 0.77 0.75 (210/280). Over
# 01-191 (heldout12 joined the folds after its one measurement, 2026-12-07), the same scorer,
# 0.61 0.70 (254/362, 417 predicted) 0.73 0.71 (219/307, 301 predicted); after uppdrag given
# in the present, decisions that a named body shall act and three action verbs 0.62 0.71
# (257/362, 415 predicted) 0.72 0.71 (219/307, 303 predicted); after a heading's owner in the
# genitive (Flens kommuns vision) and skip links as furniture, 0.62 0.71 (257/362) 0.74 0.74
# (226/307). Over 01-206 (heldout13 joined the folds after its one measurement, 2026-12-07),
# the same scorer, 0.61 0.71 (283/400, 463 predicted) 0.73 0.73 (248/339, 341 predicted); after
# 'lägga … till handlingarna' as a formula, protocol certificate fields, 'är målet att', sums
# granted and 'dubbla', 0.62 0.71 (284/400, 458 predicted) 0.73 0.74 (250/339, 342 predicted);
# after lists named for decisions (Beslut:, Beslutet blev följande:) and a styrelse's uppsikt
# as a remit, 0.62 0.71 (286/400, 458 predicted) 0.73 0.74 (250/339, 342 predicted); after
# 'fatta beslut' as a formula, 0.63 0.71 (286/400, 456 predicted) 0.73 0.74 (250/339, 341
# predicted). Over 01-224 (heldout14 joined the folds after its one measurement, 2026-12-07),
# the same scorer, 0.61 0.70 (304/433, 498 predicted) 0.68 0.72 (266/370, 393 predicted); after
# questions, the reader addressed as 'du' and sentences about the goals under a goal heading
# as neither, 0.61 0.70 (304/433, 495 predicted) 0.72 0.72 (266/370, 371 predicted); after a
# document as a lead-in's subject announcing no actions, 0.62 0.70 (304/433, 492 predicted) 0.72
# 0.72 (267/370, 372 predicted). Over 01-243 (heldout15 joined the folds after its one
# measurement, 2026-12-08), the same scorer, 0.60 0.69 (320/465, 533 predicted) 0.70 0.70
# (285/408, 406 predicted); after a widget's name in the page header and headings naming the
# vision in the definite form, 0.59 0.69 (320/465, 539 predicted) 0.70 0.72 (293/408, 418
# predicted). Over 01-258 (heldout16 joined the folds after its one measurement, 2026-12-08),
# the same scorer, below.
LOO_FLOORS = (0.54, 0.65, 0.65, 0.68)  # reached: 0.57 0.68 (336/497) 0.68 0.71 (314/441)
# The "next set" checks (unit_corpus.next_set): fitted on the texts before a set, that set
# scored. 90-110 on the old labels: 0.26 0.27 / 0.59 0.33 (the blind figure, as it must be);
# relabelled, recorded before any of 90-110's misses were read: 0.31 0.24 (11/45, 35
# predicted) / 0.53 0.33 (10/30); after the scorer's changes, below.
# With the features of 984c3c9 (recorded before heldout8's misses were read): 58-76 0.67 0.48 /
# 0.88 0.84; 76-90 0.38 0.50 / 0.90 0.72; 90-111 0.29 0.24 / 0.61 0.37; 90-134 0.41 0.36 (32/90)
# / 0.41 0.31 (19/61); 111-134 0.49 0.47 (21/45) / 0.30 0.29 (9/31), the blind figure of
# heldout8 as it must be. Recorded before heldout9's misses were read (scorer of 61ef04a):
# 111-150 0.53 0.60 (41/68) / 0.42 0.33 (22/66); 134-150 0.59 0.43 (10/23) / 0.33 0.17 (6/35),
# the blind figure of heldout9 as it must be (goal 0.33 0.24 (6/25) after decision 16). After
# the goal-page changes: 58-76 0.56 0.48 / 1.00 0.84; 76-90 0.39 0.55 / 0.90 0.72; 90-111 0.31
# 0.29 / 0.69 0.73; 90-134 0.45 0.48 / 0.64 0.67; 111-134 0.57 0.67 / 0.58 0.61; 111-150 0.52
# 0.60 / 0.64 0.68; 134-150 0.61 0.48 / 0.68 0.76. After aim verbs, numbered titles and
# balanced^0.9: as recorded before heldout10's misses were read (134-163 0.47 0.54 (37/69) /
# 0.73 0.64; 150-163 0.42 0.57 / 0.77 0.52, the blind figure). After heldout10's forms and
# heldout11's (the negation, particle verbs, decisions on measures, "kommer ... att",
# elaborations, menu buttons, exhortations), below
# (all sets read while changing, so optimistic).
NEXT_SET_FLOORS = {
    (58, 76): (0.57, 0.40, 0.95, 0.78),  # reached: 0.60 0.43 (9/21) 1.00 0.81 (35/43)
    (76, 90): (0.39, 0.62, 0.85, 0.70),  # reached: 0.42 0.65 (13/20) 0.90 0.72 (18/25)
    (90, 111): (0.48, 0.40, 0.65, 0.70),  # reached: 0.57 0.44 (20/45) 0.74 0.77 (23/30)
    (90, 134): (0.51, 0.51, 0.59, 0.59),  # reached: 0.59 0.57 (51/90) 0.70 0.64 (39/61)
    # 111-134 goal P 0.64 (16/25) until 127's page was read (6 unlabelled goals, see heldout8)
    (111, 134): (0.54, 0.63, 0.48, 0.49),  # reached: 0.60 0.69 (31/45) 0.52 0.52 (16/31)
    (111, 150): (0.56, 0.59, 0.61, 0.61),  # reached: 0.62 0.65 (44/68) 0.69 0.64 (36/56)
    (134, 150): (0.64, 0.49, 0.65, 0.76),  # reached: 0.68 0.57 (13/23) 0.69 0.80 (20/25)
    (134, 163): (0.60, 0.75, 0.72, 0.69),  # reached: 0.63 0.80 (55/69) 0.75 0.72 (42/58)
    (150, 163): (0.57, 0.88, 0.78, 0.64),  # reached: 0.61 0.91 (42/46) 0.81 0.67 (22/33)
    # recorded before heldout11's misses were read: 150-176 0.58 0.73 (52/71) / 0.74 0.74 (49/66);
    # 163-176 0.50 0.40 (10/25) / 0.69 0.82 (27/33), its blind figure. After its forms:
    (150, 176): (0.58, 0.80, 0.74, 0.71),  # reached: 0.62 0.85 (60/71) 0.78 0.74 (49/66)
    (163, 176): (0.62, 0.64, 0.70, 0.78),  # reached: 0.67 0.72 (18/25) 0.75 0.82 (27/33)
    # recorded before heldout12's misses were read: 163-192 0.53 0.59 (29/49) / 0.57 0.62
    # (37/60); 176-192 0.41 0.50 (12/24) / 0.34 0.37 (10/27), its blind figure. After its forms:
    (163, 192): (0.55, 0.68, 0.59, 0.72),  # reached: 0.61 0.71 (35/49) 0.65 0.75 (45/60)
    (176, 192): (0.49, 0.68, 0.46, 0.64),  # reached: 0.57 0.71 (17/24) 0.53 0.67 (18/27)
    # recorded before heldout13's misses were read: 176-207 0.51 0.61 (38/62) / 0.60 0.68
    # (40/59); 192-207 0.55 0.63 (24/38) / 0.73 0.69 (22/32), its blind figure. After its forms:
    (176, 207): (0.56, 0.66, 0.57, 0.66),  # reached: 0.61 0.69 (43/62) 0.64 0.69 (41/59)
    (192, 207): (0.62, 0.65, 0.71, 0.69),  # reached: 0.65 0.68 (26/38) 0.77 0.72 (23/32)
    # recorded before heldout14's misses were read: 192-225 0.53 0.65 (46/71) / 0.49 0.60
    # (38/63); 207-225 0.43 0.61 (20/33) / 0.32 0.48 (15/31), its blind figure. After its forms:
    (192, 225): (0.53, 0.62, 0.57, 0.57),  # reached: 0.56 0.65 (46/71) 0.60 0.60 (38/63)
    (207, 225): (0.42, 0.57, 0.42, 0.45),  # reached: 0.45 0.61 (20/33) 0.45 0.48 (15/31)
    # recorded before heldout15's misses were read: 207-244 0.46 0.49 (32/65) / 0.54 0.46
    # (32/69); 225-244 0.46 0.38 (12/32) / 0.65 0.45 (17/38), its blind figure. After its forms:
    (207, 244): (0.43, 0.46, 0.57, 0.56),  # reached: 0.46 0.49 (32/65) 0.60 0.59 (41/69)
    (225, 244): (0.43, 0.35, 0.69, 0.65),  # reached: 0.46 0.38 (12/32) 0.72 0.68 (26/38)
}

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
    """The corpus texts by split; the final set (heldout11) only under ``pytest --final``."""
    return corpus_split(PLANS)


def _corpus_scores(split: str) -> dict[str, Score]:
    totals = {"measure": Score(0, 0, 0), "goal": Score(0, 0, 0)}
    for name, group in _split().items():
        if group != split:
            continue
        text = (PLANS / f"{name}.txt").read_text(encoding="utf-8")
        labels = read_labels(PLANS / f"{name}.labels.tsv", text)
        spans = spans_of(text, "generic")
        for kind in totals:
            totals[kind] = totals[kind] + score(labels, spans, kind)
    return totals


@pytest.mark.parametrize("name", sorted(_split()))
def test_generic_parser_is_lossless_on_every_corpus_text(name):
    text = (PLANS / f"{name}.txt").read_text(encoding="utf-8")
    units = PARSERS["generic"](text)
    check_coverage(text, units)
    check_links(units)


# The shipped scorer was fitted on the candidates of all development texts (the corpus splits
# below and the seeds), so the figures of these tests are in-sample: they guard
# against regressions. The estimate for text the scorer has not seen is the
# leave-one-organisation-out test after them (and the final held-out set, measured once).


# Each development split: (measure labels, goal labels) from the corpus README, and floors.
# History of the held-out ones, each measured once before it became development text:
# heldout (11-14) measure P 0.64 / R 0.44, goal R 0.60 (commit "Generic parser reads real
# plans …"); heldout2 (15-26) measure P 0.50 / R 0.27 (7 of 26), goal P 1.00 / R 0.33 (5 of 15)
# (commit "Follow the seed counts others' tests read …"); heldout3 (27-44) measure P 0.79 /
# R 0.56 (23 of 41), goal P 0.73 / R 0.53 (8 of 15) (scorer of commit 8f6f7c4); heldout4
# (45-57) measure P 0.44 / R 0.52 (12 of 23), goal P 0.36 / R 0.57 (4 of 7) (commit efcffe6);
# heldout5 (58-75) measure P 0.35 / R 0.35 (9 of 26), goal P 0.89 / R 0.40 (17 of 42) (commit
# 0237a22); heldout6 (76-89) measure P 0.26 / R 0.35 (7 of 20), goal P 0.64 / R 0.39 (9 of 23)
# (commit 616940f); heldout7 (90-110) measure P 0.26 / R 0.27 (11 of 41), goal P 0.59 / R 0.33
# (10 of 30) (commit e0d2c1d); heldout8 (111-133) measure P 0.49 / R 0.47 (21 of 45), goal
# P 0.30 / R 0.29 (9 of 31) (commit b6e961c); heldout9 (134-149) measure P 0.59 / R 0.43 (10 of
# 23), goal P 0.33 / R 0.17 (6 of 35) (commit cf61696); heldout10 (150-162) measure P 0.42 / R
# 0.57 (26 of 46), goal P 0.77 / R 0.52 (17 of 33) (commit efe845b); heldout11 (163-175)
# measure P 0.50 / R 0.40 (10 of 25), goal P 0.69 / R 0.82 (27 of 33) (commit feed953);
# heldout12 (176-191) measure P 0.41 / R 0.50 (12 of 24), goal P 0.34 / R 0.37 (10 of 27)
# (commit cdb178e); heldout13 (192-206) measure P 0.55 / R 0.63 (24 of 38), goal P 0.73 / R 0.69
# (22 of 32) (commit b68e323); heldout14 (207-224) measure P 0.43 / R 0.61 (20 of 33), goal
# P 0.32 / R 0.48 (15 of 31) (commit d360715); heldout15 (225-243) measure P 0.46 / R 0.38 (12
# of 32), goal P 0.65 / R 0.45 (17 of 38) (commit 9bcce62). The label counts below are those
# after the relabelling by tests/data/plans/LABELLING.md (2026-12-07); the figures above are on
# the labels of their day.
DEVELOPMENT_SPLITS = {
    "dev": ((19, 9), DEV_FLOORS),
    "heldout": ((15, 5), HELDOUT_FLOORS),
    "heldout2": ((23, 16), HELDOUT2_FLOORS),
    "heldout3": ((34, 21), HELDOUT3_FLOORS),
    "heldout4": ((22, 9), HELDOUT4_FLOORS),
    "heldout5": ((21, 43), HELDOUT5_FLOORS),
    "heldout6": ((20, 25), HELDOUT6_FLOORS),
    "heldout7": ((45, 30), HELDOUT7_FLOORS),
    "heldout8": ((45, 31), HELDOUT8_FLOORS),
    "heldout9": ((23, 25), HELDOUT9_FLOORS),
    "heldout10": ((46, 33), HELDOUT10_FLOORS),
    "heldout11": ((25, 33), HELDOUT11_FLOORS),
    "heldout12": ((24, 27), HELDOUT12_FLOORS),
    "heldout13": ((38, 32), HELDOUT13_FLOORS),
    "heldout14": ((33, 31), HELDOUT14_FLOORS),
    "heldout15": ((32, 38), HELDOUT15_FLOORS),
}


@pytest.mark.parametrize("split", sorted(DEVELOPMENT_SPLITS))
def test_generic_parser_on_a_development_split(split):
    (measure_labels, goal_labels), floors = DEVELOPMENT_SPLITS[split]
    got = _corpus_scores(split)
    measure, goal = got["measure"], got["goal"]
    assert (measure.labels, goal.labels) == (measure_labels, goal_labels)
    assert measure.precision >= floors[0] and measure.recall >= floors[1], measure
    assert goal.precision >= floors[2] and goal.recall >= floors[3], goal


def test_leave_one_organisation_out():
    """Each organisation's texts parsed by a scorer fitted without them (with the shipped
    scorer's parameters; ``benchmarks/fit_unit_kinds.py`` also chooses them per fold):
    the estimate of how the parser does on a plan by an organisation it has not seen.
    Deterministic (sorted folds, L-BFGS from the prior)."""
    texts = cases("all")
    org = organisations()
    shipped = kinds.default_scorer()
    params = {k: getattr(shipped, k) for k in ("C", "class_weight", "prior")}
    results = cross_validate(texts, candidates(texts), org, params)
    assert len({org[name] for name, *_ in results}) >= 25  # folds: organisations, not texts
    by = totals(results)
    measure, goal = by["corpus"]["measure"], by["corpus"]["goal"]
    assert (measure.labels, goal.labels) == (497, 441), (measure, goal)
    assert measure.precision >= LOO_FLOORS[0] and measure.recall >= LOO_FLOORS[1], measure
    assert goal.precision >= LOO_FLOORS[2] and goal.recall >= LOO_FLOORS[3], goal
    seeds = by["seeds"]["measure"]
    assert seeds.precision >= 0.9 and seeds.recall >= 0.9, seeds


@pytest.mark.parametrize("first,last", sorted(NEXT_SET_FLOORS))
def test_next_set(first, last):
    """A held-out set parsed by a scorer fitted only on the texts before it (and the seeds),
    with the shipped scorer's parameters: what the set would have measured blind with today's
    features -- the estimate the blind figures have come closest to."""
    texts = cases("all")
    shipped = kinds.default_scorer()
    params = {k: getattr(shipped, k) for k in ("C", "class_weight", "prior")}
    by = totals(next_set(texts, candidates(texts), first, last, params))["corpus"]
    measure, goal = by["measure"], by["goal"]
    floors = NEXT_SET_FLOORS[first, last]
    assert measure.precision >= floors[0] and measure.recall >= floors[1], measure
    assert goal.precision >= floors[2] and goal.recall >= floors[3], goal


@pytest.fixture(scope="module")
def seed_scores() -> dict[str, dict[str, Score]]:
    out = {}
    for record in read_manifest():
        text = read_source(record.path).text
        labels = read_labels(DATA / "seed_labels" / f"{Path(record.file).stem}.labels.tsv", text)
        spans = spans_of(text, record.form)
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
