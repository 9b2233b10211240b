"""The council briefing as PPTX, on the project's own 16:9 template (reports/pptx_template.py): a title slide,
the summary, the strategies' chart, one slide per strategy with its tasks and their chart, one slide per
lagging task (주의 and 미흡) with its figures, its KPIs and its narrative, and the report's 미흡 section as
tables (every row). Every slide carries the snapshot id and its page number in the footer band.

Reproducible: the same snapshot and options give the same bytes (dates from the snapshot, fixed zip times,
the chart workbooks' dates fixed: reports/pptx_package.py)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from pptx import Presentation
from pptx.util import Inches

from metrics import display
from metrics.kst import kst_naive_to_utc
from reports import pptx_chart
from reports.model import Report, period_label
from reports.pptx_package import finish
from reports.pptx_template import (
    BODY_TOP,
    CONTENT_LAYOUT,
    FOOTER_HEIGHT,
    FOOTER_TOP,
    MARGIN,
    NAVY,
    TEMPLATE,
    TITLE_LAYOUT,
    WIDTH,
    clean_properties,
)
from reports.pptx_text import add_table, east_asian_fonts, textbox, write_lines
from reports.summary import summary_lines
from reports.table_cells import Column, Table, cell_text, shown_achievement
from reports.tables import kpi_table, offtrack_table

MAX_LINES = 16  # summary lines on one slide before it continues on the next
TABLE_ROWS = 8  # rows of the 미흡 table on one slide (notes wrap over two or three lines)
INNER = WIDTH - 2 * MARGIN
NARRATIVE = ("achievements", "reasons", "plans", "requests")
LAGGING = ("watch", "off_track")


class Deck:
    """The presentation and the report it shows: slides are added in reading order."""

    def __init__(self, report: Report) -> None:
        self.r = report
        self.prs = Presentation(str(TEMPLATE))
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}

    def slide(self, title: str):  # noqa: ANN201
        slide = self.prs.slides.add_slide(self.layouts[CONTENT_LAYOUT])
        write_lines(slide.shapes.title.text_frame, [(title, 24, True)], color=NAVY)
        return slide


def _cover(deck: Deck) -> None:
    r = deck.r
    slide = deck.prs.slides.add_slide(deck.layouts[TITLE_LAYOUT])
    title = r.t("title_agency", agency=r.agency_name) if r.agency_name else r.t("title")
    write_lines(slide.shapes.title.text_frame, [(title, 36, True)], color="FFFFFF")
    scope = r.t("cover_scope_agency", agency=r.agency_name, code=r.options.agency) if r.agency_name else None
    lines = [
        r.t("cover_period", period=period_label(r.options), window=r.t(f"window_{r.options.window}")),
        *([scope] if scope else [r.t("cover_scope_all")]),
        display.date_label(r.generated_at, r.lang),
        r.t("issuer"),
    ]
    write_lines(slide.placeholders[1].text_frame, [(x, 18, False) for x in lines])


def _summary(deck: Deck) -> None:
    r = deck.r
    lines = [line.render() for line in summary_lines(r)]
    size = -(-len(lines) // -(-len(lines) // MAX_LINES)) if lines else 1  # even slides, none nearly empty
    for start in range(0, len(lines), size):
        slide = deck.slide(f"{r.t('summary')} — {period_label(r.options)}")
        chunk = lines[start : start + size]
        textbox(slide, (MARGIN, BODY_TOP, INNER, Inches(5.5)), [(x, 12 if x[:1] == " " else 14, False) for x in chunk])


def _bars(r: Report, rows: list[dict]) -> list[pptx_chart.Bar]:
    return [
        pptx_chart.Bar(
            x["code"], None if x["achievement"] is None else shown_achievement(r, x["achievement"]), x["status"]
        )
        for x in rows
    ]


def _chart_or_sentence(deck: Deck, slide, rows: list[dict], box: tuple[int, int, int, int], what: str) -> None:  # noqa: ANN001
    r = deck.r
    if pptx_chart.draw(slide, _bars(r, rows), box, r.lang, r.t("pp_target")):
        left, top, width, height = box
        textbox(slide, (left, top + height, width, Inches(0.35)), [(r.t("pp_chart_note"), 10, False)])
    else:
        sentence = r.t("pp_no_chart", what=what, period=period_label(r.options))
        textbox(slide, (box[0], box[1], box[2], Inches(1.0)), [(sentence, 14, False)])


def _strategies(deck: Deck) -> None:
    r = deck.r
    rows = r.score_rows("strategy", r.period)
    slide = deck.slide(f"{r.t('pp_strategies')} — {period_label(r.options)}")
    _chart_or_sentence(deck, slide, rows, (MARGIN, BODY_TOP, INNER, Inches(5.0)), r.t("pp_strategies"))


def _strategy(deck: Deck, strategy: dict) -> None:
    r = deck.r
    achievement = display.achievement(strategy["achievement"], r.boundaries)
    status = display.status_label(strategy["status"], r.lang)
    slide = deck.slide(f"{strategy['code']} {r.name(strategy)} — {achievement} ({status})")
    tasks = [t for t in r.score_rows("task", r.period) if t["parent_code"] == strategy["code"]]
    rows = [
        {"code": t["code"], "name": r.name(t), "achievement": t["achievement"], "status": t["status"]} for t in tasks
    ]
    cols = [
        Column("code", r.t("c_code"), width=8),
        Column("name", r.t("c_task"), width=30),
        Column("achievement", r.t("c_achievement"), "pct", 11),
        Column("status", r.t("c_status"), "status", 10),
    ]
    table = Table("strategy_tasks", strategy["code"], cols, rows, r.boundaries)
    add_table(slide, table, r.lang, range(len(rows)), (MARGIN, BODY_TOP, Inches(5.6)), size=12)
    box = (MARGIN + Inches(5.9), BODY_TOP, INNER - Inches(5.9), Inches(5.0))
    _chart_or_sentence(deck, slide, tasks, box, f"{strategy['code']} {r.name(strategy)}")


def _task_kpis(r: Report, task: str) -> Table:
    """The task's KPIs with value, target, achievement and status (the report's KPI rows, the number rule)."""
    full = kpi_table(r)
    rows = [row for row, k in zip(full.rows, r.kpi_rows(r.period), strict=True) if k["task_code"] == task]
    keep = ("code", "name", "value", "target", "achievement", "status")
    cols = [c for c in full.columns if c.key in keep]
    return Table("task_kpis", r.t("pp_task_kpis"), cols, rows, full.boundaries)


def _narrative_lines(r: Report, task: str) -> list[tuple[str, float, bool]]:
    frame = r.narratives
    if frame.is_empty() or "task_code" not in frame.columns:
        return [(r.t("pp_no_narrative", quarter=r.quarter_label), 12, False)]
    rows = frame.filter(pl.col("task_code") == task).sort("version").to_dicts()
    if not rows:
        return [(r.t("pp_no_narrative", quarter=r.quarter_label), 12, False)]
    n = rows[-1]
    lines: list[tuple[str, float, bool]] = [
        (r.t("pp_narrative", quarter=n["quarter"], state=r.t(f"pp_state_{n['state']}")), 13, True)
    ]
    for key in NARRATIVE:
        if n.get(key):
            lines += [(f"□ {r.t('pp_' + key)}", 12, True), (str(n[key]), 11, False)]
    return lines


def _lagging(deck: Deck, task: dict) -> None:
    r = deck.r
    slide = deck.slide(r.t("pp_lagging", code=task["code"], name=r.name(task)))
    figures = [
        r.t(
            "pp_task_figures",
            achievement=display.achievement(task["achievement"], r.boundaries),
            target=display.percent(r.thresholds["on_track"]),
            status=display.status_label(task["status"], r.lang),
        )
    ]
    before = r.score_lookup("task", r.previous).get(task["code"])
    if before and before["achievement"] is not None and task["achievement"] is not None:
        now, then = shown_achievement(r, task["achievement"]), shown_achievement(r, before["achievement"])
        change = None if now is None or then is None else now - then
        figures.append(
            r.t(
                "pp_task_previous",
                previous=display.month_label(r.previous, r.lang),
                before=display.achievement(before["achievement"], r.boundaries),
                change=cell_text(change, "pp", r.lang) + "%p",
            )
        )
    textbox(
        slide, (MARGIN, BODY_TOP, INNER, Inches(0.7)), [(figures[0], 16, True), *[(x, 12, False) for x in figures[1:]]]
    )
    kpis = _task_kpis(r, task["code"])
    top = BODY_TOP + Inches(0.8)
    add_table(slide, kpis, r.lang, range(len(kpis.rows)), (MARGIN, top, Inches(7.4)), size=10)
    box = (MARGIN + Inches(7.6), top, INNER - Inches(7.6), Inches(4.7))
    textbox(slide, box, _narrative_lines(r, task["code"]))


def _offtrack(deck: Deck) -> None:
    """The report's 미흡 section: every row of `offtrack_table`, TABLE_ROWS to a slide."""
    r = deck.r
    table = offtrack_table(r)
    if not table.rows:
        slide = deck.slide(table.title)
        textbox(slide, (MARGIN, BODY_TOP, INNER, Inches(1)), [(r.t("none"), 14, False)])
        return
    for start in range(0, len(table.rows), TABLE_ROWS):
        slide = deck.slide(table.title + (f" {r.t('pp_continued')}" if start else ""))
        rows = range(start, min(start + TABLE_ROWS, len(table.rows)))
        add_table(slide, table, r.lang, rows, (MARGIN, BODY_TOP, INNER), size=10)


