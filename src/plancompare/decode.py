"""Bytes to text: decode a plan's source file into one clean ``str``, or say why not.

Everything downstream (parsers, spans, the frame) works on :attr:`Decoded.text`, so
**every character offset in the package is an offset into the decoded, normalised
text**, not into the file's bytes: a UTF-8 byte-order mark is gone, ``\\r\\n`` and a
lone ``\\r`` have become ``\\n``, and decomposed letters (``o`` + combining diaeresis)
have been composed to NFC (``ö``). :attr:`Decoded.newline` and :attr:`Decoded.notes`
record what the original looked like and which repairs were made.

Encodings are tried in a fixed order -- byte-order mark, strict UTF-8, strict cp1252,
latin-1 -- and never guessed with a charset detector: detectors tend to read Swedish
latin-1/cp1252 text as cp1250 and turn ``å`` into ``ĺ``.

Example:
    >>> d = decode_bytes("Förskolan år 2023\\r\\n".encode("cp1252"))
    >>> (d.text, d.encoding, d.newline)
    ('Förskolan år 2023\\n', 'cp1252', '\\r\\n')
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import EncodingError, SourceFileError

MAX_BYTES = 20 * 1024 * 1024
"""Default size limit for one source file (20 MB); plain-text plans are far smaller."""

_MB = 1024 * 1024

# Magic numbers of formats people save plans in by mistake (checked on the first bytes).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt document is one)"),
    (b"PK\x05\x06", "a ZIP archive (a .docx, .xlsx or .odt document is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable program"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

# C0 control characters that do not belong in plain text (tab, LF, CR, FF are fine).
_CONTROL_BYTES = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0C, 0x0D))
_CONTROL_RE = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_CONTROL_SHARE = 0.05  # more than 5 % control characters: binary, not text

# "Ã¥", "Ã¤", "Ã¶", "Ã…", "Ã„", "Ã–": å ä ö Å Ä Ö encoded as UTF-8 twice.
# Bytes that are not valid UTF-8, as decoded by the "surrogateescape" error handler.
_ESCAPED_RE = re.compile("[\udc80-\udcff]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
# Characters a valid UTF-8 sequence in a cp1252 file stands for when UTF-8 text was pasted into
# it: Latin-1 letters and signs (å, ä, ö, é, NBSP, §) and typographic punctuation (– — ’ ” • … €).
# Swedish cp1252 bytes form such a sequence only after Â or Ã (never Swedish), so ``PÅ`` + NBSP
# (U+0160) or ``Ö`` + ``…`` (U+0585) stay cp1252.
_PASTED_UTF8_RE = re.compile("[\u00a0-\u00ff\u2010-\u2026\u20ac]")

_MOJIBAKE_RE = re.compile("\u00c3[\u00a5\u00a4\u00b6\u2026\u201e\u2013]")


@dataclass(frozen=True)
class Decoded:
    """The decoded text of one source file and how it was obtained.

    ``text`` has ``\\n`` line ends only (offsets into it are the package's offsets);
    ``encoding`` is the codec used (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``,
    ``"utf-32"``, ``"cp1252"`` or ``"latin-1"``); ``newline`` describes the original
    line ends (``"\\n"``, ``"\\r\\n"``, ``"\\r"``, ``"mixed"``, or ``""`` when the
    file has none); ``notes`` are human-readable repairs and remarks.

    Example:
        >>> Decoded("hej\\n", "utf-8", "\\n", ()).encoding
        'utf-8'
    """

    text: str
    encoding: str
    newline: str
    notes: tuple[str, ...]


def decode_bytes(data: bytes, *, file: str | Path = "<bytes>") -> Decoded:
    """Decode a source file's bytes into text with ``\\n`` line ends.

    Order: empty file refused; byte-order marks (UTF-8 stripped, UTF-16/UTF-32 decoded);
    binary files refused (magic numbers, NUL bytes, many control characters); strict
    UTF-8 (a UTF-8 file with a few stray non-UTF-8 bytes keeps UTF-8 and decodes just
    those bytes as cp1252); strict cp1252; latin-1. Then CRLF and lone CR become ``\\n``
    and the text is composed to Unicode NFC. Text that is only whitespace is refused.

    Raises:
        EncodingError: naming ``file``, when the bytes are not usable plain text.

    Example:
        >>> decode_bytes(b"\\xef\\xbb\\xbfM\\xc3\\xa5l\\r\\n").text
        'Mål\\n'
        >>> decode_bytes(b"%PDF-1.7 ...", file="x.txt")
        Traceback (most recent call last):
        ...
        plancompare.errors.EncodingError: x.txt: looks like a PDF file, not plain text: convert it to text first
    """  # noqa: E501
    if not data:
        raise EncodingError("file is empty", file=file)
    notes: list[str] = []

    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and (
        utf32 := _try_bom_codec(data, "utf-32")
    ):
        text, encoding = utf32, "utf-32"
        notes.append("decoded as UTF-32 (byte-order mark removed)")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf16 = _try_bom_codec(data, "utf-16")
        if utf16 is None:
            raise EncodingError(
                "starts with a UTF-16 byte-order mark but is not valid UTF-16", file=file
            )
        text, encoding = utf16, "utf-16"
        notes.append("decoded as UTF-16 (byte-order mark removed)")
    else:
        bom = data.startswith(codecs.BOM_UTF8)
        body = data[len(codecs.BOM_UTF8) :] if bom else data
        if bom:
            notes.append("removed UTF-8 byte-order mark")
            if not body:
                raise EncodingError("file is empty (only a UTF-8 byte-order mark)", file=file)
        utf16 = _bomless_utf16(body) if b"\x00" in body else None
        if utf16 is not None:
            text, encoding = utf16
            notes.append(f"decoded as UTF-16 ({encoding[-2:].upper()}, no byte-order mark)")
            encoding = "utf-16"
        else:
            _refuse_binary(body, file)
            text, encoding = _decode_8bit(body, bom=bom, offset=len(data) - len(body), notes=notes)

    text = _strip_dos_eof(text, notes)
    controls = _refuse_control_heavy(text, file)
    newline, text = _normalise_newlines(text, notes)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        notes.append("composed decomposed letters to Unicode NFC (e.g. o + combining ¨ -> ö)")
    if controls:  # neither line ends nor NFC add or remove a control character
        _note_controls(text, notes)
    if _MOJIBAKE_RE.search(text):
        notes.append(
            "text looks encoded twice (e.g. 'Ã¶' for 'ö'): the file may be garbled at its source"
        )
    if not text.strip():
        raise EncodingError("file holds only whitespace", file=file)
    return Decoded(text=text, encoding=encoding, newline=newline, notes=tuple(notes))


def read_source(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Decoded:
    """Read and decode one source file, refusing anything that is not a readable text file.

    The size is checked with ``stat`` before reading, so a huge file is refused without
    being loaded; at most ``max_bytes + 1`` bytes are ever read (the file may grow
    between ``stat`` and reading).

    Raises:
        SourceFileError: the file is missing, a directory, not a regular file, or unreadable.
        EncodingError: the file is too large or not decodable (see :func:`decode_bytes`).

    Example:
        >>> from plancompare.paths import raw_dir
        >>> read_source(raw_dir() / "000_f74a1a481f1a245e.txt").encoding
        'utf-8'
        >>> read_source("/no/such/plan.txt")
        Traceback (most recent call last):
        ...
        plancompare.errors.SourceFileError: /no/such/plan.txt: file not found
    """
    p = Path(path)
    try:
        st = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise SourceFileError("file not found", file=path) from None
    except PermissionError:
        raise SourceFileError("cannot read file: permission denied", file=path) from None
    except OSError as e:
        raise SourceFileError(f"cannot read file: {e.strerror or e}", file=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceFileError("is a directory, not a file", file=path)
    if not stat.S_ISREG(st.st_mode):
        raise SourceFileError("is not a regular file (a device, pipe or socket?)", file=path)
    if st.st_size > max_bytes:
        raise EncodingError(_too_large(st.st_size, max_bytes), file=path)
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise SourceFileError("cannot read file: permission denied", file=path) from None
    except OSError as e:
        raise SourceFileError(f"cannot read file: {e.strerror or e}", file=path) from None
    if len(data) > max_bytes:
        raise EncodingError(_too_large(len(data), max_bytes, grew=True), file=path)
    return decode_bytes(data, file=path)


# ------------------------------------------------------- tables people edit in spreadsheets

Report = Callable[[str, int | None], None]
"""``report(message, line)``: record one problem in a table file (line ``None``: the whole file)."""


def read_table(
    path: str | Path, report: Report, notes: list[str], *, what: str = "table"
) -> list[tuple[int, list[str]]] | None:
    """Read a CSV file people edit (the manifest, the codebook) into rows of cells.

    The one CSV reader of the package: the file is decoded like a plan (UTF-8 with or
    without the byte-order mark Excel writes; cp1252/latin-1 from an old Excel, with a
    note in ``notes``); a header with semicolons and no commas (Swedish Excel's "CSV") is
    read with ``;`` as delimiter. Returns ``(first line, cells)`` per row, header first,
    blank rows (also ``,,,,`` from spreadsheets) skipped; ``None`` after reporting why
    the file cannot be read. ``what`` names the file in messages ("codebook is empty").

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "t.csv"
        >>> _ = p.write_bytes("a;b\\r\\n1;hö\\r\\n;\\r\\n".encode("cp1252"))
        >>> problems, notes = [], []
        >>> read_table(p, lambda m, line: problems.append((line, m)), notes)
        [(1, ['a', 'b']), (2, ['1', 'hö'])]
        >>> "table is not UTF-8 (decoded as cp1252" in notes[0]
        True
    """
    text = _table_text(Path(path), report, notes, what)
    return None if text is None else _table_rows(text, report)


def _table_text(path: Path, report: Report, notes: list[str], what: str) -> str | None:
    """The table's decoded text, or None after reporting why it cannot be read."""
    try:
        decoded = read_source(path)
    except EncodingError as e:
        message = e.message
        if message == "file holds only whitespace":
            message = f"{what} is empty"
        elif message == "file is empty":
            message = f"{what} is empty (0 bytes)"
        report(message, None)
        return None
    except SourceFileError as e:
        report(f"{what} not found" if e.message == "file not found" else e.message, None)
        return None
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"{path}: {what} is not UTF-8 ({'; '.join(decoded.notes)})")
    elif any(n.startswith("mixed encodings") for n in decoded.notes):
        notes.append(f"{path}: {'; '.join(n for n in decoded.notes if n.startswith('mixed'))}")
    return decoded.text


def _table_delimiter(text: str) -> str:
    """``;`` when the header line has semicolons and no commas (Swedish Excel), else ``,``."""
    header = text.split("\n", 1)[0]
    return ";" if "," not in header and ";" in header else ","


def _table_rows(text: str, report: Report) -> list[tuple[int, list[str]]]:
    """Rows as (first line, cells); blank rows (also ``,,,,`` from spreadsheets) skipped."""
    reader = csv.reader(io.StringIO(text), delimiter=_table_delimiter(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if any(c.strip() for c in cells):
                rows.append((start, cells))
    except csv.Error as e:
        report(f"cannot read the CSV here ({e}); later rows were not checked", end + 1)
    return rows


# --------------------------------------------------------------------------- helpers


def _too_large(size: int, limit: int, *, grew: bool = False) -> str:
    more = "more than " if grew else ""
    return (
        f"file is too large: {more}{size / _MB:.1f} MB ({size} bytes), "
        f"the limit is {limit / _MB:.1f} MB ({limit} bytes); is it really a plain-text plan?"
    )


def _try_bom_codec(data: bytes, codec: str) -> str | None:
    """Decode with a BOM-aware codec ("utf-16"/"utf-32"), or None if the bytes do not fit."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _bomless_utf16(body: bytes) -> tuple[str, str] | None:
    """Recognise UTF-16 saved without a byte-order mark: NULs only in every other byte.

    Returns ``(text, "utf-16-le" | "utf-16-be")`` or None. Only accepted when at least a
    quarter of the characters are ASCII (NUL in the high byte) and the decoded text has
    no control characters, so binary data with NULs is still refused as binary.
    """
    if len(body) % 2:
        return None
    even_nuls, odd_nuls = body[0::2].count(0), body[1::2].count(0)
    half = len(body) // 2
    for codec, nuls, others in (
        ("utf-16-le", odd_nuls, even_nuls),
        ("utf-16-be", even_nuls, odd_nuls),
    ):
        if others == 0 and nuls * 4 >= half:
            try:
                text = body.decode(codec)
            except UnicodeDecodeError:
                return None
            if "\x00" in text or _CONTROL_RE.search(text):
                return None
            return text, codec
    return None


def _refuse_binary(body: bytes, file: str | Path) -> None:
    head = body[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise EncodingError(_binary_message(what), file=file)
    if b"%PDF-" in body[:1024]:
        raise EncodingError(_binary_message("a PDF file"), file=file)
    if b"\x00" in body:
        at = body.index(b"\x00")
        raise EncodingError(
            f"contains NUL bytes (first at byte {at}): looks like a binary file, not plain text",
            file=file,
        )


def _binary_message(what: str) -> str:
    if what == "an RTF document":
        return "looks like an RTF document, not plain text: save it as plain text (.txt) first"
    return f"looks like {what}, not plain text: convert it to text first"


def _refuse_control_heavy(text: str, file: str | Path) -> bool:
    """Refuse text with NULs or too many control characters; return whether it has any
    (a clean text is scanned once)."""
    if "\x00" in text:
        raise EncodingError(
            "contains NUL characters: looks like a binary file, not plain text", file=file
        )
    if _CONTROL_RE.search(text) is None:
        return False
    n = len(_CONTROL_RE.findall(text))
    if n and n > _CONTROL_SHARE * len(text):
        raise EncodingError(
            f"{n} of {len(text)} characters are control characters: "
            "looks like a binary file, not plain text",
            file=file,
        )
    return True


def _decode_8bit(body: bytes, *, bom: bool, offset: int, notes: list[str]) -> tuple[str, str]:
    """Strict UTF-8, else (mixed) UTF-8 with stray bytes as cp1252, else cp1252, else latin-1."""
    utf8 = "utf-8-sig" if bom else "utf-8"
    try:
        return body.decode("utf-8"), utf8
    except UnicodeDecodeError as e:
        first_bad = e.start + offset
        bad_byte = body[e.start]
    escaped = body.decode("utf-8", "surrogateescape")
    n_bad = len(_ESCAPED_RE.findall(escaped))
    n_good = len(_NON_ASCII_RE.findall(escaped)) - n_bad
    if bom or n_good > n_bad:
        # Mostly UTF-8 (or declared UTF-8 by its BOM) with a few stray bytes, typically
        # cp1252 text pasted into a UTF-8 file: decoding it all as cp1252 would garble
        # every correct å, ä and ö, so only the stray bytes are decoded as cp1252.
        text = _ESCAPED_RE.sub(lambda m: _byte_as_cp1252(m.group()), escaped)
        notes.append(
            f"mixed encodings: {n_bad} byte(s) not valid UTF-8 (first at byte {first_bad}) "
            "decoded as cp1252, the rest as UTF-8"
        )
        return text, utf8
    pasted = _PASTED_UTF8_RE.search(escaped) if n_good else None
    if pasted:
        # Mostly cp1252 with UTF-8 text pasted in (lines appended from a web page): each
        # script keeps its own letters instead of the pasted å turning into "Ã¥".
        text = _NON_ASCII_RE.sub(_pasted_char, escaped)
        line = escaped.count("\n", 0, pasted.start()) + 1
        kept = _PASTED_UTF8_RE.findall(escaped)
        # the stray bytes, and those of UTF-8 sequences read back as cp1252 (PÅ + NBSP)
        as_cp1252 = len(body) - len(body.decode("ascii", "ignore")) - len("".join(kept).encode())
        notes.append(
            f"mixed encodings: {len(kept)} character(s) written as UTF-8 (the first on line "
            f"{line}) kept, {as_cp1252} byte(s) decoded as cp1252"
        )
        return text, "cp1252"
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError as e:
        notes.append(
            "decoded as latin-1 (not valid UTF-8 or cp1252: "
            f"byte 0x{body[e.start]:02x} at offset {e.start + offset})"
        )
        return body.decode("latin-1"), "latin-1"
    notes.append(
        f"decoded as cp1252 (not valid UTF-8: byte 0x{bad_byte:02x} at offset {first_bad})"
    )
    return text, "cp1252"


def _pasted_char(m: re.Match[str]) -> str:
    """A non-ASCII character of a mostly-cp1252 file: a stray byte read as cp1252, a pasted
    UTF-8 character kept, any other UTF-8 sequence read back as the cp1252 bytes it was."""
    char = m.group()
    if "\udc80" <= char <= "\udcff":
        return _byte_as_cp1252(char)
    if _PASTED_UTF8_RE.fullmatch(char):
        return char
    return "".join(_byte_as_cp1252(chr(0xDC00 + b)) for b in char.encode())


def _byte_as_cp1252(escaped: str) -> str:
    raw = bytes([ord(escaped) - 0xDC00])
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _strip_dos_eof(text: str, notes: list[str]) -> str:
    if text.endswith("\x1a"):
        notes.append("removed DOS end-of-file marker (Ctrl-Z) at the end")
        return text[:-1]
    return text


def _normalise_newlines(text: str, notes: list[str]) -> tuple[str, str]:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("\n", lf), ("\r\n", crlf), ("\r", cr)) if n]
    if not kinds:
        return "", text
    if len(kinds) > 1:
        notes.append(f"converted mixed line ends ({crlf} CRLF, {cr} CR, {lf} LF) to \\n")
        newline = "mixed"
    else:
        newline = kinds[0]
        if newline == "\r\n":
            notes.append("converted CRLF line ends to \\n")
        elif newline == "\r":
            notes.append("converted lone CR line ends to \\n")
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return newline, text


def _note_controls(text: str, notes: list[str]) -> None:
    m = _CONTROL_RE.search(text)
    if m:
        n = len(_CONTROL_RE.findall(text))
        notes.append(
            f"contains {n} control character(s) (first U+{ord(m.group()):04X} "
            f"at offset {m.start()}), kept as they are"
        )
