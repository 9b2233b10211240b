"""The cabinet report as PDF (A4, the Korean font of reports/fonts.py embedded): cover, 개조식 summary, the
12-task scorecard, charts, the 미흡 section with the agencies' notes and the lagging tasks' narratives, and
annexes (every KPI by month; submissions by agency). Every page carries the snapshot id, the generated-at time
(KST) and its page number; every section is a bookmark (PDF outline); the document language is set.

Tables are laid out by reports/pdf_table.py (numbers right-aligned, never wrapped) and their cells written by
the one number rule (reports/numbers.py). A heading never ends a page: it moves to the next page with the
first lines that follow it."""

from __future__ import annotations

import io
import logging
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TextStyle

from metrics import display
from metrics.kst import KST
from reports import fonts, pdf_table
from reports.model import Report, period_label
from reports.narrative_tables import dispute_table
from reports.remark_tables import assessment_table, comment_table
from reports.summary import summary_lines
from reports.table_cells import Column, Table
from reports.tables import offtrack_notes_table, offtrack_table, submission_table, task_table

FONT = "Korean"  # the name the PDF registers the found font under (reports/fonts.py)
INDENT_MM = {1: 0, 2: 6, 3: 12}
HEADING_PT = {0: 16, 1: 12.5}
KEEP_MM = 24  # a heading is kept with at least this much of what follows it
NARRATIVE_PARTS = ("achievements", "reasons", "plans", "requests")  # 추진실적, 부진사유, 향후계획, 지원요청
CHARTS = ("strategies", "trends", "complaints")
# fontTools reports the TrueType hinting tables it drops while subsetting: harmless noise.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


