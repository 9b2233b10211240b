-- one row per KPI (catalog order): its definition and the national figure for $month in $window: value,
-- target, achievement (bounded, judged) and achievement_raw (the plain ratio), status, and how many of the expected agencies had data
with

kpis as (
    select k.*, t.strategy_code, t.sort_order as task_order, s.sort_order as strategy_order
    from ref_kpis as k
    join ref_tasks as t using (task_code)
    join ref_strategies as s using (strategy_code)
),

national as (
    select * from mart_kpi_national_month where period = $month and time_window = $window
),

final as (
    select
        k.kpi_code,
        k.task_code,
        k.strategy_code,
        k.name_ko,
        k.name_en,
        k.unit,
        k.direction,
        k.source,
        k.cumulative,
        n.value,
        n.target,
        n.target_annual,
        n.achievement,
        n.achievement_raw,
        n.status,
        n.agencies_reported,
        n.agencies_expected,
        n.data_period
    from kpis as k
    left join national as n using (kpi_code)
    order by k.strategy_order, k.task_order, k.sort_order
)

select * from final
