"""The deck's native bar charts: achievement (%) per strategy or task as columns from 0, each column in its
status colour with its value as a label and the status word under it, and a dashed 100 % target line.

python-pptx draws one chart type per chart; the target line is a second series (100 for every category)
moved out of the bar group into a line group on the same axes, so the embedded workbook holds its figures
too. A chart whose every figure is missing is not drawn: the caller writes a sentence saying why."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Pt

from metrics.display import STATUS_COLOR, STATUS_ICON, STATUS_WORD
from reports.pptx_template import LATIN

TARGET = 100.0
TARGET_LINE = "555555"


@dataclass(frozen=True)
class Bar:
    code: str
    value: float | None  # the achievement as shown (table_cells.shown_achievement), None when not computed
    status: str | None


def category(bar: Bar, lang: str) -> str:
    """The column's label: its code and its status as icon and word (never colour alone)."""
    status = bar.status or "na"
    return f"{bar.code} {STATUS_ICON.get(status, '')}{STATUS_WORD[lang].get(status, status)}"


def axis_maximum(values: list[float]) -> float:
    """Room above the tallest column and the 100 % line for the labels, in steps of 20."""
    return max(120.0, math.ceil((max(values) + 15) / 20) * 20)


def _target_line(chart_space: etree._Element) -> None:
    """Move the second bar series (the target) into a dashed line group sharing the bar group's axes."""
    plot = chart_space.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    bars = plot.find(qn("c:barChart"))
    series = bars.findall(qn("c:ser"))[1]
    bars.remove(series)
    for tag in ("c:invertIfNegative", "c:dLbls", "c:spPr"):
        for child in series.findall(qn(tag)):
            series.remove(child)
    line = etree.Element(qn("c:lineChart"))
    etree.SubElement(line, qn("c:grouping"), val="standard")
    etree.SubElement(line, qn("c:varyColors"), val="0")
    line.append(series)
    sp = etree.fromstring(
        f"<c:spPr {nsdecls('c', 'a')}>"
        f'<a:ln w="22225"><a:solidFill><a:srgbClr val="{TARGET_LINE}"/></a:solidFill>'
        '<a:prstDash val="dash"/></a:ln></c:spPr>'
    )
    series.find(qn("c:tx")).addnext(sp)
    marker = etree.Element(qn("c:marker"))
    etree.SubElement(marker, qn("c:symbol"), val="none")
    sp.addnext(marker)
    etree.SubElement(series, qn("c:smooth"), val="0")
    etree.SubElement(line, qn("c:marker"), val="1")
    for axis in bars.findall(qn("c:axId")):
        etree.SubElement(line, qn("c:axId"), val=axis.get("val"))
    bars.addnext(line)


def draw(slide, bars: list[Bar], box: tuple[int, int, int, int], lang: str, target_name: str) -> bool:  # noqa: ANN001
    """The chart at box (left, top, width, height); False (nothing drawn) when no bar has a figure."""
    values = [b.value for b in bars if b.value is not None]
    if not values:
        return False
    data = CategoryChartData(number_format="0.0")
    data.categories = [category(b, lang) for b in bars]
    data.add_series("%", [b.value for b in bars])
    data.add_series(target_name, [TARGET for _ in bars])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *(Emu(v) for v in box), data)
    chart = frame.chart
    chart.font.size = Pt(11)
    chart.font.name = LATIN
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = "0.0", False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size, labels.font.bold = Pt(11), True
    for i, bar in enumerate(bars):
        fill = plot.series[0].points[i].format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(STATUS_COLOR.get(bar.status or "na", "#BBBBBB").lstrip("#"))
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, axis_maximum(values), 20
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("DDDDDD")
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0", False
    _target_line(chart._chartSpace)
    return True
