"""The demo's dataset builders: complaints, participation, meetings and rewards (KPI progress: etl/demo_kpis.py).

Each builder returns the file's columns by contract name (typed Python values, None for "no value");
columns starting with "_" are hints for the writer and are not written.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np

from etl.contracts import REWARD_CAP_PER_RECIPIENT_KRW
from etl.demo_base import (
    NATIONAL_COMPLAINTS_PER_MONTH,
    SEASON,
    Table,
    _Agency,
    _Context,
    _curve,
    _next_month,
    _progress_2026,
    _rng,
)


def _month_days(month: date) -> np.ndarray:
    return np.arange(np.datetime64(month, "D"), np.datetime64(_next_month(month), "D"))


def _working_days(ctx: _Context, month: date) -> np.ndarray:
    days = _month_days(month)
    return days[ctx.calendar.working[(days - ctx.calendar.day0).astype(np.int64)] == 1]


# Hourly weights of online filing (people write in the evening too); counter channels keep office hours.
_ONLINE_HOURS = np.array(
    [
        0.3,
        0.2,
        0.15,
        0.1,
        0.1,
        0.2,
        0.5,
        1,
        1.8,
        2.6,
        2.8,
        2.5,
        1.8,
        2.4,
        2.6,
        2.5,
        2.3,
        2,
        1.5,
        1.3,
        1.2,
        1.1,
        0.9,
        0.6,
    ]
)
_TYPES = ("고충", "건의", "질의", "법정", "기타")
_TYPE_P = (0.32, 0.18, 0.23, 0.17, 0.10)
# Share of the allowed time used (Beta a, b) by type: 질의 answered fast, 건의 slowest.
_TYPE_SPEED = {
    "고충": (2.6, 1.9),
    "건의": (2.2, 2.0),
    "질의": (1.8, 2.2),
    "법정": (2.4, 1.9),
    "기타": (2.0, 2.5),
}
_STATUTORY_DAYS = np.array([1, 3, 5, 7, 10, 14, 20, 30])
_STATUTORY_P = np.array([0.08, 0.15, 0.12, 0.15, 0.16, 0.14, 0.12, 0.08])


def _complaint_count(ctx: _Context, agency: _Agency, month: date, rng: np.random.Generator) -> int:
    trend = 1.0 if month.year <= 2025 else 0.98
    mean = NATIONAL_COMPLAINTS_PER_MONTH * ctx.scale * agency.complaint_share * SEASON[month.month - 1] * trend
    return max(5, int(round(mean * rng.lognormal(0, 0.05))))


def _outreach_rate(agency: _Agency, month: date) -> float:
    """찾아가는민원: mostly local governments, about 1 % nationally in 2025, rising through 2026."""
    base = 0.021 if agency.group == "local" else 0.003
    return base * (1.0 if month.year <= 2025 else 1.15 + 0.05 * (month.month - 1))


def _channels(ctx: _Context, agency: _Agency, month: date, rng: np.random.Generator) -> np.ndarray:
    """Channel of each complaint. 찾아가는민원 rows come at the national volume whatever the scale: S2-T1-K1
    counts them against a national target, and they are a small share, so the sample keeps them all."""
    sampled = _complaint_count(ctx, agency, month, rng)
    outreach = _outreach_rate(agency, month)
    volume = sampled / ctx.scale if ctx.national_outreach and ctx.scale > 0 else sampled
    n_outreach = int(rng.poisson(volume * outreach))
    n_other = max(1, int(round(sampled * (1 - outreach))))
    other = rng.choice(np.array(("온라인", "방문", "전화", "우편")), n_other, p=np.array([0.70, 0.11, 0.12, 0.07]))
    return rng.permutation(np.concatenate([other, np.full(n_outreach, "찾아가는민원")]))


def _received(ctx: _Context, month: date, online: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Receipt times (datetime64[s]) inside the month: online at any hour of any day, others in office hours."""
    n = len(online)
    all_days, work_days = _month_days(month), _working_days(ctx, month)
    weights = np.where(np.isin(all_days, work_days), 1.0, 0.45)
    day = np.where(online, rng.choice(all_days, n, p=weights / weights.sum()), rng.choice(work_days, n)).astype(
        "datetime64[s]"
    )
    hour = np.where(online, rng.choice(24, n, p=_ONLINE_HOURS / _ONLINE_HOURS.sum()), rng.integers(9, 18, n))
    second = hour * 3600 + rng.integers(0, 3600, n)
    return day + second.astype("timedelta64[s]")


