"""The catalog (data/catalog/*.yaml) loaded into typed, validated models.

A broken catalog stops with CatalogError naming the file, the entry and the field, so that the
secretariat can fix a target or a threshold without reading Python.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from metrics.settings import get_settings

Direction = Literal["up", "down"]
Source = Literal["complaints", "participation", "meetings", "rewards", "kpi_progress"]
Aggregation = Literal["records", "sum", "mean", "weighted_mean", "max", "share_flag", "count_flag"]
Formula = Literal["ratio", "inverse_ratio", "two_minus"]

# Measures computed from records, by source; sql/marts/int_kpi_measures.sql implements each one.
COMPUTED_MEASURES: dict[str, set[str]] = {
    "participation": {"proposals_received", "participants", "adoption_rate"},
    "complaints": {"median_days", "p90_days", "on_time_rate", "complaint_count"},
    "meetings": {"person_hours_reduction", "mean_duration_min"},
    "rewards": {"amount_krw", "recipients"},
    "kpi_progress": {"reported"},
}
# Columns a KPI filter may name, by source (a fixed list: they become SQL identifiers).
FILTER_COLUMNS: dict[str, set[str]] = {
    "complaints": {"channel", "complaint_type", "status"},
    "rewards": {"reward_type"},
    "meetings": {"meeting_type"},
    "participation": {"platform"},
}


class CatalogError(ValueError):
    """A catalog file that cannot be used; the message names file, entry and field.

    `detail` is the finding itself; the message puts a Korean lead before it, since the secretariat
    that edits the catalog reads Korean first."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "카탈로그 오류: 다음 파일의 항목과 필드를 고친 뒤 다시 실행하십시오 "
            f"(catalog error: correct the entry and field named here, then run again): {detail}"
        )
        self.detail = detail


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Task(_Strict):
    code: str = Field(pattern=r"^S\d-T\d$")
    name_ko: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)
    # 주관 부처: the owning ministry's 7-digit agency code (data/reference/agencies.csv); checked against the
    # agencies file on load (_check_owners), since a code of the right shape can still name no agency
    owner: str = Field(pattern=r"^\d{7}$")
    strategy: str = ""


class Strategy(_Strict):
    code: str = Field(pattern=r"^S\d$")
    name_ko: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)
    tasks: list[Task]


class Kpi(_Strict):
    code: str = Field(pattern=r"^S\d-T\d-K\d+$")
    task: str
    name_ko: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    direction: Direction
    source: Source
    measure: str
    filter: dict[str, list[str]] = Field(default_factory=dict)
    aggregation: Aggregation
    cumulative: bool
    achievement_formula: Formula | None = None
    baseline: float
    baseline_year: int | None = None
    baseline_note: str = ""
    targets: dict[int, float]
    monthly_profile: list[float] | None = None
    value_range: tuple[float | None, float | None] | None = None
    reporters: Literal["all", "central", "local"] | list[str] = "all"
    judge_agencies: bool = False
    max_age_months: int = Field(default=0, ge=0, le=12)
    weight: float = Field(default=1.0, gt=0)

    @field_validator("monthly_profile")
    @classmethod
    def _twelve_weights(cls, v: list[float] | None) -> list[float] | None:
        if v is not None and (len(v) != 12 or any(w < 0 for w in v) or sum(v) <= 0):
            raise ValueError("monthly_profile needs 12 non-negative weights with a positive sum")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Kpi:
        if not self.code.startswith(self.task + "-"):
            raise ValueError(f"code {self.code} does not belong to task {self.task}")
        if self.measure not in COMPUTED_MEASURES[self.source]:
            allowed = ", ".join(sorted(COMPUTED_MEASURES[self.source]))
            raise ValueError(f"measure '{self.measure}' is not one of source {self.source}'s: {allowed}")
        if (self.source == "kpi_progress") != (self.aggregation != "records"):
            raise ValueError("aggregation 'records' is for computed sources; kpi_progress needs another")
        for col in self.filter:
            if col not in FILTER_COLUMNS.get(self.source, set()):
                raise ValueError(f"filter column '{col}' is not allowed for source {self.source}")
        if not self.targets:
            raise ValueError("targets needs at least one year")
        return self

    @property
    def formula(self) -> Formula:
        return self.achievement_formula or ("ratio" if self.direction == "up" else "inverse_ratio")


class CatalogSettings(_Strict):
    version: str
    baseline_year: int
    target_year: int
    due_day: int = Field(ge=1, le=28)
    status_thresholds: dict[Literal["on_track", "watch"], float]
    rollup_cap: float = Field(gt=0)
    complaints: ComplaintRules

    @model_validator(mode="after")
    def _ordered(self) -> CatalogSettings:
        t = self.status_thresholds
        if set(t) != {"on_track", "watch"} or t["watch"] > t["on_track"]:
            raise ValueError("status_thresholds needs on_track and watch, with watch <= on_track")
        return self


