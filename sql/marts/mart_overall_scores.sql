-- key: period, time_window
-- one row per month in scope × time window: the weighted mean (ref_strategies.weight, weighted_mean) of the strategies'
-- achievements, over the strategies that have one. children_total = strategies; children_counted = those
-- with an achievement. Status by the thresholds; 'no_data' when no strategy has an achievement; null when
-- no strategy has a target for the year.
with

strategies as (
    select * from ref_strategies
),

strategy_scores as (
    select * from mart_strategy_scores
),

windows as (
    select distinct period, time_window from int_period_windows
),

children as (
    select
        w.period,
        w.time_window,
        g.strategy_code,
        g.weight,
        ss.status,
        ss.achievement
    from windows as w
    cross join strategies as g
    left join strategy_scores as ss
        on ss.strategy_code = g.strategy_code and ss.period = w.period and ss.time_window = w.time_window
),

scored as (
    select
        period,
        time_window,
        count(strategy_code) as children_total,
        count(achievement) as children_counted,
        coalesce(bool_or(status is not null), false) as has_target,
        weighted_mean(weight, achievement, strategy_code) as mean
    from children
    group by period, time_window
),

achieved as (
    select
        *,
        case when has_target then mean end as achievement
    from scored
),

final as (
    select
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
