-- one row per agency note on a KPI of task $task for $month (from the agencies' monthly progress files)
select
    p.kpi_code,
    p.agency_code,
    a.name_ko as agency_name_ko,
    a.name_en as agency_name_en,
    p.value,
    p.note
from stg_kpi_progress as p
join ref_kpis as k using (kpi_code)
join ref_agencies as a using (agency_code)
join stg_submissions as s on s.submission_id = p.submission_id and s.is_active
where k.task_code = $task and p.period = $month and coalesce(trim(p.note), '') <> ''
order by p.kpi_code, a.name_ko
