"""The command line: plancompare check, build, report and prepare -- thin over the library.

Every problem in the user's data is printed as one readable line (file and line first)
and the command exits non-zero; no traceback. Help texts are plain text with an example.
"""

from __future__ import annotations

import argparse
import gc
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .errors import PlanError, PlanErrors
from .paths import data_dir


def _build(args: argparse.Namespace) -> int:
    from .frame import NOTES, load
    from .outputs import write_units
    from .summary import kind_table

    frame = load(args.data, n_jobs=args.jobs, progress=False if args.quiet else None)
    csv, meta = write_units(frame, args.data)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(kind_table(frame).to_string())
    for note in frame.attrs[NOTES]:  # as check prints them: a repair is named every time
        print(f"note: {note}")
    print(f"\nwrote {len(frame)} units from {frame.source_file.nunique()} files to {csv}")
    print(f"wrote versions and data hashes to {meta}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .frame import parse_record
    from .manifest import check_data
    from .paths import CODEBOOK_FILE
    from .schema import KINDS
    from .themes import load_codebook

    records, errors, notes = check_data(args.data)
    for record in records:
        try:
            _, units = parse_record(record)
        except PlanError as e:
            errors.append(e)
            continue
        kinds = {k: sum(u.kind == k for u in units) for k in KINDS}
        found = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
        print(f"ok  {record.file}: {record.form}, {len(units)} units ({found})")
    own_codebook = data_dir(args.data) / CODEBOOK_FILE
    if own_codebook.is_file():  # a student's codebook: checked here, not first in the report
        try:
            book = load_codebook(own_codebook)
        except PlanErrors as many:
            errors.extend(many.errors)
        else:
            print(f"ok  {CODEBOOK_FILE}: {len(book)} themes")
    for note in notes:
        print(f"note: {note}")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    total = len(records) + len(errors)
    print(f"{len(records)} file(s) ok, {len(errors)} problem(s) in {data_dir(args.data)}")
    return 1 if errors or total == 0 else 0


def _prepare(args: argparse.Namespace) -> int:
    from .swedish import prepare_word_analyses, zipf
    from .swedish.cache import cache_dir
    from .swedish.frequencies import vocabulary

    words = list(vocabulary())
    if args.top is not None:
        if args.top < 1:
            raise PlanError(f"--top must be 1 or more, not {args.top}")
        words = sorted(words, key=lambda w: (-zipf(w), w))[: args.top]
    print(f"analysing {len(words):,} words of wordfreq's Swedish list (once per machine) ...")
    done = prepare_word_analyses(words)
    print(f"analysed {done:,} new words ({len(words) - done:,} were stored); cache: {cache_dir()}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .parameters import parse_params
    from .report import build_report

    written = build_report(
        data_dir=data_dir(args.data) if args.data else None,
        out_dir=Path(args.out).expanduser().resolve() if args.out else None,
        parameters=parse_params(args.param),
        progress=False if args.quiet else None,
    )
    for path in written:
        print(f"wrote {path}")
    return 0


DESCRIPTION = """\
Put Swedish municipal plans on competence supply side by side.

Reads DATA/manifest.csv and the plan files it names in DATA/raw/ (DATA is the
repository's data/ unless --data says otherwise)."""

EXAMPLES = """\
examples:
  plancompare check                      validate data/manifest.csv and every file
  plancompare build                      write data/processed/units.csv
  plancompare report                     run the notebooks, HTML pages in reports/
  plancompare report --param max_colwidth=120   the same with one parameter changed
  plancompare build --data ~/my-plans    the same for another data directory
  plancompare build --jobs 1 --quiet     on one core, without a progress bar
  plancompare prepare                    analyse Swedish words ahead, once per machine

Run 'plancompare COMMAND --help' for a command's options."""

COMMANDS = {
    "check": (
        "validate the manifest and every file it names",
        "Validate DATA/manifest.csv and decode and parse every plan file it names.\n"
        "Also checks DATA/codebook.csv when the data directory has its own codebook.\n"
        "Lists every problem at once (file and line) and exits non-zero if there is one.",
        "example:\n  plancompare check --data ~/my-plans",
    ),
    "build": (
        "parse every plan and write DATA/processed/units.csv",
        "Parse every plan into units and write DATA/processed/units.csv (one row per\n"
        "unit of text), then print the units by kind for each plan. Files are parsed on\n"
        "every core for a large corpus; the frame is also kept in\n"
        "DATA/processed/frame.parquet, so notebooks load it without parsing again.",
        "example:\n  plancompare build --data ~/my-plans",
    ),
    "report": (
        "run the notebooks and write HTML pages to reports/",
        "Execute every notebooks/NN-*.ipynb in a fresh kernel (the files are not changed)\n"
        "and write to reports/ a self-contained HTML page for each (code hidden; NN-*.code.html\n"
        "with code), units.html (every unit and its source) and index.html (the front page).\n"
        "Each notebook's first code cell (tagged 'parameters') holds the choices you may\n"
        "change; --param overrides one of them for this run, and each page lists the\n"
        "parameters it ran with.",
        "examples:\n"
        "  plancompare report\n"
        "  plancompare report --data ~/my-plans --out ~/my-report\n"
        "  plancompare report --param max_colwidth=120 --param changes_shown=50\n"
        "  plancompare report --param 'name=\"text\"'     (a text value needs quotes)",
    ),
    "prepare": (
        "analyse wordfreq's Swedish words ahead into the cache, once per machine",
        "Analyse every word of wordfreq's Swedish list (about 336,000: lemma and compound\n"
        "parts) into the store of word analyses in the cache directory (PLANCOMPARE_CACHE_DIR\n"
        "or the platform's cache; about half a minute of one core and 15 MB, once per\n"
        "machine and library version). Theme coding and the vectorizer then look a listed\n"
        "word up instead of analysing it; their results are the same either way.",
        "examples:\n"
        "  plancompare prepare\n"
        "  plancompare prepare --top 50000   the most frequent words only",
    ),
}


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for ``plancompare``.

    Example:
        >>> make_parser().parse_args(["build", "--data", "x"]).data
        'x'
        >>> args = make_parser().parse_args(["build", "--jobs", "2", "--quiet"])
        >>> args.jobs, args.quiet
        (2, True)
        >>> make_parser().parse_args(["report", "--param", "k_max=8", "--param", "k_min=2"]).param
        ['k_max=8', 'k_min=2']
        >>> make_parser().parse_args(["prepare", "--top", "1000"]).top
        1000
    """
    plain = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="plancompare", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=plain
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    funcs = {"check": _check, "build": _build, "report": _report, "prepare": _prepare}
    for name, (summary, description, example) in COMMANDS.items():
        cmd = sub.add_parser(
            name, help=summary, description=description, epilog=example, formatter_class=plain
        )
        if name != "prepare":
            cmd.add_argument(
                "--data",
                default=None,
                metavar="DIR",
                help="data directory (default: the repo's data/)",
            )
        cmd.set_defaults(func=funcs[name])
    sub.choices["prepare"].add_argument(
        "--top",
        type=int,
        default=None,
        metavar="N",
        help="only the N most frequent words (default: the whole list)",
    )
    for name in ("build", "report"):
        sub.choices[name].add_argument(
            "--quiet", action="store_true", help="no progress bar (it shows only on a terminal)"
        )
    sub.choices["build"].add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="processes that parse files (default: every core for a large corpus; 1 = one)",
    )
    report = sub.choices["report"]
    report.add_argument(
        "--out", default=None, metavar="DIR", help="where to write the pages (default: reports/)"
    )
    report.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter for this run; VALUE is a Python literal (repeatable)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (non-zero on any problem).

    Run as the command (``argv`` None: the process's own arguments, as the ``plancompare``
    script and ``python -m plancompare`` call it), the objects the imports made -- pandas',
    pyarrow's and the library's modules, some 60,000 -- are frozen out of the cyclic garbage
    collector (:func:`gc.freeze`): they live until the process ends, and the collections
    during the run and the ones at exit then walk only what the command made. A warm
    ``plancompare build`` of the seeds spends about 0.15 s of CPU less (most at exit);
    called from Python with ``argv`` given, the caller's collector is left as it is.

    Example:
        >>> main(["check", "--data", "/nonexistent"])  # doctest: +SKIP
        1
    """
    if argv is None:
        gc.freeze()
    args = make_parser().parse_args(argv)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = args.func(args)
        except PlanErrors as many:
            for error in many.errors:
                print(f"error: {error}", file=sys.stderr)
            code = 1
        except PlanError as error:
            print(f"error: {error}", file=sys.stderr)
            code = 1
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
