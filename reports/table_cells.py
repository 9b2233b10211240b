"""A report table's parts, defined once: a Column with a kind (how a value is written), a Table of rows, and the
rules that turn one cell into the text PDF, PPTX and HWPX print (`cell_text`) — the same Korean number style
the dashboard uses. The tables themselves are built in reports/tables.py, reports/remark_tables.py,
reports/attention.py and reports/narrative_tables.py."""

from __future__ import annotations

from dataclasses import dataclass

from metrics import display
from metrics.ratings import RATINGS
from reports import numbers
from reports.model import Report

DATASETS = ("complaints", "participation", "meetings", "rewards", "kpi_progress")
STATUS_RANK = {"on_track": 3, "watch": 2, "off_track": 1}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | pct | bounded | pp | value | actual | int | month | date | datetime | status
    width: float = 12  # relative width (characters in XLSX, weight in PDF/HWPX)
    data_only: bool = False  # written by XLSX and CSV only (PDF, PPTX, HWPX show it inside another cell)

    @property
    def text_kind(self) -> str:
        """The kind a text format writes: a KPI's unit column (keyed "unit") in the report's language."""
        return "unit" if self.key == "unit" and self.kind == "text" else self.kind


@dataclass(frozen=True)
class Table:
    key: str  # file and sheet stem: summary, tasks, kpis, …
    title: str
    columns: list[Column]
    rows: list[dict]
    boundaries: tuple[float, ...] = ()  # the status thresholds the judged achievements are rounded against

    @property
    def text_columns(self) -> list[Column]:
        """The columns PDF, PPTX and HWPX print."""
        return [c for c in self.columns if not c.data_only]

    def texts(self, lang: str) -> list[list[str]]:
        return [
            [cell_text(row.get(c.key), c.text_kind, lang, row, self.boundaries) for c in self.text_columns]
            for row in self.rows
        ]


def shown(value: float, kind: str, row: dict, boundaries: tuple[float, ...]) -> float:
    """The number a rounded format shows: a judged achievement against the thresholds, a KPI value against
    its row's target (in the row's direction); other numbers as they are."""
    if kind in ("pct", "bounded"):
        return display.toward_boundary(value, boundaries)
    if kind == "actual":
        return display.beside_target(
            value, value_decimals(row.get("unit", "")), row.get("target"), row.get("direction")
        )  # type: ignore[return-value]
    return value


def cell_text(value: object, kind: str, lang: str, row: dict | None = None, boundaries: tuple[float, ...] = ()) -> str:
    """A cell as PDF, PPTX and HWPX print it, by the one number rule (reports.numbers)."""
    row = row or {}
    judged = shown(value, kind, row, boundaries) if kind in ("pct", "bounded") and value is not None else None  # type: ignore[arg-type]
    return numbers.cell_text(value, kind, lang, row, judged)


def value_decimals(unit: str) -> int:
    """A KPI value's decimals in reports (display.decimals)."""
    return display.decimals(unit)


def value_text(value: float | None, unit: str, lang: str = "ko") -> str:
    """A KPI value without its unit (the unit has its own column); money in 억/만 with its unit."""
    return display.value_text(value, unit, lang)


def bounded_text(shown: float | None, raw: float | None, lang: str) -> str:
    """A KPI's achievement (as shown), with its raw ratio and the mark where it was bounded."""
    return numbers.bounded_text(shown, raw, lang)


def shown_achievement(r: Report, value: float | None) -> float | None:
    """A judged achievement as a chart or a text shows it (display.achievement_figure)."""
    return display.achievement_figure(value, r.boundaries)


def status_word(status: str | None, lang: str) -> str | None:
    return display.STATUS_WORD[lang].get(status, status) if status else None


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def dispute_mark(r: Report, kpi_code: str, agency_code: str | None = None) -> str | None:
    """'이의 제기 중' on a KPI figure under an open dispute when the snapshot was built (Report.disputes); on a
    national row, with how many agencies' figures are disputed. Data level, so every format shows it."""
    rows = [d for d in r.disputes.to_dicts() if d["kpi_code"] == kpi_code]
    rows = [d for d in rows if agency_code is None or d["agency_code"] == agency_code]
    if not rows:
        return None
    national = agency_code is None and r.options.agency is None
    return r.t("disputed_n", n=len(rows)) if national else r.t("disputed")


def dispute_column(r: Report) -> Column:
    return Column("dispute", r.t("c_dispute"), width=9)


def _rating(rating: str, lang: str) -> str:
    words = RATINGS.get(rating)
    return (words[0] if lang == "ko" else words[1]) if words else rating
