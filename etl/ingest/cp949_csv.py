"""A CP949 CSV read without decoding the whole file in Python.

Python's cp949 codec is the only exact one at hand, and it is slow (about 5 ns a byte, most of an ingest's
time for a 100 MB file). But a CSV's structure (separators, quotes, line breaks) is ASCII, and no byte of a
CP949 two-byte character is one of those, so the file can be parsed as it is and only its fields decoded:
each byte is first taken as the character of the same number (Latin-1 maps every byte) and written as
UTF-8, which polars parses; then each column that holds anything but ASCII is turned back into its bytes
and decoded as CP949, once per distinct value (a column of types or statuses has a handful) or, for a
column of mostly distinct values, in one call over the whole column.

Decoding is strict: every field decodes exactly when the whole file does, since a valid file has no
character across a field boundary and an invalid byte sits in some field. A UnicodeDecodeError means the
file is not CP949, and the caller reads it the exact way to say where.
"""

from __future__ import annotations

import codecs

import polars as pl

from etl.ingest.per_distinct import map_distinct

# Separates the values of a column decoded in one call: the caller has made sure that the file holds no
# control character, so no value contains it.
_SEPARATOR = "\x01"


def as_latin1_utf8(content: bytes) -> bytes:
    """Every byte as the character of the same number, in UTF-8: ASCII unchanged, other bytes doubled."""
    return content.decode("latin-1").encode("utf-8")


def prefix_as_utf8(content: bytes, size: int = 1 << 16) -> bytes | None:
    """The start of the file decoded from CP949 and written as UTF-8, at least `size` bytes of it (or the
    whole file): the same bytes as the start of the whole file converted. None when it is not CP949."""
    piece = content[: size + 2]
    try:
        text = codecs.getincrementaldecoder("cp949")("strict").decode(piece, final=len(piece) == len(content))
    except UnicodeDecodeError:
        return None
    return text.encode("utf-8")


def decode_column(column: pl.Series) -> pl.Series:
    """A column parsed from as_latin1_utf8 text, decoded from CP949; UnicodeDecodeError if it is not."""
    if column.null_count() == column.len() or not (column.str.len_bytes() != column.str.len_chars()).any():
        return column  # ASCII only: the same in every encoding
    if int(column.to_frame().select(pl.first().approx_n_unique()).item()) * 20 <= column.len():
        return map_distinct(column, _decode_each)
    return _decode_whole(column)


def _decode_each(texts: pl.Series) -> pl.Series:
    return pl.Series(texts.name, [_cp949(t) for t in texts.to_list()], dtype=pl.String)


def _decode_whole(column: pl.Series) -> pl.Series:
    joined = column.fill_null("").str.join(_SEPARATOR).item()
    values = pl.Series(column.name, _cp949(joined).split(_SEPARATOR), dtype=pl.String)
    return pl.select(pl.when(column.is_null()).then(None).otherwise(values).alias(column.name)).to_series()


def _cp949(text: str) -> str:
    return text.encode("latin-1").decode("cp949")
