"""Tests for plancompare.decode: bytes to text, and reading source files safely."""

from __future__ import annotations

import doctest
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancompare import decode
from plancompare.decode import MAX_BYTES, Decoded, decode_bytes, read_source
from plancompare.errors import EncodingError, PlanError, SourceFileError
from plancompare.paths import raw_dir

SWEDISH = "Förskolan år 2023 är här"


def write(tmp_path: Path, data: bytes, name: str = "plan.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- refused


def test_empty_file_is_refused_and_named(tmp_path: Path) -> None:
    path = write(tmp_path, b"")
    with pytest.raises(EncodingError, match="file is empty") as info:
        read_source(path)
    assert info.value.file == str(path)
    assert str(info.value) == f"{path}: file is empty"


def test_whitespace_only_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b" \t\r\n\n  \r\n")
    with pytest.raises(EncodingError, match="file holds only whitespace") as info:
        read_source(path)
    assert info.value.file == str(path)


def test_only_a_bom_counts_as_empty() -> None:
    with pytest.raises(EncodingError, match="empty"):
        decode_bytes(b"\xef\xbb\xbf")


def test_pdf_renamed_txt_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    with pytest.raises(EncodingError, match="looks like a PDF file") as info:
        read_source(path)
    assert "convert it to text first" in str(info.value)
    assert str(path) in str(info.value)


def test_zip_renamed_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document>Förskolan</w:document>")
    with pytest.raises(EncodingError, match="looks like a ZIP archive"):
        read_source(path)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"\x7fELF\x02\x01\x01", "executable"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "old Microsoft Office"),
        (b"II*\x00\x08\x00", "TIFF image"),
    ],
)
def test_other_binary_formats_are_named(data: bytes, what: str) -> None:
    with pytest.raises(EncodingError, match=what):
        decode_bytes(data)


def test_rtf_is_refused_with_advice() -> None:
    with pytest.raises(EncodingError, match="RTF document.*save it as plain text"):
        decode_bytes(b"{\\rtf1\\ansi F\\'f6rskolan}")


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(EncodingError, match="NUL bytes .first at byte 3."):
        decode_bytes(b"hej\x00d\xe5\x00\x00\x01 du")


def test_many_control_characters_are_binary() -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 4 + b"some text in between" * 2
    with pytest.raises(EncodingError, match="control characters: looks like a binary file"):
        decode_bytes(data)


def test_a_few_control_characters_are_kept_with_a_note() -> None:
    text = "Mål\x0bMer text " + "och mer text " * 20
    d = decode_bytes(text.encode())
    assert d.text == text
    assert any("control character" in n for n in d.notes)


def test_utf16_bom_with_broken_body_is_refused() -> None:
    with pytest.raises(EncodingError, match="not valid UTF-16"):
        decode_bytes(b"\xff\xfeh\x00\x00\xd8")  # a lone surrogate


# --------------------------------------------------------------------------- encodings


def test_utf8_plain() -> None:
    d = decode_bytes(SWEDISH.encode())
    assert d == Decoded(SWEDISH, "utf-8", "", ())


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    d = read_source(write(tmp_path, b"\xef\xbb\xbf" + SWEDISH.encode() + b"\n"))
    assert d.text == SWEDISH + "\n"
    assert d.encoding == "utf-8-sig"
    assert "removed UTF-8 byte-order mark" in d.notes


def test_cp1252_swedish(tmp_path: Path) -> None:
    d = read_source(write(tmp_path, SWEDISH.encode("cp1252")))
    assert d.text == SWEDISH
    assert d.encoding == "cp1252"
    assert any(n.startswith("decoded as cp1252 (not valid UTF-8") for n in d.notes)


def test_cp1252_specials_euro_and_dashes() -> None:
    text = "Kostnad 500 € – “budget”"
    d = decode_bytes(text.encode("cp1252"))
    assert (d.text, d.encoding) == (text, "cp1252")


