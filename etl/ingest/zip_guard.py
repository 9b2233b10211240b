"""A workbook's ZIP looked at before openpyxl parses it: a small file must not unpack into gigabytes.

An XLSX is a ZIP of XML parts. A 400 KB upload can hold a 400 MB string or 1.7 GB of spaces, and openpyxl
would build all of it in memory (issue "Hardening": 6.4 GB for one file). Everything here reads the ZIP's
directory or streams a part through a fixed-size buffer, so it costs little memory whatever the file says:

- the parts' total uncompressed size and each large part's compression ratio (a sheet of repeated bytes
  compresses about 1,000×, real sheets 5–20×);
- the sheets' declared used range (<dimension ref="A1:XFD30000"/>) against the row and column bounds;
- the longest shared string against the cell bound (Excel's own 32,767 characters);
- parts that make cached values untrustworthy: links to other workbooks and WEBSERVICE formulas are
  refused (the figure would be a stale copy of someone else's number); a macro project only warns (macros
  never run here, and the cells hold what the agency saw).

Declared sizes can be trusted as bounds: Python's zipfile never returns more than a member's declared size
(it stops there, and a member that holds more fails its CRC check), and openpyxl reads through it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.parsers import expat

from etl.ingest import limits
from etl.ingest.problems import Problem, error, shorten, warning

MAX_PARTS = 10_000  # a workbook has a few dozen parts
RATIO_FROM_BYTES = 1 << 20  # small parts (styles, a tiny sheet) may compress well and harm nobody
_CHUNK = 1 << 20
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
# Inside a formula (<f>…</f>, whose text has no "<"): a cell that only says the word is not one.
_WEBSERVICE = re.compile(rb"<f[\s>][^<]*WEBSERVICE\s*\(", re.IGNORECASE)
_CELL_REF = re.compile(rb'<c\s+r="([A-Z]{1,3}\d+)"')
_FIX_KO = "엑셀에서 값만 붙여넣은 새 통합 문서로 저장하거나 'CSV UTF-8'로 저장해 제출하세요."
_FIX_EN = "Paste the values only into a new workbook, or save it as 'CSV UTF-8', and submit that."


class Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


def check_workbook(content: bytes) -> list[Problem]:
    """The workbook's problems found without parsing it: at most one error (the first found), then warnings.

    A damaged ZIP returns nothing: openpyxl then says it cannot open the file, as before.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(content))
        parts = book.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []
    try:
        _check_sizes(parts)
        names = {p.filename for p in parts}
        _check_links(names)
        sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        for name in sheets:
            _check_sheet(book, name)
        if "xl/sharedStrings.xml" in names:
            _check_shared_strings(book)
    except Refused as exc:
        return [exc.problem]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, expat.ExpatError, RuntimeError):
        return []  # damaged or encrypted: openpyxl's own refusal names it
    return _macro_warning(names)


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise Refused(_unzipped(f"{len(parts):,}개 부분", f"{len(parts):,} parts"))
    cap_mb = limits.limit(limits.XLSX_MAX_UNZIPPED_ENV)
    total = sum(p.file_size for p in parts)
    if total > cap_mb << 20:
        mb = total / (1 << 20)
        raise Refused(_unzipped(f"압축을 풀면 {mb:,.0f}MB", f"{mb:,.0f} MB once unzipped", cap_mb))
    ratio_cap = limits.limit(limits.XLSX_MAX_RATIO_ENV)
    for p in parts:
        ratio = p.file_size / max(p.compress_size, 1)
        if p.file_size >= RATIO_FROM_BYTES and ratio > ratio_cap:
            raise Refused(_compression(p, ratio, ratio_cap))


def _unzipped(found_ko: str, found_en: str, cap_mb: int | None = None) -> Problem:
    cap_ko = f" {cap_mb:,}MB까지 받습니다." if cap_mb else ""
    cap_en = f"; at most {cap_mb:,} MB ({limits.XLSX_MAX_UNZIPPED_ENV})" if cap_mb else ""
    return error(
        "xlsx_too_large",
        f"엑셀 파일의 내용이 너무 큽니다({found_ko}).{cap_ko} 빈 행·열과 서식을 지우고 다시 저장하거나 "
        f"'CSV UTF-8'로 저장해 제출하세요.",
        f"The workbook's content is too large ({found_en}{cap_en}). Delete empty rows, columns and formatting "
        "and save it again, or save it as 'CSV UTF-8'.",
    )


def _compression(part: zipfile.ZipInfo, ratio: float, cap: int) -> Problem:
    name = shorten(part.filename, 80)
    mb = part.file_size / (1 << 20)
    return error(
        "xlsx_compression",
        f"엑셀 파일의 '{name}' 부분이 비정상적으로 압축되어 있습니다({ratio:,.0f}배, 압축을 풀면 {mb:,.0f}MB; "
        f"{cap:,}배까지 받습니다). 같은 문자가 끝없이 반복된 셀이나 공백이 있습니다. 값만 새 통합 문서에 "
        "붙여넣어 저장하거나 'CSV UTF-8'로 저장해 제출하세요.",
        f"The workbook's part '{name}' is compressed abnormally ({ratio:,.0f}×, {mb:,.0f} MB unzipped; at most "
        f"{cap:,}× is taken, {limits.XLSX_MAX_RATIO_ENV}): it holds a value or blank space repeated without end. "
        f"{_FIX_EN}",
        value=part.filename,
    )


