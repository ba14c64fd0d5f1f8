"""The command line: ``plancompare build | check | report`` — thin over the library.

Every problem in the user's data is printed as one readable line (file and line first)
and the command exits non-zero; no traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

import pandas as pd

from .atomic import write_text_atomic
from .errors import PlanError, PlanErrors
from .paths import data_dir, processed_dir


def _build(args: argparse.Namespace) -> int:
    from .frame import kind_table, load

    frame = load(args.data)
    out = processed_dir(args.data) / "units.csv"
    write_text_atomic(out, frame.to_csv(index=False, lineterminator="\n"))
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(kind_table(frame).to_string())
    print(f"\nwrote {len(frame)} units from {frame.source_file.nunique()} files to {out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .forms import KINDS
    from .frame import parse_record
    from .manifest import check_data

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
    for note in notes:
        print(f"note: {note}")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    total = len(records) + len(errors)
    print(f"{len(records)} file(s) ok, {len(errors)} problem(s) in {data_dir(args.data)}")
    return 1 if errors or total == 0 else 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_report

    for path in build_report(data_dir=data_dir(args.data) if args.data else None):
        print(f"wrote {path}")
    return 0


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for ``plancompare``.

    Example:
        >>> make_parser().parse_args(["build", "--data", "x"]).data
        'x'
    """
    parser = argparse.ArgumentParser(prog="plancompare", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, text in (
        ("build", _build, "parse every plan and write DATA/processed/units.csv"),
        ("check", _check, "validate the manifest and every file it names"),
        ("report", _report, "execute the notebooks and export them as HTML to reports/"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("--data", default=None, help="data directory (default: the repo's data/)")
        cmd.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (non-zero on any problem).

    Example:
        >>> main(["check", "--data", "/nonexistent"])  # doctest: +SKIP
        1
    """
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
