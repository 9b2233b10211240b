-- one row per task: achievement and status for $month in $window, last month's in the same window
-- (month_scores), names and owning ministry (주관 부처) (catalog order)
select
    t.task_code,
    t.strategy_code,
    t.name_ko,
    t.name_en,
    t.owner_code,
    t.owner_ko,
    t.owner_en,
    m.achievement,
    m.status,
    m.children_total,
    m.children_counted,
    m.prev_achievement
from ref_tasks as t
inner join ref_strategies as s using (strategy_code)
left join month_scores('task', $month, $window) as m on m.code = t.task_code
order by s.sort_order, t.sort_order
