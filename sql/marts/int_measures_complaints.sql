-- key: filter_set, agency_code, period, time_window, measure
-- one row per complaints filter set × agency (or 'ALL' for all agencies) × month × time window × measure,
-- for every window in which the agency (for 'ALL': any agency) submitted complaints for at least one month.
-- Measures over the window's records that pass the filter, as mart_complaint_windows computes them (the one
-- place they are; its scope is the agency, or 'ALL'):
--   median_days, p90_days  quantile_cont 0.5 / 0.9 of resolution_days over 처리완료 rows (null if none)
--   on_time_rate           on-time rows ÷ 처리완료 rows whose deadline is known × 100 (null if none)
--   complaint_count        rows of any status (0 if none)
-- records_used: the 처리완료 rows for the quantiles (each has a resolution time: a file without one is refused),
-- the judged rows for the rate, every row for the count.
-- Rows of the windows that hold a month of int_recomputed_months (every window, unless a build keeps the
-- others' rows).
-- materialized: table recomputed by month
with

recomputed_windows as (
    select distinct w.period, w.time_window
    from int_period_windows as w
    semi join int_recomputed_months as r on r.period = w.member_period
),

coverage as (
    select c.*
    from int_dataset_windows as c
    semi join recomputed_windows as r on r.period = c.period and r.time_window = c.time_window
    where c.dataset = 'complaints' and c.months_submitted > 0
),

filter_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'complaints'
),

covered as (
    -- the windows that have data: agencies' own, and 'ALL' wherever any agency has some
    select agency_code, period, time_window from coverage
    union all
    select distinct 'ALL', period, time_window from coverage
),

measured as (
    select
        s.filter_set,
        cv.agency_code,
        cv.period,
        cv.time_window,
        coalesce(w.received, 0) as complaint_count,
        coalesce(w.resolved, 0) as resolved_count,
        w.median_days,
        w.p90_days,
        w.on_time_rate,
        coalesce(w.judged, 0) as judged_count,
        coalesce(w.on_time, 0) as on_time_count
    from covered as cv
    cross join filter_sets as s
    left join mart_complaint_windows as w
        on w.filter_set = s.filter_set
        and w.scope = cv.agency_code
        and w.period = cv.period
        and w.time_window = cv.time_window
),

long as (
    -- the four measures of each row, one row each
    select
        m.filter_set, m.agency_code, m.period, m.time_window,
        r.measure, r.value, r.numerator, r.denominator, r.records_used
    from measured as m,
        unnest([
            {'measure': 'median_days', 'value': m.median_days, 'numerator': null, 'denominator': null,
                'records_used': m.resolved_count},
            {'measure': 'p90_days', 'value': m.p90_days, 'numerator': null, 'denominator': null,
                'records_used': m.resolved_count},
            {'measure': 'on_time_rate', 'value': m.on_time_rate, 'numerator': m.on_time_count,
                'denominator': m.judged_count, 'records_used': m.judged_count},
            {'measure': 'complaint_count', 'value': m.complaint_count, 'numerator': null, 'denominator': null,
                'records_used': m.complaint_count}
        ]) as u(r)
)

select * from measure_rows('complaints', 'long')
