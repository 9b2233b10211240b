"""md_text, checked with a real CommonMark parser (markdown-it-py, with raw HTML allowed, GFM tables and
strikethrough): hostile text comes out as exactly its own characters, with no element made from it. The
same text in Streamlit's own renderer is checked in real Chromium (tests/e2e/test_inert_text.py)."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from dashboard.components.inert import as_shown, inert_columns, inert_frame, md_text
from tests.security.test_hostile_text import HOSTILE

PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
MORE = {
    "image": "**b** ![i](http://evil.example/x.png) [링크](http://evil.example)",
    "blocks": "# 제목\n- 항목\n> 인용\n1. 번호\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n```\ncode\n```",
    "streamlit": ":red[빨강] :material/home: :smile: $x^2$ $$y$$ ~~취소~~ <br> &amp; &#60;",
    "backslashes": "C:\\Temp\\*.csv \\*not bold\\* \\\\",
}


def _rendered(text: str) -> str:
    """As CommonMark renders it; `:color[x]{}` (Streamlit's colour directive, unknown to CommonMark) is then
    the span Streamlit makes of it: its one character, x."""
    return re.sub(r":color\[(.)\]\{\}", r"\1", PARSER.render(md_text(text)))


@pytest.mark.parametrize("name", [*HOSTILE, *MORE])
def test_escaped_text_renders_as_its_own_characters(name: str) -> None:
    text = {**HOSTILE, **MORE}[name]
    out = _rendered(text)
    for tag in ("<strong", "<em", "<img", "<a ", "<script", "<h1", "<li", "<blockquote", "<table", "<hr", "<s>"):
        assert tag not in out, (name, out)
    # Every line comes back as written (the renderer html-escapes it: unescaped, it is the line again).
    shown = html.unescape(out)
    assert all(line.strip() in shown for line in text.splitlines()), out


@pytest.mark.parametrize("name", [*HOSTILE, *MORE])
def test_what_a_reader_sees_is_the_text_as_written(name: str) -> None:
    text = {**HOSTILE, **MORE}[name]
    assert as_shown(md_text(text)) == text


def test_plain_words_and_numbers_are_left_alone() -> None:
    assert md_text("보건복지부 9월 실적 1234") == "보건복지부 9월 실적 1234"
    assert md_text("1,234.5 (12%)") == "1\\,234\\.5 \\(12\\%\\)"  # a backslash before each punctuation mark
    assert PARSER.renderInline(md_text("1,234.5 (12%)")) == "1,234.5 (12%)"


def test_characters_that_text_rewrites_need_are_set_apart() -> None:
    # A bare link, an e-mail, an icon or emoji code needs ':' '@' or "www." in one run of text: each is
    # put in a colour directive of its own (a plain <span> in Streamlit).
    assert md_text("http://a") == "http:color[\\:]{}\\/\\/a"
    assert md_text("kim@x.kr WWW.x") == "kim:color[\\@]{}x\\.kr WWW:color[\\.]{}x"
    assert md_text(":smile:") == ":color[\\:]{}smile:color[\\:]{}"
    assert md_text("\\:") == "\\\\:color[\\:]{}"  # a typed backslash before ':' stays a backslash


def test_tables_escape_text_cells_and_keep_numbers() -> None:
    assert inert_columns({"비고": ["**b**", None, 3]}) == {"비고": ["\\*\\*b\\*\\*", None, 3]}
    frame = inert_frame(pd.DataFrame({"파일": ["![i](x).csv"], "행": [5]}))
    assert frame.to_dict("list") == {"파일": ["\\!\\[i\\]\\(x\\)\\.csv"], "행": [5]}
