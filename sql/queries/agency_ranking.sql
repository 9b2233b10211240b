-- one row per agency of $group that reports a KPI judged per agency, for $month in $window: its score, KPIs
-- counted, status and rank within its group (중앙 / 광역) among agencies with a score, as mart_agency_scores
-- holds them (the judged KPI achievements rolled up straight to the agency)
select
    s.agency_code,
    a.name_ko,
    a.name_en,
    a.agency_group,
    s.score,
    s.status,
    s.kpis_judged,
    s.kpis_counted,
    s.group_rank
from mart_agency_scores as s
inner join ref_agencies as a using (agency_code)
where s.period = $month and s.time_window = $window and ($group = 'all' or a.agency_group = $group)
order by a.agency_group, s.group_rank nulls last, a.name_ko
