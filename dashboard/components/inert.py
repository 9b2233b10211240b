"""User text made inert before Streamlit shows it.

`st.table` cells and the bodies of `st.error`, `st.warning`, `st.info`, `st.success`, `st.caption` and
`st.markdown` are parsed as Markdown (GitHub-flavoured, plus Streamlit's own `:red[…]`, `:material/…:`,
emoji `:name:` and `$LaTeX$`). A 비고 or a file name such as `**b** ![i](http://host/x.png)` would be shown
bold and make every viewer's browser fetch the image. So every piece of user text (notes, comments,
assessments, file names, lock and change reasons, account names, error messages that quote them) goes
through `md_text` first; the page then shows exactly the characters that were written.

How, in two steps (both checked in Chromium by tests/e2e/test_inert_text.py):

1. CommonMark lets a backslash escape any ASCII punctuation character, and an escaped character is always
   literal. Escaping all of them (not a chosen few) leaves no syntax for the parser: no emphasis, link,
   image, HTML, heading, list, table, directive or LaTeX (`\\$`).
2. Some rewrites run after parsing, on the text itself, where an escape no longer shows: GFM's bare links
   (`http://…`, `www.…`, `name@host`) and Streamlit's `:material_icon:`, `:streamlit:` (its logo) and emoji
   `:name:`. Each needs a `:`, an `@` or the `.` of `www.` inside one run of text, so each of those
   characters is put in a span of its own: `:color[\\:]{}`, Streamlit's colour directive with no colour,
   renders as a plain `<span>:</span>`. The text reads and copies exactly as written.

Letters, digits, Hangul and spaces are left alone, so normal text looks as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

# Every ASCII punctuation character (CommonMark 2.4: each may be backslash-escaped).
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
# After step 1: an escaped ':' or '@', or the escaped '.' right after "www" (any case).
_SPLIT = re.compile(r"\\[:@]|(?i:(?<=www))\\\.")


def md_text(value: object) -> str:
    """`value` as Markdown source that renders as exactly its own characters."""
    escaped = _PUNCTUATION.sub(r"\\\1", str(value))
    return _SPLIT.sub(lambda m: f":color[{m.group(0)}]{{}}", escaped)


def as_shown(markdown: str) -> str:
    """What a reader sees of `md_text`'s output: the text as written (for tests that read tables' source)."""
    plain = re.sub(r":color\[(\\.)\]\{\}", r"\1", markdown)
    return re.sub(r"\\(.)", r"\1", plain, flags=re.DOTALL)


def _cell(value: object) -> object:
    return md_text(value) if isinstance(value, str) else value


def inert_columns(columns: Mapping[str, Sequence[object]]) -> dict[str, list[object]]:
    """Table columns (header → values) with every text cell escaped; numbers and None stay as they are."""
    return {header: [_cell(v) for v in values] for header, values in columns.items()}


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A pandas frame for `st.table` with every text cell escaped (headers are the page's own words)."""
    return frame.map(_cell)
