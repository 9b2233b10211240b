-- key: agency_code, task_code, period, time_window
-- one row per agency × task × month × time window in which the agency has KPI rows (mart_kpi_agency_month):
-- the agency's task score, by the national roll-up (score_rollup: weighted_mean by ref_kpis.weight) of the
-- agency's own KPI achievements, each bounded to [0, rollup_cap] (int_kpi_status). Only a KPI that judges
-- agencies (judge_agencies) has an agency achievement.
--   children_total    the task's KPIs the agency has rows for; children_counted those with an achievement
--   status            score_status with 'na' (산정불가) when none of the task's KPIs is judged per agency
--                     with a target: the reports' rule
--   kpis_judged       the task's KPIs judged per agency that the agency has rows for (the heatmap shows the
--                     tasks with one or more)
--   judged_status     the heatmap's rule: the thresholds, or 'no_data' when no judged KPI has an achievement
--   bounded_kpis      the judged KPIs whose raw achievement lay outside [0, rollup_cap] (kpi_code,
--                     achievement_raw, achievement), for the heatmap's hover text
with

agency_windows as (
    select distinct agency_code, period, time_window from mart_kpi_agency_month
),

kpi_rows as (
    select
        v.agency_code,
        v.period,
        v.time_window,
        k.task_code,
        k.kpi_code,
        k.weight,
        k.judge_agencies,
        k.judge_agencies and v.target is not null as has_target,
        v.achievement,
        v.achievement_raw
    from mart_kpi_agency_month as v
    inner join ref_kpis as k using (kpi_code)
),

children as (
    select
        a.agency_code,
        t.task_code as parent_code,
        a.period,
        a.time_window,
        c.kpi_code as child_code,
        c.weight,
        c.has_target,
        c.achievement
    from ref_tasks as t
    cross join agency_windows as a
    left join kpi_rows as c
        on c.task_code = t.task_code
        and c.agency_code = a.agency_code
        and c.period = a.period
        and c.time_window = a.time_window
),

judged as (
    select
        agency_code,
        task_code,
        period,
        time_window,
        count(*) as kpis_judged,
        list(
            {'kpi_code': kpi_code, 'achievement_raw': achievement_raw, 'achievement': achievement}
            order by kpi_code
        ) filter (where achievement_raw <> achievement) as bounded_kpis
    from kpi_rows
    where judge_agencies
    group by agency_code, task_code, period, time_window
),

final as (
    select
        cast(r.agency_code as varchar) as agency_code,
        cast(r.parent_code as varchar) as task_code,
        cast(t.strategy_code as varchar) as strategy_code,
        cast(r.period as date) as period,
        cast(r.time_window as varchar) as time_window,
        cast(r.achievement as double) as achievement,
        cast(score_status(r.has_target, r.achievement, 'na') as varchar) as status,
        cast(r.children_total as integer) as children_total,
        cast(r.children_counted as integer) as children_counted,
        cast(coalesce(j.kpis_judged, 0) as integer) as kpis_judged,
        cast(score_status(true, r.achievement, null) as varchar) as judged_status,
        j.bounded_kpis
    from score_rollup('children') as r
    inner join ref_tasks as t on t.task_code = r.parent_code
    left join judged as j
        on j.agency_code = r.agency_code
        and j.task_code = r.parent_code
        and j.period = r.period
        and j.time_window = r.time_window
)

select * from final
