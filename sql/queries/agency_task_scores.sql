-- one row per agency of $group × task with at least one KPI judged per agency, for $month in $window: the
-- agency's task score as mart_agency_task_scores rolls it up (the national roll-up rule applied to the
-- agency's own KPI achievements). kpis_judged = the task's KPIs judged per agency that this agency reports;
-- kpis_counted = those with an achievement this month; status = the mart's judged_status ('no_data' when none
-- has an achievement). bounded_kpis lists the task's KPIs whose raw achievement lay outside [0, rollup_cap]
-- (kpi_code, achievement_raw, achievement), for the heatmap's hover text.
select
    s.agency_code,
    a.name_ko,
    a.name_en,
    a.agency_group,
    s.task_code,
    s.achievement,
    s.judged_status as status,
    s.kpis_judged,
    s.children_counted as kpis_counted,
    s.bounded_kpis
from mart_agency_task_scores as s
inner join ref_agencies as a using (agency_code)
where s.period = $month and s.time_window = $window and s.kpis_judged > 0
    and ($group = 'all' or a.agency_group = $group)
order by a.agency_group, a.name_ko, s.task_code
