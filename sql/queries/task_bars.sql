-- The overview's task bars: one row per task with its achievement and status for $month in $window, largest
-- gap to target first (gap = the on_track threshold − the judged achievement, in points, as attention.sql
-- measures it), so the tasks furthest from target lead; tasks without a figure come last, ties in catalog order.
with

settings as (
    select on_track from ref_settings
),

scores as (
    select * from mart_task_scores where time_window = $window and period = $month
),

final as (
    select
        t.task_code,
        t.strategy_code,
        t.name_ko,
        t.name_en,
        cur.achievement,
        cur.status,
        cast((select on_track from settings) - cur.achievement as double) as gap,
        s.sort_order as strategy_order,
        t.sort_order as task_order
    from ref_tasks as t
    inner join ref_strategies as s using (strategy_code)
    left join scores as cur on cur.task_code = t.task_code
)

select * from final
order by gap desc nulls last, strategy_order, task_order
