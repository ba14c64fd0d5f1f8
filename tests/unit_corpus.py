"""The labelled development texts, parsed and scored; the unit-kind scorer fitted and validated.

Shared by ``tests/test_units_eval.py``, ``benchmarks/eval_units.py`` and
``benchmarks/fit_unit_kinds.py``:

* :func:`cases` -- the corpus texts of ``tests/data/plans`` (without the final held-out set
  unless ``final``; :func:`unit_labels.corpus_split`) and the five seed plans, each with its
  form and labels;
* :func:`candidates` -- every sentence and list item the parsers classify, with its features
  and its target kind (the kind of the label whose quote starts inside it, else ``other``);
* :func:`cross_validate` -- leave one organisation out: fit the scorer on the other
  organisations' candidates, parse this organisation's texts with it, score the units by the
  matching rule of :mod:`unit_labels`.

Deterministic: texts and organisations are taken in sorted order and the solver is L-BFGS.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from itertools import product
from pathlib import Path

import numpy as np
from unit_labels import SCORED_KINDS, Score, Span, corpus_split, read_labels, score

from plancompare.decode import read_source
from plancompare.forms import PARSERS, kinds
from plancompare.forms.base import levels
from plancompare.manifest import read_manifest

DATA = Path(__file__).resolve().parent / "data"
PLANS = DATA / "plans"
SEED_LABELS = DATA / "seed_labels"

# Forms whose parser may call a candidate any kind: the generic reader and the forms built on it.
# (The activity table reads its descriptions for goals only -- its measures are its activities
# -- so its sentences are no examples of what a measure sentence looks like.)
TRAINED_FORMS = ("generic", "verksamhetsplan", "goal_page")
GRID = {
    "C": (0.0, 0.03, 0.1, 0.3, 1.0),  # C = 0: the prior alone, i.e. the rule set it writes down
    "class_weight": ("balanced", None),
    "prior": ("shipped", None),
}

Case = tuple[str, str, str, str, Path]  # name, group, form, text, labels path
Row = tuple[dict[str, float], str, str]  # features, target kind, candidate text


def spans_of(text: str, form: str) -> list[Span]:
    """The parser's units as scored spans (with each measure's level)."""
    units = PARSERS[form](text)
    level = levels(units)
    return [Span(u.start, u.end, u.kind, str(level.get(u.start, ""))) for u in units]


def cases(split: str = "all", final: bool = False) -> list[Case]:
    """(name, group, form, text, labels path) for the corpus texts of ``split`` and the seeds.

    The final held-out set is among the corpus texts only when ``final``.
    """
    out = []
    for name, group in corpus_split(PLANS, final=final).items():
        if split in ("all", group):
            text = (PLANS / f"{name}.txt").read_text(encoding="utf-8")
            out.append((name, group, "generic", text, PLANS / f"{name}.labels.tsv"))
    for record in read_manifest():
        stem = Path(record.file).stem
        text = read_source(record.path).text
        out.append((stem, "seed", record.form, text, SEED_LABELS / f"{stem}.labels.tsv"))
    return out


def fmt_score(s: Score) -> str:
    """One score as a table cell: precision, recall, hits/labels, predicted."""
    p = "  –  " if s.precision is None else f"{s.precision:.2f}"
    r = "  –  " if s.recall is None else f"{s.recall:.2f}"
    return f"{p:>5} {r:>5} {s.matched:>3}/{s.labels:<3}{s.predicted:>4}"


def organisations() -> dict[str, str]:
    """Text name -> the organisation that wrote it (corpus ``sources.csv``, seed manifest)."""
    with (PLANS / "sources.csv").open(encoding="utf-8", newline="") as fh:
        out = {row["id"]: row["organisation"] for row in csv.DictReader(fh)}
    for record in read_manifest():
        out[Path(record.file).stem] = record.municipality or record.organisation
    return out


def _constant_scorer() -> kinds.KindScorer:
    """A scorer that calls everything ``other`` (candidates do not depend on the scorer)."""
    scorer = kinds.KindScorer()
    scorer.features_ = tuple(kinds.FEATURES)
    scorer.classes_ = np.asarray(kinds.CLASSES)
    scorer.coef_ = np.zeros((len(kinds.CLASSES), len(scorer.features_)))
    scorer.intercept_ = np.array([0.0, 0.0, 1.0])
    return scorer


def candidates(texts: list[Case]) -> dict[str, list[Row]]:
    """Per text of :data:`TRAINED_FORMS`: (features, target, text) of each candidate it holds."""
    out = {}
    with kinds.use(_constant_scorer()):
        for name, _group, form, text, path in texts:
            if form not in TRAINED_FORMS:
                continue
            labels = sorted(read_labels(path, text), key=lambda lb: lb.start)
            with kinds.recording() as seen:
                spans_of(text, form)
            rows = []
            for candidate, found in seen:
                inside = [lb for lb in labels if candidate.start <= lb.start < candidate.end]
                rows.append((found, inside[0].kind if inside else "other", candidate.text))
            out[name] = rows
    return out


def _f1(pred: np.ndarray, y: np.ndarray, kind: str) -> float:
    tp = np.sum((pred == kind) & (y == kind))
    denominator = np.sum(pred == kind) + np.sum(y == kind)
    return 2 * tp / denominator if denominator else 1.0


def choose(rows: list[Row], groups: list[str]) -> dict:
    """The grid point with the best inner leave-one-organisation-out F1 (measure + goal)."""
    X = [r[0] for r in rows]
    y = np.asarray([r[1] for r in rows])
    group_of = np.asarray(groups)
    best, best_score = None, -1.0
    for c, weight, prior in product(GRID["C"], GRID["class_weight"], GRID["prior"]):
        if c == 0 and prior is None:
            continue  # no prior and no data: nothing to score with
        pred = np.empty(len(y), dtype=object)
        for g in sorted(set(groups)):
            test = group_of == g
            model = kinds.KindScorer(C=c, class_weight=weight, prior=prior)
            model.fit([X[i] for i in np.flatnonzero(~test)], y[~test])
            pred[test] = model.predict([X[i] for i in np.flatnonzero(test)])
        value = _f1(pred, y, "measure") + _f1(pred, y, "goal")
        if value > best_score + 1e-9:
            best, best_score = {"C": c, "class_weight": weight, "prior": prior}, value
    return best


def fit(rows: list[Row], groups: list[str], params: dict | None = None) -> kinds.KindScorer:
    """A scorer fitted on ``rows``: with ``params``, or those chosen by :func:`choose`."""
    params = params or choose(rows, groups)
    return kinds.KindScorer(**params).fit([r[0] for r in rows], [r[1] for r in rows])


def cross_validate(
    texts: list[Case],
    found: dict[str, list[Row]],
    org: dict[str, str],
    params: dict | None = None,
    progress: Callable[[str, str], None] | None = None,
) -> list[tuple[str, str, dict[str, Score], str]]:
    """Leave one organisation out: (name, group, scores by kind, parameters) per text.

    With ``params`` every fold uses them; without, each fold chooses its own by an inner
    leave-one-organisation-out on its training candidates (nested cross-validation).
    """
    results = []
    for held in sorted({org[name] for name, *_ in texts}):
        train_rows, train_groups = [], []
        for name in sorted(found):
            if org[name] != held:
                train_rows += found[name]
                train_groups += [org[name]] * len(found[name])
        scorer = fit(train_rows, train_groups, params)
        with kinds.use(scorer):
            for name, group, form, text, path in texts:
                if org[name] != held:
                    continue
                labels = read_labels(path, text)
                spans = spans_of(text, form)
                scores = {k: score(labels, spans, k) for k in SCORED_KINDS}
                results.append((name, group, scores, describe(scorer)))
                if progress:
                    progress(name, describe(scorer))
    return results


def text_number(name: str) -> int | None:
    """The number a corpus text's name opens with (``58-enkoping`` -> 58); None for a seed."""
    head = name.split("-", 1)[0]
    return int(head) if head.isdigit() and "-" in name else None


