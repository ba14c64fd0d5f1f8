"""Why a held-out set's units go wrong: boundary, missing feature, or weights.

Fits the unit-kind scorer on the corpus texts before a set (and the seeds), as
``unit_corpus.next_set`` does, parses the set with it, and sorts each missed label and each
extra unit of a scored kind into one of three causes:

* (a) **boundary** -- no candidate holds the label's start (it sits in a heading, a label, a
  furniture line or a unit the section's role decides), the candidate also holds an earlier
  label (merged), or the candidate was scored right but the unit around it was not;
* (b) **feature absent** -- even a scorer fitted in sample on every development text (C=1,
  balanced, shipped prior) gets the candidate's kind wrong: the features do not tell it from
  candidates of the other kind; ``same vector`` when another candidate has the identical
  feature vector and another target;
* (c) **weights** -- that in-sample scorer gets it right: the features can tell, the scorer
  fitted on the earlier texts did not weigh them so.

    .venv/bin/python benchmarks/diagnose_units.py 76 90        # heldout6, fitted on 01-75
    .venv/bin/python benchmarks/diagnose_units.py 58 76 -v     # heldout5, every case listed

Reads only development texts: ``last`` may not pass ``unit_labels.FIRST_FINAL_NUMBER``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import unit_labels  # noqa: E402
from unit_corpus import candidates, cases, fit, organisations, spans_of, text_number  # noqa: E402

from plancompare.forms import kinds  # noqa: E402

ORACLE = {"C": 1.0, "class_weight": "balanced", "prior": "shipped"}


def diagnose(first: int, last: int, params: dict, verbose: bool = False) -> str:
    """The table of causes for texts ``first`` to ``last - 1`` (and, verbose, every case)."""
    texts = [t for t in cases("all") if (text_number(t[0]) or 0) < last]
    found = candidates(texts)
    train = sorted(n for n in found if (text_number(n) or 0) < first)
    scorer = fit([r for n in train for r in found[n]], [], params)
    rows = [r for n in sorted(found) for r in found[n]]
    oracle = fit(rows, [], ORACLE)
    vectors: dict[tuple, Counter] = {}
    for features, target, _ in rows:
        vectors.setdefault(tuple(features.items()), Counter())[target] += 1
    causes: Counter = Counter()
    per_text: dict[str, Counter] = {}
    lines = []
    for name, _group, form, text, path in texts:
        if not first <= (text_number(name) or 0) < last:
            continue
        labels = unit_labels.read_labels(path, text)
        with kinds.use(scorer), kinds.recording() as seen:
            spans = spans_of(text, form)
        for kind in unit_labels.SCORED_KINDS:
            for label in unit_labels.missed(labels, spans, kind):
                held = [(c, f) for c, f in seen if c.start <= label.start < c.end]
                if not held:
                    cause = "a boundary: no candidate"
                elif any(held[0][0].start <= lb.start < label.start for lb in labels):
                    cause = "a boundary: merged"
                elif scorer.predict([held[0][1]])[0] == kind:
                    cause = "a boundary: unit"
                elif oracle.predict([held[0][1]])[0] == kind:
                    cause = "c weights"
                else:
                    same = len(vectors[tuple(held[0][1].items())]) > 1
                    cause = "b feature absent" + (" (same vector)" if same else "")
                causes["missed", kind, cause.split(":")[0].split(" (")[0]] += 1
                per_text.setdefault(name, Counter())["missed", kind, cause[0]] += 1
                lines.append(f"{name[:14]:<15}missed {kind:<8}{cause:<34}{label.quote[:60]!r}")
            for unit in unit_labels.spurious(labels, spans, kind):
                held = [(c, f) for c, f in seen if unit.start <= c.start < unit.end]
                span = (held[0][0].start, held[0][0].end) if held else (0, 0)
                inside = [lb for lb in labels if span[0] <= lb.start < span[1]]
                if not held or (inside and inside[0].kind == kind):
                    cause = "a boundary"
                elif oracle.predict([held[0][1]])[0] != kind:
                    cause = "c weights"
                else:
                    same = len(vectors[tuple(held[0][1].items())]) > 1
                    cause = "b feature absent" + (" (same vector)" if same else "")
                causes["extra", kind, cause.split(" (")[0]] += 1
                per_text.setdefault(name, Counter())["extra", kind, cause[0]] += 1
                quote = " ".join(text[unit.start : unit.end].split())[:60]
                lines.append(f"{name[:14]:<15}extra  {kind:<8}{cause:<34}{quote!r}")
    out = [f"texts {first}-{last - 1}, scorer fitted on the texts before and the seeds ({params})"]
    for what in ("missed", "extra"):
        for kind in unit_labels.SCORED_KINDS:
            mine = {c[2]: n for c, n in sorted(causes.items()) if c[:2] == (what, kind)}
            cells = ", ".join(f"{c} {n}" for c, n in mine.items())
            out.append(f"  {what:<7}{kind:<8}{sum(mine.values()):>4}: {cells}")
    by = Counter()
    for c, n in causes.items():
        by[c[2][0]] += n
    total = sum(by.values())
    out.append(
        f"  all {total}: "
        + ", ".join(f"({k}) {by[k]} ({by[k] / total:.0%})" for k in "abc" if total)
    )
    return "\n".join((lines if verbose else []) + out + _by_text(per_text, train)) + "\n"


def _by_text(per_text: dict[str, Counter], train: list[str]) -> list[str]:
    """Errors per text with causes (a/b/c), and the organisation -- ``new`` when none of the
    texts the scorer was fitted on is by it."""
    org = organisations()
    seen = {org[name] for name in train}
    out = [f"  {'by text':<44}{'organisation':<34}missed m/g  extra m/g  causes a/b/c"]
    for name in sorted(per_text, key=lambda n: text_number(n) or 0):
        n: Counter = Counter()
        for (what, kind, cause), v in per_text[name].items():
            n[what, kind] += v
            n[cause] += v
        who = org[name][:26] + (" (new)" if org[name] not in seen else "")
        missed = f"{n['missed', 'measure']:>4}/{n['missed', 'goal']:<5}"
        extra = f"{n['extra', 'measure']:>4}/{n['extra', 'goal']:<6}"
        out.append(f"  {name[:43]:<44}{who:<34}{missed}{extra}{n['a']:>3}/{n['b']}/{n['c']}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=int, help="the set's first text number")
    parser.add_argument("last", type=int, help="one past its last text number")
    parser.add_argument("--fixed", default="0.01,balanced^0.9,shipped", metavar="C,WEIGHT,PRIOR")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every case")
    args = parser.parse_args()
    if args.last > unit_labels.FIRST_FINAL_NUMBER:
        parser.error(f"texts from {unit_labels.FIRST_FINAL_NUMBER} on are final-only")
    c, weight, prior = args.fixed.split(",")
    params = {
        "C": float(c),
        "class_weight": None if weight == "none" else weight,
        "prior": None if prior == "none" else prior,
    }
    print(diagnose(args.first, args.last, params, args.verbose), end="")


if __name__ == "__main__":
    main()