def test_latin1_bytes_undefined_in_cp1252_still_decode() -> None:
    data = "Förskola ".encode("latin-1") + b"\x81" + " år".encode("latin-1")
    d = decode_bytes(data)
    assert d.encoding == "latin-1"
    assert d.text == "Förskola \x81 år"
    assert any("latin-1" in n and "0x81" in n for n in d.notes)


def test_mostly_utf8_with_a_stray_cp1252_byte_keeps_utf8() -> None:
    # Decoding this as cp1252 would turn every correct å/ä/ö into "Ã¥"/"Ã¤"/"Ã¶".
    data = "Mål och åtgärder för året: ".encode() + "är".encode("cp1252")
    d = decode_bytes(data)
    assert d.text == "Mål och åtgärder för året: är"
    assert d.encoding == "utf-8"
    assert any(n.startswith("mixed encodings: 1 byte(s)") for n in d.notes)


def test_utf8_lines_pasted_into_a_cp1252_file_keep_their_letters() -> None:
    # A student's Latin-1 plan with measures pasted from a web page (UTF-8) after it: decoding
    # the whole file as cp1252 gave "InfÃ¶ra mentorskap fÃ¶r chefer â€“ 2024".
    data = "Förskolan år 2023\nÅtgärder:\n".encode("cp1252")
    data += "Införa mentorskap för chefer – 2024\n".encode()
    d = decode_bytes(data, file="plan.txt")
    assert d.text == "Förskolan år 2023\nÅtgärder:\nInföra mentorskap för chefer – 2024\n"
    assert d.encoding == "cp1252"
    note = next(n for n in d.notes if n.startswith("mixed encodings"))
    assert "line 3" in note and "4 byte(s) decoded as cp1252" in note


def test_cp1252_bytes_that_happen_to_form_utf8_stay_cp1252() -> None:
    # "PÅ" + a no-break space is C5 A0 (UTF-8 for "Š"), "Ö…" is D6 85: valid UTF-8, not pasted text.
    text = "STÖD PÅ\u00a0PLATS, Ö… år"
    d = decode_bytes(text.encode("cp1252"))
    assert d.text == text
    assert d.encoding == "cp1252"
    assert not any(n.startswith("mixed encodings") for n in d.notes)


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Förskolan år 2023\r\när här\r\n"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        data = text.encode(codec)
        if codec != "utf-16":
            data = ("\ufeff" + text).encode(codec)
        d = read_source(write(tmp_path, data))
        assert d.text == "Förskolan år 2023\när här\n", codec
        assert d.encoding == "utf-16"
        assert d.newline == "\r\n"


def test_utf16_without_bom_is_recognised_not_called_binary() -> None:
    d = decode_bytes((SWEDISH + "\n").encode("utf-16-le"))
    assert d.text == SWEDISH + "\n"
    assert d.encoding == "utf-16"
    assert any("no byte-order mark" in n for n in d.notes)


def test_decomposed_letters_are_composed() -> None:
    d = decode_bytes("Fo\u0308rskolan a\u030ar".encode())
    assert d.text == "Förskolan år"
    assert any("NFC" in n for n in d.notes)


def test_double_encoded_text_gets_a_note() -> None:
    d = decode_bytes("FÃ¶rskolan".encode())
    assert any("encoded twice" in n for n in d.notes)


# --------------------------------------------------------------------------- line ends


def test_crlf_is_normalised(tmp_path: Path) -> None:
    d = read_source(write(tmp_path, b"Rad 1\r\nRad 2\r\n"))
    assert d.text == "Rad 1\nRad 2\n"
    assert d.newline == "\r\n"
    assert "converted CRLF line ends to \\n" in d.notes


def test_lone_cr_is_normalised() -> None:
    d = decode_bytes(b"Rad 1\rRad 2\r")
    assert d.text == "Rad 1\nRad 2\n"
    assert d.newline == "\r"
    assert "converted lone CR line ends to \\n" in d.notes


