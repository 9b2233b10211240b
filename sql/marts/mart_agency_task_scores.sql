-- key: agency_code, task_code, period, time_window
-- one row per agency × task × month × time window in which the agency has KPI rows (mart_kpi_agency_month):
-- the agency's task score, by the national roll-up (score_rollup 'task': weighted_mean by ref_kpis.weight)
-- of the agency's own KPI achievements, each bounded to [0, rollup_cap] (int_kpi_status). Only a KPI that
-- judges agencies (judge_agencies) has an agency achievement.
--   children_total    the task's KPIs the agency has rows for; children_counted those with an achievement
--   status            score_status with 'na' (산정불가) when none of the task's KPIs is judged per agency
--                     with a target for the year: the reports' rule
--   kpis_judged       the task's KPIs judged per agency that the agency has rows for (the heatmap shows the
--                     tasks with one or more)
--   judged_status     the heatmap's rule (score_status with a target): the thresholds, or 'no_data' when no
--                     judged KPI has an achievement, a year without targets included
--   bounded_kpis      the judged KPIs whose raw achievement lay outside [0, rollup_cap] (kpi_code,
--                     achievement_raw, achievement), for the heatmap's hover text
with

kpi_rows as (
    select
        v.agency_code,
        v.kpi_code as code,
        v.period,
        v.time_window,
        k.judge_agencies and v.target is not null as has_target,
        v.achievement,
        v.achievement_raw,
        k.task_code,
        k.judge_agencies
    from mart_kpi_agency_month as v
    inner join ref_kpis as k using (kpi_code)
),

judged as (
    select
        agency_code,
        task_code,
        period,
        time_window,
        count(*) as kpis_judged,
        list(
            {'kpi_code': code, 'achievement_raw': achievement_raw, 'achievement': achievement} order by code
        ) filter (where achievement_raw <> achievement) as bounded_kpis
    from kpi_rows
    where judge_agencies
    group by agency_code, task_code, period, time_window
),

final as (
    select
        r.agency_code,
        r.parent_code as task_code,
        cast(t.strategy_code as varchar) as strategy_code,
        r.* exclude (agency_code, parent_code),
        cast(coalesce(j.kpis_judged, 0) as integer) as kpis_judged,
        cast(score_status(true, r.achievement, null) as varchar) as judged_status,
        j.bounded_kpis
    from score_rollup('task', 'kpi_rows', 'na') as r
    inner join ref_tasks as t on t.task_code = r.parent_code
    left join judged as j
        on j.agency_code = r.agency_code
        and j.task_code = r.parent_code
        and j.period = r.period
        and j.time_window = r.time_window
)

select * from final
