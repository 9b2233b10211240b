-- one row per month up to $month: overall achievement in $window (oldest first)
select period, achievement, status
from mart_overall_scores
where time_window = $window and period <= $month
order by period
