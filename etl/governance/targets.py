"""Target and threshold changes by the administrator, with a reason, effective from the next build.

The catalog files stay as released; each change is a ledger row (and an audit entry), and the build applies
the changes in order over the catalog it loads (`effective_catalog`). The snapshot's catalog digest then
covers the changes too, and `changes_frame` gives the build a table to mark a target change on a KPI chart.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import datetime

import polars as pl
from sqlmodel import col, select

from etl.access.actors import Actor
from etl.governance import audit
from etl.governance.comments import known_kpi
from etl.ledger.tables import TargetChange, session
from metrics import clock
from metrics.catalog import Catalog, load_catalog

THRESHOLDS = ("on_track", "watch")


def _changes(store) -> list[TargetChange]:  # type: ignore[no-untyped-def]
    with session(store) as s:
        return list(s.exec(select(TargetChange).order_by(col(TargetChange.id))))


def apply_changes(catalog: Catalog, changes: list[TargetChange]) -> Catalog:
    """The catalog with the changes applied in order; its digest covers the changes."""
    if not changes:
        return catalog
    targets = {k.code: dict(k.targets) for k in catalog.kpis}
    thresholds = dict(catalog.settings.status_thresholds)
    for c in changes:
        if c.kind == "target" and c.kpi_code in targets:
            targets[c.kpi_code][int(c.name)] = c.new_value
        elif c.kind == "threshold":
            thresholds[c.name] = c.new_value  # type: ignore[index]
    kpis = [k.model_copy(update={"targets": targets[k.code]}) for k in catalog.kpis]
    settings = catalog.settings.model_copy(update={"status_thresholds": thresholds})
    listed = [[c.kind, c.kpi_code, c.name, c.new_value] for c in changes]
    digest = hashlib.sha256((catalog.digest + json.dumps(listed)).encode()).hexdigest()
    return Catalog(settings=settings, strategies=catalog.strategies, kpis=kpis, digest=digest)


def effective_catalog(store) -> Catalog:  # type: ignore[no-untyped-def]
    """The catalog files plus every recorded change: what the next build uses."""
    return apply_changes(load_catalog(store.settings.catalog_dir, store.settings.reference_dir), _changes(store))


def apply_to_store(store) -> None:  # type: ignore[no-untyped-def]
    """Make this store's catalog the effective one (called by the build before it reads the catalog)."""
    store.__dict__["catalog"] = effective_catalog(store)


def changes_frame(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """One row per change, for a KPI chart's target-change marker (naive UTC times)."""
    rows = [
        {
            "kind": c.kind,
            "kpi_code": c.kpi_code,
            "name": c.name,
            "old_value": c.old_value,
            "new_value": c.new_value,
            "reason": c.reason,
            "changed_by": c.changed_by,
            "changed_at": c.changed_at,
        }
        for c in _changes(store)
    ]
    schema = pl.Schema(
        [
            ("kind", pl.String()),
            ("kpi_code", pl.String()),
            ("name", pl.String()),
            ("old_value", pl.Float64()),
            ("new_value", pl.Float64()),
            ("reason", pl.String()),
            ("changed_by", pl.String()),
            ("changed_at", pl.Datetime("us")),
        ]
    )
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def _reason(reason: str) -> str:
    return audit.check_free_text(reason, "변경 사유", "reason for the change")


def _change(
    actor: Actor,
    old: float,
    value: float,
    reason: str,
    now: datetime | None,
    kind: str,
    name: str,
    kpi_code: str | None = None,
) -> TargetChange:
    """A target's or a threshold's change from `old` to `value`, with its reason (required)."""
    return TargetChange(
        kind=kind,
        kpi_code=kpi_code,
        name=name,
        old_value=float(old),
        new_value=float(value),
        reason=_reason(reason),
        changed_by=actor.user_id,
        changed_at=now or clock.now_utc(),
    )


def _save(store, actor: Actor, change: TargetChange, target: str) -> TargetChange:  # type: ignore[no-untyped-def]
    with session(store) as s, s.begin():
        s.add(change)
        audit.record(
            s,
            actor,
            f"{change.kind}.changed",
            target,
            {"value": change.old_value},
            {"value": change.new_value, "reason": change.reason, "effective": "next build"},
            now=change.changed_at,
        )
    return change


def _entered_value(value: float | None) -> float:
    """A new target as the administrator typed it: required (no 0 offered in its place) and a finite number."""
    if value is None:
        raise ValueError(
            "새 목표값을 입력하십시오. 기본값은 없습니다 (enter the new target value; there is no default)"
        )
    if not math.isfinite(float(value)):
        raise ValueError(f"목표값 '{value}'은(는) 숫자가 아닙니다 (the target value '{value}' is not a number)")
    return float(value)


def change_target(
    store,
    actor: Actor,
    kpi_code: str,
    year: int,
    value: float | None,
    reason: str,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> TargetChange:
    target = f"target:{kpi_code}/{year}"
    audit.require(store, actor, "change_targets", target, now=now)
    current = effective_catalog(store)
    kpi = known_kpi(current, kpi_code)
    s = current.settings
    if not s.baseline_year <= int(year) <= s.target_year:
        raise ValueError(
            f"목표 연도는 {s.baseline_year}~{s.target_year}이어야 합니다 "
            f"(the target year must be {s.baseline_year}-{s.target_year})"
        )
    value = _entered_value(value)
    old = kpi.targets.get(int(year), kpi.baseline)
    change = _change(actor, old, value, reason, now, "target", str(int(year)), kpi_code)
    return _save(store, actor, change, target)


def change_threshold(
    store,
    actor: Actor,
    name: str,
    value: float,
    reason: str,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> TargetChange:
    target = f"threshold:{name}"
    audit.require(store, actor, "change_targets", target, now=now)
    if name not in THRESHOLDS:
        raise ValueError(
            f"기준 이름은 {', '.join(THRESHOLDS)} 중 하나입니다 (threshold must be one of on_track, watch)"
        )
    thresholds = dict(effective_catalog(store).settings.status_thresholds)
    old = thresholds[name]  # type: ignore[index]
    thresholds[name] = float(value)  # type: ignore[index]
    if not 0 < value <= 200 or thresholds["watch"] > thresholds["on_track"]:
        raise ValueError(
            "기준(달성률 %)은 0보다 크고 200 이하이며 '주의(watch)' ≤ '정상(on_track)'이어야 합니다 "
            "(a threshold is an achievement % in (0, 200] and watch <= on_track)"
        )
    return _save(store, actor, _change(actor, old, value, reason, now, "threshold", name), target)


def list_changes(store) -> list[TargetChange]:  # type: ignore[no-untyped-def]
    return _changes(store)
