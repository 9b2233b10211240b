"""The demo's KPI progress files: how each KPI's reported values move, agency by agency, month by month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from etl.demo_base import Table, _Agency, _Context, _curve, _key, _ordinal, _rng
from metrics.catalog import Kpi

# ------------------------------------------------------------------------------------------- KPI progress


@dataclass(frozen=True)
class KpiStory:
    """How an agency's reported value moves: kind, national path over (yyyymm, value), spread."""

    kind: str  # flag (share of agencies at 1) | pct (agency value) | monthly (national total per month)
    #            | level (national running level) | step (a stage reached)
    points: tuple[tuple[int, float], ...]
    spread: float = 0.0  # pct: agency offset sd
    noise: float = 0.0  # pct: month-to-month sd; monthly: relative sd
    weights: dict[str, float] | None = None  # monthly/level: split among reporters (default: stable random)
    decimals: int = 1


STORIES: dict[str, KpiStory] = {
    "S1-T2-K1": KpiStory("pct", ((202501, 94.0), (202512, 94.5), (202601, 94.8), (202610, 95.7)), 1.5, 0.4),
    "S1-T2-K2": KpiStory("monthly", ((202501, 0), (202512, 0), (202601, 1.5), (202610, 2.8))),
    "S2-T1-K2": KpiStory("flag", ((202501, 0.58), (202512, 0.62), (202601, 0.64), (202610, 0.79))),
    "S2-T2-K1": KpiStory("step", ((202501, 0), (202602, 1), (202607, 2))),
    "S2-T2-K2": KpiStory("monthly", ((202501, 0), (202512, 0), (202601, 0.7), (202610, 1.2))),
    "S2-T3-K1": KpiStory(
        "monthly",
        ((202501, 612_000), (202512, 622_000), (202601, 620_000), (202610, 655_000)),
        noise=0.03,
        weights={"1613000": 0.6, "1721000": 0.4},
    ),
    "S2-T3-K2": KpiStory("monthly", ((202501, 4_100), (202512, 4_250), (202601, 4_500), (202610, 5_400)), noise=0.05),
    "S3-T1-K1": KpiStory("level", ((202501, 15_000_000), (202512, 15_600_000), (202610, 16_250_000))),
    "S3-T1-K2": KpiStory("level", ((202501, 421), (202512, 470), (202601, 480), (202610, 760))),
    "S3-T2-K3": KpiStory("pct", ((202501, 0), (202512, 0), (202601, 5), (202610, 25)), 6, 2),
    "S3-T3-K4": KpiStory("monthly", ((202501, 2), (202512, 2), (202601, 3.5), (202612, 3.5))),
    "S4-T1-K1": KpiStory("flag", ((202501, 0.075), (202512, 0.09), (202610, 0.36))),
    "S4-T1-K2": KpiStory("flag", ((202501, 0.10), (202512, 0.13), (202610, 0.55))),
    "S4-T2-K1": KpiStory("level", ((202501, 280), (202512, 320), (202610, 1_150)), decimals=0),
    "S4-T2-K2": KpiStory("pct", ((202501, 15), (202512, 22), (202601, 28), (202610, 88)), 6, 2),
    "S4-T3-K1": KpiStory("pct", ((202501, 0), (202512, 0), (202601, 10), (202610, 52)), 15, 4),
    "S4-T3-K2": KpiStory("flag", ((202501, 0), (202601, 0.0), (202602, 0.12), (202610, 0.70))),
}


def _default_story(kpi: Kpi) -> KpiStory:
    """A plausible path for a KPI added to the catalog after this module was written."""
    low, high = kpi.value_range or (0, None)
    if (low, high) == (0, 1):
        return KpiStory("flag", ((202501, 0.3), (202610, 0.6)))
    if high is not None and high <= 10:
        return KpiStory("step", ((202501, low or 0), (202606, min(high, (low or 0) + 1))))
    if high == 100:
        return KpiStory("pct", ((202501, 50), (202610, 75)), 8, 2)
    return KpiStory("monthly", ((202501, 10), (202610, 14)))


def _reports(kpi: Kpi, agency: _Agency) -> bool:
    if isinstance(kpi.reporters, list):
        return agency.code in kpi.reporters
    return kpi.reporters == "all" or kpi.reporters == agency.group


