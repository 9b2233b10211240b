"""What the HWPX 보고서 says, section by section: the body (cover block, summary in 개조식, the 12-task table,
the complete 미흡 table with the agencies' notes and remarks, the tasks' narratives) and the annex (붙임 1 the
KPIs now and by month, 붙임 2 submissions), the annex on landscape pages of a section of its own."""

from __future__ import annotations

from metrics import display
from reports import numbers
from reports.hwpx.body import Body, Grid, Page
from reports.hwpx.header import Char, Para
from reports.hwpx.owpml import text_lines
from reports.model import Report, period_label
from reports.remark_tables import assessment_table, comment_table
from reports.summary import summary_lines
from reports.table_cells import Column, Table
from reports.tables import kpi_table, offtrack_notes_table, offtrack_table, submission_table, task_table

PART_NUMBERS = {"ko": ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"), "en": ("I", "II", "III", "IV", "V")}
NARRATIVE_FIELDS = ("achievements", "reasons", "plans", "requests")  # 추진실적, 부진사유, 향후계획, 지원요청


def grid(table: Table, lang: str) -> Grid:
    """A report table as the HWPX table writes it: the texts every format prints, numbers right-aligned."""
    columns = table.text_columns
    return Grid(
        headers=[c.header for c in columns],
        rows=table.texts(lang),
        numeric=[numbers.is_numeric(c.kind) for c in columns],
        weights=[c.width for c in columns],
    )


def title(r: Report) -> str:
    return r.t("title_agency", agency=r.agency_name) if r.agency_name else r.t("title")


def page(r: Report, landscape: bool) -> Page:
    generated = display.datetime_label(r.generated_at, r.lang)
    return Page(
        landscape=landscape,
        header=r.t("hwpx_header", title=title(r), period=period_label(r.options), snapshot=r.snapshot_id),
        footer_left=r.t("footer", snapshot=r.snapshot_id, generated=generated, catalog=r.catalog_version),
    )


class Parts:
    """Numbers the body's parts (Ⅰ, Ⅱ, …) in the order they are written."""

    def __init__(self, body: Body, lang: str) -> None:
        self.body, self.numbers, self.count = body, PART_NUMBERS[lang], 0

    def heading(self, text: str, page_break: bool = False) -> None:
        self.body.heading(f"{self.numbers[self.count]}. {text}", page_break=page_break)
        self.count += 1


def main_section(r: Report) -> Body:
    body = Body(page(r, landscape=False))
    _cover(body, r)
    parts = Parts(body, r.lang)
    parts.heading(r.t("summary"))
    for line in summary_lines(r):
        body.item(line.level, line.text)
    parts.heading(r.t("scorecard"), page_break=True)
    body.table(grid(task_table(r), r.lang))
    body.item(4, r.t("threshold_note", **{k: display.number(v) for k, v in r.thresholds.items()}))
    _offtrack(body, parts, r)
    _narratives(body, parts, r)
    return body


def _cover(body: Body, r: Report) -> None:
    """The title block at the top of the first page: title, period and scope, the date and the issuer."""
    body.paragraph(title(r), Char.TITLE, Para.CENTER)
    body.paragraph(r.t("subtitle"), Char.COVER, Para.CENTER)
    window = r.t(f"window_{r.options.window}")
    body.paragraph(r.t("cover_period", period=period_label(r.options), window=window), Char.COVER, Para.CENTER)
    scope = (
        r.t("cover_scope_agency", agency=r.agency_name, code=r.options.agency)
        if r.options.agency
        else r.t("cover_scope_all")
    )
    body.paragraph(scope, Char.COVER, Para.CENTER)
    body.paragraph(f"{display.date_label(r.generated_at, r.lang)}  {r.t('issuer')}", Char.COVER, Para.CENTER)


def _offtrack(body: Body, parts: Parts, r: Report) -> None:
    """Every row of the report's 미흡 table (no "… +n"), then the agencies' notes on its KPIs, their comments
    and the committee's assessments beside it."""
    table = offtrack_table(r)
    parts.heading(table.title, page_break=True)
    if table.rows:
        body.table(grid(table, r.lang))
    else:
        body.item(2, r.t("hwpx_offtrack_none"))
    for remarks in (offtrack_notes_table(r), comment_table(r), assessment_table(r)):
        body.item(1, remarks.title)
        if remarks.rows:
            body.table(grid(remarks, r.lang))
        else:
            body.item(2, r.t("remarks_none"))
    body.item(4, r.t("hwpx_verbatim"))


def _narratives(body: Body, parts: Parts, r: Report) -> None:
    """Each task's latest submitted narrative for the quarter, as 개조식: the task, then 추진실적 / 부진사유 /
    향후계획 / 지원요청 as written (each line of the text a paragraph of its own)."""
    if r.narratives.height == 0:
        return
    parts.heading(r.t("hwpx_narratives", quarter=r.quarter_label), page_break=True)
    for n in r.narratives.to_dicts():
        name = n.get(f"task_name_{r.lang}") or n.get("task_name_ko") or ""
        state = r.t(f"hwpx_state_{n['state']}") if n.get("state") in ("submitted", "reviewed") else n.get("state")
        body.item(
            2,
            r.t(
                "hwpx_narrative_task",
                code=n.get("task_code"),
                name=name,
                agency=n.get("agency_code"),
                version=n.get("version"),
                state=state,
            ),
        )
        for field in NARRATIVE_FIELDS:
            lines = text_lines(n.get(field))
            if not any(line.strip() for line in lines):
                continue
            body.item(3, f"{r.t(f'hwpx_{field}')}: {lines[0]}")
            for line in lines[1:]:
                body.paragraph(line, Char.LEVEL3, Para.LEVEL3_MORE)


def annex_section(r: Report, first_id: int) -> Body:
    """붙임 1: the KPIs of the report month, then every KPI × month; 붙임 2: submissions by agency."""
    body = Body(page(r, landscape=True), first_id)
    body.heading(r.t("hwpx_annex1"))
    body.paragraph(r.t("hwpx_kpis_now"), Char.LEVEL1, Para.HEADING)
    body.table(grid(kpi_table(r), r.lang))
    body.paragraph(r.t("hwpx_kpi_months"), Char.LEVEL1, Para.HEADING, page_break=True)
    body.table(grid(kpi_month_pivot(r), r.lang))
    body.heading(r.t("annex_submissions"), page_break=True)
    body.table(grid(submission_table(r), r.lang))
    return body


def kpi_month_pivot(r: Report) -> Table:
    """Every KPI × month of the trend window (the 'month' window values), one row per KPI."""
    keys = [f"m{m:%Y%m}" for m in r.months]
    rows: dict[str, dict] = {}
    for x in r.kpi_months.to_dicts():
        row = rows.setdefault(x["kpi_code"], {"code": x["kpi_code"], "name": r.name(x), "unit": x["unit"]})
        row[f"m{x['period']:%Y%m}"] = x["value"]
    columns = [
        Column("code", r.t("c_code"), width=9),
        Column("name", r.t("c_kpi"), width=30),
        Column("unit", r.t("c_unit"), width=5),
        *(Column(k, display.month_label(m, r.lang), "value", 7) for k, m in zip(keys, r.months, strict=True)),
    ]
    return Table("kpi_months", r.t("hwpx_kpi_months"), columns, list(rows.values()))
