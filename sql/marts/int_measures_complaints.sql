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

recomputed as (
    select period from int_recomputed_months
),

measured as (
    -- the windows with data (measure_windows) that this build computes, with their figures
    select
        m.*,
        coalesce(w.received, 0) as complaint_count,
        coalesce(w.resolved, 0) as resolved_count,
        w.median_days,
        w.p90_days,
        w.on_time_rate,
        coalesce(w.judged, 0) as judged_count,
        coalesce(w.on_time, 0) as on_time_count
    from measure_windows('complaints') as m
    semi join recomputed_windows('recomputed') as r using (period, time_window)
    left join (select *, scope as agency_code from mart_complaint_windows) as w
        using (filter_set, agency_code, period, time_window)
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
),

final as (
    select * from measure_rows('complaints', 'long')
)

select * from final
