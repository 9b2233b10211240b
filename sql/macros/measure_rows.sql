-- parameters: source_name, long_rows
-- The rows a measures model adds to int_kpi_measures, in its column types: one per filter set × agency (or
-- 'ALL') × month × time window × measure (int_measures_complaints, int_measures_meetings).
--   source_name  the dataset ('complaints', 'meetings')
--   long_rows    (filter_set, agency_code, period, time_window, measure, value, numerator, denominator,
--                records_used)
select
    cast(source_name as varchar) as source,
    cast(filter_set as varchar) as filter_set,
    cast(agency_code as varchar) as agency_code,
    cast(period as date) as period,
    cast(time_window as varchar) as time_window,
    cast(measure as varchar) as measure,
    cast(value as double) as value,
    cast(numerator as double) as numerator,
    cast(denominator as double) as denominator,
    cast(records_used as bigint) as records_used
from query_table(long_rows)
