"""Write outputs all or nothing: a temporary file in the same directory, then a rename.

A failed or interrupted run leaves the previous good file in place, never a half-written one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
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

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "table.bin"
        >>> write_bytes_atomic(out, [b"PLAN", b"COMPARE"]).read_bytes()
        b'PLANCOMPARE'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path
