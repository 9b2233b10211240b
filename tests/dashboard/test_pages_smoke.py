"""Every page opens without an error for every combination of its filters on the fixture store, in Korean
and in English, and never shows a raw string key."""

from __future__ import annotations

import itertools
import re

import pytest

from dashboard.i18n import strings

MONTHS = ("2026-10", "2026-07", "2025-01")  # latest; the 광주·전남 merger month; first month (baseline year)
VIEWS = ("month", "ytd")
GROUPS = ("all", "central", "local")
PAGES_WITHOUT_AGENCY_FILTERS = ("overview", "strategies")
PAGES_WITH_AGENCY_FILTERS = ("kpi", "agencies", "complaints", "participation", "meetings", "rewards")
SECTIONS = sorted({key.split(".")[0] for key in strings("ko")})
HANGUL = re.compile(r"[가-힣]")
RAW_KEY = re.compile(rf"\b(?:{'|'.join(SECTIONS)})\.[a-z][a-z0-9_]+\b")


def cases() -> list[tuple[str, dict[str, str]]]:
    out: list[tuple[str, dict[str, str]]] = []
    for page, month, view in itertools.product(PAGES_WITHOUT_AGENCY_FILTERS, MONTHS, VIEWS):
        out.append((page, {"month": month, "view": view}))
    for page, month, view, group in itertools.product(PAGES_WITH_AGENCY_FILTERS, MONTHS, VIEWS, GROUPS):
        out.append((page, {"month": month, "view": view, "group": group}))
    for page, agency in itertools.product(PAGES_WITH_AGENCY_FILTERS, ("1741000", "6560000")):
        out.append((page, {"month": "2026-10", "view": "ytd", "agency": agency}))
    for page in PAGES_WITHOUT_AGENCY_FILTERS + PAGES_WITH_AGENCY_FILTERS:
        out.append((page, {"month": "2026-10", "view": "month", "lang": "en"}))
    return out


def visible_text(at) -> str:  # type: ignore[no-untyped-def]
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader", "info") for e in getattr(at, kind)]
    parts += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(("page", "params"), cases(), ids=lambda v: v if isinstance(v, str) else "-".join(v.values()))
def test_page_opens(app, page: str, params: dict[str, str]) -> None:
    at = app(page, **params)
    text = visible_text(at)
    assert text.strip(), "the page shows nothing"
    assert RAW_KEY.findall(text) == [], "a string key without text"
    if params.get("lang") == "en":
        headings = [e.value for e in list(at.title) + list(at.subheader)] + [m.label for m in at.metric]
        assert [h for h in headings if HANGUL.search(h)] == [], "Korean headings or labels in the English view"
