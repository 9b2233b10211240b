-- one row per KPI × agency note for the month $period (the agencies' own words in their KPI progress files,
-- from the active submissions in the snapshot), for every agency ($agency null) or one agency
with

progress as (
    select * from src_kpi_progress
),

agencies as (
    select * from ref_agencies
),

final as (
    select
        cast(p.kpi_code as varchar) as kpi_code,
        cast(p.agency_code as varchar) as agency_code,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(p.period as date) as period,
        cast(p.value as double) as value,
        cast(p.note as varchar) as note
    from progress as p
    left join agencies as a on a.agency_code = p.agency_code
    where p.period = cast($period as date)
        and p.note is not null
        and trim(p.note) <> ''
        and (cast($agency as varchar) is null or p.agency_code = cast($agency as varchar))
)

select * from final order by kpi_code, agency_code
