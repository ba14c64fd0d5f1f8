"""Write outputs all or nothing: a temporary file in the same directory, then a rename.

A failed or interrupted run leaves the previous good file in place, never a half-written one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; create the parent directory if needed.

    The file gets ordinary permissions (``0644``), not the temporary file's ``0600``.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "sub" / "units.csv"
        >>> write_text_atomic(out, "a\\n1\\n").read_text(encoding="utf-8")
        'a\\n1\\n'
        >>> oct(out.stat().st_mode & 0o777)
        '0o644'
    """
    return write_bytes_atomic(path, [text.encode("utf-8")])


def write_bytes_atomic(path: str | Path, chunks: Iterable[bytes]) -> Path:
    """Write ``chunks`` one after another to ``path`` atomically (see :func:`write_text_atomic`).

    A reader never sees a half-written file: it finds the old file, the new one, or none.
    ``chunks`` may be a generator, so a large file is streamed, never held whole in memory.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "table.bin"
        >>> write_bytes_atomic(out, [b"PLAN", b"COMPARE"]).read_bytes()
        b'PLANCOMPARE'
    """
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        for chunk in chunks:
            fh.write(chunk)
    return Path(path)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed to ``path`` when the block ends.

    For writers that want a file name (Parquet). If the block raises, the temporary file is
    removed and ``path`` is left as it was.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "frame.bin"
        >>> with atomic_path(out) as tmp:
        ...     _ = tmp.write_bytes(b"units")
        >>> out.read_bytes(), sorted(p.name for p in out.parent.iterdir())
        (b'units', ['frame.bin'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
