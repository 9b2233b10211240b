-- one row per task: achievement and status for $month in $window, last month's in the same window (as in
-- overall_scores.sql), names and owning ministry (주관 부처) (catalog order)
with

scores as (
    select * from mart_task_scores where time_window = $window
),

tasks as (
    select t.*, s.sort_order as strategy_order
    from ref_tasks as t
    join ref_strategies as s using (strategy_code)
),

final as (
    select
        t.task_code,
        t.strategy_code,
        t.name_ko,
        t.name_en,
        t.owner_code,
        t.owner_ko,
        t.owner_en,
        cur.achievement,
        cur.status,
        cur.children_total,
        cur.children_counted,
        prev.achievement as prev_achievement
    from tasks as t
    left join scores as cur on cur.task_code = t.task_code and cur.period = $month
    left join scores as prev
        on prev.task_code = t.task_code and prev.period = cast($month - interval 1 month as date)
    order by t.strategy_order, t.sort_order
)

select * from final
