"""Tables people read on screen: rendered as HTML tables (so text is selectable and readable by assistive
tools), paginated so a large table is never dumped whole. `st.table` parses every cell as Markdown, so each
text cell is escaped first (dashboard/components/inert.py): a 비고 or file name is shown as written."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from dashboard.components.inert import inert_columns
from dashboard.i18n import t

PAGE_SIZE = 25


def paginated_table(columns: Mapping[str, Sequence[object]], *, key: str, lang: str, size: int = PAGE_SIZE) -> None:
    """Show `columns` (header → values) a page at a time, with the row range shown under the table."""
    frame = pd.DataFrame(inert_columns(columns))
    total = len(frame)
    pages = max(1, math.ceil(total / size))
    page = 1
    if pages > 1:
        page = int(st.number_input(t("table.page", lang, pages=pages), 1, pages, 1, key=f"{key}-page"))
    start = (page - 1) * size
    shown = frame.iloc[start : start + size]
    st.table(shown.reset_index(drop=True).rename(index=lambda i: i + start + 1))
    st.caption(t("table.rows", lang, first=min(start + 1, total), last=start + len(shown), total=total))