def test_mixed_line_ends_are_normalised() -> None:
    d = decode_bytes(b"a\r\nb\rc\nd")
    assert d.text == "a\nb\nc\nd"
    assert d.newline == "mixed"


def test_lf_only_and_no_line_end() -> None:
    assert decode_bytes(b"a\nb\n").newline == "\n"
    assert decode_bytes(b"a\nb\n").notes == ()
    assert decode_bytes(b"ab").newline == ""


def test_offsets_are_into_normalised_text() -> None:
    d = decode_bytes("\ufeffRad 1\r\nMål\r\n".encode())
    assert d.text.index("Mål") == 6


def test_dos_eof_marker_is_removed() -> None:
    d = decode_bytes(b"Plan\r\n\x1a")
    assert d.text == "Plan\n"


# --------------------------------------------------------------------------- read_source


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(SourceFileError, match="file not found") as info:
        read_source(path)
    assert info.value.file == str(path)
    assert not isinstance(info.value, EncodingError)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="is a directory") as info:
        read_source(tmp_path)
    assert info.value.file == str(tmp_path)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceFileError, match="not a regular file"):
        read_source(fifo)


def test_100_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: instant, takes no disk
    tracemalloc.start()
    try:
        with pytest.raises(EncodingError) as info:
            read_source(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message.startswith(f"{path}: file is too large: 100.0 MB")
    assert "limit is 20.0 MB" in message
    assert peak < 1024 * 1024


def test_max_bytes_can_be_lowered(tmp_path: Path) -> None:
    path = write(tmp_path, b"x" * 101)
    with pytest.raises(EncodingError, match=r"\(101 bytes\).*\(100 bytes\)"):
        read_source(path, max_bytes=100)
    assert read_source(path, max_bytes=101).text == "x" * 101
    assert MAX_BYTES == 20 * 1024 * 1024


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod 000 does not stop reading: fake the refusal.
    path = write(tmp_path, b"text")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(decode, "open", refuse, raising=False)
    with pytest.raises(SourceFileError, match="permission denied") as info:
        read_source(path)
    assert info.value.file == str(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = write(tmp_path, b"text")
    path.chmod(0)
    with pytest.raises(SourceFileError, match="permission denied"):
        read_source(path)


def test_every_error_is_a_plan_error() -> None:
    for data in (b"", b"  ", b"%PDF-1.4", b"a\x00b"):
        with pytest.raises(PlanError):
            decode_bytes(data, file="x.txt")


# --------------------------------------------------------------------------- real data


SEEDS = sorted(raw_dir().glob("*.txt"))


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_real_seeds_decode_as_utf8_unchanged(path: Path) -> None:
    d = read_source(path)
    assert d.encoding == "utf-8"
    assert d.text == path.read_bytes().decode("utf-8")
    assert d.newline == "\n"
    assert d.notes == ()


# --------------------------------------------------------------------------- properties


@given(st.binary(max_size=200))
def test_any_bytes_give_text_or_an_encoding_error(data: bytes) -> None:
    try:
        d = decode_bytes(data, file="x.txt")
    except EncodingError as e:
        assert e.file == "x.txt"
    else:
        assert "\r" not in d.text and d.text.strip()


# Not "€–“”": in cp1252 they are UTF-8 continuation bytes, so e.g. "Å€" (c5 80) is also
# valid UTF-8 -- an ambiguity no decoder can settle, and not one real plans run into.
@given(st.text(alphabet="abcåäöÅÄÖéü \t\n0123456789.,:", min_size=1, max_size=200))
def test_swedish_text_round_trips_in_utf8_and_cp1252(text: str) -> None:
    if not text.strip():
        return
    for codec in ("utf-8", "cp1252"):
        assert decode_bytes(text.encode(codec)).text == text


def test_doctests() -> None:
    assert doctest.testmod(decode).failed == 0
