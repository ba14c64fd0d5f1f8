"""Prepared tables on disk: built once, memory-mapped by every later process.

An *artefact* is a few named flat arrays (UTF-8 blobs, numbers) in one file, stored in the
platform's cache directory (``~/.cache/plancompare`` on Linux; ``PLANCOMPARE_CACHE_DIR``
overrides it). Its file name carries a key: a hash of the artefact's name, the format, the
versions of the packages it is built from and the contents of the data files it reads. A
newer wordfreq, simplemma or plancompare, or an edited data file, gives a new key, so a stale
table is never read: it is rebuilt, and older files of the same artefact are removed.

Writes are atomic (a temporary file in the same directory, then a rename), so a process that
reads while another builds sees the old file, the new one or none -- never half a file; two
processes building at once each write a whole file and the last rename wins. A file that does
not parse (a disk filled up, a stray edit) is rebuilt.

File layout: ``MAGIC``, an 8-byte little-endian header length, a JSON header (key, and for
each section its offset, length and type code), then the sections, each 8-byte aligned.

Example:
    >>> import os, tempfile
    >>> os.environ["PLANCOMPARE_CACHE_DIR"] = tempfile.mkdtemp()
    >>> def build():
    ...     return {"words": "\\n".join(["bär", "bör"]).encode(), "probs": array("d", [0.2, 0.3])}
    >>> table = load_artefact("demo", build, packages=(), files=())
    >>> bytes(table["words"]).decode().split("\\n"), list(table["probs"])
    (['bär', 'bör'], [0.2, 0.3])
    >>> [p.name.startswith("demo-") for p in cache_dir().iterdir()]
    [True]
    >>> del os.environ["PLANCOMPARE_CACHE_DIR"]
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import mmap
import os
import struct
from array import array
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path

from plancompare.atomic import write_bytes_atomic, write_text_atomic

__all__ = [
    "CACHE_ENV",
    "FORMAT",
    "MAGIC",
    "WordMemo",
    "artefact_key",
    "cache_dir",
    "load_artefact",
]

CACHE_ENV = "PLANCOMPARE_CACHE_DIR"
FORMAT = 4  # bump when the layout of any artefact changes
MAGIC = b"PLANCOMPARE-ARTEFACT\n"
_ALIGN = 8

Sections = Mapping[str, "bytes | array"]


def cache_dir() -> Path:
    """Where artefacts live: ``$PLANCOMPARE_CACHE_DIR``, else the platform's user cache dir.

    Example:
        >>> cache_dir().name
        'plancompare'
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("plancompare", appauthor=False))


@cache
def _package_version(name: str) -> str:
    """The installed version of ``name``, read once per process (importlib.metadata scans
    the environment, about 1.7 ms a call)."""
    if name == "plancompare":
        from plancompare import __version__

        return __version__
    from importlib import metadata

    return metadata.version(name)


def _file_digest(path: Path) -> str:
    """The sha256 of a data file, remembered on disk by its path, size, modification time and
    inode: a file not touched since is not read and hashed again (wordfreq's Swedish and
    English lists and simplemma's dictionary: about 9 ms in every process)."""
    stat = path.stat()
    stamp = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
    digests = _digests()
    found = digests.get(stamp)
    if found is None:
        found = hashlib.sha256(path.read_bytes()).hexdigest()
        digests.put(stamp, found)
    return found


@cache
def _digests() -> WordMemo:
    return WordMemo("file-digests", packages=(), files=(), limit=10_000)


def artefact_key(name: str, packages: Iterable[str], files: Iterable[Path]) -> str:
    """The key of an artefact: a hash of its name, the format, package versions and data files.

    Example:
        >>> a = artefact_key("demo", ["plancompare"], [])
        >>> a == artefact_key("demo", ["plancompare"], []) != artefact_key("other", [], [])
        True
    """
    parts = [f"name={name}", f"format={FORMAT}"]
    parts += [f"{p}={_package_version(p)}" for p in sorted(packages)]
    parts += [f"{Path(f).name}={_file_digest(Path(f))}" for f in files]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def _write(path: Path, key: str, sections: Sections) -> None:
    header: dict[str, object] = {"key": key, "sections": {}}
    payload: list[bytes] = []
    offset = 0
    for section, data in sections.items():
        code = data.typecode if isinstance(data, array) else "B"
        raw = data.tobytes() if isinstance(data, array) else bytes(data)
        header["sections"][section] = [offset, len(raw), code]  # type: ignore[index]
        pad = -len(raw) % _ALIGN
        payload.append(raw + b"\0" * pad)
        offset += len(raw) + pad
    head = json.dumps(header).encode()
    head += b" " * (-(len(MAGIC) + 8 + len(head)) % _ALIGN)
    write_bytes_atomic(path, [MAGIC + struct.pack("<Q", len(head)) + head, *payload])


