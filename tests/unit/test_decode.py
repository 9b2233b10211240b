"""Bytes to text: strict UTF-8 (BOM stripped), else strict cp949; anything else is refused by name."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from etl.ingest.bytes_to_text import DecodeError, decode_text, sniff_kind

HEADER = "민원번호,기관코드\r\nC-1,1310000\r\n"
RARE_SYLLABLES = "똠,햏,뷁"


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["민원번호"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip_bytes(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return out.getvalue()


def test_it_reads_plain_utf8():
    decoded = decode_text(HEADER.encode("utf-8"))
    assert decoded.text == HEADER
    assert decoded.encoding == "utf-8"


def test_it_strips_the_bom_excel_writes_for_csv_utf8():
    decoded = decode_text(b"\xef\xbb\xbf" + HEADER.encode("utf-8"))
    assert decoded.text == HEADER
    assert not decoded.text.startswith("\ufeff")
    assert decoded.encoding == "utf-8-sig"


def test_it_reads_cp949_including_syllables_euc_kr_lacks():
    text = HEADER + RARE_SYLLABLES + "\r\n"
    content = text.encode("cp949")
    decoded = decode_text(content)
    assert decoded.text == text
    assert decoded.encoding == "cp949"
    # Why cp949 and never euc-kr: euc-kr has no code for these syllables.
    with pytest.raises(UnicodeDecodeError):
        content.decode("euc-kr")


@pytest.mark.parametrize(
    ("content", "detected"),
    [
        ("민원번호\r\n".encode("utf-16"), "UTF-16"),
        (b"\xfe\xff" + "민원번호".encode("utf-16-be"), "UTF-16"),
        ("complaint_id,agency_code\r\nC-1,1310000\r\n".encode("utf-16-le"), "UTF-16 encoding without a BOM"),
        ("민원번호".encode("utf-32"), "UTF-32"),
    ],
)
def test_it_refuses_utf16_and_utf32_naming_the_encoding(content: bytes, detected: str):
    with pytest.raises(DecodeError) as caught:
        decode_text(content)
    assert caught.value.rule == "encoding"
    assert detected in caught.value.detected
    assert "UTF-" in caught.value.message_ko
    assert detected in caught.value.message_en


def test_it_refuses_binary_data_with_nul_bytes():
    with pytest.raises(DecodeError) as caught:
        decode_text(bytes(range(256)) * 4)
    assert caught.value.rule == "file_format"
    assert "NUL" in caught.value.message_ko
    assert "NUL" in caught.value.message_en


def test_it_refuses_bytes_that_are_neither_utf8_nor_cp949_saying_where():
    content = b"a,b\r\n1,2\r\n\xff\xfe\xfd\r\n"
    with pytest.raises(DecodeError) as caught:
        decode_text(content)
    assert caught.value.rule == "encoding"
    assert "3번째 줄" in caught.value.message_ko
    assert "line 3" in caught.value.message_en


def test_it_refuses_text_holding_control_characters():
    with pytest.raises(DecodeError) as caught:
        decode_text(b"a,b\n1,\x01\x02\n")
    assert caught.value.rule == "file_format"
    assert "U+0001" in caught.value.message_en


def test_it_recognises_an_xlsx_workbook_by_its_content():
    assert sniff_kind(_xlsx_bytes()) == "xlsx"


def test_it_takes_anything_else_as_possible_text():
    assert sniff_kind(HEADER.encode("utf-8")) == "text"


@pytest.mark.parametrize(
    ("content", "detected"),
    [
        (_zip_bytes({"readme.txt": b"hello"}), "ZIP archive that is not an Excel workbook"),
        (_zip_bytes({"word/document.xml": b"<w/>"}), "Word document"),
        (
            _zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""}),
            "OpenDocument",
        ),
        (b"PK\x03\x04broken", "damaged ZIP/XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Excel 97-2003 (.xls)"),
        (b"%PDF-1.7\n...", "PDF"),
    ],
)
def test_it_refuses_other_file_formats_naming_them(content: bytes, detected: str):
    with pytest.raises(DecodeError) as caught:
        sniff_kind(content)
    assert caught.value.rule == "file_format"
    assert detected in caught.value.detected
    assert caught.value.message_ko.startswith("읽을 수 없는 파일입니다")


def test_it_does_not_decode_a_workbook_as_text():
    with pytest.raises(DecodeError) as caught:
        decode_text(_xlsx_bytes())
    assert caught.value.rule == "file_format"
