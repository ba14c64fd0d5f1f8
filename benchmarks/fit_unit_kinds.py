"""Fit the unit-kind scorer on the labelled development texts; estimate it by leave-one-out.

The generic parser decides whether a sentence or list item is a measure, a goal or neither
with :class:`plancompare.forms.kinds.KindScorer`, a logistic regression over named features
whose weights are pulled towards a prior written from the kind definitions
(``data/forms/kind_prior.csv``). This script (the work is in ``tests/unit_corpus.py``)

1. parses every development text -- the corpus texts of ``tests/data/plans`` except the final
   held-out set, and the five seed plans -- and records each candidate the parsers classify,
   with its features; a candidate's target is the kind of the label whose quote starts inside
   it (``other`` when none does);
2. estimates the whole parser by **leave-one-organisation-out** cross-validation: for each
   organisation (Regeringen's five texts are one, Göteborgs Stad's two, Norrköping's two seeds),
   the scorer is fitted on the other organisations' candidates -- ``C``, class weighting and
   whether to use the prior chosen by an inner leave-one-organisation-out on those candidates
   alone -- and the organisation's texts are parsed with it and scored by the matching rule of
   ``tests/unit_labels.py`` (units, not candidates: segmentation errors count); the same is
   reported for two fixed configurations, the prior alone (a rule set, C = 0) and the data alone
   (no prior);
2b. the "next set" checks: fit on the texts before a held-out set and the seeds, score that set
   (01-57 -> 58-75, 01-75 -> 76-89, 01-89 -> 90-110, 01-89 -> 90-133, 01-110 -> 111-133,
   01-110 -> 111-149, 01-133 -> 134-149, 01-133 -> 134-162, 01-149 -> 150-162,
   01-149 -> 150-175, 01-162 -> 163-175, 01-162 -> 163-191, 01-175 -> 176-191,
   01-175 -> 176-206, 01-191 -> 192-206, 01-191 -> 192-224, 01-206 -> 207-224,
   01-206 -> 207-243, 01-224 -> 225-243; ``unit_corpus.next_set``) -- what the
   set would measure with today's features had it been held out, the best predictor of the
   next blind figure that leave-one-organisation-out (which keeps each organisation's
   neighbours in the fit) has overstated five times;
3. fits the scorer on all development candidates (parameters chosen the same way), writes its
   weights to ``src/plancompare/data/forms/kind_weights.csv`` and the report to
   ``benchmarks/results/unit_kinds_cv.txt``.

    .venv/bin/python benchmarks/fit_unit_kinds.py              # CV, refit, write both files
    .venv/bin/python benchmarks/fit_unit_kinds.py --no-write   # CV only
    .venv/bin/python benchmarks/fit_unit_kinds.py --fixed 0.1,balanced,shipped --no-write
    .venv/bin/python benchmarks/fit_unit_kinds.py --fixed '0.01,balanced^0.9,shipped'  # shipped

The shipped weights are fitted with the fixed parameters C 0.01, ``balanced^0.9`` (the
balanced class weights to the power 0.9), the shipped prior: chosen by leave-one-organisation-
out and the next sets (``benchmarks/eval_units.py``'s history gives the comparison).

Deterministic: texts and organisations are sorted, the solver is L-BFGS from the prior.
The final held-out set (heldout17, texts 259 on) is never read here; heldout3 to heldout16 (texts
27-258, each measured once) are development text and among the folds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from unit_corpus import (  # noqa: E402
    NEXT_SETS,
    candidates,
    cases,
    cross_validate,
    describe,
    fit,
    fmt_score,
    next_set,
    organisations,
    totals,
)
from unit_labels import DEVELOPMENT_SPLITS  # noqa: E402

from plancompare.forms import kinds  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "unit_kinds_cv.txt"
# Fixed configurations reported side by side (outer leave-one-organisation-out only).
COMPARED = {
    "rules: the prior alone (C=0)": {"C": 0.0, "class_weight": "balanced", "prior": "shipped"},
    "data alone: no prior (C=1)": {"C": 1.0, "class_weight": "balanced", "prior": None},
}


def next_sets(texts: list, found: dict, fixed: dict | None) -> list[str]:
    """The "next set" lines: each held-out set scored by a scorer fitted on the texts before it."""
    lines = ["", "Next set: fitted on the texts before a set (and the seeds), that set scored:"]
    for first, last in NEXT_SETS:
        by = totals(next_set(texts, found, first, last, fixed))["corpus"]
        label = f"01-{first - 1:02d} -> {first}-{last - 1}"
        lines.append(
            f"  {label:<38}measure {fmt_score(by['measure'])}  goal {fmt_score(by['goal'])}"
        )
    return lines


def report(
    results: list[tuple], compared: dict[str, list[tuple]], final: str, nexts: list[str]
) -> str:
    """The cross-validated table, the fixed configurations, the next-set lines, the final
    scorer's parameters."""
    head = f"{'text':<58}{'group':<10}{'measure P    R   hit/lab pred':<30}"
    head += f"{'goal P    R   hit/lab pred':<30}fold's parameters"
    lines = [head, "-" * len(head)]
    for name, group, scores, params in sorted(results, key=lambda r: (r[1] == "seed", r[0])):
        lines.append(
            f"{name[:57]:<58}{group:<10}{fmt_score(scores['measure']):<30}{fmt_score(scores['goal']):<30}"
            f"{params}"
        )
    lines.append("-" * len(head))
    summed = totals(results)
    for bucket in (*DEVELOPMENT_SPLITS, "corpus", "seeds", "all"):
        by = summed[bucket]
        cells = f"{fmt_score(by['measure']):<30}{fmt_score(by['goal'])}"
        lines.append(f"{'overall ' + bucket:<58}{'':<10}{cells}")
    lines += ["", "Fixed configurations, same outer folds (corpus texts | seeds):"]
    for label, rows in compared.items():
        by = totals(rows)
        corpus, seeds = by["corpus"], by["seeds"]
        lines.append(
            f"  {label:<40}measure {fmt_score(corpus['measure'])}  goal {fmt_score(corpus['goal'])}"
            f"  | measure {fmt_score(seeds['measure'])}  goal {fmt_score(seeds['goal'])}"
        )
    lines += [*nexts, "", f"final scorer (all development candidates): {final}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    parser.add_argument(
        "--fixed",
        default=None,
        metavar="C,WEIGHT,PRIOR",
        help="no inner selection, e.g. 0.1,balanced,shipped (quick runs while developing)",
    )
    args = parser.parse_args()
    fixed = None
    if args.fixed:
        c, weight, prior = args.fixed.split(",")
        fixed = {
            "C": float(c),
            "class_weight": None if weight == "none" else weight,
            "prior": None if prior == "none" else prior,
        }
    texts = cases("all")  # development texts only: the final held-out set is not read
    org = organisations()
    found = candidates(texts)
    targets = [t for rows in found.values() for _, t, _ in rows]
    print(
        f"{len(texts)} texts, {len(targets)} candidates: "
        + ", ".join(f"{k} {targets.count(k)}" for k in kinds.CLASSES),
        file=sys.stderr,
    )
    compared = {
        label: cross_validate(texts, found, org, params) for label, params in COMPARED.items()
    }
    results = cross_validate(
        texts, found, org, fixed, progress=lambda n, p: print(f"  {n[:50]:<52}{p}", file=sys.stderr)
    )
    names = sorted(found)
    rows = [row for name in names for row in found[name]]
    groups = [org[name] for name in names for _ in found[name]]
    scorer = fit(rows, groups, fixed)
    table = report(results, compared, describe(scorer), next_sets(texts, found, fixed))
    print(table, end="")
    if not args.no_write:
        scorer.to_csv(kinds.WEIGHTS_PATH)
        chosen = (
            f"the fixed parameters {args.fixed} in every fold (--fixed: no inner selection)"
            if fixed
            else "its parameters chosen by an inner\n"
            "leave-one-organisation-out on those alone (nested)"
        )
        RESULTS.write_text(
            "Leave-one-organisation-out cross-validation of the generic parser's unit kinds\n"
            "(benchmarks/fit_unit_kinds.py): each organisation's texts parsed with a scorer\n"
            f"fitted on the other organisations' candidates, {chosen}. The features and the\n"
            "prior were designed with all these texts in view, so this estimate is optimistic;\n"
            "the final held-out set (heldout17) measures what it is worth.\n\n" + table,
            encoding="utf-8",
        )
        print(f"wrote {kinds.WEIGHTS_PATH.relative_to(REPO)} and {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
