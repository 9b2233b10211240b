-- key: agency_code, strategy_code, period, time_window
-- one row per agency × strategy × month × time window of mart_agency_task_scores: the roll-up (score_rollup
-- 'strategy': weighted_mean by ref_tasks.weight) of the agency's task achievements. children_total = the
-- strategy's tasks; children_counted = those with an achievement. Status by score_status: 'na' (산정불가)
-- when no task is judged for the agency (all 'na'), 'no_data' when none has an achievement, else the
-- thresholds.
with

task_scores as (
    select agency_code, task_code as code, period, time_window, status <> 'na' as has_target, achievement
    from mart_agency_task_scores
),

final as (
    select agency_code, parent_code as strategy_code, * exclude (agency_code, parent_code)
    from score_rollup('strategy', 'task_scores', 'na')
)

select * from final