def _deadline_days(ctx: _Context, agency: _Agency, types: np.ndarray, rng: np.random.Generator):
    """(days used for the deadline, days written in the file or -1 for an empty cell)."""
    defaults = ctx.catalog.settings.complaints.default_deadline_days
    n = len(types)
    days = np.select([types == t for t in _TYPES], [defaults.get(t, 0) for t in _TYPES])
    statutory = types == "법정"
    days = np.where(statutory, rng.choice(_STATUTORY_DAYS, n, p=_STATUTORY_P), days)
    # 국민권익위원회 investigates grievances under its own act, with 60 days (mean about 27).
    long_grievance = (types == "고충") & (rng.random(n) < 0.35) if agency.code == "1140100" else np.zeros(n, bool)
    days = np.where(long_grievance, 60, days)
    written = days if agency.style.fill_deadlines else np.where(statutory | long_grievance, days, -1)
    return days, written


def _resolution(ctx: _Context, agency: _Agency, month: date, types, received, days, rng) -> np.ndarray:
    """Resolution times (datetime64[s]): a share of the legal time allowed, a few past it."""
    rules = ctx.catalog.settings.complaints
    immediate = int(round(rules.immediate_hours * 60))
    deadline = ctx.calendar.deadlines(received, days, rules.hour_based_max_days, immediate).astype("datetime64[s]")
    allowed = (deadline - received).astype(np.int64)
    n = len(types)
    a = np.select([types == t for t in _TYPES], [_TYPE_SPEED[t][0] for t in _TYPES])
    b = np.select([types == t for t in _TYPES], [_TYPE_SPEED[t][1] for t in _TYPES])
    speed = float(_rng(ctx.seed, "speed", agency.code).lognormal(0, 0.12))
    improvement = 1.0 - 0.14 * _progress_2026(month)  # 2026: faster handling after the one-stop reform
    share = np.minimum(rng.beta(a, b) * speed * improvement, 0.97)
    late_rate = (0.0095 if month.year <= 2025 else 0.0055) * float(
        _rng(ctx.seed, "late", agency.code).lognormal(0, 0.5)
    )
    seconds = np.maximum(60, np.round(share * allowed)).astype(np.int64)
    # Late ones: a day or more past the deadline, late under any reading of the deadline rule.
    overdue = allowed + ((1 + rng.exponential(3.0, n)) * 86400).astype(np.int64)
    seconds = np.where(rng.random(n) < late_rate, overdue, seconds)
    return received + seconds.astype("timedelta64[s]")


def _complaint_ids(agency: _Agency, month: date, n: int, rng: np.random.Generator) -> list[str]:
    yyyymm = f"{month.year}{month.month:02d}"
    if agency.style.id_style == 1:
        return [f"{agency.code}-{yyyymm}-{i:05d}" for i in range(1, n + 1)]
    numbers = (int(rng.integers(1000, 90000)) + np.cumsum(rng.integers(1, 4, n))).tolist()
    if agency.style.id_style == 2:
        return [f"민원-{yyyymm}-{x:07d}" for x in numbers]
    return [f"1AA-{yyyymm[2:]}-{x:07d}" for x in numbers]