def _footers(deck: Deck) -> None:
    r = deck.r
    generated = display.datetime_label(r.generated_at, r.lang)
    text = r.t("footer", snapshot=r.snapshot_id, generated=generated, catalog=r.catalog_version)
    total = len(deck.prs.slides)
    for number, slide in enumerate(deck.prs.slides, start=1):
        top = FOOTER_TOP + Inches(0.1)
        textbox(slide, (MARGIN, top, INNER - Inches(1.5), FOOTER_HEIGHT - Inches(0.15)), [(text, 9, False)])
        page = r.t("page", page=number, pages=total)
        box = slide.shapes.add_textbox(WIDTH - MARGIN - Inches(1.4), top, Inches(1.4), FOOTER_HEIGHT - Inches(0.15))
        write_lines(box.text_frame, [(page, 9, True)])
        box.text_frame.paragraphs[0].alignment = 3  # right


def build_pptx(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    deck = Deck(report)
    _cover(deck)
    _summary(deck)
    _strategies(deck)
    for strategy in report.score_rows("strategy", report.period):
        _strategy(deck, strategy)
    lagging = [t for t in report.score_rows("task", report.period) if t["status"] in LAGGING]
    for task in lagging:
        _lagging(deck, task)
    _offtrack(deck)
    _footers(deck)
    for slide in deck.prs.slides:
        east_asian_fonts(slide._element)
        for shape in slide.shapes:
            if shape.has_chart:
                east_asian_fonts(shape.chart._chartSpace)
    moment = kst_naive_to_utc(report.built_at)
    clean_properties(
        deck.prs,
        report.t("title_agency", agency=report.agency_name) if report.agency_name else report.t("title"),
        moment,
    )
    props = deck.prs.core_properties
    props.subject = f"snapshot {report.snapshot_id}; catalog {report.catalog_version}"
    props.comments = (
        f"snapshot={report.snapshot_id} catalog={report.catalog_version} digest={report.catalog_digest} "
        f"reference={report.reference_digest}"
    )
    deck.prs.save(str(path))
    return finish(path, moment, len(deck.prs.slides), report.t("issuer"))
