"""Derived files people open: ``units.csv`` (spreadsheet-friendly) and its ``units.meta.json``.

``units.csv`` is UTF-8 with a byte-order mark, so Excel (which reads a BOM-less CSV in the
machine's ANSI code page, cp1252 on a Swedish Windows) shows "Malmö", not "MalmÃ¶";
``pandas.read_csv(path, encoding="utf-8-sig")`` reads it back. ``units.meta.json`` beside it
records what produced it (:func:`plancompare.provenance.run_info`) and the CSV's own size and
hash. Both are written atomically.

Example:
    >>> import tempfile, shutil, plancompare
    >>> data = Path(tempfile.mkdtemp()) / "data"
    >>> _ = shutil.copytree(plancompare.paths.data_dir(), data,
    ...                     ignore=shutil.ignore_patterns("processed"))
    >>> [p.name for p in write_units(plancompare.load(data), data)]
    ['units.csv', 'units.meta.json']
    >>> pd.read_csv(data / "processed" / "units.csv", encoding="utf-8-sig").columns[0]
    'unit_id'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from .atomic import write_text_atomic
from .paths import processed_dir
from .provenance import run_info

__all__ = ["UNITS_CSV_ENCODING", "write_units"]

UNITS_CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: what Excel needs


def write_units(frame: pd.DataFrame, data_dir: str | Path | None = None) -> list[Path]:
    """Write ``frame`` to ``DATA/processed/units.csv`` and ``units.meta.json``; return both paths.

    The sidecar is :func:`~plancompare.provenance.run_info` for ``data_dir`` plus
    ``units_csv``: the CSV's ``rows``, ``encoding`` and ``sha256`` (of the file's bytes), so it
    can be checked against the file beside it. Both texts are made before either is written.
    """
    out = processed_dir(data_dir)
    text = "\ufeff" + frame.to_csv(index=False, lineterminator="\n")
    meta = run_info(data_dir)
    meta["units_csv"] = {
        "rows": len(frame),
        "encoding": UNITS_CSV_ENCODING,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    sidecar = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    return [
        write_text_atomic(out / "units.csv", text),
        write_text_atomic(out / "units.meta.json", sidecar),
    ]
