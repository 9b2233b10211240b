"""Every page opens without an error on the fixture store, in Korean and in English, and never shows a raw
string key: every page in every view (month, quarter to date, year to date) for every test month, and each
agency group in every view (pairwise: group × month and group × view are all covered, not every triple, since
the group and the view act on the figures independently)."""

from __future__ import annotations

import itertools
import re

import pytest

from dashboard.i18n import strings
from metrics.queries import WINDOWS

MONTHS = ("2026-10", "2026-07", "2025-01")  # latest; the 광주·전남 merger month; first month (baseline year)
VIEWS: tuple[str, ...] = WINDOWS
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
    for page, month, view in itertools.product(PAGES_WITH_AGENCY_FILTERS, MONTHS, VIEWS):
        out.append((page, {"month": month, "view": view, "group": "all"}))
    for page, group in itertools.product(PAGES_WITH_AGENCY_FILTERS, GROUPS[1:]):
        for i, month in enumerate(MONTHS):  # each month once per group, each view once per group
            out.append((page, {"month": month, "view": VIEWS[i % len(VIEWS)], "group": group}))
    for page, agency, view in itertools.product(PAGES_WITH_AGENCY_FILTERS, ("1741000", "6560000"), VIEWS[1:]):
        out.append((page, {"month": "2026-10", "view": view, "agency": agency}))
    for i, page in enumerate(PAGES_WITHOUT_AGENCY_FILTERS + PAGES_WITH_AGENCY_FILTERS):
        out.append((page, {"month": "2026-10", "view": VIEWS[i % len(VIEWS)], "lang": "en"}))
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
