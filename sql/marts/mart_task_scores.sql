-- key: task_code, period, time_window
-- one row per task × month in scope × time window: the roll-up (score_rollup: weighted_mean by ref_kpis.weight)
-- of its KPIs' national achievements, each already bounded to [0, rollup_cap] (int_kpi_status), over the KPIs
-- that have an achievement.
-- children_total = KPIs of the task; children_counted = those with an achievement. Status by score_status:
-- the KPI thresholds; 'no_data' when no KPI has an achievement; achievement and status null when no KPI of
-- the task has a target for the year.
with

windows as (
    select distinct period, time_window from int_period_windows
),

children as (
    select
        'ALL' as agency_code,
        t.task_code as parent_code,
        w.period,
        w.time_window,
        k.kpi_code as child_code,
        k.weight,
        n.target_annual is not null as has_target,
        n.achievement
    from ref_tasks as t
    cross join windows as w
    left join ref_kpis as k on k.task_code = t.task_code
    left join mart_kpi_national_month as n
        on n.kpi_code = k.kpi_code and n.period = w.period and n.time_window = w.time_window
),

final as (
    select
        cast(r.parent_code as varchar) as task_code,
        cast(t.strategy_code as varchar) as strategy_code,
        cast(r.period as date) as period,
        cast(r.time_window as varchar) as time_window,
        cast(r.achievement as double) as achievement,
        cast(score_status(r.has_target, r.achievement, null) as varchar) as status,
        cast(r.children_total as integer) as children_total,
        cast(r.children_counted as integer) as children_counted
    from score_rollup('children') as r
    inner join ref_tasks as t on t.task_code = r.parent_code
)

select * from final
