"""How far two people who label the same text by the written guide agree (issue 7).

A parser's score on the hand labels is bounded by how well the labels themselves agree: where two
careful readers of ``tests/data/plans/LABELLING.md`` disagree, no parser can match both. For each
text that has a second, independent labelling (``tests/data/plans/agreement/<id>.labels-b.tsv``,
written without looking at ``<id>.labels.tsv``) this prints, per text and overall:

* the labels of each labeller (measures M, goals G);
* the units both call a measure, and both call a goal;
* Cohen's kappa over measure / goal / other on the union of quoted units -- every item that at
  least one labeller quoted; an item only one of them labelled counts as "other" for the second.
  Items neither labelled are not counted, so kappa here is lower than one that also counted the
  text's many unlabelled sentences would be;
* precision and recall of labeller B against labeller A (the labels in the corpus), per kind.

Two labels name the same item when the quote start of one lies in the other's item: an item
runs from its quote to the end of its line or to the next label of the same labeller, whichever
comes first (the README's "to the end of its bullet, point or paragraph, or to the next labelled
item"). Pairs are taken in document order, each label in at most one pair.

    .venv/bin/python benchmarks/label_agreement.py   # writes benchmarks/results/label_agreement.txt
    .venv/bin/python benchmarks/label_agreement.py --no-write
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from unit_labels import SCORED_KINDS, Label, read_labels  # noqa: E402

PLANS = REPO / "tests" / "data" / "plans"
AGREEMENT = PLANS / "agreement"
RESULTS = REPO / "benchmarks" / "results" / "label_agreement.txt"
OTHER = "other"
# Second labellings made after reading the README's counts (and, for 95 and 101, judgement calls)
# for the text (see tests/data/plans/agreement/README.md): their agreement is an upper bound.
NOT_BLIND = (
    *("95-", "101-", "113-", "114-", "123-", "135-", "138-", "141-", "147-", "149-"),
    *("153-", "156-", "157-", "163-", "164-", "166-"),
)
CATEGORIES = (*SCORED_KINDS, OTHER)


@dataclass(frozen=True)
class Unit:
    """One quoted item of the union: the kind each labeller gave it (``other`` if none)."""

    start: int
    kind_a: str
    kind_b: str
    quote: str = ""


def item_ends(labels: list[Label], text: str) -> list[int]:
    """Where each label's item ends: its line's end or the next label's start, if sooner.

    >>> text = "Gör A. Gör B.\\nMål C."
    >>> labels = [Label("measure", "", "Gör A", 0), Label("measure", "", "Gör B", 7),
    ...           Label("goal", "", "Mål C", 14)]
    >>> item_ends(labels, text)
    [7, 13, 20]
    """
    ends = []
    for i, label in enumerate(labels):
        line_end = text.find("\n", label.start)
        end = len(text) if line_end < 0 else line_end
        if i + 1 < len(labels):
            end = min(end, labels[i + 1].start)
        ends.append(end)
    return ends


def union_units(a: list[Label], b: list[Label], text: str) -> list[Unit]:
    """The items either labeller quoted, paired in document order, each label used once.

    >>> text = "Vi ska göra A. Målet är B.\\nVi ska göra C."
    >>> a = [Label("measure", "", "Vi ska göra A", 0), Label("goal", "", "Målet är B", 15)]
    >>> b = [Label("measure", "", "ska göra A", 3), Label("measure", "", "Vi ska göra C", 27)]
    >>> [(u.kind_a, u.kind_b) for u in union_units(a, b, text)]
    [('measure', 'measure'), ('goal', 'other'), ('other', 'measure')]
    """
    a, b = sorted(a, key=lambda lb: lb.start), sorted(b, key=lambda lb: lb.start)
    ends_a, ends_b = item_ends(a, text), item_ends(b, text)
    used_b: set[int] = set()
    units = []
    for i, la in enumerate(a):
        for j, lb in enumerate(b):
            inside = la.start <= lb.start < ends_a[i] or lb.start <= la.start < ends_b[j]
            if j not in used_b and inside:
                used_b.add(j)
                units.append(Unit(min(la.start, lb.start), la.kind, lb.kind, la.quote))
                break
        else:
            units.append(Unit(la.start, la.kind, OTHER, la.quote))
    units += [Unit(lb.start, OTHER, lb.kind, lb.quote) for j, lb in enumerate(b) if j not in used_b]
    return sorted(units, key=lambda u: u.start)


def cohen_kappa(units: list[Unit]) -> float | None:
    """Cohen's kappa of the two labellers' kinds; None when it is undefined.

    >>> both = [Unit(0, "measure", "measure"), Unit(1, "goal", "goal")]
    >>> cohen_kappa(both)
    1.0
    >>> round(cohen_kappa(both + [Unit(2, "measure", "other"), Unit(3, "other", "goal")]), 3)
    0.273
    """
    n = len(units)
    if n == 0:
        return None
    observed = sum(u.kind_a == u.kind_b for u in units) / n
    count_a = Counter(u.kind_a for u in units)
    count_b = Counter(u.kind_b for u in units)
    expected = sum(count_a[k] * count_b[k] for k in CATEGORIES) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  - "


def table_row(name: str, units: list[Unit]) -> str:
    """One line of the table: labels of A and B, agreements, kappa, B's P/R against A."""
    cells = [f"{name[:52]:<53}"]
    for kind in SCORED_KINDS:
        n_a = sum(u.kind_a == kind for u in units)
        n_b = sum(u.kind_b == kind for u in units)
        both = sum(u.kind_a == u.kind_b == kind for u in units)
        cells.append(f"{n_a:>3}{n_b:>4}{both:>5}  {_ratio(both, n_b)} {_ratio(both, n_a)}   ")
    kappa = cohen_kappa(units)
    cells.append(f"{len(units):>5}  {'  -' if kappa is None else f'{kappa:.2f}'}")
    return "".join(cells)