def _complaints(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    channels = _channels(ctx, agency, month, rng)
    n = len(channels)
    types = rng.choice(np.array(_TYPES), n, p=_TYPE_P)
    received = np.sort(_received(ctx, month, channels == "온라인", rng))
    days, written = _deadline_days(ctx, agency, types, rng)
    resolved = _resolution(ctx, agency, month, types, received, days, rng)
    # 이송 (sent on to the competent agency) and 취하 (withdrawn) are closed quickly, without a decision.
    status = np.select([rng.random(n) < 0.02, rng.random(n) < 0.01], ["이송", "취하"], "처리완료").astype(object)
    quick = received + (rng.uniform(0.05, 3.0, n) * 86400).astype("timedelta64[s]")
    resolved = np.where(status == "처리완료", resolved, quick)
    cutoff = np.datetime64(submitted_at, "s")
    pending = resolved > cutoff  # not finished when the file was made: 처리중, no resolution time
    status[pending] = "처리중"
    return {
        "complaint_id": _complaint_ids(agency, month, n, rng),
        "agency_code": [agency.code] * n,
        "complaint_type": types.tolist(),
        "channel": channels.tolist(),
        "received_at": received.tolist(),
        "resolved_at": [None if p else r for p, r in zip(pending.tolist(), resolved.tolist(), strict=True)],
        "deadline_days": [None if w < 0 else w for w in written.tolist()],
        "status": status.tolist(),
    }


_PLATFORM_WEIGHT = {"국민참여플랫폼": 0.55, "국민신문고제안": 0.30, "청원24": 0.05, "오프라인": 0.10}
_PROPOSALS = ((202501, 86_000), (202512, 97_000), (202601, 100_000), (202610, 114_000), (202612, 118_000))


def _platforms(ctx: _Context, agency: _Agency) -> list[str]:
    """Which platforms an agency uses (국민신문고제안 always); fixed per agency."""
    rng = _rng(ctx.seed, "platforms", agency.code)
    local = agency.group == "local"
    use = {
        "국민참여플랫폼": rng.random() < 0.85,
        "국민신문고제안": True,
        "청원24": rng.random() < (0.15 if local else 0.4),
        "오프라인": rng.random() < (0.7 if local else 0.25),
    }
    return [p for p in _PLATFORM_WEIGHT if use[p]]


def _participation(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    platforms = _platforms(ctx, agency)
    weights = np.array([_PLATFORM_WEIGHT[p] for p in platforms])
    # National counts whatever the scale: a file has one row per platform, and the KPIs add them up.
    mean = _curve(_PROPOSALS, month) * agency.participation_share * weights / weights.sum()
    received = rng.poisson(mean * rng.lognormal(0, 0.08, len(platforms)))
    participants = rng.poisson(
        received * (0.82 if month.year <= 2025 else 0.84) * rng.lognormal(0, 0.05, len(platforms))
    )
    reviewed = rng.binomial(received, 0.88)
    adoption = 0.055 if month.year <= 2025 else 0.063 + 0.0024 * (month.month - 1)
    adoption *= float(_rng(ctx.seed, "adoption", agency.code).lognormal(0, 0.3))
    adopted = rng.binomial(reviewed, min(adoption, 0.3))
    n = len(platforms)
    return {
        "agency_code": [agency.code] * n,
        "period": [month] * n,
        "platform": platforms,
        "proposals_received": received.tolist(),
        "participants": participants.tolist(),
        "proposals_reviewed": reviewed.tolist(),
        "proposals_adopted": adopted.tolist(),
    }


_MEETING_TYPES = np.array(("정례", "수시", "보고", "행사"))
_MEETING_P = (0.35, 0.35, 0.22, 0.08)
_MEETING_MINUTES = np.array([60.0, 50.0, 35.0, 90.0])
_MEETING_PEOPLE = np.array([12.0, 6.0, 4.0, 80.0])


def _meetings(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    habits = _rng(ctx.seed, "meeting-habits", agency.code)
    base = float(np.clip(habits.lognormal(np.log(120), 0.6), 30, 500))  # meetings a month at scale 1
    floor = int(habits.integers(4, 7))  # a file always holds a few meetings, whatever the scale
    reduction = float(habits.uniform(0.15, 0.35))  # how far this agency cuts meeting time in 2026
    n = max(floor, int(round(base * ctx.scale * SEASON[month.month - 1])))
    progress = _progress_2026(month)
    kind = rng.choice(4, n, p=_MEETING_P)
    minutes = _MEETING_MINUTES[kind] * (1 - reduction * progress) * rng.lognormal(-0.09, 0.42, n)
    minutes = np.clip(np.round(minutes / 10) * 10, 10, 480).astype(int)
    people = _MEETING_PEOPLE[kind] * (1 - 0.25 * reduction * progress) * rng.lognormal(-0.1, 0.45, n)
    people = np.clip(np.round(people), 2, 600).astype(int)
    held = np.sort(rng.choice(_working_days(ctx, month), n))
    remote = rng.random(n) < (0.25 if month.year <= 2025 else 0.35)
    yyyymm = f"{month.year}{month.month:02d}"
    return {
        "meeting_id": [
            f"회의-{yyyymm}-{i:04d}" if agency.style.id_style == 2 else f"M{yyyymm}{i:04d}" for i in range(1, n + 1)
        ],
        "agency_code": [agency.code] * n,
        "held_on": held.tolist(),
        "meeting_type": _MEETING_TYPES[kind].tolist(),
        "duration_min": minutes.tolist(),
        "attendees": people.tolist(),
        "remote": [None] * n if agency.style.omit_optional else ["Y" if r else "N" for r in remote.tolist()],
    }


# The first 특별성과포상금 round, as announced: 행정안전부, 2026-03-19, 80,000,000 원 to 29 people in 5 teams.
FIRST_SPECIAL_ROUND = (
    "1741000",
    date(2026, 3, 19),
    ((8, 24_000_000), (7, 20_000_000), (6, 16_000_000), (5, 12_000_000), (3, 8_000_000)),
)
_TEAMS = (
    "민원제도팀",
    "재난대응팀",
    "디지털정부팀",
    "규제혁신팀",
    "AI전략팀",
    "조직혁신팀",
    "재정관리팀",
    "현장지원팀",
)
_EMERGENCY_AGENCIES = {"1661000", "1320000", "1532000", "1360000", "1741000", "1400000"}


def _payout(paid_on, kind: str, people: int, per_person: int, reason: str) -> tuple:
    per_person = min(per_person, REWARD_CAP_PER_RECIPIENT_KRW)
    return (paid_on, kind, people, people * per_person, reason)


def _reward_rows(ctx: _Context, agency: _Agency, month: date, rng) -> list[tuple]:
    """(paid_on, type, recipients, amount, reason) of the month's payouts; most months have none."""
    code, first_day, teams = FIRST_SPECIAL_ROUND
    rows: list[tuple] = []
    if agency.code == code and month == first_day.replace(day=1):
        rows += [
            (first_day, "특별성과", people, amount, f"2026년 제1차 특별성과포상금 ({_TEAMS[i]})")
            for i, (people, amount) in enumerate(teams)
        ]
    work_days = _working_days(ctx, month)

    def day() -> date:  # a fresh draw per payout
        return rng.choice(work_days).tolist()

    if month >= date(2026, 4, 1) and rng.random() < 0.1:
        paid, round_no = day(), month.month - 2
        for team in rng.choice(len(_TEAMS), int(rng.integers(2, 6)), replace=False).tolist():
            per_person = int(rng.uniform(1.8, 5.0) * 100) * 10_000
            rows.append(
                _payout(
                    paid,
                    "특별성과",
                    int(rng.integers(3, 10)),
                    per_person,
                    f"{month.year}년 제{round_no}차 특별성과포상금 ({_TEAMS[team]})",
                )
            )
    if month.year >= 2026:
        storm = month.month in (7, 8, 9)
        p = (
            0.15
            if agency.code in _EMERGENCY_AGENCIES
            else (0.2 if storm else 0.08)
            if agency.group == "local"
            else 0.03
        )
        if rng.random() < p:
            rows.append(
                _payout(
                    day(),
                    "재난대응",
                    int(rng.integers(3, 12)),
                    int(rng.uniform(2, 6) * 100) * 10_000,
                    "집중호우 피해 복구, 현장 대응 공무원 보상" if storm else "재난 현장 대응 유공",
                )
            )
        if rng.random() < 0.05:
            rows.append(
                _payout(
                    day(),
                    "민원대응",
                    int(rng.integers(2, 10)),
                    int(rng.uniform(1, 4) * 100) * 10_000,
                    "악성·고충 민원 대응 공무원 보상",
                )
            )
    if rng.random() < (0.03 if agency.code != "1741000" or month.month != 12 else 1.0):
        rows.append(
            _payout(
                day(),
                "제안",
                int(rng.integers(1, 4)),
                int(rng.uniform(0.3, 2) * 100) * 10_000,
                '공무원 제안 채택 ("현장 불합리 관행 개선")',
            )
        )
    return sorted(rows, key=lambda r: r[0])


def _rewards(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    rows = _reward_rows(ctx, agency, month, rng)
    yyyymm = f"{month.year}{month.month:02d}"
    return {
        "payout_id": [f"P{yyyymm}-{i:03d}" for i in range(1, len(rows) + 1)],
        "agency_code": [agency.code] * len(rows),
        "paid_on": [r[0] for r in rows],
        "reward_type": [r[1] for r in rows],
        "recipients": [r[2] for r in rows],
        "amount_krw": [r[3] for r in rows],
        "reason": [r[4] for r in rows],
    }
