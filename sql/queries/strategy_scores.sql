-- one row per strategy: achievement and status for $month in $window, last month's in the same window
-- (month_scores), names (catalog order)
select
    s.strategy_code,
    s.name_ko,
    s.name_en,
    m.achievement,
    m.status,
    m.children_total,
    m.children_counted,
    m.prev_achievement
from ref_strategies as s
left join month_scores('strategy', $month, $window) as m on m.code = s.strategy_code
order by s.sort_order