# The "next set" checks: fit on the texts before a held-out set (and the seeds), score that
# set -- what each set would have measured with today's features had it been held out.
NEXT_SETS = (
    (58, 76),
    (76, 90),
    (90, 111),
    (90, 134),
    (111, 134),
    (111, 150),
    (134, 150),
    (134, 163),
    (150, 163),
    (150, 176),
    (163, 176),
    (163, 192),
    (176, 192),
    (176, 207),
    (192, 207),
    (192, 225),
    (207, 225),
    (207, 244),
    (225, 244),
)


def next_set(
    texts: list[Case],
    found: dict[str, list[Row]],
    first: int,
    last: int,
    params: dict | None = None,
) -> list[tuple[str, str, dict[str, Score], str]]:
    """Fit on the corpus texts numbered below ``first`` and the seeds; score texts ``first`` to
    ``last - 1``: (name, group, scores by kind, parameters) per scored text.

    The scorer sees none of the scored texts' candidates (its parameters, when not given, are
    chosen by an inner leave-one-organisation-out on the training texts alone).
    """
    train = sorted(n for n in found if (text_number(n) or 0) < first)
    org = organisations()
    rows = [row for name in train for row in found[name]]
    scorer = fit(rows, [org[name] for name in train for _ in found[name]], params)
    results = []
    with kinds.use(scorer):
        for name, group, form, text, path in texts:
            number = text_number(name)
            if number is None or not first <= number < last:
                continue
            labels = read_labels(path, text)
            spans = spans_of(text, form)
            scores = {k: score(labels, spans, k) for k in SCORED_KINDS}
            results.append((name, group, scores, describe(scorer)))
    return results


def totals(results: list[tuple]) -> dict[str, dict[str, Score]]:
    """Scores summed per group, over the corpus texts, the seeds and all."""
    out: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(lambda: Score(0, 0, 0)))
    for _name, group, scores, _params in results:
        for bucket in (group, "corpus" if group != "seed" else "seeds", "all"):
            for k in SCORED_KINDS:
                out[bucket][k] = out[bucket][k] + scores[k]
    return out


def describe(scorer: kinds.KindScorer) -> str:
    """``C=… w=… prior=…``: the scorer's parameters."""
    return f"C={scorer.C:g} w={scorer.class_weight or 'none'} prior={scorer.prior or 'none'}"
