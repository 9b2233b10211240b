"""The upload templates: CSV with BOM and XLSX, no example on the sheet that is read (an untouched template is
refused, never submitted as sample data), an example sheet whose row passes validation, a sheet that explains
every column."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from etl.contracts import DATASETS
from etl.templates import EXAMPLE_SHEET, GUIDE_SHEET, example_csv, example_row, template_csv, template_xlsx
from etl.validate import ValidationContext, validate

OCTOBER = date(2026, 10, 1)
CTX = ValidationContext(
    known_agencies={"1741000"},
    kpi_ranges={"S1-T2-K1": (0, 100)},
    now=datetime(2026, 11, 20, 12, 0),
    default_deadline_days={"고충": 7, "건의": 14, "질의": 7, "기타": 0},
)


def _untouched_is_refused_or_empty(dataset: str, data: bytes, name: str) -> None:
    """An untouched template: refused with the "header only" message, or (a dataset that may be empty)
    accepted with no rows. Never a row of sample data."""
    result = validate(data, name, dataset, "1741000", OCTOBER, CTX)
    assert result.row_count == 0
    if DATASETS[dataset].allow_empty:
        assert result.ok and result.frame is not None and result.frame.height == 0
    else:
        assert not result.ok
        (problem,) = result.errors
        assert problem.message_ko.startswith("머리글만 있고 자료가 없습니다")
        assert "header but no data" in problem.message_en


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_the_csv_template_has_a_bom_and_the_header_only(dataset):
    data = template_csv(dataset, "1741000", OCTOBER)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").splitlines()
    assert lines == [",".join(c.header_ko for c in DATASETS[dataset].columns)]
    _untouched_is_refused_or_empty(dataset, data, "t.csv")


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_the_example_file_passes_validation(dataset):
    result = validate(example_csv(dataset, "1741000", OCTOBER), "e.csv", dataset, "1741000", OCTOBER, CTX)
    assert result.ok and result.row_count == 1, [p.message_en for p in result.problems]


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_the_xlsx_template_is_refused_untouched_and_explains_every_column(dataset):
    data = template_xlsx(dataset, "1741000", OCTOBER)
    _untouched_is_refused_or_empty(dataset, data, "t.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [DATASETS[dataset].title_ko, EXAMPLE_SHEET, GUIDE_SHEET]
    assert book[DATASETS[dataset].title_ko].max_row == 1  # the header only
    example = [c.value for c in book[EXAMPLE_SHEET][2]]
    assert [v or "" for v in example[: len(DATASETS[dataset].columns)]] == example_row(dataset, "1741000", OCTOBER)
    guide = book[GUIDE_SHEET]
    explained = [guide.cell(i + 2, 1).value for i in range(len(DATASETS[dataset].columns))]
    assert explained == [c.header_ko for c in DATASETS[dataset].columns]
    for i, c in enumerate(DATASETS[dataset].columns, start=2):
        assert guide.cell(i, 2).value == c.name
        assert guide.cell(i, 5).value.startswith("필수" if c.required else "선택")
        if c.choices:
            assert ", ".join(c.choices) in guide.cell(i, 6).value