class ReportPDF(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        font = fonts.korean_font()
        self.add_font(FONT, "", str(font.regular.path), collection_font_number=font.regular.index)
        self.add_font(FONT, "B", str(font.bold.path), collection_font_number=font.bold.index)
        self.set_font(FONT, size=10)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 15, 15)
        self.set_lang("ko-KR" if report.lang == "ko" else "en")
        self.set_title(report.t("title"))
        self.set_author(report.t("issuer"))
        self.set_subject(
            f"snapshot {report.snapshot_id}; catalog {report.catalog_version}; digest {report.catalog_digest}; "
            f"reference {report.reference_digest}"
        )
        self.set_creator("govdash")
        self.set_display_mode("fullwidth")
        # Headings go through start_section: a bookmark each, and marked as structure (fpdf2 tags these and
        # images with alt text; table and paragraph text stay untagged).
        self.set_section_title_styles(
            TextStyle(FONT, "B", HEADING_PT[0], b_margin=3),
            TextStyle(FONT, "B", HEADING_PT[1], t_margin=2, b_margin=2),
        )
        # Fixed from the snapshot, so two runs give the same bytes.
        self.set_creation_date(report.built_at.replace(tzinfo=KST))

    def footer(self) -> None:
        r = self.report
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(90, 90, 90)
        generated = display.datetime_label(r.generated_at, r.lang)
        text = r.t("footer", snapshot=r.snapshot_id, generated=generated, catalog=r.catalog_version)
        self.cell(0, 5, text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, r.t("page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, level: int = 0, keep: float = KEEP_MM) -> None:
        """A section heading and its bookmark, moved to the next page with what follows where it would
        otherwise end this one."""
        if self.will_page_break(HEADING_PT[level] * 0.6 + keep):
            self.add_page()
        self.start_section(text, level)
        self.set_font(FONT, size=10)

    def table_from(self, table: Table, font_size: float = 8) -> None:
        pdf_table.draw(self, table, table.texts(self.report.lang), font_size, FONT)
        self.set_font(FONT, size=10)

    def paragraph(self, text: str, size: float = 9.5, indent: float = 0, style: str = "") -> None:
        self.set_font(FONT, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, size=10)


def _cover(pdf: ReportPDF, r: Report) -> None:
    pdf.add_page()
    pdf.set_y(70)
    title = r.t("title_agency", agency=r.agency_name) if r.agency_name else r.t("title")
    pdf.set_font(FONT, "B", 24)
    pdf.multi_cell(0, 13, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=13)
    pdf.ln(4)
    pdf.multi_cell(0, 8, r.t("subtitle"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(16)
    window = r.t(f"window_{r.options.window}")
    period = r.t("cover_period", period=period_label(r.options), window=window)
    pdf.multi_cell(0, 8, period, align="C", new_x="LMARGIN", new_y="NEXT")
    scope = (
        r.t("cover_scope_agency", agency=r.agency_name, code=r.options.agency)
        if r.options.agency
        else r.t("cover_scope_all")
    )
    pdf.multi_cell(0, 8, scope, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(220)
    pdf.set_font(FONT, size=14)
    pdf.multi_cell(0, 9, display.date_label(r.generated_at, r.lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 12, r.t("issuer"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)


def _summary(pdf: ReportPDF, r: Report) -> None:
    """Every line of the summary, as many pages as it takes; a □ line is kept with the line under it."""
    pdf.add_page()
    pdf.heading(f"{r.t('summary')} — {period_label(r.options)}")
    for line in summary_lines(r):
        top = line.level == 1
        if top:
            if pdf.will_page_break(16):
                pdf.add_page()
            pdf.ln(2)
        pdf.paragraph(f"{line.marker} {line.text}", 11 if top else 9.5, INDENT_MM[line.level], "B" if top else "")


def _charts(pdf: ReportPDF, r: Report, charts: dict[str, bytes]) -> None:
    """The rendered charts (none with --no-charts: then no section at all). The trend chart is left out, with
    a line saying why, when none of the report's key KPIs has an achievement to draw."""
    if not charts:
        return
    pdf.add_page()
    pdf.heading(r.t("charts"))
    titles = {"strategies": "chart_strategies", "trends": "chart_trends", "complaints": "chart_complaints"}
    for key in CHARTS:
        if key in charts:
            image = io.BytesIO(charts[key])
            pdf.image(image, w=pdf.epw, alt_text=r.t(titles[key]), title=r.t(titles[key]))
            pdf.ln(4)
        elif key == "trends":
            pdf.paragraph(r.t("trends_none"))
            pdf.ln(4)


def month_annex_table(r: Report) -> Table:
    """Every KPI × month (the 'month' window values), as the one number rule writes them."""
    values = {(x["kpi_code"], x["period"]): x["value"] for x in r.kpi_months.to_dicts()}
    rows = []
    for k in r.kpi_months.unique("kpi_code", keep="first", maintain_order=True).to_dicts():
        row = {"code": k["kpi_code"], "name": r.name(k), "unit": k["unit"]}
        rows.append(row | {_month_key(m): values.get((k["kpi_code"], m)) for m in r.months})
    columns = [
        Column("code", r.t("c_code"), width=8),
        Column("name", r.t("c_kpi"), width=40),
        Column("unit", r.t("c_unit"), width=4),
        *(Column(_month_key(m), display.month_label(m, r.lang), "value", 8) for m in r.months),
    ]
    return Table("kpi_months", r.t("annex_kpis"), columns, rows)


def _month_key(month: date) -> str:
    return f"m{month:%Y%m}"


def _offtrack(pdf: ReportPDF, r: Report) -> None:
    """The 미흡 section: every row offtrack_table gives (the attention list), the agencies' notes on its KPIs and
    their comments, the committee's assessments, then the lagging tasks' narratives where there are any. fpdf2
    writes cell text as text (no markup), so whatever was written is printed as written."""
    pdf.add_page()
    pdf.heading(r.t("offtrack"))
    pdf.table_from(offtrack_table(r), font_size=7.5)
    for table in (offtrack_notes_table(r), dispute_table(r), comment_table(r), assessment_table(r)):
        pdf.ln(4)
        pdf.heading(table.title, 1, keep=12)
        if table.rows:
            pdf.table_from(table, font_size=7.5)
        else:
            pdf.paragraph(r.t("remarks_none"))
    _narratives(pdf, r)


def _narratives(pdf: ReportPDF, r: Report) -> None:
    """Per lagging task its latest submitted narrative (추진실적, 부진사유, 향후계획, 지원요청), as written."""
    if r.narratives.is_empty():
        return
    pdf.ln(4)
    pdf.heading(r.t("narratives", quarter=r.quarter_label), 1)
    for n in r.narratives.to_dicts():
        if pdf.will_page_break(20):
            pdf.add_page()
        name = n.get(f"task_name_{r.lang}") or n.get("task_name_ko") or ""
        pdf.ln(2)
        pdf.paragraph(f"□ {n['task_code']} {name}", 10.5, style="B")
        submitted = display.datetime_label(n.get("submitted_at"), r.lang)
        meta = r.t("n_meta", version=n.get("version"), author=n.get("author") or "—", submitted=submitted)
        pdf.paragraph(meta, 8, INDENT_MM[2])
        for part in NARRATIVE_PARTS:
            if n.get(part):
                pdf.paragraph(f"○ {r.t('n_' + part)}", 9.5, INDENT_MM[2], "B")
                pdf.paragraph(str(n[part]), 9.5, INDENT_MM[3])


def _annexes(pdf: ReportPDF, r: Report) -> None:
    pdf.add_page(orientation="L")
    pdf.heading(r.t("annex_kpis"))
    pdf.table_from(month_annex_table(r), font_size=6.5)
    pdf.paragraph(r.t("annex_unit_note"), 7.5)
    pdf.add_page(orientation="P")
    pdf.heading(r.t("annex_submissions"))
    pdf.table_from(submission_table(r), font_size=7.5)


def build_pdf(report: Report, path: Path, charts: dict[str, bytes] | None = None) -> Path:
    """Write the PDF; `charts` (name → PNG bytes, see reports.charts) is optional so that a report without a
    browser still carries every figure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = ReportPDF(report)
    _cover(pdf, report)
    _summary(pdf, report)
    pdf.add_page()
    pdf.heading(report.t("scorecard"))
    pdf.table_from(task_table(report), font_size=8)
    _charts(pdf, report, charts or {})
    _offtrack(pdf, report)
    _annexes(pdf, report)
    pdf.output(str(path))
    return path