def _reporter_traits(ctx: _Context, kpi: Kpi) -> dict[str, tuple[float, float]]:
    """Per reporter: (rank in 0..1, size factor). Ranks are evenly spaced so that the share of agencies at 1
    follows the story's curve exactly instead of drifting with the luck of a few dozen draws."""
    if kpi.code not in ctx.traits:
        reporters = sorted(
            (a.code for a in ctx.agencies if _reports(kpi, a)),
            key=lambda c: (_key(ctx.seed, "rank", kpi.code, c), c),
        )
        ctx.traits[kpi.code] = {
            code: (
                (i + 0.5) / len(reporters),
                float(_rng(ctx.seed, "weight", kpi.code, code).lognormal(0, 0.5)),
            )
            for i, code in enumerate(reporters)
        }
    return ctx.traits[kpi.code]


def _reporter_weight(ctx: _Context, kpi: Kpi, story: KpiStory, agency: _Agency, month: date) -> float:
    """This agency's part of a national total, among the reporters active in the month."""
    if story.weights:
        return story.weights.get(agency.code, 0.0)
    traits = _reporter_traits(ctx, kpi)
    active = sum(traits[a.code][1] for a in ctx.agencies if a.code in traits and a.active_in(month))
    return traits[agency.code][1] / active


def _kpi_value(ctx: _Context, kpi: Kpi, agency: _Agency, month: date) -> float | int:
    story = STORIES.get(kpi.code) or _default_story(kpi)
    trait = _rng(ctx.seed, "kpi", kpi.code, agency.code)  # month-independent: keeps paths consistent
    noise = _rng(ctx.seed, "kpi", kpi.code, agency.code, month)
    national = _curve(story.points, month)
    if story.kind == "flag":
        value: float = 1 if _reporter_traits(ctx, kpi)[agency.code][0] < national else 0
    elif story.kind == "step":
        value = max(v for p, v in story.points if _ordinal(date(p // 100, p % 100, 1)) <= _ordinal(month))
    elif story.kind == "pct":
        value = national + trait.normal(0, story.spread) + noise.normal(0, story.noise) if national else 0.0
    elif story.kind == "level":
        value = np.floor(national * _reporter_weight(ctx, kpi, story, agency, month))
    else:  # monthly
        mean = national * _reporter_weight(ctx, kpi, story, agency, month)
        value = noise.poisson(mean) if mean < 50 else round(mean * (1 + noise.normal(0, story.noise)))
    low, high = kpi.value_range or (None, None)
    value = float(np.clip(value, low if low is not None else -np.inf, high if high is not None else np.inf))
    if story.kind == "pct" and kpi.unit == "%":
        return round(value, story.decimals)
    return int(round(value))


_NOTES = (
    "전월 대비 증가",
    "담당자 교육 일정에 따라 변동",
    "시스템 개편으로 집계 기준 일부 변경",
    '"AI 기초" 과정 1차 수료 반영',
    "하반기 확대 예정, 예산 확보 중",
)
_STAGE_NOTES = {1: "기본사회기본법·시민참여기본법 입법예고", 2: "국무회의 의결, 국회 제출 준비"}


def _kpi_progress(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    kpis = [k for k in ctx.catalog.kpis_of("kpi_progress") if _reports(k, agency)]
    values = [_kpi_value(ctx, k, agency, month) for k in kpis]
    notes: list[str | None] = []
    for kpi, value in zip(kpis, values, strict=True):
        if kpi.code == "S2-T2-K1" and value in _STAGE_NOTES:
            notes.append(_STAGE_NOTES[int(value)])
        elif rng.random() < 0.08:
            note = _NOTES[int(rng.integers(len(_NOTES)))]
            # CP949 offices write names like 똠 that EUC-KR cannot hold; the reader must decode as cp949.
            notes.append(note + " (담당: 이똠)" if agency.style.encoding == "cp949" else note)
        else:
            notes.append(None)
    return {
        "agency_code": [agency.code] * len(kpis),
        "period": [month] * len(kpis),
        "kpi_code": [k.code for k in kpis],
        "value": values,
        "note": notes,
        # Only true percentages may carry a "%" (a 0/1 flag of a %-KPI is not a percentage).
        "_unit": ["%" if k.unit == "%" and (k.value_range or (0, 0))[1] == 100 else k.unit for k in kpis],
    }
