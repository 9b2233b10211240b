"""Hostile files (issue "Hardening"): XLSX bombs, huge rows and columns, odd line ends and marks, workbooks whose
values come from elsewhere. Each bomb is built here, goes through the real ingest (the bounded worker of
etl/ingest/check_worker.py, the real SQLite ledger, the real archive) and is refused quickly, in bounded memory, with a
clear Korean+English problem; nothing is recorded as accepted and the report stays small."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from etl import ledger
from etl.ingest import check_worker as worker
from etl.ingest.accept import submit
from etl.ledger.archive import slot_dir
from etl.ledger.store import Store
from metrics.settings import PROJECT_ROOT
from tests.fixture_store import fixture_env
from tests.security.conftest import ACTORS, NOW, OWN_AGENCY

MONTH = "2026-10"
OFFICER = ACTORS["agency"]
HEADER = ["회의번호", "기관코드", "회의일자", "회의구분", "소요시간분", "참석인원", "비대면여부"]
ROW = ["M-1", OWN_AGENCY, "2026-10-01", "정례", 30, 10, "N"]
# What a bomb may cost the worker: its interpreter, polars and openpyxl take about 150 MB before the file.
MAX_WORKER_MB = 400
SST = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _workbook(rows: Iterable[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rezipped(content: bytes, parts: dict[str, Iterable[bytes]]) -> bytes:
    """The workbook with `parts` replaced or added, each written in pieces (a bomb never whole in memory)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        names = [i.filename for i in source.infolist()]
        for name in names + [n for n in parts if n not in names]:
            with z.open(name, "w", force_zip64=True) as part:
                for piece in parts.get(name, [source.read(name)] if name in names else []):
                    part.write(piece)
    return out.getvalue()


