-- key: strategy_code, period, time_window
-- one row per strategy × month in scope × time window: the roll-up (score_rollup: weighted_mean by
-- ref_tasks.weight) of its tasks' achievements as they come (each already within [0, rollup_cap]), over the
-- tasks that have one.
-- children_total = tasks of the strategy; children_counted = those with an achievement. Status by
-- score_status: the thresholds; 'no_data' when no task has an achievement; null when no task has a target
-- for the year (no task has a status).
with

windows as (
    select distinct period, time_window from int_period_windows
),

children as (
    select
        'ALL' as agency_code,
        g.strategy_code as parent_code,
        w.period,
        w.time_window,
        t.task_code as child_code,
        t.weight,
        ts.status is not null as has_target,
        ts.achievement
    from ref_strategies as g
    cross join windows as w
    left join ref_tasks as t on t.strategy_code = g.strategy_code
    left join mart_task_scores as ts
        on ts.task_code = t.task_code and ts.period = w.period and ts.time_window = w.time_window
),

final as (
    select
        cast(r.parent_code as varchar) as strategy_code,
        cast(r.period as date) as period,
        cast(r.time_window as varchar) as time_window,
        cast(r.achievement as double) as achievement,
        cast(score_status(r.has_target, r.achievement, null) as varchar) as status,
        cast(r.children_total as integer) as children_total,
        cast(r.children_counted as integer) as children_counted
    from score_rollup('children') as r
)

select * from final
