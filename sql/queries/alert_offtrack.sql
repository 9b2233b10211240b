-- one row per task or KPI that turned 미흡 (off_track) between two published snapshots: the national figure of
-- $month in the month view is off_track in this snapshot and was not off_track (another status, no figure,
-- or no row) for the same month in the snapshot compared against, attached as `prev` (etl/notify.py).
-- $month is this snapshot's reporting month (metrics.queries.reporting_month).
with

kpis_now as (
    select kpi_code as code, status from mart_kpi_national_month where time_window = 'month' and period = $month
),

kpis_before as (
    select kpi_code as code, status from prev.mart_kpi_national_month
    where time_window = 'month' and period = $month
),

tasks_now as (
    select task_code as code, status from mart_task_scores where time_window = 'month' and period = $month
),

tasks_before as (
    select task_code as code, status from prev.mart_task_scores where time_window = 'month' and period = $month
),

turned as (
    select 'kpi' as scope, n.code
    from kpis_now as n
    left join kpis_before as b on b.code = n.code
    where n.status = 'off_track' and b.status is distinct from 'off_track'
    union all
    select 'task' as scope, n.code
    from tasks_now as n
    left join tasks_before as b on b.code = n.code
    where n.status = 'off_track' and b.status is distinct from 'off_track'
),

final as (
    select
        cast(t.scope as varchar) as scope,
        cast(t.code as varchar) as code,
        cast(coalesce(k.task_code, t.code) as varchar) as task_code,
        cast(coalesce(k.name_ko, tk.name_ko) as varchar) as name_ko,
        cast(coalesce(k.name_en, tk.name_en) as varchar) as name_en,
        cast($month as date) as period
    from turned as t
    left join ref_kpis as k on t.scope = 'kpi' and k.kpi_code = t.code
    left join ref_tasks as tk on t.scope = 'task' and tk.task_code = t.code
)

select * from final order by scope, code
