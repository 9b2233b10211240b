-- one row per agency of $group × task with at least one KPI judged per agency, for $month in $window:
-- the agency's task score, by the national roll-up rule applied to the agency's own KPI achievements
-- (weighted_mean by ref_kpis.weight of the KPI achievements, each bounded to [0, rollup_cap] in int_kpi_status,
-- over the KPIs with an achievement).
-- kpis_judged = the task's KPIs judged per agency that this agency reports; kpis_counted = those with an
-- achievement this month. status by the KPI thresholds (achievement_status; 'no_data' when none has an
-- achievement). bounded_kpis lists the task's KPIs whose raw achievement lay outside [0, rollup_cap]
-- (kpi_code, achievement_raw, achievement), for the heatmap's hover text.
with

agencies as (
    select * from ref_agencies where $group = 'all' or agency_group = $group
),

children as (
    select
        v.agency_code,
        k.task_code,
        v.kpi_code,
        k.weight,
        v.achievement,
        v.achievement_raw
    from mart_kpi_agency_month as v
    join ref_kpis as k using (kpi_code)
    where v.period = $month and v.time_window = $window and v.agency_code <> 'ALL' and k.judge_agencies
),

scored as (
    select
        agency_code,
        task_code,
        count(*) as kpis_judged,
        count(achievement) as kpis_counted,
        weighted_mean(weight, achievement, kpi_code) as achievement,
        list(
            {'kpi_code': kpi_code, 'achievement_raw': achievement_raw, 'achievement': achievement}
            order by kpi_code
        ) filter (where achievement_raw <> achievement) as bounded_kpis
    from children
    group by agency_code, task_code
),

final as (
    select
        sc.agency_code,
        a.name_ko,
        a.name_en,
        a.agency_group,
        sc.task_code,
        cast(sc.achievement as double) as achievement,
        coalesce(achievement_status(sc.achievement), 'no_data') as status,
        cast(sc.kpis_judged as integer) as kpis_judged,
        cast(sc.kpis_counted as integer) as kpis_counted,
        sc.bounded_kpis
    from scored as sc
    join agencies as a using (agency_code)
)

select * from final order by agency_group, name_ko, task_code
