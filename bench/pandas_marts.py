"""The usual alternative: the complaint marts as a data team would write them in pandas.

Reads the same Parquet files the build reads and computes, for the same four grouping sets as the month
rows of mart_complaint_windows (agency × month × type, agency × month, month × type, month), the same counts
and the median and p90 of resolution days (linear interpolation, as DuckDB's quantile_cont). Like the floor query it
leaves out the working-time deadline (on-time), which needs the working-day calendar.
"""

from __future__ import annotations

import pandas as pd

STATUS_COLUMNS = {"처리완료": "resolved", "처리중": "pending", "이송": "transferred", "취하": "withdrawn"}
GROUPINGS = (
    ["agency_code", "period", "complaint_type"],
    ["agency_code", "period"],
    ["period", "complaint_type"],
    ["period"],
)


def load(paths: list[str]) -> pd.DataFrame:
    frames = [
        pd.read_parquet(p, columns=["agency_code", "complaint_type", "channel", "received_at", "resolved_at", "status"])
        for p in paths
    ]
    df = pd.concat(frames, ignore_index=True)
    df["period"] = df["received_at"].dt.to_period("M").dt.to_timestamp().dt.date
    done = df["status"] == "처리완료"
    df["days"] = ((df["resolved_at"] - df["received_at"]).dt.total_seconds() / 86400.0).where(done)
    for status, column in STATUS_COLUMNS.items():
        df[column] = (df["status"] == status).astype("int64")
    df["outreach"] = (df["channel"] == "찾아가는민원").astype("int64")
    return df


def complaint_marts(paths: list[str]) -> pd.DataFrame:
    df = load(paths)
    parts = []
    for keys in GROUPINGS:
        grouped = df.groupby(keys, sort=False)
        part = grouped[["resolved", "pending", "transferred", "withdrawn", "outreach"]].sum()
        part.insert(0, "received", grouped.size())
        part["median_days"] = grouped["days"].quantile(0.5)
        part["p90_days"] = grouped["days"].quantile(0.9)
        part = part.reset_index()
        for key in ("agency_code", "complaint_type"):
            if key not in keys:
                part[key] = "ALL"
        parts.append(part)
    columns = [
        "agency_code",
        "period",
        "complaint_type",
        "received",
        *STATUS_COLUMNS.values(),
        "outreach",
        "median_days",
        "p90_days",
    ]
    return pd.concat(parts, ignore_index=True)[columns]
