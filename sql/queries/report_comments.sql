-- one row per KPI × agency comment for the month $period (the latest comment of each, verbatim, as copied
-- into the snapshot at build time), with the KPI's and agency's names in catalog order, for every agency
-- ($agency null) or one agency
with

remarks as (
    select * from ref_kpi_comments
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
        cast(c.kpi_code as varchar) as kpi_code,
        cast(k.name_ko as varchar) as kpi_name_ko,
        cast(k.name_en as varchar) as kpi_name_en,
        cast(c.agency_code as varchar) as agency_code,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(c.period as date) as period,
        cast(c.text as varchar) as text,
        cast(c.author as varchar) as author,
        cast(c.created_at as timestamp) as created_at
    from remarks as c
    inner join kpis as k on k.kpi_code = c.kpi_code
    inner join tasks as t on t.task_code = k.task_code
    left join agencies as a on a.agency_code = c.agency_code
    where c.period = cast($period as date)
        and (cast($agency as varchar) is null or c.agency_code = cast($agency as varchar))
    order by t.sort_order, k.sort_order, c.agency_code
)

select * from final
