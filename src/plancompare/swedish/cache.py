"""Prepared tables on disk: built once, memory-mapped by every later process.

An *artefact* is a few named flat arrays (UTF-8 blobs, numbers) in one file, stored in the
platform's cache directory (``~/.cache/plancompare`` on Linux; ``PLANCOMPARE_CACHE_DIR``
overrides it). Its file name carries a key: a hash of the artefact's name, the format, the
versions of the packages it is built from and the contents of the data files it reads. A
newer wordfreq, simplemma or plancompare, or an edited data file, gives a new key, so a stale
table is never read: it is rebuilt. Files of the same artefact under other keys are removed,
except those of the ``KEEP_OTHER_KEYS`` most recently written other keys: two checkouts or
environments of different versions that share the cache directory keep their tables instead
of deleting each other's at every switch.

Writes are atomic (a temporary file in the same directory, then a rename), so a process that
reads while another builds sees the old file, the new one or none -- never half a file; two
processes building at once each write a whole file and the last rename wins. A file that does
not parse (a disk filled up, a stray edit) is rebuilt.

File layout: ``MAGIC``, an 8-byte little-endian header length, a JSON header (key, and for
each section its offset, length and type code), then the sections, each 8-byte aligned.

Example:
    >>> import os, tempfile
    >>> from unittest import mock
    >>> directory = mock.patch.dict(os.environ, {"PLANCOMPARE_CACHE_DIR": tempfile.mkdtemp()})
    >>> _ = directory.start()
    >>> def build():
    ...     return {"words": "\\n".join(["bär", "bör"]).encode(), "probs": array("d", [0.2, 0.3])}
    >>> table = load_artefact("demo", build, packages=(), files=())
    >>> bytes(table["words"]).decode().split("\\n"), list(table["probs"])
    (['bär', 'bör'], [0.2, 0.3])
    >>> [p.name.startswith("demo-") for p in cache_dir().iterdir()]
    [True]
    >>> _ = directory.stop()  # the environment as it was
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
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from zlib import crc32

from plancompare.atomic import write_bytes_atomic, write_text_atomic

__all__ = [
    "CACHE_ENV",
    "FORMAT",
    "MAGIC",
    "WordMemo",
    "WordStore",
    "artefact_key",
    "cache_dir",
    "load_artefact",
]

CACHE_ENV = "PLANCOMPARE_CACHE_DIR"
FORMAT = 4  # bump when the layout of any artefact changes
MAGIC = b"PLANCOMPARE-ARTEFACT\n"
_ALIGN = 8
KEEP_OTHER_KEYS = 2  # other keys' files of an artefact kept, the most recently written

Sections = Mapping[str, "bytes | array"]


def remove_other_keys(
    directory: Path, name: str, key: str, suffixes: Sequence[str], keep: int | None = None
) -> list[Path]:
    """Remove the files ``NAME-OTHERKEY<suffix>`` of ``directory`` but those of ``key`` and of
    the ``keep`` (default ``KEEP_OTHER_KEYS``) other keys written most recently; the removed.

    A key's age is its newest file's modification time (ties by name, so the choice does not
    depend on the file system's order). Files that cannot be removed are left.

    Example:
        >>> import os, tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> for age, k in enumerate(["new", "a", "b", "c"]):
        ...     _ = (d / f"demo-{k}.bin").write_bytes(b"")
        ...     os.utime(d / f"demo-{k}.bin", (1000 - age, 1000 - age))
        >>> [p.name for p in remove_other_keys(d, "demo", "new", (".bin",), keep=1)]
        ['demo-b.bin', 'demo-c.bin']
        >>> sorted(p.name for p in d.iterdir())
        ['demo-a.bin', 'demo-new.bin']
    """
    keep = KEEP_OTHER_KEYS if keep is None else keep
    newest: dict[str, float] = {}
    files: dict[str, list[Path]] = {}
    for suffix in suffixes:
        for path in directory.glob(f"{name}-*{suffix}"):
            other = path.name[len(name) + 1 : -len(suffix)]
            if other == key or "-" in other:  # another artefact whose name starts with NAME-
                continue
            with contextlib.suppress(OSError):
                files.setdefault(other, []).append(path)
                newest[other] = max(newest.get(other, 0.0), path.stat().st_mtime)
    by_age = sorted(newest, key=lambda other: (-newest[other], other))
    removed = []
    for other in by_age[keep:]:
        for path in sorted(files[other]):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def cache_dir() -> Path:
    """Where artefacts live: ``$PLANCOMPARE_CACHE_DIR``, else the platform's user cache dir.

    Example:
        >>> from unittest import mock
        >>> with mock.patch.dict(os.environ, {"PLANCOMPARE_CACHE_DIR": "/tmp/tables"}):
        ...     cache_dir().as_posix()
        '/tmp/tables'
        >>> with mock.patch.dict(os.environ):
        ...     _ = os.environ.pop("PLANCOMPARE_CACHE_DIR", None)
        ...     cache_dir().name
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
    return installed_version(name)


def installed_version(name: str) -> str:
    """The installed version of the distribution ``name``: what ``importlib.metadata.version``
    gives, read from the ``Version:`` line of its metadata headers instead of parsing all of
    its metadata with the e-mail parser (simplemma's took about 5 ms, wordfreq's 2 ms, in
    every build; pandas' runs to thousands of lines). Raises
    ``importlib.metadata.PackageNotFoundError`` when it is not installed.

    Example:
        >>> from importlib import metadata
        >>> installed_version("numpy") == metadata.version("numpy")
        True
    """
    from importlib import metadata

    dist = metadata.distribution(name)
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    for line in text.splitlines():
        if not line:
            break  # the end of the headers
        if line.startswith("Version:"):
            return line[len("Version:") :].strip()
    return dist.version


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
        remove_other_keys(directory, name, key, (".bin",))
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
        >>> from unittest import mock
        >>> directory = mock.patch.dict(os.environ, {"PLANCOMPARE_CACHE_DIR": tempfile.mkdtemp()})
        >>> _ = directory.start()
        >>> memo = WordMemo("demo-words", packages=(), files=())
        >>> memo.get("lärarna") is None
        True
        >>> memo.put("lärarna", "lärare"); memo.save()
        >>> WordMemo("demo-words", packages=(), files=()).get("lärarna")
        'lärare'
        >>> _ = directory.stop()
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
            remove_other_keys(path.parent, self.name, path.stem.rsplit("-", 1)[-1], (".json",))
        self._new = {}


class WordStore:
    """Answers of per-word analyses (word -> a few strings), memory-mapped and shared between
    processes: a compacted *table* and an *append log*, both in the cache directory.

    The files are named like an artefact's (``NAME-KEY.bin`` and ``NAME-KEY.log``, the key
    from :func:`artefact_key`): a newer package or an edited data file starts a new store, and
    the old files are removed at the next compaction.

    * The table is an artefact file (see :func:`load_artefact`'s layout), memory-mapped when
      first used: the records ``word\\tvalue\\t...`` in the order they were added, their
      offsets, and their CRC-32 sorted with the record of each, so a look-up is a binary
      search of the sorted CRCs and a comparison of the word (nothing is read on load).
    * The log holds records added since: lines ``crc\\tword\\tvalue...`` (the CRC-32 of the
      rest of the line, so a line cut short or damaged is skipped), appended under an
      exclusive ``flock`` in one write by :meth:`save` (at the latest when the process ends).
      It is read whole at first use; it stays short, since a :meth:`save` that would make it
      longer than ``log_bytes`` (some 3,000 records) folds it and the new records into a new
      table instead (written atomically, under the same lock) and empties it.
    * Files of older stores it ``replaces`` (glob patterns) are removed at a compaction, and
      the store's files under other keys too, but for the ``KEEP_OTHER_KEYS`` most recently
      written (see :func:`remove_other_keys`).
    * A record added later replaces an earlier record of the same word. The table keeps at
      most ``limit`` records: when a compaction would keep more, the oldest are evicted.

    Readers never see half a table (atomic renames) and skip log lines that do not check out;
    a lost record is only worked out again. Words and values must not hold tabs or line
    breaks (such words are not stored). A cache directory that cannot be written is ignored.

    Example:
        >>> import os, tempfile
        >>> from unittest import mock
        >>> directory = mock.patch.dict(os.environ, {"PLANCOMPARE_CACHE_DIR": tempfile.mkdtemp()})
        >>> _ = directory.start()
        >>> store = WordStore("demo-analyses", packages=(), files=())
        >>> store.get("lärarna") is None
        True
        >>> store.put("lärarna", ("lärare",)); store.save()
        >>> again = WordStore("demo-analyses", packages=(), files=())
        >>> again.get("lärarna"), again.get_many(["lärarna", "barnen"])
        (('lärare',), [('lärare',), None])
        >>> _ = directory.stop()  # the cache directory of before
    """

    def __init__(
        self,
        name: str,
        packages: Iterable[str],
        files: Iterable[Path],
        *,
        limit: int = 500_000,
        log_bytes: int = 128_000,
        replaces: Iterable[str] = (),
    ) -> None:
        self.name = name
        self.replaces = tuple(replaces)
        self.packages = tuple(packages)
        self.files = tuple(files)
        self.limit = limit
        self.log_bytes = log_bytes
        self._opened = False
        self._table: dict[str, memoryview] | None = None
        self._logged: dict[str, tuple[str, ...]] = {}
        self._new: dict[str, tuple[str, ...]] = {}

    def paths(self) -> tuple[Path, Path]:
        """The table's and the log's files for the current versions."""
        key = artefact_key(self.name, self.packages, self.files)
        base = cache_dir() / f"{self.name}-{key}"
        return base.with_suffix(".bin"), base.with_suffix(".log")

    def _open(self) -> None:
        self._opened = True
        table_path, log_path = self.paths()
        self._key = table_path.stem.rsplit("-", 1)[-1]
        self._table = _read(table_path, self._key)
        with contextlib.suppress(OSError):
            self._logged = _parse_log(log_path.read_bytes())

    def get(self, word: str) -> tuple[str, ...] | None:
        """The values stored for ``word``, or None.

        Example:
            >>> WordStore("demo-empty", packages=(), files=()).get("ord") is None
            True
        """
        if not self._opened:
            self._open()
        found = self._new.get(word)
        if found is None:
            found = self._logged.get(word)
        if found is None and self._table is not None:
            found = _table_get(self._table, word, crc32(word.encode()))
        return found

    def get_many(self, words: Sequence[str]) -> list[tuple[str, ...] | None]:
        """:meth:`get` of each of ``words`` (the table searched once for all of them)."""
        if not self._opened:
            self._open()
        new, logged = self._new, self._logged
        if new:
            out = [new.get(w, logged.get(w)) for w in words]
        elif logged:
            out = list(map(logged.get, words))
        else:  # a store opened from its table alone: nothing to look up in memory
            out = [None] * len(words)
        table = self._table
        if table is None or not len(table["hashes"]):
            return out
        import numpy as np

        missing = [i for i, found in enumerate(out) if found is None]
        asked = [words[i] for i in missing]
        codes = np.fromiter(map(crc32, map(str.encode, asked)), dtype=np.uint32, count=len(asked))
        hashes = np.frombuffer(table["hashes"], dtype=np.uint32)
        at = np.minimum(np.searchsorted(hashes, codes), len(hashes) - 1)
        hit = np.flatnonzero(hashes[at] == codes)  # the CRC is there: the word most likely
        if not len(hit):
            return out
        rows = np.frombuffer(table["rows"], dtype=np.uint32)[at[hit]].astype(np.int64)
        offsets = np.frombuffer(table["offsets"], dtype=np.uint64)
        starts, ends = offsets[rows].tolist(), offsets[rows + 1].tolist()
        records = table["records"]
        found = str(b"\n".join([records[a:b] for a, b in zip(starts, ends, strict=True)]), "utf-8")
        for k, record in zip(hit.tolist(), found.split("\n"), strict=True):
            word = asked[k]
            values = record.split("\t")
            if values[0] == word:
                out[missing[k]] = tuple(values[1:])
            else:  # another word with the same CRC first: look further
                out[missing[k]] = _table_get(table, word, int(codes[k]), int(at[k]))
        return out

    def put(self, word: str, values: Sequence[str]) -> None:
        """Store ``values`` for ``word`` (replacing what was stored); written by :meth:`save`,
        at the latest when the process ends."""
        joined = "\t".join((word, *values))
        if "\n" in joined or joined.count("\t") != len(values):
            return
        if not self._new:
            atexit.register(self.save)
        self._new[word] = tuple(values)

    def save(self) -> None:
        """Append the new records to the log (or fold log and records into a new table when
        the log would pass ``log_bytes``): under a lock, failures ignored; nothing when the
        cache directory no longer exists."""
        if not self._new:
            return
        atexit.unregister(self.save)
        new, self._new = self._new, {}
        self._logged.update(new)
        table_path, log_path = self.paths()
        if not log_path.parent.is_dir():  # the cache directory was removed meanwhile
            return
        payloads = {word: "\t".join((word, *values)).encode() for word, values in new.items()}
        lines = [b"%08x\t%s\n" % (crc32(payload), payload) for payload in payloads.values()]
        size = sum(map(len, lines))
        with contextlib.suppress(OSError), open(log_path, "a+b") as log:
            _lock(log)  # released when the file is closed
            end = log.seek(0, os.SEEK_END)
            if end + size > self.log_bytes:
                log.seek(0)
                records = _log_payloads(log.read())
                records.update(payloads)  # later records replace earlier ones
                self._compact(table_path, log_path, records)
                log.truncate(0)
                return
            if end and (log.seek(-1, os.SEEK_END), log.read(1))[1] != b"\n":
                lines.insert(0, b"\n")  # a line cut short ends where the new ones begin
            log.write(b"".join(lines))

    def _compact(self, table_path: Path, log_path: Path, logged: dict[str, bytes]) -> None:
        """Write a new table of the table's records and ``logged`` (word -> record), the
        lock on the log held; the oldest records go when there are more than ``limit``."""
        import numpy as np

        key = table_path.stem.rsplit("-", 1)[-1]
        old = _read(table_path, key)
        if old is not None and len(old["hashes"]):
            records = old["records"]
            offsets = np.frombuffer(old["offsets"], dtype=np.uint64).astype(np.int64)
            codes = np.empty(len(offsets) - 1, dtype=np.uint32)
            codes[np.frombuffer(old["rows"], dtype=np.uint32)] = np.frombuffer(
                old["hashes"], dtype=np.uint32
            )
            # records of words the log has again are dropped (a later record replaces them)
            keep = np.ones(len(codes), dtype=bool)
            for word in logged:
                row = _table_row(old, word, crc32(word.encode()))
                if row >= 0:
                    keep[row] = False
        else:
            records, offsets = b"", np.zeros(1, dtype=np.int64)
            codes, keep = np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=bool)
        # the kept records, copied as runs of consecutive rows (a table of 300,000 records
        # with a few replaced is a few slices, not 300,000), then the logged ones
        kept = np.flatnonzero(keep)
        runs: list[tuple[int, int]] = []
        if len(kept):
            cuts = np.flatnonzero(np.diff(kept) != 1) + 1
            firsts, lasts = kept[np.r_[0, cuts]], kept[np.r_[cuts - 1, -1]]
            runs = list(zip(offsets[firsts].tolist(), offsets[lasts + 1].tolist(), strict=True))
        starts, ends = offsets[:-1], offsets[1:]
        blob = b"".join([records[a:b] for a, b in runs] + list(logged.values()))
        lengths = np.concatenate(
            [ends[kept] - starts[kept], np.fromiter(map(len, logged.values()), np.int64)]
        )
        new_codes = np.fromiter((crc32(w.encode()) for w in logged), np.uint32, len(logged))
        all_codes = np.concatenate([codes[keep], new_codes])[-self.limit :]
        if len(lengths) > self.limit:  # the oldest records go
            blob = blob[int(lengths[: -self.limit].sum()) :]
            lengths = lengths[-self.limit :]
        new_offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=new_offsets[1:])
        rows = np.argsort(all_codes, kind="stable")
        _write(
            table_path,
            key,
            {
                "records": blob,
                "offsets": array("Q", new_offsets.astype(np.uint64).tobytes()),
                "hashes": array("I", all_codes[rows].tobytes()),
                "rows": array("I", rows.astype(np.uint32).tobytes()),
            },
        )
        remove_other_keys(table_path.parent, self.name, key, (".bin", ".log"))
        for pattern in self.replaces:
            for stale in table_path.parent.glob(pattern):
                with contextlib.suppress(OSError):
                    stale.unlink()

    def clear(self) -> None:
        """Forget what was read in this process (the files stay; unsaved records are saved)."""
        self.save()
        self._opened, self._table, self._logged = False, None, {}


