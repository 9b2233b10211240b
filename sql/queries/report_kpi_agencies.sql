-- one row per KPI × agency for the month $period and time window $window: each expected agency's own value,
-- the KPI target, and achievement and status where the KPI judges agencies (mart_scores, the KPIs' agency
-- rows), with names and catalog order, for every agency ($agency null) or one agency
select
    f.code as kpi_code,
    k.name_ko as kpi_name_ko,
    k.name_en as kpi_name_en,
    k.unit,
    k.direction,
    f.agency_code,
    a.name_ko as agency_name_ko,
    a.name_en as agency_name_en,
    f.period,
    f.value, f.target, f.achievement, f.achievement_raw, f.status, f.has_data
from mart_scores as f
inner join ref_kpis as k on k.kpi_code = f.code
inner join ref_tasks as t using (task_code)
left join ref_agencies as a using (agency_code)
where f.level = 'kpi'
    and f.agency_code <> 'ALL'
    and f.period = cast($period as date)
    and f.time_window = $window
    and (cast($agency as varchar) is null or f.agency_code = cast($agency as varchar))
order by t.sort_order, k.sort_order, f.agency_code
