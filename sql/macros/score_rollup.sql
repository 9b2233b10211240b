-- parameters: parent_level, scores, no_target
-- The one roll-up of scores, for every level and every owner (the nation, 'ALL', or one agency): a parent's
-- achievement is the weighted mean (weighted_mean) of its children's achievements, over the children that have
-- one; each child's achievement is already within [0, rollup_cap] (bounded_achievement in int_kpi_status), so
-- the roll-up needs no cap of its own.
--   parent_level  which parent: 'task' (its KPIs, ref_kpis.weight), 'strategy' (its tasks, ref_tasks.weight),
--              'overall' (the strategies, ref_strategies.weight; parent_code 'ALL') or 'agency' (the KPIs
--              judged per agency straight to the agency, ref_kpis.weight; parent_code 'ALL')
--   scores     (agency_code, code, period, time_window, has_target, achievement): the children's scores, one
--              row per owner × child × month × window; has_target: the child has a target for the year (a
--              KPI) or a status (a rolled-up child). Every owner × month × window in it gets every parent.
--   no_target  the status of a parent none of whose children has a target (null, or 'na' (산정불가))
--   returns    (agency_code, parent_code, period, time_window, achievement, status, children_total,
--              children_counted): children_total the children with a score row, children_counted those
--              with an achievement; achievement null when no child has a target; status by score_status
with

sr_edges as (
    select 'task' as level, t.task_code as parent_code, k.kpi_code as child_code, k.weight
    from ref_tasks as t
    left join ref_kpis as k on k.task_code = t.task_code
    union all
    select 'strategy', g.strategy_code, t.task_code, t.weight
    from ref_strategies as g
    left join ref_tasks as t on t.strategy_code = g.strategy_code
    union all
    select 'overall', 'ALL', strategy_code, weight from ref_strategies
    union all
    select 'agency', 'ALL', kpi_code, weight from ref_kpis where judge_agencies
),

sr_owners as (
    select distinct agency_code, period, time_window from query_table(scores)
),

sr_children as (
    select o.agency_code, e.parent_code, o.period, o.time_window, s.code, e.weight, s.has_target, s.achievement
    from sr_edges as e
    cross join sr_owners as o
    left join query_table(scores) as s
        on s.agency_code = o.agency_code
        and s.code = e.child_code
        and s.period = o.period
        and s.time_window = o.time_window
    where e.level = parent_level
),

sr_scored as (
    select
        agency_code,
        parent_code,
        period,
        time_window,
        count(code) as children_total,
        count(achievement) as children_counted,
        coalesce(bool_or(has_target), false) as has_target,
        weighted_mean(weight, achievement, code) as mean
    from sr_children
    group by agency_code, parent_code, period, time_window
)

select
    cast(agency_code as varchar) as agency_code,
    cast(parent_code as varchar) as parent_code,
    cast(period as date) as period,
    cast(time_window as varchar) as time_window,
    cast(case when has_target then mean end as double) as achievement,
    cast(score_status(has_target, case when has_target then mean end, no_target) as varchar) as status,
    cast(children_total as integer) as children_total,
    cast(children_counted as integer) as children_counted
from sr_scored
