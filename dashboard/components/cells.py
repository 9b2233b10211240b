"""Cells of a preview table in the page's language: a yes/no column shows 예/아니요 (Yes/No), never Python's
True/False, and an empty cell is empty rather than "None" (docs/decisions.md §27)."""

from __future__ import annotations

import pandas as pd
import polars as pl

from dashboard.i18n import t


def readable(frame: pl.DataFrame, lang: str) -> pd.DataFrame:
    """`frame` as text for st.table: booleans as words, missing values blank."""
    yes, no = t("a11y.yes", lang), t("a11y.no", lang)
    as_words = [
        pl.col(name).replace_strict({True: yes, False: no}, default=None, return_dtype=pl.String)
        for name, dtype in frame.schema.items()
        if dtype == pl.Boolean
    ]
    text = frame.with_columns(as_words).to_pandas().astype(str)
    return text.replace({"None": "", "NaT": "", "nan": ""}).fillna("")


def yes_no(value: bool, lang: str) -> str:
    """One yes/no cell as a word in the page's language."""
    return t("a11y.yes" if value else "a11y.no", lang)
