-- one row per KPI × month of the twelve months up to $month: national value, target, achievement in $window
select kpi_code, period, value, target, achievement, status
from mart_kpi_national_month
where
    time_window = $window
    and period <= $month
    and period > cast($month - interval 12 month as date)
order by kpi_code, period
