-- key: strategy_code, period, time_window
-- one row per strategy × month in scope × time window: the roll-up (score_rollup 'strategy': weighted_mean by
-- ref_tasks.weight) of its tasks' achievements as they come (each already within [0, rollup_cap]), over the
-- tasks that have one.
-- children_total = tasks of the strategy; children_counted = those with an achievement. Status by
-- score_status: the thresholds; 'no_data' when no task has an achievement; null when no task has a target
-- for the year (no task has a status).
with

task_scores as (
    select 'ALL' as agency_code, task_code as code, period, time_window, status is not null as has_target, achievement
    from mart_task_scores
),

final as (
    select parent_code as strategy_code, * exclude (agency_code, parent_code)
    from score_rollup('strategy', 'task_scores', null)
)

select * from final
