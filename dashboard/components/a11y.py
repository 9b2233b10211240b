"""What every page needs for KWCAG 2.2 / WCAG 2.2 AA that Streamlit does not do by itself (docs/decisions.md
§27): the page's language on <html lang> (Streamlit's index.html always says "en"), captions dark enough for
4.5:1, a focus outline that can be seen, scrollable tables reachable by keyboard, and the file uploader's
fixed English texts ("Upload", "200MB per file") in the page's language. Checked by axe-core in
tests/a11y/test_axe_pages.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import streamlit as st

from dashboard.i18n import t

# st.caption is the text colour at 60 % opacity (#828180 on white, 3.88:1; #7f7e7d on the sidebar's #f8f8f7,
# 3.81:1), under 4.5:1: drawn opaque in this grey instead, 6.8:1 on white and 6.4:1 on the sidebar.
CAPTION_COLOR = "#5C5B59"
FOCUS_COLOR = "#0B57D0"

# The English names and tooltips Streamlit and plotly put on their own controls, by key in a11y.toml [a11y.ui].
STREAMLIT_WORDS = {
    "app_pages": "App pages",
    "sidebar": "Sidebar",
    "collapse_sidebar": "Collapse sidebar",
    "expand_sidebar": "Expand sidebar",
    "main_menu": "Main menu",
    "link_to_heading": "Link to heading",
    "open": "Open",
    "close": "Close",
    "running": "Running...",
    "stop": "Stop",
    "show_password": "Show password",
    "hide_password": "Hide password",
    "fullscreen": "Fullscreen",
    "close_fullscreen": "Close fullscreen",
    "download_png": "Download plot as a PNG",
    "autoscale": "Autoscale",
    "pan": "Pan",
    "reset_axes": "Reset axes",
    "zoom": "Zoom",
    "zoom_in": "Zoom in",
    "zoom_out": "Zoom out",
    "box_select": "Box Select",
    "lasso_select": "Lasso Select",
    "help_for": "Help for",
    "help": "Help",
    "increment": "Increment",
    "decrement": "Decrement",
    "download_csv": "Download as CSV",
    "search": "Search",
    "show_hide_columns": "Show/hide columns",
    "view_less": "View less",
    "choose_date": "Choose date",
}

_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stSidebar"] [data-testid="stCaptionContainer"] {{ color: {caption} !important; opacity: 1 !important; }}
.gd-caption {{ color: {caption}; opacity: 1 !important; }}
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible,
[role="button"]:focus-visible, [role="radio"]:focus-visible, [role="combobox"]:focus-visible,
[role="tab"]:focus-visible, [tabindex]:focus-visible, summary:focus-visible,
[data-baseweb="select"]:focus-within {{ outline: 3px solid {focus} !important; outline-offset: 2px; }}
/* st.metric cuts a long value with an ellipsis ("KRW 80.7 mi…"): let it wrap instead. */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
</style>
"""

# Runs in the page itself (st.html with JavaScript), after this run's words: see the file for what it does.
_SCRIPT = (Path(__file__).with_name("a11y_page.js")).read_text(encoding="utf-8")
assert not re.search(r"<[/\w!]", _SCRIPT), "a11y_page.js must hold no markup (st.html would drop the script)"
# react-aria names the date field's parts in English whatever the page's language.
DATE_PARTS = ("year", "month", "day")
LOCALES = {"ko": "ko-KR", "en": "en-GB"}


def _words(lang: str) -> dict[str, str]:
    """Streamlit's English word, and the other language's (after a switch), to this language's word."""
    words = {en: t(f"a11y.ui.{key}", lang) for key, en in STREAMLIT_WORDS.items()}
    words |= {
        t(f"a11y.ui.{key}", other): t(f"a11y.ui.{key}", lang) for key in STREAMLIT_WORDS for other in ("ko", "en")
    }
    return words


def _config(lang: str) -> dict[str, object]:
    """This run's words for the page's script (a11y_page.js)."""
    return {
        "lang": lang,
        "locale": LOCALES[lang],
        "scroll": t("a11y.scroll_table", lang),
        "chartName": t("a11y.chart_name", lang, title="{title}"),
        "skip": t("a11y.skip", lang),
        "words": _words(lang),
        "uploadButton": t("a11y.uploader_button", lang),
        "uploadLimit": t("a11y.uploader_limit", lang, size="{size}"),
        "uploadInput": t("a11y.uploader_input", lang),
        "selectedDate": t("a11y.selected_date", lang, date="{date}"),
        "dateParts": {
            part: [t(f"a11y.date.{part}", lang), part, *(t(f"a11y.date.{part}", other) for other in ("ko", "en"))]
            for part in DATE_PARTS
        },
    }


def page_setup(lang: str) -> None:
    """The styles and the script above, once per run of any page (called by the router, dashboard/app.py)."""
    st.html(_CSS.format(caption=CAPTION_COLOR, focus=FOCUS_COLOR))
    # "<" escaped: st.html's sanitizer drops a script whose text looks like markup (see a11y_page.js).
    config = json.dumps(_config(lang), ensure_ascii=False).replace("<", "\\u003c")
    with st.sidebar:
        st.html(f"<script>window.gdA11y = {config};\n{_SCRIPT}</script>", unsafe_allow_javascript=True)
