"""The dashboard's entry file: page setup and navigation only. Each page is its own module."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project: add the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard.components.context import language  # noqa: E402
from dashboard.i18n import t  # noqa: E402

st.set_page_config(page_title="govdash", page_icon="📊", layout="wide")
lang = language()
pages = [
    st.Page("pages/overview.py", title=t("nav.overview", lang), icon="🏠", url_path="overview", default=True),
]
st.navigation(pages).run()
