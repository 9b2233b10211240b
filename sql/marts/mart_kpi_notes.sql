-- key: kpi_code, agency_code, period
-- one row per KPI × agency × month with a note: the agencies' own words in their KPI progress files (active
-- submissions; a note of spaces only is no note), stored verbatim, with the KPI's task and the agency's
-- names. Read by the strategies page (sql/queries/kpi_notes.sql) and the reports (report_notes.sql).
with

progress as (
    select * from stg_kpi_progress where coalesce(trim(note), '') <> ''
),

final as (
    -- the columns keep the types of stg_kpi_progress, ref_kpis and ref_agencies
    select
        p.kpi_code, k.task_code, p.agency_code, a.name_ko as agency_name_ko, a.name_en as agency_name_en,
        p.period, p.value, p.note
    from progress as p
    left join ref_kpis as k on k.kpi_code = p.kpi_code
    left join ref_agencies as a on a.agency_code = p.agency_code
)

select * from final
