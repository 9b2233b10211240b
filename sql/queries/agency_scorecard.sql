-- one row per KPI that agency $agency reports in $month ($window), in catalog order: its figure judged by
-- agency_kpi_figures (basis 'target': value against the target, achievement (bounded) and achievement_raw,
-- status; 'share': value and its share of the national figure, no target; 'value': the value alone), with
-- the KPI's names, unit and direction
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
        -- the figure as agency_kpi_figures judges it
        v.basis, v.value, v.national_value, v.share_of_national, v.target, v.achievement, v.achievement_raw,
        v.status, v.has_data, v.data_period
    from agency_kpi_figures($month, $window) as v
    join kpis as k using (kpi_code)
    where v.agency_code = $agency
    order by k.strategy_order, k.task_order, k.sort_order, v.kpi_code
)

select * from final
