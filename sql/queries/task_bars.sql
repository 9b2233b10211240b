-- The overview's task bars: one row per task with its achievement and status for $month in $window, largest
-- gap to target first (mart_scores.gap = the on_track threshold − the judged achievement, in points, as
-- the attention list sorts), so the tasks furthest from target lead; tasks without a figure come last, ties in
-- catalog order.
select
    t.task_code, t.strategy_code, t.name_ko, t.name_en,
    cur.achievement, cur.status, cur.gap,
    g.sort_order as strategy_order, t.sort_order as task_order
from ref_tasks as t
inner join ref_strategies as g using (strategy_code)
left join mart_scores as cur
    on cur.level = 'task' and cur.code = t.task_code and cur.period = $month and cur.time_window = $window
order by gap desc nulls last, strategy_order, task_order