class ComplaintRules(_Strict):
    default_deadline_days: dict[str, int]
    hour_based_max_days: int = Field(ge=0)
    immediate_hours: float = Field(gt=0)
    working_day: list[tuple[str, str]]


CatalogSettings.model_rebuild()


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True)
    settings: CatalogSettings
    strategies: list[Strategy]
    kpis: list[Kpi]
    digest: str  # SHA-256 of the catalog files: ties every snapshot and report to one catalog

    @cached_property
    def tasks(self) -> list[Task]:
        return [t.model_copy(update={"strategy": s.code}) for s in self.strategies for t in s.tasks]

    def kpi(self, code: str) -> Kpi:
        for k in self.kpis:
            if k.code == code:
                return k
        raise KeyError(code)

    def kpis_of(self, source: str) -> list[Kpi]:
        return [k for k in self.kpis if k.source == source]


FILES = ("settings.yaml", "strategies.yaml", "kpis.yaml")


def _read_yaml(path: Path) -> dict:
    if not path.exists():
        raise CatalogError(f"{path}: file is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: not valid YAML in UTF-8: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: expected a mapping at the top level")
    return data


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        found = err.get("input")
        # Quote what was written when it is a single value; a missing field's "input" is the whole entry.
        shown = f" (found {found!r})" if isinstance(found, str | int | float | bool) else ""
        parts.append(f"field '{loc}': {err['msg']}{shown}")
    return "; ".join(parts)


def _parse(model: type[BaseModel], data: object, path: Path, entry: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(f"{path}: entry {entry}: {_describe(exc)}") from None


def _entry_name(item: object, index: int) -> str:
    code = item.get("code") if isinstance(item, dict) else None
    return f"'{code}'" if code else f"#{index + 1}"


def load_catalog(directory: Path | None = None, reference_dir: Path | None = None) -> Catalog:
    """Load and cross-check the catalog (task owners against the agencies of `reference_dir`, by default the
    configured one); raise CatalogError naming file, entry and field."""
    directory = directory or get_settings().catalog_dir
    raw = {name: _read_yaml(directory / name) for name in FILES}
    digest = hashlib.sha256(b"".join((directory / n).read_bytes() for n in FILES)).hexdigest()

    settings = _parse(CatalogSettings, raw["settings.yaml"], directory / "settings.yaml", "settings")
    strategies = [
        _parse(Strategy, item, directory / "strategies.yaml", _entry_name(item, i))
        for i, item in enumerate(raw["strategies.yaml"].get("strategies") or [])
    ]
    kpis = [
        _parse(Kpi, item, directory / "kpis.yaml", _entry_name(item, i))
        for i, item in enumerate(raw["kpis.yaml"].get("kpis") or [])
    ]
    catalog = Catalog(settings=settings, strategies=strategies, kpis=kpis, digest=digest)  # type: ignore[arg-type]
    _cross_check(catalog, directory)
    _check_owners(catalog, directory, reference_dir or get_settings().reference_dir)
    return catalog


def _check_owners(catalog: Catalog, directory: Path, reference_dir: Path) -> None:
    from metrics.reference import load_agencies  # the reference loader reads settings, as this module does

    known = set(load_agencies(reference_dir)["agency_code"].to_list())
    for t in catalog.tasks:
        if t.owner not in known:
            raise CatalogError(
                f"{directory / 'strategies.yaml'}: entry '{t.code}': field 'owner': '{t.owner}' is not an agency "
                f"code of {reference_dir / 'agencies.csv'} (주관 부처 코드가 기관 목록에 없습니다)"
            )


def _cross_check(catalog: Catalog, directory: Path) -> None:
    kpi_file = directory / "kpis.yaml"
    _unique([s.code for s in catalog.strategies], directory / "strategies.yaml", "strategy")
    _unique([t.code for t in catalog.tasks], directory / "strategies.yaml", "task")
    _unique([k.code for k in catalog.kpis], kpi_file, "KPI")
    tasks = {t.code for t in catalog.tasks}
    for k in catalog.kpis:
        if k.task not in tasks:
            raise CatalogError(f"{kpi_file}: entry '{k.code}': field 'task': unknown task '{k.task}'")
        if catalog.settings.target_year not in k.targets:
            raise CatalogError(
                f"{kpi_file}: entry '{k.code}': field 'targets': no target for the target year "
                f"{catalog.settings.target_year}"
            )
    for t in catalog.tasks:
        if not any(k.task == t.code for k in catalog.kpis):
            raise CatalogError(f"{kpi_file}: task '{t.code}' has no KPI")


def _unique(codes: list[str], path: Path, what: str) -> None:
    seen: set[str] = set()
    for c in codes:
        if c in seen:
            raise CatalogError(f"{path}: {what} '{c}' appears twice: field 'code' must be unique")
        seen.add(c)
