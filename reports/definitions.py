"""The KPI definitions in words, for the XLSX 지표 정의 sheet: what each KPI counts, from which submitted
dataset, which way is better, and how its achievement is computed — instead of the catalog's internal ids
("proposals_received"). The words follow the measure comments in sql/marts/int_measures_*.sql and the
dataset contract (docs: domain/datasets.md); the CSV keeps the ids (it is data for machines)."""

from __future__ import annotations

from reports.model import Report
from reports.table_cells import Column, Table

# measure id (data/catalog/kpis.yaml `measure`) → (Korean, English)
MEASURES: dict[str, tuple[str, str]] = {
    "proposals_received": (
        "참여플랫폼별 의견·제안 접수 건수의 합",
        "Opinions and proposals received, summed over the platforms",
    ),
    "participants": (
        "참여플랫폼별 참여자 수의 합 (달마다 센 수를 더한 연인원)",
        "Participants summed over the platforms (each month's count added: participant-visits)",
    ),
    "adoption_rate": ("정책반영 건수 ÷ 검토완료 건수 × 100", "Proposals adopted ÷ proposals reviewed × 100"),
    "median_days": ("처리완료 민원의 처리기간(일) 중앙값", "Median resolution time (days) of resolved complaints"),
    "p90_days": (
        "처리완료 민원의 처리기간(일) 90백분위",
        "90th percentile of the resolution time (days) of resolved complaints",
    ),
    "on_time_rate": (
        "처리기한 안에 처리한 건수 ÷ 처리기한이 있는 처리완료 건수 × 100",
        "Resolved on time ÷ resolved complaints with a known deadline × 100",
    ),
    "complaint_count": ("접수된 민원 건수 (처리 상태와 무관)", "Complaints received (whatever their status)"),
    "person_hours_reduction": (
        "(1 − 회의 인·시 합 ÷ 기준연도 같은 달의 인·시 합) × 100",
        "(1 − meeting person-hours ÷ person-hours in the same months of the baseline year) × 100",
    ),
    "mean_duration_min": ("회의 소요시간(분)의 합 ÷ 회의 수", "Total meeting minutes ÷ number of meetings"),
    "amount_krw": ("포상금 지급액(원)의 합", "Payouts (KRW) summed"),
    "recipients": ("포상금 수령 인원의 합", "Recipients of the payouts summed"),
    "reported": ("기관이 지표실적 자료로 보고한 값", "The value agencies report in the KPI progress file"),
}


def measure_text(measure: str, lang: str) -> str:
    words = MEASURES.get(measure)
    return (words[0] if lang == "ko" else words[1]) if words else measure


def formula_text(direction: str, lang_t) -> str:  # noqa: ANN001
    """The achievement formula by direction (the catalog's default; no KPI sets another)."""
    return lang_t("f_ratio" if direction == "up" else "f_inverse_ratio")


def definition_table(r: Report) -> Table:
    rows = [
        {
            "code": x["kpi_code"],
            "name": r.name(x),
            "unit": x["unit"],
            "source": r.t(f"ds_{x['source']}"),
            "definition": measure_text(x["measure"], r.lang),
            "direction": r.t(f"direction_{x['direction']}"),
            "formula": formula_text(x["direction"], r.t),
            "judged": r.t("yes" if x["judge_agencies"] else "no"),
            "target": x["target"],
        }
        for x in r.kpi_rows(r.period)
    ]
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=30),
        Column("unit", r.t("c_unit"), width=6),
        Column("source", r.t("c_source"), width=10),
        Column("definition", r.t("c_definition"), width=44),
        Column("direction", r.t("c_direction"), width=13),
        Column("formula", r.t("c_formula"), width=18),
        Column("judged", r.t("c_judged"), width=9),
        Column("target", r.t("c_target"), "value", 12),
    ]
    return Table("definitions", r.t("definitions"), cols, rows)
