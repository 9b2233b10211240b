-- parameters: p_level, p_month, p_window
-- The scores a page shows for one month, beside last month's: for each task (p_level 'task') or strategy
-- ('strategy') with a score row in p_month or the month before, in the window p_window, its achievement,
-- status, children_total, children_counted in p_month and the same window's achievement one month earlier
-- (prev_achievement: what the same view showed last month; in the first month of a quarter or year that is
-- the whole previous quarter or year to date). A caller joins it to the catalog by code.
with

ms_scores as (
    select 'task' as level, task_code as code, period, time_window, achievement, status, children_total,
        children_counted
    from mart_task_scores
    union all
    select 'strategy', strategy_code, period, time_window, achievement, status, children_total, children_counted
    from mart_strategy_scores
),

ms_level as (
    select * from ms_scores where level = p_level and time_window = p_window
),

ms_current as (
    select * from ms_level where period = p_month
),

ms_previous as (
    select * from ms_level where period = cast(p_month - interval 1 month as date)
)

select
    coalesce(cur.code, prev.code) as code,
    cur.achievement,
    cur.status,
    cur.children_total,
    cur.children_counted,
    prev.achievement as prev_achievement
from ms_current as cur
full join ms_previous as prev on prev.code = cur.code
