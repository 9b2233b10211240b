-- one row per KPI that agency $agency reports in $month ($window): its value, target, achievement (bounded)
-- and achievement_raw, status (achievement only for KPIs judged per agency), with the KPI's names, unit and
-- direction, in catalog order
with

kpis as (
    select k.*, t.sort_order as task_order, s.sort_order as strategy_order
    from ref_kpis as k
    join ref_tasks as t using (task_code)
    join ref_strategies as s using (strategy_code)
),

final as (
    select
        v.kpi_code,
        k.task_code,
        k.name_ko,
        k.name_en,
        k.unit,
        k.direction,
        k.judge_agencies,
        v.value,
        v.target,
        v.achievement,
        v.achievement_raw,
        v.status,
        v.has_data,
        v.data_period
    from mart_kpi_agency_month as v
    join kpis as k using (kpi_code)
    where v.agency_code = $agency and v.period = $month and v.time_window = $window
    order by k.strategy_order, k.task_order, k.sort_order
)

select * from final
