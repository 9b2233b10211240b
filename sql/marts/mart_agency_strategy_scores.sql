-- key: agency_code, strategy_code, period, time_window
-- one row per agency × strategy × month × time window of mart_agency_task_scores: the roll-up (score_rollup:
-- weighted_mean by ref_tasks.weight) of the agency's task achievements. children_total = the strategy's tasks;
-- children_counted = those with an achievement. Status by score_status: 'na' (산정불가) when no task is
-- judged for the agency ('na'), 'no_data' when none has an achievement, else the thresholds.
with

children as (
    select
        a.agency_code,
        t.strategy_code as parent_code,
        a.period,
        a.time_window,
        a.task_code as child_code,
        t.weight,
        a.status <> 'na' as has_target,
        a.achievement
    from mart_agency_task_scores as a
    inner join ref_tasks as t on t.task_code = a.task_code
),

final as (
    select
        cast(r.agency_code as varchar) as agency_code,
        cast(r.parent_code as varchar) as strategy_code,
        cast(r.period as date) as period,
        cast(r.time_window as varchar) as time_window,
        cast(r.achievement as double) as achievement,
        cast(score_status(r.has_target, r.achievement, 'na') as varchar) as status,
        cast(r.children_total as integer) as children_total,
        cast(r.children_counted as integer) as children_counted
    from score_rollup('children') as r
)

select * from final
