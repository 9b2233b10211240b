"""The floor: what the machine allows, with no framework in the way.

- `complaint_marts`: one hand-written DuckDB query over the same Parquet the build reads, computing the
  complaint statistics of the month rows of mart_complaint_windows (counts by status and channel, median and
  p90 days) for every agency × month × type grouping set. It leaves out the working-time deadline (on-time)
  that the build also computes, so it is a lower bound of that work.
- `read_csv`: DuckDB's own reader loading the same CSV an agency submits into a table.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from metrics.snapshot import OFFLINE_CONFIG

COMPLAINT_MARTS = """
select
    coalesce(agency_code, 'ALL') as agency_code,
    period,
    coalesce(complaint_type, 'ALL') as complaint_type,
    count(*) as received,
    count(*) filter (where status = '처리완료') as resolved,
    count(*) filter (where status = '처리중') as pending,
    count(*) filter (where status = '이송') as transferred,
    count(*) filter (where status = '취하') as withdrawn,
    count(*) filter (where channel = '찾아가는민원') as outreach,
    quantile_cont(days, 0.5) as median_days,
    quantile_cont(days, 0.9) as p90_days
from (
    select
        agency_code, complaint_type, channel, status,
        cast(date_trunc('month', received_at) as date) as period,
        case when status = '처리완료' then (epoch_us(resolved_at) - epoch_us(received_at)) / 86400000000.0 end as days
    from read_parquet($paths)
)
group by grouping sets (
    (agency_code, period, complaint_type), (agency_code, period), (period, complaint_type), (period)
)
"""


def complaint_marts(paths: list[str]) -> list[tuple]:
    con = duckdb.connect(config=dict(OFFLINE_CONFIG))
    try:
        return con.execute(COMPLAINT_MARTS, {"paths": paths}).fetchall()
    finally:
        con.close()


def read_csv(path: Path) -> int:
    con = duckdb.connect(config=dict(OFFLINE_CONFIG))
    try:
        con.execute("create table t as select * from read_csv($p, header = true)", {"p": str(path)})
        return con.sql("select count(*) from t").fetchall()[0][0]
    finally:
        con.close()
