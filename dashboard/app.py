"""The dashboard's entry file: page setup and navigation only. Each page is its own module."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project: add the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard.components import a11y, auth  # noqa: E402
from dashboard.components.context import language  # noqa: E402
from dashboard.i18n import t  # noqa: E402

st.set_page_config(page_title="govdash", page_icon="📊", layout="wide")
lang = language()
a11y.page_setup(lang)  # <html lang>, contrast, focus, the uploader's texts (docs/decisions.md §27)


# The page files are in views/, never pages/: Streamlit runs a folder named pages/ beside the entry file as an
# old-style multipage app on a server's first run, which drops the first click of the language switch
# (docs/decisions.md §9).
def page(file: str, key: str, icon: str, url_path: str | None = None, **options: object) -> st.Page:
    return st.Page(f"views/{file}.py", title=t(f"nav.{key}", lang), icon=icon, url_path=url_path or key, **options)


# One line per page, in the order the navigation shows them, in three sections (보기 / 제출 / 보고·관리; the
# names in i18n/*/sessions.toml). Every page a role may open is listed: the menu is always expanded.
# The overview is the default page, served at the root address. Streamlit names a page internally by its
# url_path even when it is the default, so that name ("home") must differ from the address /overview below.
overview = page("overview", "overview", ":material/home:", url_path="home", default=True)
sections: dict[str, list[st.Page]] = {
    t("nav_section.view", lang): [
        overview,
        page("strategies", "strategies", ":material/account_tree:"),
        page("kpi", "kpi", ":material/monitoring:"),
        page("agencies", "agencies", ":material/apartment:"),
        page("complaints", "complaints", ":material/mail:"),
        page("participation", "participation", ":material/groups:"),
        page("meetings", "meetings", ":material/event:"),
        page("rewards", "rewards", ":material/paid:"),
        # A typed /overview opens the overview at the root address, keeping the URL's language and filters.
        # Without this page Streamlit answers /overview with its "page not found" dialog, also over the login
        # form of a server that needs a login; with it, that address shows the login form and, after the
        # login, the overview.
        st.Page(
            lambda: st.switch_page(overview, query_params=st.query_params.to_dict()),
            title=t("nav.overview", lang),
            url_path="overview",
            visibility="hidden",
        ),
    ],
    t("nav_section.submit", lang): [
        page("upload", "upload", ":material/upload_file:"),
        page("submissions", "submissions", ":material/fact_check:"),
    ],
    t("nav_section.manage", lang): [
        page("reports", "reports", ":material/description:"),
        page("admin", "admin", ":material/admin_panel_settings:"),
        page("alerts", "alerts", ":material/notifications:"),  # inbox and subscriptions, signed-in users (§22)
        page("login", "login", ":material/login:"),
    ],
}
actor = auth.current_actor()  # login, idle timeout and which pages a role sees (components/auth.py)
auth.sidebar(actor, lang)
auth.cookie_scripts()  # the session cookie set or cleared after a login or logout (etl/governance/sessions.py)
auth.navigate(sections, actor)
