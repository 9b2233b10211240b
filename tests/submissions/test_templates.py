"""The upload templates: CSV with BOM and XLSX, an example row that passes validation, a sheet that explains
every column."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from etl.contracts import DATASETS
from etl.templates import template_csv, template_xlsx
from etl.validate import ValidationContext, validate

OCTOBER = date(2026, 10, 1)
CTX = ValidationContext(
    known_agencies={"1741000"},
    kpi_ranges={"S1-T2-K1": (0, 100)},
    now=datetime(2026, 11, 20, 12, 0),
    default_deadline_days={"고충": 7, "건의": 14, "질의": 7, "기타": 0},
)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_the_csv_template_has_a_bom_the_header_and_a_valid_example(dataset):
    data = template_csv(dataset, "1741000", OCTOBER)
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].decode("utf-8").splitlines()[0].split(",")
    assert header == [c.header_ko for c in DATASETS[dataset].columns]
    result = validate(data, "t.csv", dataset, "1741000", OCTOBER, CTX)
    assert result.ok and result.row_count == 1, [p.message_en for p in result.problems]


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_the_xlsx_template_validates_and_explains_every_column(dataset):
    data = template_xlsx(dataset, "1741000", OCTOBER)
    result = validate(data, "t.xlsx", dataset, "1741000", OCTOBER, CTX)
    assert result.ok and result.row_count == 1, [p.message_en for p in result.problems]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [DATASETS[dataset].title_ko, "열 설명"]
    guide = book["열 설명"]
    explained = [guide.cell(i + 2, 1).value for i in range(len(DATASETS[dataset].columns))]
    assert explained == [c.header_ko for c in DATASETS[dataset].columns]
    for i, c in enumerate(DATASETS[dataset].columns, start=2):
        assert guide.cell(i, 2).value == c.name
        assert guide.cell(i, 5).value.startswith("필수" if c.required else "선택")
        if c.choices:
            assert ", ".join(c.choices) in guide.cell(i, 6).value
