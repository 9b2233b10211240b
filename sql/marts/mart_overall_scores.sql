-- key: period, time_window
-- one row per month in scope × time window: the roll-up (score_rollup 'overall': weighted_mean by
-- ref_strategies.weight) of the strategies' achievements, over the strategies that have one. children_total =
-- strategies; children_counted = those with an achievement. Status by score_status: the thresholds; 'no_data'
-- when no strategy has an achievement; null when no strategy has a target for the year (no strategy has a
-- status).
with

strategy_scores as (
    select
        'ALL' as agency_code,
        strategy_code as code,
        period,
        time_window,
        status is not null as has_target,
        achievement
    from mart_strategy_scores
),

final as (
    select * exclude (agency_code, parent_code)
    from score_rollup('overall', 'strategy_scores', null)
)

select * from final
