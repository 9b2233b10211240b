-- parameters: dataset_name
-- The rows a measures model of a dataset gives (int_measures_complaints, int_measures_meetings): each of the
-- dataset's KPI filter sets × agency (or 'ALL') × month × time window in which the agency (for 'ALL': any
-- agency) submitted the dataset for at least one month (int_dataset_windows).
with

mw_coverage as (
    select agency_code, period, time_window
    from int_dataset_windows
    where dataset = dataset_name and months_submitted > 0
)

select s.filter_set, cv.agency_code, cv.period, cv.time_window
from (
    select agency_code, period, time_window from mw_coverage
    union all
    select distinct 'ALL', period, time_window from mw_coverage
) as cv
cross join (select distinct filter_set from int_kpi_filter_sets where source = dataset_name) as s