def _read(path: Path, key: str) -> dict[str, memoryview] | None:
    """The sections of a complete, matching artefact file, memory-mapped; ``None`` otherwise."""
    try:
        with path.open("rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    view = memoryview(mapped)
    start = len(MAGIC) + 8
    if len(view) < start or view[: len(MAGIC)] != MAGIC:
        return None
    (head_len,) = struct.unpack("<Q", view[len(MAGIC) : start])
    try:
        header = json.loads(bytes(view[start : start + head_len]))
    except ValueError:
        return None
    if header.get("key") != key:
        return None
    base = start + head_len
    out: dict[str, memoryview] = {}
    for section, (offset, length, code) in header["sections"].items():
        end = base + offset + length
        if end > len(view):
            return None
        chunk = view[base + offset : end]
        out[section] = chunk if code == "B" else chunk.cast(code)
    return out


def load_artefact(
    name: str,
    build: Callable[[], Sections],
    *,
    packages: Iterable[str],
    files: Iterable[Path],
) -> dict[str, memoryview]:
    """The artefact ``name`` from the cache, built (and stored) first if missing or stale.

    ``build()`` returns the sections: ``bytes`` (read back as a byte view) or ``array.array``
    (read back as a view of the same type code). ``packages`` and ``files`` are what the
    artefact is built from; they make up its key (see :func:`artefact_key`). If the cache
    directory cannot be written, the freshly built sections are returned all the same.
    """
    key = artefact_key(name, packages, files)
    directory = cache_dir()
    path = directory / f"{name}-{key}.bin"
    found = _read(path, key)
    if found is not None:
        return found
    sections = build()
    try:
        _write(path, key, sections)
        for old in directory.glob(f"{name}-*.bin"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        pass
    found = _read(path, key)
    if found is not None:
        return found
    return {section: memoryview(data) for section, data in sections.items()}


class WordMemo:
    """Answers of a per-word function remembered on disk, for words no prepared table holds.

    A JSON object (word -> answer) in the cache directory (only where that directory exists,
    as the prepared tables make it), its file named like an artefact's
    (``NAME-KEY.json``, the key from :func:`artefact_key`: a newer package or an edited data
    file starts a new memo and the old one is removed). It is read at the first :meth:`get`;
    answers worked out meanwhile (:meth:`put`) are written when the process ends, merged with
    what the file holds then (two processes writing at once each write a whole file, and the
    last rename wins: a lost answer is only worked out again). At most ``limit`` words are
    kept. A file that cannot be read or written is ignored.

    Example:
        >>> import os, tempfile
        >>> os.environ["PLANCOMPARE_CACHE_DIR"] = tempfile.mkdtemp()
        >>> memo = WordMemo("demo-words", packages=(), files=())
        >>> memo.get("lärarna") is None
        True
        >>> memo.put("lärarna", "lärare"); memo.save()
        >>> WordMemo("demo-words", packages=(), files=()).get("lärarna")
        'lärare'
        >>> del os.environ["PLANCOMPARE_CACHE_DIR"]
    """

    def __init__(
        self, name: str, packages: Iterable[str], files: Iterable[Path], limit: int = 200_000
    ) -> None:
        self.name = name
        self.packages = tuple(packages)
        self.files = tuple(files)
        self.limit = limit
        self._words: dict[str, str] | None = None
        self._new: dict[str, str] = {}

    def path(self) -> Path:
        """The memo's file for the current versions (read once, written once, per process)."""
        key = artefact_key(self.name, self.packages, self.files)
        return cache_dir() / f"{self.name}-{key}.json"

    def _read(self) -> dict[str, str]:
        with contextlib.suppress(OSError, ValueError):
            stored = json.loads(self.path().read_text(encoding="utf-8"))
            if isinstance(stored, dict):
                return stored
        return {}

    def get(self, word: str) -> str | None:
        """The remembered answer for ``word``, or None."""
        if self._words is None:
            self._words = self._read()
        return self._words.get(word)

    def put(self, word: str, answer: str) -> None:
        """Remember ``answer`` for ``word``; written to disk when the process ends."""
        if self._words is None:
            self._words = self._read()
        if len(self._words) >= self.limit:
            return
        if not self._new:
            atexit.register(self.save)
        self._words[word] = self._new[word] = answer

    def save(self) -> None:
        """Write the new answers now, merged with the file's (atomically; failures ignored;
        nothing when the cache directory no longer exists)."""
        if not self._new:
            return
        atexit.unregister(self.save)
        path = self.path()
        if not path.parent.is_dir():  # the cache directory was removed meanwhile: not made again
            self._new = {}
            return
        with contextlib.suppress(OSError):
            words = self._read()
            for word, answer in self._new.items():
                if len(words) >= self.limit:
                    break
                words.setdefault(word, answer)
            write_text_atomic(path, json.dumps(words, ensure_ascii=False, sort_keys=True))
            for old in path.parent.glob(f"{self.name}-*.json"):
                if old != path:
                    with contextlib.suppress(OSError):
                        old.unlink()
        self._new = {}
