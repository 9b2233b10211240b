"""The five upload datasets, column by column, exactly as ../shared/domain/datasets.md states them.

This module is the single description of what agencies send: the reader maps headers with it, the
validator checks its rules, the demo writes files from it, the templates are generated from it, and the
normalised Parquet in the archive has exactly the columns and types listed here (in this order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["text", "agency", "enum", "datetime", "date", "month", "int", "number", "yn"]


@dataclass(frozen=True)
class Column:
    name: str  # English name, also the Parquet column
    header_ko: str  # Korean header as agencies write it
    kind: Kind
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_len: int | None = None
    unique: bool = False  # unique within the file
    description_ko: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Dataset:
    name: str
    title_ko: str
    title_en: str
    grain_ko: str
    columns: tuple[Column, ...]
    # The column whose date/month must fall in the file's 기준월.
    period_column: str
    key: tuple[str, ...] = field(default=())
    # A header-only file is a valid "nothing this month" (a month without payouts); elsewhere an error.
    allow_empty: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


COMPLAINT_TYPES = ("고충", "건의", "질의", "법정", "기타")
CHANNELS = ("온라인", "방문", "전화", "우편", "찾아가는민원")
COMPLAINT_STATUSES = ("처리완료", "처리중", "이송", "취하")
PLATFORMS = ("국민참여플랫폼", "국민신문고제안", "청원24", "오프라인")
MEETING_TYPES = ("정례", "수시", "보고", "행사")
REWARD_TYPES = ("특별성과", "재난대응", "민원대응", "제안")
REWARD_CAP_PER_RECIPIENT_KRW = 30_000_000

_AGENCY = Column(
    "agency_code",
    "기관코드",
    "agency",
    description_ko="행정표준코드 기관코드 7자리",
    description_en="7-character agency code",
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "complaints",
            "민원 처리 내역",
            "Complaints handled",
            "민원 1건당 1행",
            (
                Column("complaint_id", "민원번호", "text", unique=True, max_len=100),
                _AGENCY,
                Column("complaint_type", "민원유형", "enum", choices=COMPLAINT_TYPES),
                Column("channel", "접수경로", "enum", choices=CHANNELS),
                Column("received_at", "접수일시", "datetime"),
                Column("resolved_at", "처리일시", "datetime", required=False),
                Column("deadline_days", "처리기한일수", "int", required=False, minimum=0, maximum=365),
                Column("status", "처리상태", "enum", choices=COMPLAINT_STATUSES),
            ),
            period_column="received_at",
            key=("complaint_id",),
        ),
        Dataset(
            "participation",
            "국민참여 실적",
            "Citizen participation",
            "참여플랫폼·월당 1행",
            (
                _AGENCY,
                Column("period", "기준월", "month"),
                Column("platform", "참여플랫폼", "enum", choices=PLATFORMS, unique=True),
                Column("proposals_received", "의견제안접수", "int", minimum=0),
                Column("participants", "참여자수", "int", minimum=0),
                Column("proposals_reviewed", "검토완료", "int", minimum=0),
                Column("proposals_adopted", "정책반영", "int", minimum=0),
            ),
            period_column="period",
            key=("platform",),
        ),
        Dataset(
            "meetings",
            "회의 운영 내역",
            "Meetings held",
            "회의 1건당 1행",
            (
                Column("meeting_id", "회의번호", "text", unique=True, max_len=100),
                _AGENCY,
                Column("held_on", "회의일자", "date"),
                Column("meeting_type", "회의구분", "enum", choices=MEETING_TYPES),
                Column("duration_min", "소요시간분", "int", minimum=1, maximum=720),
                Column("attendees", "참석인원", "int", minimum=1, maximum=1000),
                Column("remote", "비대면여부", "yn", required=False),
            ),
            period_column="held_on",
            key=("meeting_id",),
        ),
        Dataset(
            "rewards",
            "포상금 지급 내역",
            "Reward payouts",
            "지급 1건당 1행",
            (
                Column("payout_id", "지급번호", "text", unique=True, max_len=100),
                _AGENCY,
                Column("paid_on", "지급일자", "date"),
                Column("reward_type", "포상구분", "enum", choices=REWARD_TYPES),
                Column("recipients", "수령인원", "int", minimum=1),
                Column("amount_krw", "지급액", "int", minimum=1),
                Column("reason", "지급사유", "text", required=False, max_len=500),
            ),
            period_column="paid_on",
            key=("payout_id",),
            allow_empty=True,
        ),
        Dataset(
            "kpi_progress",
            "성과지표 실적",
            "KPI progress",
            "기관이 보고하는 지표 1개당 1행",
            (
                _AGENCY,
                Column("period", "기준월", "month"),
                Column("kpi_code", "지표코드", "text", unique=True, max_len=20),
                Column("value", "실적값", "number"),
                Column("note", "비고", "text", required=False, max_len=1000),
            ),
            period_column="period",
            key=("kpi_code",),
        ),
    )
}

DATASET_NAMES = tuple(DATASETS)


def polars_schema(dataset_name: str) -> dict[str, Any]:
    """The normalised Parquet schema of a dataset: column → polars type, in contract order."""
    import polars as pl

    types = {
        "text": pl.String,
        "agency": pl.String,
        "enum": pl.String,
        "datetime": pl.Datetime("us"),
        "date": pl.Date,
        "month": pl.Date,
        "int": pl.Int64,
        "number": pl.Float64,
        "yn": pl.Boolean,
    }
    return {c.name: types[c.kind] for c in DATASETS[dataset_name].columns}
