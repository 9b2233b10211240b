-- one row per KPI × agency comment for the month $period (the latest comment of each, verbatim, as copied
-- into the snapshot at build time), with the KPI's and agency's names in catalog order, for every agency
-- ($agency null) or one agency
select
    c.kpi_code,
    k.name_ko as kpi_name_ko,
    k.name_en as kpi_name_en,
    c.agency_code,
    a.name_ko as agency_name_ko,
    a.name_en as agency_name_en,
    c.period, c.text, c.author, c.created_at
from ref_kpi_comments as c
inner join ref_kpis as k on k.kpi_code = c.kpi_code
inner join ref_tasks as t on t.task_code = k.task_code
left join ref_agencies as a on a.agency_code = c.agency_code
where c.period = cast($period as date)
    and (cast($agency as varchar) is null or c.agency_code = cast($agency as varchar))
order by t.sort_order, k.sort_order, c.agency_code
