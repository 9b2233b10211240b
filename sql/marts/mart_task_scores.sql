-- key: task_code, period, time_window
-- one row per task × month in scope × time window: the roll-up (score_rollup 'task': weighted_mean by
-- ref_kpis.weight) of its KPIs' national achievements, each already bounded to [0, rollup_cap]
-- (int_kpi_status), over the KPIs that have an achievement.
-- children_total = KPIs of the task; children_counted = those with an achievement. Status by score_status:
-- the KPI thresholds; 'no_data' when no KPI has an achievement; achievement and status null when no KPI of
-- the task has a target for the year.
with

kpi_scores as (
    select
        'ALL' as agency_code,
        kpi_code as code,
        period,
        time_window,
        target_annual is not null as has_target,
        achievement
    from mart_kpi_national_month
),

final as (
    select
        r.parent_code as task_code,
        cast(t.strategy_code as varchar) as strategy_code,
        r.* exclude (agency_code, parent_code)
    from score_rollup('task', 'kpi_scores', null) as r
    inner join ref_tasks as t on t.task_code = r.parent_code
)

select * from final
