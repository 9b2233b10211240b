-- one row per agency note on a KPI of task $task for $month (from the agencies' monthly progress files:
-- sql/marts/mart_kpi_notes.sql)
with

final as (
    select kpi_code, agency_code, agency_name_ko, agency_name_en, value, note
    from mart_kpi_notes
    where task_code = $task and period = $month and agency_name_ko is not null
)

select * from final order by kpi_code, agency_name_ko
