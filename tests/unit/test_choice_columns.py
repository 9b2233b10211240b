"""Choice columns of a large file (read once per distinct text, etl/ingest/read_table.py): a column spelt exactly as
the contract spells it is taken as it is, and any other spelling is still trimmed, squeezed or refused by row."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from etl.ingest import read_table
from etl.ingest.check_rules import ValidationContext
from etl.ingest.contracts import DATASETS
from etl.ingest.validate import validate

AGENCY = "1310000"
CTX = ValidationContext(
    known_agencies={AGENCY},
    kpi_ranges={},
    now=datetime(2026, 4, 5, 12, 0),
    default_deadline_days={"고충": 7, "건의": 14, "질의": 7, "기타": 0},
)
ROWS = read_table.BY_DISTINCT_FROM_ROWS + 2_000  # large enough for the per-distinct path
TYPES, CHANNELS, STATUSES = ("고충", "건의", "질의"), ("온라인", "방문", "찾아가는민원"), ("처리완료", "처리중")


def _file(changed: dict[int, dict[str, str]]) -> bytes:
    """ROWS complaints cycling through a few choices; `changed` replaces cells by data-row index (0-based)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header_ko for c in DATASETS["complaints"].columns])
    for i in range(ROWS):
        status = STATUSES[i % 2]
        row = {
            "complaint_id": f"C-{i}",
            "agency_code": AGENCY,
            "complaint_type": TYPES[i % 3],
            "channel": CHANNELS[i % 3],
            "received_at": "2026-03-02 09:00",
            "resolved_at": "2026-03-04 17:30" if status == "처리완료" else "",
            "deadline_days": "",
            "status": status,
            **changed.get(i, {}),
        }
        writer.writerow(row[c.name] for c in DATASETS["complaints"].columns)
    return out.getvalue().encode("utf-8-sig")


def _check(changed: dict[int, dict[str, str]]):
    return validate(_file(changed), "complaints.csv", "complaints", AGENCY, date(2026, 3, 1), CTX)


def test_choices_spelt_as_the_contract_spells_them_are_the_values():
    result = _check({})
    assert result.problems == [] and result.frame is not None
    frame = result.frame
    assert frame.height == ROWS
    assert frame["complaint_type"].to_list()[:4] == ["고충", "건의", "질의", "고충"]
    assert frame["channel"].to_list()[-3:] == [CHANNELS[(ROWS - 3 + k) % 3] for k in range(3)]
    assert frame["status"].value_counts().sort("status").rows() == [("처리완료", ROWS // 2), ("처리중", ROWS // 2)]


def test_one_padded_or_spaced_choice_among_many_plain_ones_is_still_made_canonical():
    result = _check(
        {
            5: {"channel": " 찾아가는 민원 "},
            9_000: {"complaint_type": "건의\u3000", "status": " 처리중", "resolved_at": ""},
        }
    )
    assert result.problems == [] and result.frame is not None
    frame = result.frame
    assert frame["channel"][5] == "찾아가는민원"
    assert (frame["complaint_type"][9_000], frame["status"][9_000]) == ("건의", "처리중")


@pytest.mark.parametrize(("column", "header", "text"), [("channel", "접수경로", "팩스"), ("status", "처리상태", "-")])
def test_a_wrong_or_empty_choice_among_many_plain_ones_is_reported_at_its_row(column: str, header: str, text: str):
    result = _check({11_000: {column: text}})
    assert result.frame is None
    rule = "enum" if text != "-" else "required"
    assert [(p.rule, p.row, p.column) for p in result.problems] == [(rule, 11_002, header)]
