-- one row per KPI × agency for the month $period and time window $window: each expected agency's own value,
-- the KPI target, and achievement and status where the KPI judges agencies (mart_kpi_agency_month), with
-- names and catalog order, for every agency ($agency null) or one agency
with

figures as (
    select * from mart_kpi_agency_month
),

kpis as (
    select * from ref_kpis
),

tasks as (
    select * from ref_tasks
),

agencies as (
    select * from ref_agencies
),

final as (
    select
        cast(f.kpi_code as varchar) as kpi_code,
        cast(k.name_ko as varchar) as kpi_name_ko,
        cast(k.name_en as varchar) as kpi_name_en,
        cast(k.unit as varchar) as unit,
        cast(k.direction as varchar) as direction,
        cast(f.agency_code as varchar) as agency_code,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(f.period as date) as period,
        cast(f.value as double) as value,
        cast(f.target as double) as target,
        cast(f.achievement as double) as achievement,
        cast(f.achievement_raw as double) as achievement_raw,
        cast(f.status as varchar) as status,
        cast(f.has_data as boolean) as has_data
    from figures as f
    inner join kpis as k on k.kpi_code = f.kpi_code
    inner join tasks as t on t.task_code = k.task_code
    left join agencies as a on a.agency_code = f.agency_code
    where f.period = cast($period as date)
        and f.time_window = $window
        and (cast($agency as varchar) is null or f.agency_code = cast($agency as varchar))
    order by t.sort_order, k.sort_order, f.agency_code
)

select * from final
