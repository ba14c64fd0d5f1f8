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

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .atomic import write_bytes_atomic, write_text_atomic
from .paths import processed_dir
from .provenance import run_info

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["UNITS_CSV_ENCODING", "csv_chunks", "write_units"]

UNITS_CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: what Excel needs
CHUNK_ROWS = 20_000  # rows of units.csv formatted at a time


def write_units(
    frame: pd.DataFrame, data_dir: str | Path | None = None, *, chunk_rows: int = CHUNK_ROWS
) -> list[Path]:
    """Write ``frame`` to ``DATA/processed/units.csv`` and ``units.meta.json``; return both paths.

    The sidecar is :func:`~plancompare.provenance.run_info` for ``data_dir`` plus
    ``units_csv``: the CSV's ``rows``, ``encoding`` and ``sha256`` (of the file's bytes), so it
    can be checked against the file beside it. The CSV (the bytes of
    ``frame.to_csv(index=False, lineterminator="\\n")``: :func:`csv_chunks`) is streamed
    ``chunk_rows`` rows at a time (never held whole in memory) into a temporary file that
    replaces ``units.csv`` only when complete; the sidecar is written after it. What could
    fail on the input (reading the manifest and hashing the raw files for ``run_info``) is
    done before anything is written.
    """
    out = processed_dir(data_dir)
    meta = run_info(data_dir)
    digest = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        for data in csv_chunks(frame, chunk_rows=chunk_rows, bom=True):
            digest.update(data)
            yield data

    csv_path = write_bytes_atomic(out / "units.csv", chunks())
    meta["units_csv"] = {
        "rows": len(frame),
        "encoding": UNITS_CSV_ENCODING,
        "sha256": digest.hexdigest(),
    }
    sidecar = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    return [csv_path, write_text_atomic(out / "units.meta.json", sidecar)]


def csv_chunks(
    frame: pd.DataFrame, *, chunk_rows: int = CHUNK_ROWS, bom: bool = False
) -> Iterator[bytes]:
    """``frame.to_csv(index=False, lineterminator="\\n")`` as UTF-8 bytes, ``chunk_rows`` rows
    at a time (the header with the first; ``bom``: a byte-order mark before it).

    Columns of strings, categories of strings, integers and booleans (the frame's) are
    formatted a column at a time with Arrow compute -- quoted as pandas' writer (Python's
    ``csv``, minimal quoting) quotes them, missing values empty -- and joined into rows in
    Arrow; a frame with any other column (floats, dates, mixed objects) goes through pandas.
    Either way the bytes are the same.

    Example:
        >>> units = pd.DataFrame({"id": ["a", "b"], "text": ['sa "ja", nej', None],
        ...                       "level": pd.array([1, None], dtype="Int64")})
        >>> b"".join(csv_chunks(units, chunk_rows=1)).decode()
        'id,text,level\\na,"sa ""ja"", nej",1\\nb,,\\n'
        >>> _ == units.to_csv(index=False, lineterminator="\\n")
        True
    """
    table = _arrow_table(frame)
    for start in range(0, max(len(frame), 1), chunk_rows):
        if table is None:
            part = frame.iloc[start : start + chunk_rows]
            text = part.to_csv(index=False, header=start == 0, lineterminator="\n")
            data = text.encode("utf-8")
        else:
            data = _arrow_csv(table.slice(start, chunk_rows))
            if start == 0:
                data = frame.iloc[:0].to_csv(index=False, lineterminator="\n").encode() + data
        yield (b"\xef\xbb\xbf" if bom and start == 0 else b"") + data


def _arrow_table(frame: pd.DataFrame) -> pa.Table | None:
    """``frame`` as an Arrow table when every column is one :func:`_arrow_csv` formats as
    pandas does, else None."""
    import pyarrow as pa

    if len(frame.columns) < 2:  # a lone empty field is quoted (""): pandas' own path
        return None
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    types = [t.value_type if pa.types.is_dictionary(t) else t for t in table.schema.types]
    kinds = [_is_text(t) or pa.types.is_integer(t) or pa.types.is_boolean(t) for t in types]
    dictionary_ok = all(
        _is_text(t.value_type) for t in table.schema.types if pa.types.is_dictionary(t)
    )
    return table if all(kinds) and dictionary_ok else None


def _is_text(arrow_type: pa.DataType) -> bool:
    import pyarrow as pa

    return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)


def _arrow_csv(table: pa.Table) -> bytes:
    """The CSV rows (no header) of an Arrow ``table`` of text, integer and boolean columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows == 0:
        return b""
    text = pa.large_string()
    quote, empty = pa.scalar('"', text), pa.scalar("", text)
    needs_quotes = "[" + "".join(f"\\x{ord(c):02x}" for c in _quoted_characters()) + "]"
    cells = []
    for column in table.columns:
        values = column.combine_chunks()
        if pa.types.is_dictionary(values.type):
            values = values.dictionary_decode()
        if pa.types.is_boolean(values.type):
            values = pc.if_else(values, pa.scalar("True", text), pa.scalar("False", text))
        elif pa.types.is_integer(values.type):
            values = pc.cast(values, text)
        else:
            values = values.cast(text)
            escaped = pc.replace_substring(values, '"', '""')
            quoted = pc.binary_join_element_wise(quote, escaped, quote, empty)
            values = pc.if_else(pc.match_substring_regex(values, needs_quotes), quoted, values)
        cells.append(pc.fill_null(values, empty))
    rows = pc.binary_join_element_wise(*cells, pa.scalar(",", text))
    lines = pc.binary_join_element_wise(rows, pa.scalar("\n", text), empty)
    return _concatenated(lines)


def _concatenated(strings: pa.LargeStringArray) -> bytes:
    """The bytes of an Arrow (large) string array's values laid end to end."""
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    first, last = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return strings.buffers()[2].slice(first, last - first).to_pybytes()


@cache
def _quoted_characters() -> str:
    """The characters that make Python's ``csv`` writer (pandas') quote a field, as it runs
    here with ``lineterminator="\\n"``: the delimiter, the quote and line breaks."""
    quoted = []
    for c in ',"\n\r':
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(["a" + c, "b"])
        if out.getvalue().startswith('"'):
            quoted.append(c)
    return "".join(quoted)
