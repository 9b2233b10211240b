-- key: kpi_code, agency_code, period
-- one row per KPI × agency × month with a note: the agencies' own words in their KPI progress files (active
-- submissions; a note of spaces only is no note), stored verbatim, with the KPI's task and the agency's
-- names. Read by the strategies page (sql/queries/kpi_notes.sql) and the reports (report_notes.sql).
with

progress as (
    select * from stg_kpi_progress where coalesce(trim(note), '') <> ''
),

final as (
    select
        cast(p.kpi_code as varchar) as kpi_code,
        cast(k.task_code as varchar) as task_code,
        cast(p.agency_code as varchar) as agency_code,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(p.period as date) as period,
        cast(p.value as double) as value,
        cast(p.note as varchar) as note
    from progress as p
    left join ref_kpis as k on k.kpi_code = p.kpi_code
    left join ref_agencies as a on a.agency_code = p.agency_code
)

select * from final
