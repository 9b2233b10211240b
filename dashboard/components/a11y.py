"""What every page needs for KWCAG 2.2 / WCAG 2.2 AA that Streamlit does not do by itself (docs/decisions.md
§27): the page's language on <html lang> (Streamlit's index.html always says "en"), captions dark enough for
4.5:1, a focus outline that can be seen, scrollable tables reachable by keyboard, and the file uploader's
fixed English texts ("Upload", "200MB per file") in the page's language. Checked by axe-core in
tests/a11y/test_axe_pages.py."""

from __future__ import annotations

import json

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
/* The uploader's own texts cannot be set (st.file_uploader has no option for them): the English ones are
   hidden and the page's words drawn in their place. */
[data-testid="stFileUploaderDropzoneInstructions"] small,
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] small::after {{ content: {limit}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"]::after {{
  content: {button}; font-size: 0.875rem; }}
</style>
"""

# Runs in the page itself (st.html with JavaScript): sets <html lang>, and gives a table that scrolls
# sideways a tab stop and a name so that a keyboard can scroll it (axe: scrollable-region-focusable).
_SCRIPT = """
<script>
(() => {{
  const doc = (window.parent && window.parent.document) || document;
  doc.documentElement.lang = {lang};
  window.gdScrollLabel = {scroll};
  window.gdChartName = {chart};
  window.gdSkipText = {skip};
  window.gdWords = {words};
  doc.querySelectorAll('a[data-gd-skip]').forEach((el) => {{
    if (el.textContent !== {skip}) el.textContent = {skip};
  }});
  if (window.gdA11yObserver) return;
  const mark = () => {{
    doc.querySelectorAll('a').forEach((el) => {{
      if (el.dataset.gdSkip || el.textContent === 'Skip to main content') {{
        el.dataset.gdSkip = '1';  // Streamlit's skip link, in English only: in the page's language
        // (only when it differs: each change is a mutation that calls this again)
        if (el.textContent !== window.gdSkipText) el.textContent = window.gdSkipText;
      }}
    }});
    doc.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((el) => {{
      const title = el.querySelector('.gtitle');
      const name = window.gdChartName.replace('{{title}}', title ? title.textContent : '');
      if (title && el.getAttribute('aria-label') !== name) {{
        el.setAttribute('role', 'figure');  // not img: the chart's toolbar buttons stay reachable
        el.setAttribute('aria-label', name);
      }}
    }});
    // Streamlit's and plotly's own names and tooltips (no option sets them): in the page's language.
    doc.querySelectorAll('[aria-label], [title], [data-title]').forEach((el) => {{
      for (const a of ['aria-label', 'title', 'data-title']) {{
        const v = el.getAttribute(a);
        if (!v) continue;
        const prefix = ['Help for ', '도움말: '].find((p) => v.startsWith(p));
        const help = prefix ? window.gdWords['Help for'] + ' ' + v.slice(prefix.length) : null;
        const word = help || window.gdWords[v];
        if (word && word !== v) el.setAttribute(a, word);
      }}
    }});
    const scrolls = (el) => el.scrollWidth > el.clientWidth + 1 || (el.scrollHeight > el.clientHeight + 1
      && ['auto', 'scroll'].includes(getComputedStyle(el).overflowY));
    doc.querySelectorAll('[data-testid="stTable"] > div, [data-testid="stVerticalBlock"][height]').forEach((el) => {{
      if (el.dataset.gdScroll && el.getAttribute('aria-label') !== window.gdScrollLabel) {{
        el.setAttribute('aria-label', window.gdScrollLabel);  // after a language switch
      }}
      if (scrolls(el) && !el.hasAttribute('tabindex')) {{
        el.dataset.gdScroll = '1';
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', window.gdScrollLabel);
      }}
    }});
  }};
  window.gdA11yObserver = new MutationObserver(mark);
  window.gdA11yObserver.observe(doc.body, {{ childList: true, subtree: true }});
  mark();
}})();
</script>
"""


def _words(lang: str) -> dict[str, str]:
    """Streamlit's English word, and the other language's (after a switch), to this language's word."""
    words = {en: t(f"a11y.ui.{key}", lang) for key, en in STREAMLIT_WORDS.items()}
    words |= {
        t(f"a11y.ui.{key}", other): t(f"a11y.ui.{key}", lang) for key in STREAMLIT_WORDS for other in ("ko", "en")
    }
    return words


def page_setup(lang: str) -> None:
    """The styles and the script above, once per run of any page (called by the router, dashboard/app.py)."""
    st.html(
        _CSS.format(
            caption=CAPTION_COLOR,
            focus=FOCUS_COLOR,
            limit=json.dumps(t("a11y.uploader_limit", lang, mb=st.get_option("server.maxUploadSize"))),
            button=json.dumps(t("a11y.uploader_button", lang)),
        )
    )
    script = _SCRIPT.format(
        lang=json.dumps(lang),
        scroll=json.dumps(t("a11y.scroll_table", lang)),
        chart=json.dumps(t("a11y.chart_name", lang, title="{title}")),
        skip=json.dumps(t("a11y.skip", lang), ensure_ascii=False),
        words=json.dumps(_words(lang), ensure_ascii=False),
    )
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True)