def texts_with_second_labels() -> list[str]:
    """Stems of the corpus texts that have an ``agreement/<stem>.labels-b.tsv``."""
    stems = (p.name.removesuffix(".labels-b.tsv") for p in AGREEMENT.glob("*.labels-b.tsv"))
    return sorted(stems, key=lambda stem: (int(stem.split("-")[0]), stem))


def report() -> str:
    """The per-text and overall table (also over the blind texts alone, see ``NOT_BLIND``)."""
    head = f"{'text':<53}{'measure A   B both  P    R':<29}{'goal A   B both  P    R':<29}"
    head += "units kappa"
    lines = [head, "-" * len(head)]
    every: list[Unit] = []
    blind: list[Unit] = []
    blind_ids: list[str] = []
    differing: list[tuple[str, Unit]] = []
    for stem in texts_with_second_labels():
        text = (PLANS / f"{stem}.txt").read_text(encoding="utf-8")
        a = read_labels(PLANS / f"{stem}.labels.tsv", text)
        b = read_labels(AGREEMENT / f"{stem}.labels-b.tsv", text)
        units = union_units(a, b, text)
        every += units
        differing += [(stem.split("-")[0], u) for u in units if u.kind_a != u.kind_b]
        if not stem.startswith(NOT_BLIND):
            blind += units
            blind_ids.append(stem.split("-")[0])
        lines.append(table_row(stem, units))
    lines += ["-" * len(head), table_row("overall", every)]
    lines.append(table_row(f"overall, blind only ({' '.join(blind_ids)})", blind))
    disagreements = Counter((u.kind_a, u.kind_b) for u in every if u.kind_a != u.kind_b)
    lines.append("")
    lines.append("disagreements (A -> B): " + ", ".join(
        f"{a} -> {b}: {n}" for (a, b), n in sorted(disagreements.items())
    ))  # fmt: skip
    lines += [f"  {s}: A {u.kind_a}, B {u.kind_b}: {u.quote[:70]!r}" for s, u in differing]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = parser.parse_args()
    out = report()
    print(out, end="")
    if not args.no_write:
        preamble = (
            "# Agreement of two labellings by tests/data/plans/LABELLING.md "
            "(benchmarks/label_agreement.py).\n"
            "# A = tests/data/plans/<id>.labels.tsv, B = tests/data/plans/agreement/"
            "<id>.labels-b.tsv (labelled without opening A;\n"
            "# 95, 101, 113, 114, 123, 135, 138, 141, 147 and 149 not fully blind, see "
            "tests/data/plans/agreement/README.md).\n"
            "# P and R are B's precision and recall against A; units = the union of quoted "
            "items; kappa over measure/goal/other on those units.\n"
        )
        RESULTS.write_text(preamble + out, encoding="utf-8")


if __name__ == "__main__":
    main()