def _check_links(names: set[str]) -> None:
    if any(n.startswith("xl/externalLinks/") for n in names):
        raise Refused(
            error(
                "xlsx_external_link",
                "엑셀 파일이 다른 통합 문서를 참조(외부 연결)합니다. 셀에 보이는 값은 마지막으로 연결을 "
                f"갱신했을 때의 사본이어서 받지 않습니다. {_FIX_KO}",
                "The workbook links to other workbooks (external links). Its cells hold a copy of their values "
                f"as of the last update, so it is not taken. {_FIX_EN}",
            )
        )


def _macro_warning(names: set[str]) -> list[Problem]:
    if "xl/vbaProject.bin" not in names:
        return []
    return [
        warning(
            "xlsx_macros",
            "매크로가 들어 있는 통합 문서입니다. 매크로는 실행하지 않고 셀에 저장된 값만 읽습니다. 값이 맞는지 "
            "확인하세요.",
            "The workbook contains macros. They are not run: only the values stored in the cells are read. "
            "Check that they are right.",
        )
    ]


def _stream(book: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    with book.open(name) as part:
        while chunk := part.read(_CHUNK):
            yield chunk


def _check_sheet(book: zipfile.ZipFile, name: str) -> None:
    """The declared used range against the bounds, and any WEBSERVICE formula, in one streamed pass."""
    tail = b""
    for i, chunk in enumerate(_stream(book, name)):
        if i == 0:
            _check_dimension(name, chunk[:4096])
        window = tail + chunk
        found = _WEBSERVICE.search(window)
        if found is not None:
            refs = _CELL_REF.findall(window, 0, found.start())
            raise Refused(_webservice(name, refs[-1].decode() if refs else None))
        tail = window[-4096:]  # a match cut by the chunk's end is found in the next window


def _check_dimension(name: str, head: bytes) -> None:
    found = _DIMENSION.search(head)
    if found is None:
        return
    _first_col, first_row, last_col, last_row = found.groups()
    row_text = last_row or first_row
    col_text = last_col or _first_col
    rows = int(row_text) if row_text else 0
    columns = _column_number(col_text.decode()) if col_text else 0
    ref = found.group(0).split(b'"')[1].decode()
    if columns > limits.limit(limits.MAX_COLUMNS_ENV):
        problem = limits.too_many_columns(columns, at_least=True)
        raise Refused(_with_range(problem, name, ref))
    if rows > limits.limit(limits.MAX_ROWS_ENV):
        raise Refused(_with_range(limits.too_many_rows(rows, at_least=True), name, ref))


def _with_range(problem: Problem, part: str, ref: str) -> Problem:
    # The sheet's declared used range says where the far cells are (ref such as A1:XFD30000).
    return Problem(
        problem.row,
        None,
        ref,
        problem.rule,
        problem.severity,
        f"{problem.message_ko} (사용 범위 {ref}, {part})",
        f"{problem.message_en} (used range {ref}, {part})",
    )


def _column_number(letters: str) -> int:
    """A1-style column letters to a 1-based number: A → 1, XFD → 16,384."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def _webservice(part: str, cell: str | None) -> Problem:
    where_ko = f"{cell} 셀에 " if cell else ""
    where_en = f" in cell {cell}" if cell else ""
    return error(
        "xlsx_webservice",
        f"엑셀 파일({part}) {where_ko}WEBSERVICE 수식이 있습니다. 그 값은 인터넷에서 마지막으로 가져온 사본이어서 "
        f"받지 않습니다. {_FIX_KO}",
        f"The workbook ({part}) has a WEBSERVICE formula{where_en}. Its value is a copy of what was last fetched "
        f"from the internet, so the file is not taken. {_FIX_EN}",
        value=cell,
    )


def _check_shared_strings(book: zipfile.ZipFile) -> None:
    """The longest shared string (the text of one <si>), streamed: the text is counted, never kept."""
    cap = limits.limit(limits.MAX_CELL_CHARS_ENV)
    state = {"index": -1, "length": 0}

    def start(tag: str, _attrs: object) -> None:
        if tag == "si":
            state["index"] += 1
            state["length"] = 0

    def text(data: str) -> None:
        state["length"] += len(data)
        if state["length"] > cap:
            n = state["index"] + 1
            raise Refused(
                limits.cell_too_long(
                    state["length"],
                    where_ko=f"공유 문자열 {n:,}번째 ",
                    where_en=f" (shared string no. {n:,})",
                )
            )

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.CharacterDataHandler = text  # text between tags, in pieces: counted as they come
    for chunk in _stream(book, "xl/sharedStrings.xml"):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
