"""A CP949 CSV read field by field gives exactly what decoding the whole file first gives."""

from __future__ import annotations

import polars as pl
import pytest

from etl.ingest import cp949_csv as cp949
from etl.ingest import read_csv as read
from etl.ingest.read_table import read_table

HEADER = "민원번호,기관코드,민원유형,접수경로,접수일시,처리일시,처리기한일수,처리상태"


def _column(texts: list[str | None]) -> pl.Series:
    """A column as the parser gives it from as_latin1_utf8 bytes."""
    return pl.Series("c", [None if t is None else t.encode("cp949").decode("latin-1") for t in texts])


def test_an_ascii_column_is_left_as_it_is():
    column = pl.Series("c", ["C-1", None, "2026-03-02 09:00"])
    assert cp949.decode_column(column) is column


def test_a_column_of_few_values_is_decoded_once_per_value():
    texts = ["고충", "똠방각하", None, "찾아가는 민원", "햏", "뷁"] * 50
    assert cp949.decode_column(_column(texts)).to_list() == texts


def test_a_column_of_distinct_values_is_decoded_whole_keeping_nulls():
    texts = [f"민원-{i}" if i % 7 else None for i in range(200)] + ['"따옴표", 쉼표\n줄바꿈']
    assert cp949.decode_column(_column(texts)).to_list() == texts


@pytest.mark.parametrize("texts", [["고충", "고충", "고충"], ["가", "나", "다"]])
def test_bytes_that_are_not_cp949_raise(texts: list[str]):
    column = _column(texts)
    broken = pl.Series("c", [*column.to_list()[:-1], "\u00b0"])  # a lead byte without its second byte
    with pytest.raises(UnicodeDecodeError):
        cp949.decode_column(broken)


def test_the_prefix_is_the_start_of_the_whole_file_converted():
    text = HEADER + "\r\n" + "".join(f"민원-{i},1741000,고충,방문,2026-10-02 09:00,,,처리중\r\n" for i in range(3000))
    content = text.encode("cp949")
    prefix = cp949.prefix_as_utf8(content, size=1000)
    assert prefix is not None and len(prefix) >= 1000
    assert text.encode("utf-8").startswith(prefix)
    assert cp949.prefix_as_utf8(b"\xff\xff" + content) is None


def test_a_cp949_csv_reads_as_the_same_file_in_utf8_without_decoding_it_whole(monkeypatch):
    kinds = ["고충" if i % 3 else "건의" for i in range(500)]
    rows = [f'민원-{i},1741000,{kind},"찾아가는 민원",2026-10-02 09:00,,,"처리중, 똠"' for i, kind in enumerate(kinds)]
    text = HEADER + "\r\n" + "\r\n".join(rows) + "\r\n"
    from_utf8, problems_utf8 = read_table(text.encode("utf-8"), "a.csv", "complaints")
    monkeypatch.setattr(read, "_read_csv_checked", _not_expected)
    from_cp949, problems_cp949 = read_table(text.encode("cp949"), "a.csv", "complaints")
    assert from_cp949 is not None and from_utf8 is not None
    assert from_cp949.equals(from_utf8)
    assert problems_cp949 == problems_utf8


def _not_expected(content: bytes) -> None:
    raise AssertionError("the whole file was decoded")