def _lock(file: object) -> None:
    """An exclusive ``flock`` on an open file (where there is none, as on Windows, none: each
    save is then one append, and a line that two appends garbled fails its check sum)."""
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(file, fcntl.LOCK_EX)


def _log_payloads(data: bytes) -> dict[str, bytes]:
    """The records of a log (word -> ``word\tvalue...`` as bytes), later ones replacing
    earlier; lines that do not check out (cut short, damaged) are skipped."""
    out: dict[str, bytes] = {}
    for line in data.split(b"\n")[:-1]:  # the last piece has no line break: cut short
        check, _, payload = line.partition(b"\t")
        try:
            if int(check, 16) == crc32(payload):
                out[payload.partition(b"\t")[0].decode()] = payload
        except ValueError:
            continue
    return out


def _parse_log(data: bytes) -> dict[str, tuple[str, ...]]:
    """The records of a log as word -> values (see :func:`_log_payloads`)."""
    return {
        word: tuple(str(payload, "utf-8").split("\t")[1:])
        for word, payload in _log_payloads(data).items()
    }


def _table_row(table: Mapping[str, memoryview], word: str, code: int, at: int = -1) -> int:
    """The record number of ``word`` (whose CRC-32 is ``code``) in a table, or -1; ``at`` is
    where the search of the sorted CRCs found ``code`` first, if known."""
    hashes, rows, offsets = table["hashes"], table["rows"], table["offsets"]
    records = table["records"]
    if "\t" in word or "\n" in word:  # never stored (see WordStore.put)
        return -1
    if at < 0:
        at = bisect_left(hashes, code)
    target = word.encode() + b"\t"
    n = len(hashes)
    while at < n and hashes[at] == code:
        row = rows[at]
        start = offsets[row]
        if records[start : start + len(target)] == target:
            return row
        at += 1
    return -1


def _table_get(
    table: Mapping[str, memoryview], word: str, code: int, at: int = -1
) -> tuple[str, ...] | None:
    row = _table_row(table, word, code, at)
    if row < 0:
        return None
    offsets = table["offsets"]
    return tuple(str(table["records"][offsets[row] : offsets[row + 1]], "utf-8").split("\t")[1:])
