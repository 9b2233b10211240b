-- one row per task × month of the twelve months up to $month: achievement in $window (oldest first)
select task_code, period, achievement, status
from mart_task_scores
where
    time_window = $window
    and period <= $month
    and period > cast($month - interval 12 month as date)
order by task_code, period
