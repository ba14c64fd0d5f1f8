"""Out-of-sample evaluation of OCR repair: unseen Swedish text, an independent damage channel.

The texts are ``tests/data/ocr_unseen`` (see its README): twelve public texts of Swedish
authorities that the project never used for anything else, split into ``dev`` (tuned on) and
``heldout2`` (measured once, after the last change to the repairer; read only with ``--final``).
The first ``heldout`` set was looked at too often and is now part of ``dev``;
``results/ocr_eval_heldout*.txt`` keep its tables as history. Each text is reduced to what a
printed page shows (``plancompare.ocr.printed_text``: Markdown link targets and image lines
out), damaged with the *evaluation* channel (``plancompare.ocr.print_damage``,
``data/ocr/evaluation_channel.tsv``: another inventory and weights than the repairer's, plus
words run together, broken by a space and hyphenated at line ends) at each rate and seed, and
repaired by the repairer that ``plancompare.load`` uses -- fitted on the clean seed plans of
``data/``, never on these texts.

Scores count reference tokens (``plancompare.ocr.score``): *restored* = damaged tokens whose
letters all came back (word boundaries stay as the damage left them: the repairer keeps tokens
and whitespace by contract); *changed* = clean tokens the repair altered; *kept* = tokens whose
only damage was a word boundary and that the repair left alone.

It also reports the Södertälje scan against its hand-corrected reference (in-sample for the
confusion inventory, which lists the scan's readings among others; not for the weights).

    .venv/bin/python benchmarks/eval_ocr.py --split dev [--seeds 0 1 2] [--rates 1.0 0.5]
    .venv/bin/python benchmarks/eval_ocr.py --split heldout2 --final   # once, at the end

Results go to ``benchmarks/results/ocr_eval_<split>.txt``.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from plancompare import fit_repairer, paths, read_manifest
from plancompare.ocr import evaluate, print_damage, printed_text, score

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "data" / "ocr_unseen"
REFERENCE_003 = ROOT / "tests" / "data" / "ocr" / "003_reference.txt"
RESULTS = Path(__file__).resolve().parent / "results"
KEYS = ("damaged", "restored", "clean", "false_changes", "boundary_only", "boundary_kept")


FINAL_SPLITS = frozenset({"heldout2"})


def unseen_texts(split: str, final: bool = False) -> dict[str, tuple[str, str]]:
    """``{id: (split, printed text)}`` of the unseen corpus (``split``: dev, heldout2 or all).

    The final held-out texts (``FINAL_SPLITS``) are read only when ``final`` is true: without
    it ``heldout2`` is refused and ``all`` means every other text.
    """
    if split in FINAL_SPLITS and not final:
        raise SystemExit(f"split {split!r} is the final held-out set: pass --final (once)")
    with (UNSEEN / "split.csv").open(encoding="utf-8", newline="") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if split in ("all", r["split"]) and (final or r["split"] not in FINAL_SPLITS)
        ]
    return {
        r["id"]: (r["split"], printed_text((UNSEEN / f"{r['id']}.txt").read_text("utf-8")))
        for r in rows
    }


def _line(name: str, split: str, rate: float, c: Counter) -> str:
    recall = c["restored"] / c["damaged"] if c["damaged"] else 1.0
    changed = c["false_changes"] / c["clean"] if c["clean"] else 0.0
    return (
        f"| {name} | {split} | {rate:.1f} | {c['restored']}/{c['damaged']} = {recall:.1%} "
        f"| {c['false_changes']}/{c['clean']} = {changed:.2%} "
        f"| {c['boundary_kept']}/{c['boundary_only']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "heldout2", "all"])
    parser.add_argument(
        "--final",
        action="store_true",
        help="read the final held-out set (heldout2): once, after the last change to the repairer",
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--rates", type=float, nargs="+", default=[1.0, 0.5])
    args = parser.parse_args()

    texts = unseen_texts(args.split, final=args.final)
    repairer = fit_repairer(read_manifest())
    lines = [
        "plancompare OCR repair, out of sample (benchmarks/eval_ocr.py)",
        f"texts: tests/data/ocr_unseen, split {args.split}{' (--final)' if args.final else ''}; "
        "channel: evaluation_channel.tsv; "
        f"seeds {' '.join(map(str, args.seeds))}; repairer fitted on data/'s clean seed plans",
        "",
        "| text | split | rate | damaged tokens restored | clean tokens changed "
        "| boundary-only kept |",
        "|---|---|---|---|---|---|",
    ]
    errors: Counter[tuple[str, str, str]] = Counter()
    for rate in args.rates:
        total: Counter[str] = Counter()
        for name, (split, text) in texts.items():
            per: Counter[str] = Counter()
            for seed in args.seeds:
                damaged = print_damage(text, rate=rate, seed=seed)
                m = score(damaged, repairer.repair(damaged.text))
                per.update({k: m[k] for k in KEYS})
                errors.update((d, t, p) for d, t, p, kind in m["errors"] if kind == "damaged")
            total.update(per)
            lines.append(_line(name, split, rate, per))
        lines.append(_line("**all**", args.split, rate, total))
    raw = (paths.raw_dir() / "003_fe82394e5538ee61.txt").read_text(encoding="utf-8")
    reference = REFERENCE_003.read_text(encoding="utf-8")
    m = evaluate(raw, reference, repairer.repair(raw))
    lines += [
        "",
        f"Södertälje scan (003) vs hand-corrected reference: restored {m['restored']}/"
        f"{m['damaged']} = {m['recall']:.1%}, clean changed {m['false_changes']}/{m['clean']} "
        f"= {m['false_change_rate']:.2%} (in-sample for the inventory, not the weights)",
        f"  its errors: {[(d, r, p) for _, d, r, p in m['errors']]}",
        "",
        "Most frequent errors on damaged tokens (damaged -> target, repaired as):",
        *(f"  {n:3d}  {d!r} -> {t!r}, repaired {p!r}" for (d, t, p), n in errors.most_common(25)),
    ]
    report = "\n".join(lines) + "\n"
    print(report, end="")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"ocr_eval_{args.split}.txt").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
