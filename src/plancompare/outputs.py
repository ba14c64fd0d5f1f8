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
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .atomic import write_bytes_atomic, write_text_atomic
from .paths import processed_dir
from .provenance import run_info

__all__ = ["UNITS_CSV_ENCODING", "write_units"]

UNITS_CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: what Excel needs
CHUNK_ROWS = 20_000  # rows of units.csv formatted at a time


def write_units(
    frame: pd.DataFrame, data_dir: str | Path | None = None, *, chunk_rows: int = CHUNK_ROWS
) -> list[Path]:
    """Write ``frame`` to ``DATA/processed/units.csv`` and ``units.meta.json``; return both paths.

    The sidecar is :func:`~plancompare.provenance.run_info` for ``data_dir`` plus
    ``units_csv``: the CSV's ``rows``, ``encoding`` and ``sha256`` (of the file's bytes), so it
    can be checked against the file beside it. The CSV is streamed ``chunk_rows`` rows at a
    time (never held whole in memory) into a temporary file that replaces ``units.csv`` only
    when complete; the sidecar is written after it. What could fail on the input (reading the
    manifest and hashing the raw files for ``run_info``) is done before anything is written.
    """
    out = processed_dir(data_dir)
    meta = run_info(data_dir)
    digest = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        for start in range(0, max(len(frame), 1), chunk_rows):
            part = frame.iloc[start : start + chunk_rows]
            text = part.to_csv(index=False, header=start == 0, lineterminator="\n")
            data = (("\ufeff" if start == 0 else "") + text).encode("utf-8")
            digest.update(data)
            yield data

    csv = write_bytes_atomic(out / "units.csv", chunks())
    meta["units_csv"] = {
        "rows": len(frame),
        "encoding": UNITS_CSV_ENCODING,
        "sha256": digest.hexdigest(),
    }
    sidecar = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    return [csv, write_text_atomic(out / "units.meta.json", sidecar)]
