-- one row per KPI × agency note for the month $period (the agencies' own words in their KPI progress files,
-- from the active submissions in the snapshot: sql/marts/mart_kpi_notes.sql), for every agency ($agency
-- null) or one agency
with

final as (
    select kpi_code, agency_code, agency_name_ko, agency_name_en, period, value, note
    from mart_kpi_notes
    where period = cast($period as date) and (cast($agency as varchar) is null or agency_code = cast($agency as varchar))
)

select * from final order by kpi_code, agency_code
