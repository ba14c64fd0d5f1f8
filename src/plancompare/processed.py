"""The processed frame kept on disk, so that each notebook kernel does not parse the corpus again.

:func:`plancompare.load` stores the frame it builds as ``DATA/processed/frame.parquet`` and
reads it back while nothing it was made from has changed. The file carries a *key*: the
sha256 of the library (its version and every code and data file of the installed package),
the manifest's bytes, and each raw file the manifest names (name and sha256 of its bytes).
A raw file edited, a manifest row added, or another version of plancompare gives another key,
and the frame is built afresh (and stored again). The file is written atomically; one that
cannot be read, or a data directory that cannot be written, only means building afresh.

Example:
    >>> import shutil, tempfile, plancompare
    >>> data = Path(tempfile.mkdtemp()) / "data"
    >>> _ = shutil.copytree(plancompare.paths.data_dir(), data,
    ...                     ignore=shutil.ignore_patterns("processed"))
    >>> frame = plancompare.load(data)  # parses, then stores the frame
    >>> cached_path(data).exists(), plancompare.load(data).equals(frame)
    (True, True)
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from .atomic import atomic_path
from .manifest import PlanRecord
from .paths import PACKAGE_DIR, manifest_path, processed_dir
from .provenance import sha256_file

__all__ = ["CACHE_FILE", "cached_path", "frame_key", "library_digest", "read_cached", "store"]

CACHE_FILE = "frame.parquet"
_KEY = b"plancompare.frame_key"


def cached_path(data_dir: str | Path | None = None) -> Path:
    """Where the processed frame of ``data_dir`` is kept: ``DATA/processed/frame.parquet``.

    Example:
        >>> cached_path("/tmp/x").as_posix()
        '/tmp/x/processed/frame.parquet'
    """
    return processed_dir(data_dir) / CACHE_FILE


@cache
def library_digest() -> str:
    """The sha256 of the installed library: its version and every code and data file.

    Example:
        >>> len(library_digest())
        64
    """
    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    files = (
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    for path in sorted(files):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def frame_key(records: Iterable[PlanRecord], data_dir: str | Path | None = None) -> str:
    """The key of the frame made from ``records``: library, manifest bytes, raw files' sha256.

    Example:
        >>> from plancompare.manifest import read_manifest
        >>> key = frame_key(read_manifest())
        >>> len(key), key == frame_key(read_manifest())
        (64, True)
    """
    digest = hashlib.sha256(library_digest().encode())
    digest.update(manifest_path(data_dir).read_bytes())
    for record in sorted(records, key=lambda r: r.file):
        digest.update(f"\0{record.file}\0{sha256_file(record.path)}".encode())
    return digest.hexdigest()


def read_cached(
    data_dir: str | Path | None, key: str, name: str = CACHE_FILE
) -> pd.DataFrame | None:
    """The stored frame of ``data_dir`` if its key is ``key``; else None.

    ``name`` is the file under ``DATA/processed/``: the frame, or a table made with it (the
    OCR changes, :func:`plancompare.frame.ocr_changes`).

    Example:
        >>> read_cached("/nonexistent", "0" * 64) is None
        True
    """
    import pyarrow.parquet as pq

    path = processed_dir(data_dir) / name
    try:
        stored = pq.read_schema(path).metadata or {}
        if stored.get(_KEY) != key.encode():
            return None
        return pd.read_parquet(path)
    except (OSError, ValueError) as exc:  # missing, unreadable or foreign: build afresh
        if path.exists():
            warnings.warn(f"{path}: not read ({exc}); building the frame afresh", stacklevel=3)
        return None


def store(
    frame: pd.DataFrame, data_dir: str | Path | None, key: str, name: str = CACHE_FILE
) -> Path | None:
    """Write ``frame`` with ``key`` to ``DATA/processed/<name>`` (the frame file) atomically.

    Returns the path, or None (with a warning) when the directory cannot be written.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = processed_dir(data_dir) / name
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), _KEY: key.encode()})
    try:
        with atomic_path(path) as tmp:
            pq.write_table(table, tmp)
    except OSError as exc:
        warnings.warn(f"{path}: processed frame not stored ({exc})", stacklevel=3)
        return None
    return path
