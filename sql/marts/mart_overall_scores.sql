-- key: period, time_window
-- one row per month in scope × time window: the roll-up (score_rollup: weighted_mean by ref_strategies.weight)
-- of the strategies' achievements, over the strategies that have one. children_total = strategies;
-- children_counted = those with an achievement. Status by score_status: the thresholds; 'no_data' when no
-- strategy has an achievement; null when no strategy has a target for the year (no strategy has a status).
with

windows as (
    select distinct period, time_window from int_period_windows
),

children as (
    select
        'ALL' as agency_code,
        'ALL' as parent_code,
        w.period,
        w.time_window,
        g.strategy_code as child_code,
        g.weight,
        ss.status is not null as has_target,
        ss.achievement
    from windows as w
    cross join ref_strategies as g
    left join mart_strategy_scores as ss
        on ss.strategy_code = g.strategy_code and ss.period = w.period and ss.time_window = w.time_window
),

final as (
    select
        cast(r.period as date) as period,
        cast(r.time_window as varchar) as time_window,
        cast(r.achievement as double) as achievement,
        cast(score_status(r.has_target, r.achievement, null) as varchar) as status,
        cast(r.children_total as integer) as children_total,
        cast(r.children_counted as integer) as children_counted
    from score_rollup('children') as r
)

select * from final
