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

national as (
    select kpi_code, period, value, target, achievement, achievement_raw, status, agencies_reported, agencies_expected
    from mart_kpi_national_month
    where cast($agency as varchar) is null
        and time_window = $window
        and period between cast($from as date) and cast($to as date)
),

-- an agency's row shows the target only where the KPI judges agencies: for a national total (a count, a sum
-- of money) the national target says nothing about one agency's share
agency as (
    select
        a.kpi_code,
        a.period,
        a.value,
        case when k.judge_agencies then a.target end as target,
        a.achievement,
        a.achievement_raw,
        a.status,
        cast(a.has_data as integer) as agencies_reported,
        1 as agencies_expected
    from mart_kpi_agency_month as a
    inner join kpis as k on k.kpi_code = a.kpi_code
    where a.agency_code = cast($agency as varchar)
        and a.time_window = $window
        and a.period between cast($from as date) and cast($to as date)
),

figures as (
    select * from national
    union all
    select * from agency
),

final as (
    select
        cast(k.kpi_code as varchar) as kpi_code,
        cast(k.task_code as varchar) as task_code,
        cast(t.strategy_code as varchar) as strategy_code,
        cast(k.name_ko as varchar) as name_ko,
        cast(k.name_en as varchar) as name_en,
        cast(k.unit as varchar) as unit,
        cast(k.direction as varchar) as direction,
        cast(k.source as varchar) as source,
        cast(k.measure as varchar) as measure,
        cast(k.judge_agencies as boolean) as judge_agencies,
        cast(f.period as date) as period,
        cast(f.value as double) as value,
        cast(f.target as double) as target,
        cast(f.achievement as double) as achievement,
        cast(f.achievement_raw as double) as achievement_raw,
        cast(f.status as varchar) as status,
        cast(f.agencies_reported as integer) as agencies_reported,
        cast(f.agencies_expected as integer) as agencies_expected,
        cast(s.sort_order as integer) as strategy_order,
        cast(t.sort_order as integer) as task_order,
        cast(k.sort_order as integer) as kpi_order
    from figures as f
    inner join kpis as k on k.kpi_code = f.kpi_code
    inner join tasks as t on t.task_code = k.task_code
    inner join strategies as s on s.strategy_code = t.strategy_code
)

select * from final order by strategy_order, task_order, kpi_order, period
