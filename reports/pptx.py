"""The council briefing as PPTX: a title slide, the summary, one slide per strategy with its tasks and a
native bar chart, and the off-track KPIs. Every slide carries the snapshot id and generated-at time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as Deck  # the type; `Presentation` is a factory
from pptx.util import Emu, Pt

from metrics import display
from metrics.kst import kst_naive_to_utc
from reports.model import Report, period_label
from reports.summary import summary_lines
from reports.tables import cell_text, offtrack_table, shown_achievement

WIDE = (Emu(12192000), Emu(6858000))  # 16:9
FONT = "NanumGothic"
MAX_LINES = 18  # summary lines on one slide before it continues on the next


def _footer(slide, r: Report, number: int, total: int) -> None:
    box = slide.shapes.add_textbox(Emu(300000), Emu(6450000), Emu(11600000), Emu(300000))
    generated = display.datetime_label(r.generated_at, r.lang)
    text = r.t("footer", snapshot=r.snapshot_id, generated=generated, catalog=r.catalog_version)
    _set(box.text_frame, f"{text} · {number}/{total}", 9)


def _set(frame, text: str, size: float, bold: bool = False) -> None:
    frame.word_wrap = True
    frame.text = text
    for p in frame.paragraphs:
        for run in p.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = FONT


def _title(slide, text: str) -> None:  # noqa: ANN001
    """A slide title across the 16:9 width, sized to fit one or two lines."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Emu(400000), Emu(250000), Emu(11392000), Emu(1000000)
    _set(shape.text_frame, text, 26, bold=True)


def _title_slide(prs: Deck, r: Report) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title = r.t("title_agency", agency=r.agency_name) if r.agency_name else r.t("title")
    slide.shapes.title.text = title
    sub = slide.placeholders[1]
    # the default template is 4:3: stretch its placeholders across the 16:9 slide
    for shape, top, height in ((slide.shapes.title, 1600000, 1500000), (sub, 3400000, 1800000)):
        shape.left, shape.top, shape.width, shape.height = Emu(600000), Emu(top), Emu(10992000), Emu(height)
    window = r.t(f"window_{r.options.window}")
    sub.text = "\n".join(
        [
            r.t("cover_period", period=period_label(r.options), window=window),
            display.date_label(r.generated_at, r.lang),
            r.t("issuer"),
        ]
    )


def _text_slide(prs: Deck, title: str, lines: list[str]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _title(slide, title)
    box = slide.shapes.add_textbox(Emu(500000), Emu(1300000), Emu(11200000), Emu(5000000))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = line
        for run in p.runs:
            run.font.size = Pt(14 if not line.startswith(" ") else 12)
            run.font.name = FONT


def _summary_slides(prs: Deck, r: Report) -> None:
    lines = [line.render() for line in summary_lines(r)]
    for start in range(0, len(lines), MAX_LINES):
        _text_slide(prs, f"{r.t('summary')} — {period_label(r.options)}", lines[start : start + MAX_LINES])


def _strategy_slide(prs: Deck, r: Report, strategy: dict) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    achievement = display.achievement(strategy["achievement"], r.boundaries)
    status = display.status_label(strategy["status"], r.lang)
    _title(slide, f"{strategy['code']} {r.name(strategy)} — {achievement} ({status})")
    tasks = [t for t in r.score_rows("task", r.period) if t["parent_code"] == strategy["code"]]
    rows = len(tasks) + 1
    shape = slide.shapes.add_table(rows, 4, Emu(400000), Emu(1400000), Emu(6200000), Emu(400000 * rows))
    table = shape.table
    headers = [r.t("c_code"), r.t("c_task"), r.t("c_achievement"), r.t("c_status")]
    for j, h in enumerate(headers):
        _set(table.cell(0, j).text_frame, h, 11, bold=True)
    for i, t in enumerate(tasks, start=1):
        cells = [
            t["code"],
            r.name(t),
            cell_text(shown_achievement(r, t["achievement"]), "pct", r.lang),
            cell_text(t["status"], "status", r.lang),
        ]
        for j, text in enumerate(cells):
            _set(table.cell(i, j).text_frame, text, 11)
    for j, w in enumerate((900000, 3300000, 1000000, 1000000)):
        table.columns[j].width = Emu(w)
    data = CategoryChartData()
    data.categories = [t["code"] for t in tasks]
    # the figures as shown (the label format would round 99.96 up to 100.0)
    data.add_series(r.t("c_achievement"), [shown_achievement(r, t["achievement"]) for t in tasks])
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Emu(6800000), Emu(1400000), Emu(5000000), Emu(4600000), data
    ).chart
    chart.has_legend = False
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.number_format = "0.0"
    chart.plots[0].data_labels.number_format_is_linked = False


def _offtrack_slide(prs: Deck, r: Report) -> None:
    table = offtrack_table(r)
    lines = []
    for row in table.rows:  # the attention list, every row
        narrative = f" — {row['narrative']}" if row["narrative"] else ""
        achievement = display.achievement_text(row["achievement"], row["achievement_raw"], r.boundaries, r.lang)
        status = display.status_label(row["status"], r.lang)
        lines.append(f"■ {status} {row['code']} {row['name']} ({achievement}, {row['owner']}){narrative}")
    lines = lines or [r.t("none")]
    for start in range(0, len(lines), MAX_LINES):
        _text_slide(prs, r.t("offtrack"), lines[start : start + MAX_LINES])


def build_pptx(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    props = prs.core_properties
    props.title = report.t("title")
    props.author = report.t("issuer")
    props.subject = f"snapshot {report.snapshot_id}; catalog {report.catalog_version}"
    props.comments = (
        f"snapshot={report.snapshot_id} catalog={report.catalog_version} digest={report.catalog_digest} "
        f"reference={report.reference_digest}"
    )
    props.created = props.modified = kst_naive_to_utc(report.built_at)
    props.last_printed = datetime(2000, 1, 1)
    props.revision = 1
    _title_slide(prs, report)
    _summary_slides(prs, report)
    for strategy in report.score_rows("strategy", report.period):
        _strategy_slide(prs, report, strategy)
    _offtrack_slide(prs, report)
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        _footer(slide, report, number, total)
    prs.save(str(path))
    return path
