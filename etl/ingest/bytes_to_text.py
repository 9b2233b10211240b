"""Bytes to text, or a clear refusal.

Agencies send UTF-8 (with or without the BOM that Excel's "CSV UTF-8" writes) or CP949 (Excel's plain
"CSV" on Korean Windows). Text is tried as strict UTF-8 first, then strict cp949. Never euc-kr: it has no
codes for syllables such as 똠, 햏 or 뷁, which cp949 (Microsoft's superset) does. Anything else, such as
UTF-16, a PDF, an old .xls or a ZIP that is not a workbook, stops with a DecodeError naming what was seen,
in Korean and English, rather than turning into garbage rows or a silently empty table.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Literal

UTF8_BOM = b"\xef\xbb\xbf"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Control characters never typed into a cell; one of them means binary data, not a table.
# Tab, line feed and carriage return are ordinary; form feed and vertical tab are left to the table.
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SAVE_AS_KO = "Excel에서 'CSV UTF-8(쉼표로 분리)' 또는 'Excel 통합 문서(*.xlsx)'로 다시 저장해 제출하세요."
_SAVE_AS_EN = "Save it again from Excel as 'CSV UTF-8 (Comma delimited)' or 'Excel Workbook (*.xlsx)'."

Encoding = Literal["utf-8", "utf-8-sig", "cp949"]
FileKind = Literal["xlsx", "text"]


class DecodeError(ValueError):
    """A file that is not a table we can read. `detected` names what it looked like."""

    def __init__(self, rule: str, detected: str, message_ko: str, message_en: str) -> None:
        super().__init__(f"{message_ko} / {message_en}")
        self.rule = rule  # "encoding" (text we cannot decode) or "file_format" (not a table at all)
        self.detected = detected
        self.message_ko = message_ko
        self.message_en = message_en


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: Encoding


def _refuse(rule: str, detected_ko: str, detected_en: str) -> DecodeError:
    return DecodeError(
        rule,
        detected_en,
        f"읽을 수 없는 파일입니다: {detected_ko}. {_SAVE_AS_KO}",
        f"This file cannot be read: {detected_en}. {_SAVE_AS_EN}",
    )


def sniff_kind(content: bytes) -> FileKind:
    """'xlsx' for an Excel workbook, 'text' for anything that may be CSV; DecodeError for other formats."""
    if content.startswith(_ZIP_MAGICS):
        _check_workbook_zip(content)
        return "xlsx"
    _check_known_binary(content)
    return "text"


def _check_workbook_zip(content: bytes) -> None:
    # XLSX, ODS, DOCX and HWPX are all ZIPs: the entries inside say which one this is.
    try:
        names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _refuse("file_format", "손상된 ZIP/XLSX 파일", "a damaged ZIP/XLSX file") from exc
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise _refuse("file_format", "Excel 바이너리 통합 문서(.xlsb)", "an Excel binary workbook (.xlsb)")
    if "mimetype" in names and any(n.startswith("content.xml") for n in names):
        raise _refuse("file_format", "ODF 문서(.ods 등)", "an OpenDocument file (.ods or similar)")
    if any(n.startswith("word/") for n in names):
        raise _refuse("file_format", "Word 문서(.docx)", "a Word document (.docx)")
    if any(n.startswith("Contents/section") for n in names):
        raise _refuse("file_format", "한글 문서(.hwpx)", "a Hangul document (.hwpx)")
    raise _refuse("file_format", "엑셀 통합 문서가 아닌 ZIP 압축 파일", "a ZIP archive that is not an Excel workbook")


def _check_known_binary(content: bytes) -> None:
    head = content[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # OLE2 holds .xls, .hwp and password-protected .xlsx alike.
        raise _refuse(
            "file_format",
            "Excel 97-2003(.xls), 암호가 걸린 통합 문서 또는 한글(.hwp) 파일",
            "an Excel 97-2003 (.xls), password-protected workbook or Hangul (.hwp) file",
        )
    if head.startswith(b"%PDF"):
        raise _refuse("file_format", "PDF 문서", "a PDF document")
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")):
        raise _refuse("file_format", "압축 파일(gzip/7z/rar)", "a compressed archive (gzip/7z/rar)")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise _refuse("file_format", "이미지 파일", "an image file")


def decode_text(content: bytes) -> DecodedText:
    """Strict UTF-8 (a leading BOM is removed), else strict cp949; DecodeError for anything else."""
    _check_text_like(content)
    decoded = _try_utf8(content) or _try_cp949(content)
    if decoded is None:
        raise _undecodable(content)
    _check_control_characters(decoded.text)
    return decoded


def utf8_bytes(content: bytes) -> tuple[bytes, Encoding]:
    """The same checks as decode_text, but the result stays UTF-8 bytes (a leading BOM is kept).

    A large file is never held as one Python string: UTF-8 is only verified, chunk by chunk, and CP949 is
    converted chunk by chunk. Python holds Hangul text at two bytes a character, so decoding a 200 MB file
    whole would cost about 400 MB more than this.
    """
    _check_text_like(content)
    if _is_utf8(content):
        data, encoding = content, ("utf-8-sig" if content.startswith(UTF8_BOM) else "utf-8")
    else:
        converted = _cp949_to_utf8(content)
        if converted is None:
            raise _undecodable(content)
        data, encoding = converted, "cp949"
    _check_control_bytes(data)
    return data, encoding  # type: ignore[return-value]


_CHUNK = 4 << 20
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_ALL_BUT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def _check_text_like(content: bytes) -> None:
    _check_utf16_or_32(content)
    _check_known_binary(content)
    if content.startswith(_ZIP_MAGICS):
        raise _refuse("file_format", "ZIP/XLSX 파일(텍스트가 아님)", "a ZIP/XLSX file, not text")
    if b"\x00" in content:
        raise _refuse("file_format", "NUL 바이트가 들어 있는 이진(binary) 데이터", "binary data containing NUL bytes")


def _is_utf8(content: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    view = memoryview(content)
    try:
        for start in range(0, len(view), _CHUNK):
            decoder.decode(view[start : start + _CHUNK], final=False)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def is_utf8(content: bytes) -> bool:
    """Strict UTF-8 (a BOM is UTF-8 too); stops at the first byte that is not."""
    return _is_utf8(content)


def check_text_like(content: bytes) -> None:
    """DecodeError for content that is plainly not text (UTF-16/32, a known binary format, NUL bytes)."""
    _check_text_like(content)


def looks_like_utf8(content: bytes, samples: int = 16, size: int = 4096) -> bool:
    """Whether the head and a few slices spread over the file are UTF-8: a quick guess at the encoding
    (a CP949 file fails it at its first Hangul), never a proof."""
    step = max(len(content) // samples, 1)
    for start in range(0, len(content), step):
        piece = content[start : start + (1 << 16 if start == 0 else size)]
        # A slice may begin inside a character (up to three continuation bytes) and end inside one.
        skip = 0
        while start and skip < 3 and skip < len(piece) and 0x80 <= piece[skip] < 0xC0:
            skip += 1
        try:
            codecs.getincrementaldecoder("utf-8")("strict").decode(piece[skip:], final=False)
        except UnicodeDecodeError:
            return False
    return True


def has_control_bytes(data: bytes) -> bool:
    """Whether UTF-8 (or ASCII-compatible) bytes hold a control character other than tab, line feed,
    carriage return, vertical tab and form feed. Deleting every other byte value is one fast pass."""
    return bool(data.translate(None, _ALL_BUT_CONTROL))


def _cp949_to_utf8(content: bytes) -> bytes | None:
    decoder = codecs.getincrementaldecoder("cp949")("strict")
    view = memoryview(content)
    out = bytearray()
    try:
        for start in range(0, len(view), _CHUNK):
            out += decoder.decode(view[start : start + _CHUNK], final=False).encode("utf-8")
        out += decoder.decode(b"", final=True).encode("utf-8")
    except UnicodeDecodeError:
        return None
    return bytes(out)


def _check_control_bytes(data: bytes) -> None:
    # In UTF-8 these bytes never occur inside a multi-byte character, so a byte search is exact.
    # Only a file that has one is searched again, with the regular expression, to say where.
    if not has_control_bytes(data):
        return
    found = _BINARY_BYTES.search(data)
    if found is None:
        return
    line = data.count(b"\n", 0, found.start()) + 1
    code = f"U+{found.group()[0]:04X}"
    raise _refuse(
        "file_format",
        f"이진(binary) 데이터: {line}번째 줄에 제어 문자 {code}",
        f"binary data: control character {code} on line {line}",
    )


def _check_utf16_or_32(content: bytes) -> None:
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    if content.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _refuse("encoding", "UTF-32 인코딩", "UTF-32 encoding")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse("encoding", "UTF-16 인코딩(Excel '유니코드 텍스트')", "UTF-16 encoding (Excel 'Unicode Text')")
    # UTF-16 without a BOM: ASCII characters come out as a byte and a NUL, every other byte.
    sample = content[:4096]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if max(even_nuls, odd_nuls) > half * 0.3 and min(even_nuls, odd_nuls) < half * 0.05:
            raise _refuse("encoding", "BOM 없는 UTF-16 인코딩", "UTF-16 encoding without a BOM")


def _try_utf8(content: bytes) -> DecodedText | None:
    has_bom = content.startswith(UTF8_BOM)
    try:
        text = content[len(UTF8_BOM) :].decode("utf-8") if has_bom else content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return DecodedText(text, "utf-8-sig" if has_bom else "utf-8")


def _try_cp949(content: bytes) -> DecodedText | None:
    try:
        return DecodedText(content.decode("cp949"), "cp949")
    except UnicodeDecodeError:
        return None


def _undecodable(content: bytes) -> DecodeError:
    # Say where cp949 gave up: a file that is mostly fine but has one bad byte is usually a mixed paste.
    try:
        content.decode("cp949")
        offset = -1
    except UnicodeDecodeError as exc:
        offset = exc.start
    line = content[: max(offset, 0)].count(b"\n") + 1
    return _refuse(
        "encoding",
        f"UTF-8도 CP949도 아닌 인코딩(또는 이진 데이터), {line}번째 줄 근처 {offset}번째 바이트",
        f"neither UTF-8 nor CP949 (or binary data), near line {line}, byte {offset}",
    )


def _check_control_characters(text: str) -> None:
    found = _BINARY_CHARS.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    code = f"U+{ord(found.group()):04X}"
    raise _refuse(
        "file_format",
        f"이진(binary) 데이터: {line}번째 줄에 제어 문자 {code}",
        f"binary data: control character {code} on line {line}",
    )
