-- parameters: months
-- The windows of int_period_windows (period, time_window, member_period: each with its months) that hold a
-- month of `months` (a table with a `period` column). With the months of int_recomputed_months: the windows
-- whose rows a build computes in a table recomputed by month (every window in a full build;
-- etl/builder/sqlrun.py). The caller names int_recomputed_months in its own text, so that it runs after it.
select w.*
from int_period_windows as w
semi join (
    select distinct pw.period, pw.time_window
    from int_period_windows as pw
    semi join query_table(months) as m on m.period = pw.member_period
) as r on r.period = w.period and r.time_window = w.time_window
