-- parameters: month_sums
-- The one place where months add up to time windows (int_period_windows: the month, the quarter to date, the
-- year to date): Σ records and Σ amount over a window's member months, per agency and, as agency_code 'ALL',
-- over every agency. Read by the KPI measures (int_measures_additive) and the pages' breakdowns (page_breakdown).
--   month_sums  (g, agency_code, period, records, amount): one row per group × agency × month; g is what the
--               caller adds up by (a struct of its columns), amount an exact integer
--   returns     (g, agency_code, period, time_window, records, amount) for the windows with a month in
--               month_sums
with

ws_months as (
    select * from query_table(month_sums)
)

select
    m.g,
    case when grouping(m.agency_code) = 1 then 'ALL' else m.agency_code end as agency_code,
    w.period,
    w.time_window,
    sum(m.records) as records,
    sum(m.amount) as amount
from ws_months as m
inner join int_period_windows as w on w.member_period = m.period
group by grouping sets ((m.g, m.agency_code, w.period, w.time_window), (m.g, w.period, w.time_window))
