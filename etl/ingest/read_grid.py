"""The file as the reader found it, before it meets the contract (etl/ingest/read_table.py): a grid of header
cells and positional string columns, the refusal that stops a read, and how a header cell is matched to a
contract column. Shared by the CSV and the XLSX readers."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from etl.ingest.contracts import Column, Dataset
from etl.ingest.problems import Problem, error

ROW = "_row"  # the row number the user sees in a spreadsheet (the header is row 1)


class Unreadable(Exception):
    """Raised inside the reader; becomes a file-level Problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


@dataclass
class Grid:
    """The file as the reader found it: header cells, then positional string columns c0, c1, … and _row."""

    header: list[str | None]
    body: pl.DataFrame
    # In a CSV, a value beyond the header's last field means an unquoted comma shifted the row: an
    # error. In a workbook it is only a column someone filled in without a header: a warning.
    overflow_is_error: bool = False
    notes: list[Problem] = field(default_factory=list)  # warnings about the file as a whole


def empty_file() -> Problem:
    return error(
        "empty_file",
        "파일이 비어 있습니다. 1행에 머리글, 2행부터 자료를 넣어 제출하세요.",
        "The file is empty. Put the header in row 1 and the data from row 2.",
    )


def header_key(text: str) -> str:
    # Excel headers often carry a wrapped line or a stray space ("접수 일시"); English names any case.
    return "".join(text.split()).replace("_", "").casefold()


def header_lookup(dataset: Dataset) -> dict[str, Column]:
    lookup: dict[str, Column] = {}
    for c in dataset.columns:
        lookup[header_key(c.header_ko)] = c
        lookup[header_key(c.name)] = c
    return lookup


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
