"""The cabinet report as PDF (A4, NanumGothic embedded): cover, 개조식 summary, the 12-task scorecard, charts,
off-track KPIs with the agencies' notes, and annexes (every KPI by month; submissions by agency). Every page
carries the snapshot id, the generated-at time (KST) and its page number."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from metrics import display
from metrics.kst import KST
from reports.model import Report, period_label
from reports.narrative_tables import dispute_table, narrative_table
from reports.summary import summary_lines
from reports.tables import (
    Table,
    assessment_table,
    comment_table,
    offtrack_table,
    submission_table,
    task_table,
    value_text,
)

FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
FONT = "NanumGothic"
HEADER_FILL = (221, 227, 234)
INDENT_MM = {1: 0, 2: 6, 3: 12}
# fontTools reports the TrueType hinting tables it drops while subsetting NanumGothic: harmless noise.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


class ReportPDF(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        self.add_font(FONT, "", str(FONT_DIR / "NanumGothic.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "NanumGothicBold.ttf"))
        self.set_font(FONT, size=10)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 15, 15)
        self.set_title(report.t("title"))
        self.set_author(report.t("issuer"))
        self.set_subject(
            f"snapshot {report.snapshot_id}; catalog {report.catalog_version}; digest {report.catalog_digest}; "
            f"reference {report.reference_digest}"
        )
        self.set_creator("govdash")
        # Fixed from the snapshot, so two runs give the same document.
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

    def heading(self, text: str, size: int = 14) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_font(FONT, size=10)

    def table_from(self, table: Table, font_size: float = 8, widths: list[float] | None = None) -> None:
        self.set_font(FONT, size=font_size)
        widths = widths or [c.width for c in table.text_columns]
        headings = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
        with self.table(
            col_widths=widths, line_height=font_size * 0.55, headings_style=headings, text_align="LEFT"
        ) as t:
            row = t.row()
            for c in table.text_columns:
                row.cell(c.header)
            for texts in table.texts(self.report.lang):
                row = t.row()
                for text in texts:
                    row.cell(text)
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
    pdf.multi_cell(
        0,
        8,
        r.t("cover_period", period=period_label(r.options), window=window),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
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
    pdf.add_page()
    pdf.heading(f"{r.t('summary')} — {period_label(r.options)}", 16)
    for line in summary_lines(r):
        pdf.set_font(FONT, "B" if line.level == 1 else "", 11 if line.level == 1 else 9.5)
        if line.level == 1:
            pdf.ln(2)
        pdf.set_x(pdf.l_margin + INDENT_MM[line.level])
        pdf.multi_cell(0, 5.6, f"{line.marker} {line.text}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)


def _charts(pdf: ReportPDF, r: Report, charts: dict[str, bytes]) -> None:
    pdf.add_page()
    pdf.heading(r.t("charts"))
    width = pdf.epw
    for key in ("strategies", "trends", "complaints"):
        if key not in charts:
            continue
        pdf.image(io.BytesIO(charts[key]), w=width)
        pdf.ln(4)


def _kpi_month_annex(pdf: ReportPDF, r: Report) -> None:
    """Every KPI × month (the 'month' window values) on landscape pages."""
    pdf.add_page(orientation="L")
    pdf.heading(r.t("annex_kpis"))
    months = r.months
    pdf.set_font(FONT, size=6.5)
    headings = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    widths = [16, 50, 9] + [15] * len(months)
    values: dict[tuple[str, object], float | None] = {
        (x["kpi_code"], x["period"]): x["value"] for x in r.kpi_months.to_dicts()
    }
    kpis = r.kpi_months.unique("kpi_code", keep="first", maintain_order=True).to_dicts()
    with pdf.table(col_widths=widths, line_height=3.6, headings_style=headings, text_align="LEFT") as t:
        row = t.row()
        for text in [r.t("c_code"), r.t("c_kpi"), r.t("c_unit")] + [display.month_label(m, r.lang) for m in months]:
            row.cell(text)
        for k in kpis:
            row = t.row()
            row.cell(k["kpi_code"])
            row.cell(r.name(k))
            row.cell(k["unit"])
            for m in months:
                row.cell(value_text(values.get((k["kpi_code"], m)), k["unit"]))
    pdf.set_font(FONT, size=10)


def _remarks(pdf: ReportPDF, r: Report) -> None:
    """Beside the off-track KPIs: the agencies' comments of the month, then the committee's assessments of
    the quarter. fpdf2 writes cell text as text (no markup), so whatever was written is printed as written."""
    for table in (narrative_table(r), dispute_table(r), comment_table(r), assessment_table(r)):
        pdf.ln(4)
        pdf.heading(table.title, 12)
        if table.rows:
            pdf.table_from(table, font_size=7.5)
        else:
            pdf.multi_cell(0, 5, r.t("remarks_none"), new_x="LMARGIN", new_y="NEXT")


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
    pdf.add_page()
    pdf.heading(report.t("offtrack"))
    pdf.table_from(offtrack_table(report), font_size=7.5)
    _remarks(pdf, report)
    _kpi_month_annex(pdf, report)
    pdf.add_page(orientation="P")
    pdf.heading(report.t("annex_submissions"))
    pdf.table_from(submission_table(report), font_size=7.5)
    pdf.output(str(path))
    return path