def _sheet_xml(rows: Iterable[bytes], dimension: str | None = None) -> Iterable[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def _header_row() -> bytes:
    letters = "ABCDEFG"
    return b'<row r="1">' + b"".join(_inline(f"{c}1", h) for c, h in zip(letters, HEADER, strict=True)) + b"</row>"


def _submit(store: Store, content: bytes, filename: str = "bomb.xlsx"):
    return submit(
        store,
        content,
        filename=filename,
        dataset="meetings",
        agency_code=OWN_AGENCY,
        period=MONTH,
        actor=OFFICER,
        now=NOW,
    )


def _in_worker(store: Store, content: bytes, filename: str = "bomb.xlsx") -> worker.Checked:
    from etl.ingest.accept import _context

    context = _context(store, NOW)
    return worker.validate_in_worker(content, filename, "meetings", OWN_AGENCY, date(2026, 10, 1), context)


def _assert_refused(store: Store, outcome, rule: str) -> dict:
    """Refused with `rule`, recorded as rejected (never accepted), its report small and in both languages."""
    assert outcome.status == ledger.REJECTED
    assert [p.rule for p in outcome.problems if p.is_error] == [rule]
    with store.session() as session:
        rows = ledger.all_submissions(session)
    assert [r.status for r in rows] == [ledger.REJECTED]
    report = store.settings.archive_dir / rows[0].report_path
    assert report.stat().st_size < 5_000, "the report quotes at most a short piece of the file"
    problem = json.loads(report.read_bytes())[0]
    assert problem["message_ko"] and problem["message_en"]
    return problem


def _spaces(megabytes: int) -> Iterable[bytes]:
    chunk = b" " * (1 << 20)
    for _ in range(megabytes):
        yield chunk


# ------------------------------------------------------------------------------------------- XLSX bombs


def test_a_400_mb_shared_string_is_refused_by_its_compression_before_parsing(blank_store):
    base = _workbook([HEADER, ROW])
    sst = [SST + b'<si><t xml:space="preserve">', *(b"A" * (1 << 20) for _ in range(400)), b"</t></si></sst>"]
    bomb = _rezipped(base, {"xl/sharedStrings.xml": sst})
    assert len(bomb) < 1_000_000  # about 400 KB sent, 400 MB once unzipped
    checked = _in_worker(blank_store, bomb)
    assert [p.rule for p in checked.result.problems] == ["xlsx_compression"]
    assert checked.peak_mb is not None and checked.peak_mb < MAX_WORKER_MB, checked.peak_mb
    problem = _assert_refused(blank_store, _submit(blank_store, bomb), "xlsx_compression")
    assert problem["value"] == "xl/sharedStrings.xml"
    assert "xl/sharedStrings.xml" in problem["message_ko"] and "GOVDASH_XLSX_MAX_RATIO" in problem["message_en"]


def test_a_long_shared_string_under_the_ratio_is_refused_by_its_length(blank_store):
    # 40,000 characters of eight letters: compresses about 2×, far under the ratio bound, but longer than
    # Excel's 32,767 characters a cell.
    text = bytes(b"abcdefgh"[(i * 7919) % 8] for i in range(40_000))
    bomb = _rezipped(
        _workbook([HEADER, ROW]),
        {"xl/sharedStrings.xml": [SST, b"<si><t>ok</t></si><si><t>", text, b"</t></si></sst>"]},
    )
    problem = _assert_refused(blank_store, _submit(blank_store, bomb), "cell_too_long")
    assert "shared string no. 2" in problem["message_en"] and "32,767" in problem["message_en"]


def test_a_sheet_of_compressed_spaces_is_refused(blank_store):
    sheet = _sheet_xml([_header_row(), *_spaces(300)], "A1:G1")
    bomb = _rezipped(_workbook([HEADER]), {"xl/worksheets/sheet1.xml": sheet})
    assert len(bomb) < 1_000_000
    checked = _in_worker(blank_store, bomb)
    assert checked.peak_mb is not None and checked.peak_mb < MAX_WORKER_MB, checked.peak_mb
    problem = _assert_refused(blank_store, _submit(blank_store, bomb), "xlsx_compression")
    assert problem["value"] == "xl/worksheets/sheet1.xml"


def _far_columns(rows: int) -> Iterable[bytes]:
    for r in range(2, rows + 2):
        yield f'<row r="{r}">'.encode() + _inline(f"A{r}", "x") + _inline(f"XFD{r}", "y") + b"</row>"


@pytest.mark.parametrize(
    ("dimension", "row"),
    [("A1:XFD30001", 1), (None, 2)],  # declared: refused from the ZIP; left out: at the first wide row
)
def test_cells_at_a_and_xfd_on_30000_rows_are_refused_at_once(blank_store, dimension, row):
    sheet = _sheet_xml([_header_row(), *_far_columns(30_000)], dimension)
    bomb = _rezipped(_workbook([HEADER]), {"xl/worksheets/sheet1.xml": sheet})
    checked = _in_worker(blank_store, bomb)
    assert [(p.rule, p.row) for p in checked.result.problems] == [("too_many_columns", row)]
    assert checked.peak_mb is not None and checked.peak_mb < MAX_WORKER_MB, checked.peak_mb
    problem = _assert_refused(blank_store, _submit(blank_store, bomb), "too_many_columns")
    assert "16,384" in problem["message_en"] and "256" in problem["message_en"]  # found, and the bound
    assert f"{row}행" in problem["message_ko"]


def test_rows_beyond_the_bound_are_refused(blank_store, monkeypatch):
    monkeypatch.setenv("GOVDASH_MAX_ROWS", "5")
    rows = [[f"M-{i}", OWN_AGENCY, "2026-10-01", "정례", 30, 10, "N"] for i in range(1, 8)]
    _assert_refused(blank_store, _submit(blank_store, _workbook([HEADER, *rows])), "too_many_rows")
    csv_rows = "".join(f"M-{i},{OWN_AGENCY},2026-10-01,정례,30,10,N\n" for i in range(1, 8))
    csv_file = (",".join(HEADER) + "\n" + csv_rows).encode()
    outcome = _submit(blank_store, csv_file, "many.csv")
    assert [p.rule for p in outcome.problems] == ["too_many_rows"]  # 7 rows > 5
    assert "7" in outcome.problems[0].message_en and "GOVDASH_MAX_ROWS" in outcome.problems[0].message_en


# ------------------------------------------------------------------------------ the worker's own bounds


def test_the_worker_is_stopped_at_its_memory_bound_with_a_clear_refusal(blank_store, monkeypatch):
    # 300 MB of address space: polars alone reserves more (about 1.3 GB of it for a small file), so the
    # child fails its first large allocation; the parent reports the bound, not a crash.
    monkeypatch.setenv("GOVDASH_WORKER_MEMORY_MB", "300")
    outcome = _submit(blank_store, (",".join(HEADER) + "\n" + ",".join(map(str, ROW)) + "\n").encode(), "m.csv")
    problem = _assert_refused(blank_store, outcome, "worker_memory")
    assert "300" in problem["message_en"] and "GOVDASH_WORKER_MEMORY_MB" in problem["message_en"]


def test_the_worker_is_stopped_at_its_time_bound(blank_store, monkeypatch):
    monkeypatch.setenv("GOVDASH_WORKER_SECONDS", "1")
    # 30,000 rows of a workbook: starting the child and reading them with openpyxl takes several seconds.
    rows = [[f"M-{i}", OWN_AGENCY, "2026-10-01", "정례", 30, 10, "N"] for i in range(30_000)]
    problem = _assert_refused(blank_store, _submit(blank_store, _workbook([HEADER, *rows])), "worker_time")
    assert "1 seconds" in problem["message_en"]


def test_a_check_whose_uploader_left_is_stopped_and_records_nothing(blank_store):
    asked = []

    def gone() -> bool:
        asked.append(1)
        return True  # the session ended while the file was checked

    rows = [[f"M-{i}", OWN_AGENCY, "2026-10-01", "정례", 30, 10, "N"] for i in range(30_000)]
    with pytest.raises(worker.Cancelled):
        submit(
            blank_store,
            _workbook([HEADER, *rows]),
            filename="left.xlsx",
            dataset="meetings",
            agency_code=OWN_AGENCY,
            period=MONTH,
            actor=OFFICER,
            now=NOW,
            cancelled=gone,
        )
    assert asked
    with blank_store.session() as session:
        assert ledger.all_submissions(session) == []
    slot = blank_store.settings.archive_dir / slot_dir("meetings", MONTH, OWN_AGENCY)
    assert not slot.exists() or list(slot.iterdir()) == [], "the received copy was removed"


# ----------------------------------------------------------------------------------------- CSV shapes


def test_a_million_column_header_is_named_as_such_not_as_a_quote_problem(blank_store):
    content = (",".join(f"h{i}" for i in range(1_000_000)) + "\n1,2\n").encode()
    outcome = _submit(blank_store, content, "wide.csv")
    assert [(p.rule, p.row) for p in outcome.problems] == [("too_many_columns", 1)]
    assert "1,000,000" in outcome.problems[0].message_en
    assert "quote" not in outcome.problems[0].message_en


def test_a_data_row_wider_than_the_bound_is_named_with_its_row(blank_store):
    wide = ",".join(["x"] * 300)
    content = (",".join(HEADER) + "\n" + ",".join(map(str, ROW)) + "\n" + wide + "\n").encode()
    outcome = _submit(blank_store, content, "wide-row.csv")
    assert [(p.rule, p.row) for p in outcome.problems] == [("too_many_columns", 3)]  # header 1, data 2, 3
    assert "(300)" in outcome.problems[0].message_en


def test_cr_only_line_ends_and_a_doubled_bom_get_their_own_messages(blank_store):
    lines = [",".join(HEADER), ",".join(map(str, ROW))]
    outcome = _submit(blank_store, ("\r".join(lines) + "\r").encode(), "mac.csv")
    assert [p.rule for p in outcome.problems] == ["line_endings"]
    assert "CR" in outcome.problems[0].message_ko and "quote" not in outcome.problems[0].message_en
    outcome = _submit(blank_store, b"\xef\xbb\xbf\xef\xbb\xbf" + "\n".join(lines).encode(), "bom.csv")
    assert [p.rule for p in outcome.problems] == ["double_bom"]
    assert "BOM" in outcome.problems[0].message_ko and "기관코드" not in outcome.problems[0].message_ko


def test_a_megabyte_value_is_quoted_cut_short_in_messages_and_report(blank_store):
    huge = "가" * 1_000_000
    rows = [f"M-{i},{OWN_AGENCY},2026-10-01,{huge},30,10,N" for i in range(1, 21)]
    content = (",".join(HEADER) + "\n" + "\n".join(rows) + "\n").encode()
    outcome = _submit(blank_store, content, "huge.csv")
    assert outcome.status == ledger.REJECTED
    enum = [p for p in outcome.problems if p.rule == "enum"]
    assert len(enum) == 20  # one per row: 회의구분 is not one of the allowed kinds
    assert all(len(p.value or "") == 100 and len(p.message_ko) < 400 for p in enum)
    with blank_store.session() as session:
        (row,) = ledger.all_submissions(session)
    # 20 problems of under 1 KB each (two messages, a 100-character value): not 20 copies of 3 MB.
    assert (blank_store.settings.archive_dir / row.report_path).stat().st_size < 20 * 1_500


# ------------------------------------------------------------------------- workbooks with outside values


def test_macros_warn_and_external_links_and_webservice_are_refused(blank_store):
    base = _workbook([HEADER, ROW])
    outcome = _submit(blank_store, _rezipped(base, {"xl/vbaProject.bin": [b"\x00" * 100]}))
    assert outcome.status == ledger.ACCEPTED and [p.rule for p in outcome.problems] == ["xlsx_macros"]
    linked = _rezipped(base, {"xl/externalLinks/externalLink1.xml": [b"<externalLink/>"]})
    assert [p.rule for p in _submit(blank_store, linked, "linked.xlsx").problems] == ["xlsx_external_link"]
    formula = b'<row r="2"><c r="A2" t="str"><f>WEBSERVICE("http://example.com/x")</f><v>M-1</v></c></row>'
    web = _rezipped(base, {"xl/worksheets/sheet1.xml": _sheet_xml([_header_row(), formula])})
    (problem,) = _submit(blank_store, web, "web.xlsx").problems
    assert (problem.rule, problem.value) == ("xlsx_webservice", "A2")
    assert "A2" in problem.message_ko and "WEBSERVICE" in problem.message_en


# ---------------------------------------------------------------------------------------------- archive


def test_an_uploaded_parquet_name_keeps_its_original_beside_the_derived_parquet(blank_store):
    content = (",".join(HEADER) + "\n" + ",".join(map(str, ROW)) + "\n").encode()
    outcome = _submit(blank_store, content, "x.parquet")  # a CSV under a .parquet name: read by content
    assert outcome.accepted
    with blank_store.session() as session:
        (row,) = ledger.all_submissions(session)
    root = blank_store.settings.archive_dir
    assert row.archive_path.endswith(".original.parquet") and row.parquet_path != row.archive_path
    assert (root / row.archive_path).read_bytes() == content  # the sender's bytes, not the derived Parquet
    import polars as pl

    assert pl.read_parquet(root / row.parquet_path).height == 1


def test_stale_temporary_files_are_removed_at_the_next_ingest(blank_store):
    slot = blank_store.settings.archive_dir / slot_dir("meetings", MONTH, OWN_AGENCY)
    slot.mkdir(parents=True)
    stale, fresh = slot / ".received.killed.tmp", slot / ".received.running.tmp"
    stale.write_bytes(b"half a file")
    fresh.write_bytes(b"another ingest's copy")
    made = fresh.stat().st_mtime
    os.utime(stale, (made - 7200, made - 7200))  # two hours old: left by a process killed with -9
    content = (",".join(HEADER) + "\n" + ",".join(map(str, ROW)) + "\n").encode()
    assert _submit(blank_store, content, "m.csv").accepted
    assert not stale.exists() and fresh.exists()
    assert not [p for p in slot.iterdir() if p.name.startswith(".age-probe.")]


def test_a_full_disk_ends_in_a_message_not_a_traceback(blank_settings, tmp_path):
    # A file size bound (RLIMIT_FSIZE) on the command's process makes its archive copy fail as a full disk
    # does (EFBIG in place of ENOSPC); the ledger and audit writes before it are far smaller.
    path = tmp_path / "m.csv"
    rows = "".join(f"M-{i},{OWN_AGENCY},2026-10-{1 + i % 28:02d},정례,30,10,N\n" for i in range(1, 20_000))
    path.write_bytes((",".join(HEADER) + "\n" + rows).encode())  # about 800 KB
    limit = 512 * 1024

    def bounded() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    from etl.ledger.store import open_store

    open_store(blank_settings).engine.dispose()  # the ledger made before the bound applies
    env = {**os.environ, **fixture_env(blank_settings.home), "GOVDASH_USER": "admin-lee"}
    args = ["ingest", str(path), "--dataset", "meetings", "--agency", OWN_AGENCY, "--month", MONTH, "--no-build"]
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "etl.cli.main", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=bounded,  # noqa: PLW1509 (the test runner starts no threads that matter here)
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr + out.stdout, out.stderr[-2000:]
    assert "저장 공간이 부족" in out.stderr + out.stdout and "disk is full" in out.stderr + out.stdout
    from etl.ledger.store import open_store as reopen

    store = reopen(blank_settings)
    with store.session() as session:
        assert ledger.all_submissions(session) == []
    slot = Path(blank_settings.archive_dir) / slot_dir("meetings", MONTH, OWN_AGENCY)
    assert not slot.exists() or not [p for p in slot.iterdir() if re.match(r"[0-9a-f]{64}", p.name)]
    store.engine.dispose()


def test_the_report_of_a_file_stopped_at_a_bound_does_not_read_it_again():
    from etl.ingest.check_worker import _too_slow
    from etl.ingest.validation_report import report_xlsx

    content = (",".join(HEADER) + "\n" + ",".join(map(str, ROW)) + "\n").encode()
    stopped = report_xlsx([_too_slow(300)], content, "m.csv", "meetings")
    read = report_xlsx([], content, "m.csv", "meetings")
    assert openpyxl.load_workbook(io.BytesIO(read)).sheetnames[-1] == "제출 자료 (표시)"  # read when it may be
    assert "제출 자료 (표시)" not in openpyxl.load_workbook(io.BytesIO(stopped)).sheetnames


def test_viewers_are_answered_while_a_file_is_checked(blank_store, fixture_store, monkeypatch):
    """The dashboard serves every browser session from threads of one process, and an upload only waits on its
    checking child: while a slow workbook is checked, another viewer's overview (its queries, against the
    published snapshot) keeps being answered, and each answer is the snapshot's own figure."""
    from datetime import date
    from threading import Thread

    from metrics.queries import Queries
    from metrics.warehouse import Warehouse

    monkeypatch.setenv("GOVDASH_WORKER_SECONDS", "4")
    rows = [[f"M-{i}", OWN_AGENCY, "2026-10-01", "정례", 30, 10, "N"] for i in range(30_000)]
    content = _workbook([HEADER, *rows])
    checker = Thread(target=_submit, args=(blank_store, content), daemon=True)
    warehouse = Warehouse(fixture_store.snapshot_dir)
    viewer = Queries(warehouse.query)
    expected = viewer.overall_scores(date(2026, 10, 1), "month")
    answered_meanwhile = 0
    try:
        checker.start()
        while checker.is_alive():
            figures = viewer.overall_scores(date(2026, 10, 1), "month")
            viewer.task_scores(date(2026, 10, 1), "month")
            if checker.is_alive():  # the answer came back while the file was still being checked
                answered_meanwhile += 1
                assert figures == expected
        checker.join()
    finally:
        warehouse.close()
    # The child alone takes about a second to start; an overview's queries take milliseconds. A process that
    # held the viewer up until the check ended would answer none of them meanwhile.
    assert answered_meanwhile >= 3
