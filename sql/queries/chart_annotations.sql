-- one row per annotation on the trend charts of one scope ($scope 'all' with $code null: the overall trend; 'task'
-- with a task code; 'kpi' with a KPI code), oldest first. A chart shows:
--   event   the administrator's events (ref_annotations) of scope all, of its own task or KPI, and on a KPI's
--           chart those of the KPI's task
--   target  a target change of its KPI (KPI charts only); a threshold change on every chart (it changes
--           every status)
--   lock    a period lock on every chart, at the month it froze
-- `period` is the month the marker stands on; times are Korea time (ref_target_changes is UTC: +9 hours).
with

own_task as (
    select task_code from ref_kpis where $scope = 'kpi' and kpi_code = $code
),

events as (
    select
        'event' as kind, date as on_date, text, author, null as name,
        cast(null as double) as old_value, cast(null as double) as new_value
    from ref_annotations
    where
        scope = 'all'
        or (scope = $scope and scope_code = $code)
        or (scope = 'task' and scope_code in (select task_code from own_task))
),

changes as (
    select
        'target' as kind, cast(changed_at + interval 9 hour as date) as on_date, reason as text,
        changed_by as author, case when kind = 'target' then name else kind || ':' || name end as name,
        old_value, new_value
    from ref_target_changes
    where kind = 'threshold' or ($scope = 'kpi' and kpi_code = $code)
),

locks as (
    select
        'lock' as kind, cast(period as date) as on_date, reason as text, locked_by as author,
        strftime(period, '%Y-%m') as name, cast(null as double) as old_value, cast(null as double) as new_value
    from ref_period_locks
),

final as (
    select
        cast(kind as varchar) as kind,
        cast(on_date as date) as on_date,
        cast(date_trunc('month', on_date) as date) as period,
        cast(text as varchar) as text,
        cast(author as varchar) as author,
        cast(name as varchar) as name,
        cast(old_value as double) as old_value,
        cast(new_value as double) as new_value
    from (select * from events union all select * from changes union all select * from locks)
)

select * from final order by on_date, kind
