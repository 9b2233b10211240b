-- key: strategy_code, period, time_window
-- one row per strategy × month in scope × time window: the weighted mean (ref_tasks.weight, weighted_mean) of
-- its tasks' achievements as they come (each already within [0, rollup_cap]), over the tasks that have one.
-- children_total = tasks of the strategy; children_counted = those with an achievement. Status by the thresholds; 'no_data' when no
-- task has an achievement; null when no task has a target for the year.
with

strategies as (
    select * from ref_strategies
),

tasks as (
    select * from ref_tasks
),

task_scores as (
    select * from mart_task_scores
),

windows as (
    select distinct period, time_window from int_period_windows
),

children as (
    select
        g.strategy_code,
        w.period,
        w.time_window,
        t.task_code,
        t.weight,
        ts.status,
        ts.achievement
    from strategies as g
    cross join windows as w
    left join tasks as t on t.strategy_code = g.strategy_code
    left join task_scores as ts
        on ts.task_code = t.task_code and ts.period = w.period and ts.time_window = w.time_window
),

scored as (
    select
        strategy_code,
        period,
        time_window,
        count(task_code) as children_total,
        count(achievement) as children_counted,
        coalesce(bool_or(status is not null), false) as has_target,
        weighted_mean(weight, achievement, task_code) as mean
    from children
    group by strategy_code, period, time_window
),

achieved as (
    select
        *,
        case when has_target then mean end as achievement
    from scored
),

final as (
    select
        cast(a.strategy_code as varchar) as strategy_code,
        cast(a.period as date) as period,
        cast(a.time_window as varchar) as time_window,
        cast(a.achievement as double) as achievement,
        cast(
            case
                when not a.has_target then null
                when a.achievement is null then 'no_data'
                else achievement_status(a.achievement)
            end
            as varchar
        ) as status,
        cast(a.children_total as integer) as children_total,
        cast(a.children_counted as integer) as children_counted
    from achieved as a
)

select * from final
