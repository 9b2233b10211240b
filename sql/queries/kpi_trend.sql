-- one row per month up to $month: KPI $kpi's national value, target, achievement, status in $window
select period, value, target, achievement, status, agencies_reported, agencies_expected
from mart_kpi_national_month
where kpi_code = $kpi and time_window = $window and period <= $month
order by period
