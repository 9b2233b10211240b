-- one row per KPI × month between $from and $to, for one time window ($window): the KPI's value, target,
-- achievement (bounded, judged), achievement_raw (the plain ratio) and status, nationally ($agency null) or
-- for one agency ($agency = its code, only the KPIs it is expected to report), with the catalog names, unit
-- and order from the snapshot
with

kpis as (
    select * from ref_kpis
),

tasks as (
    select * from ref_tasks
),

strategies as (
    select * from ref_strategies
),

-- an agency's row shows the target only where the KPI judges agencies: for a national total (a count, a sum
-- of money) the national target says nothing about one agency's share
figures as (
    select
        f.code as kpi_code, f.period, f.value,
        case when f.agency_code = 'ALL' or k.judge_agencies then f.target end as target,
        f.achievement, f.achievement_raw, f.status, f.agencies_reported, f.agencies_expected
    from mart_scores as f
    inner join kpis as k on k.kpi_code = f.code
    where f.level = 'kpi'
        and f.agency_code = coalesce(cast($agency as varchar), 'ALL')
        and f.time_window = $window
        and f.period between cast($from as date) and cast($to as date)
),

final as (
    select
        k.kpi_code, k.task_code, t.strategy_code,
        k.name_ko, k.name_en, k.unit, k.direction, k.source, k.measure, k.judge_agencies,
        f.period, f.value, f.target, f.achievement, f.achievement_raw, f.status,
        f.agencies_reported, f.agencies_expected,
        s.sort_order as strategy_order,
        t.sort_order as task_order,
        k.sort_order as kpi_order
    from figures as f
    inner join kpis as k on k.kpi_code = f.kpi_code
    inner join tasks as t on t.task_code = k.task_code
    inner join strategies as s on s.strategy_code = t.strategy_code
)

select * from final order by strategy_order, task_order, kpi_order, period
