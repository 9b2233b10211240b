-- one row per code × month of one $level, up to $month in $window (oldest first): the last $months months
-- ($months null: every month). The trend charts and sparklines of every page read it.
--   'kpi'      each KPI's national figure (mart_kpi_national_month): value, target, achievement, status and
--              how many of the expected agencies reported; $code one KPI, or null for every KPI
--   'task'     each task's score (mart_task_scores): achievement and status; $code one task, or null
--   'overall'  the overall score (mart_overall_scores), code 'ALL'
with

scores as (
    select 'kpi' as level, kpi_code as code, period, time_window, value, target, achievement, status,
        agencies_reported, agencies_expected
    from mart_kpi_national_month
    union all by name
    select 'task' as level, task_code as code, period, time_window, achievement, status
    from mart_task_scores
    union all by name
    select 'overall' as level, 'ALL' as code, period, time_window, achievement, status
    from mart_overall_scores
)

select code, period, value, target, achievement, status, agencies_reported, agencies_expected
from scores
where level = $level
    and (cast($code as varchar) is null or code = cast($code as varchar))
    and time_window = $window
    and period <= $month
    and (cast($months as integer) is null or period > cast($month - to_months(cast($months as integer)) as date))
order by code, period
