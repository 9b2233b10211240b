-- key: filter_set, agency_code, period, time_window, measure
-- one row per complaints filter set × agency (or 'ALL' for all agencies) × month × time window × measure,
-- for every window in which the agency (for 'ALL': any agency) submitted complaints for at least one month.
-- Measures over the window's records that pass the filter:
--   median_days, p90_days  quantile_cont 0.5 / 0.9 of resolution_days over 처리완료 rows (null if none)
--   on_time_rate           on-time rows ÷ 처리완료 rows whose deadline is known × 100 (null if none)
--   complaint_count        rows of any status (0 if none)
--
-- A window adds up its months' counts (int_complaint_units, counted once per month) instead of repeating
-- every record for every window it is in; exact values are read from int_complaint_cells.
-- Quantiles as quantile_cont computes them: with the window's n values sorted, q sits at position
-- p = (n − 1) × q, between the values at ranks floor(p) and ceil(p) (0-based), lo × (1 − f) + hi × f with
-- f = p − floor(p). Those two values are found without sorting the window (sql/macros/quantile_*.sql), in
-- three narrowing steps: counts per day of resolution time (per month, added up per window) give the day
-- each rank falls in; counts per hour, read for that day only, the hour; and only that hour's exact values
-- are ranked.
-- Rows of the windows that hold a month of int_recomputed_months (every window, unless a build keeps the
-- others' rows).
-- materialized: table recomputed by month
with

cells as not materialized (
    select * from int_complaint_cells
),

agency_months as (
    select agency_code, period from int_agency_months
),

recomputed_windows as (
    select distinct w.period, w.time_window
    from int_period_windows as w
    semi join int_recomputed_months as r on r.period = w.member_period
),

windows as (
    select w.*
    from int_period_windows as w
    semi join recomputed_windows as r on r.period = w.period and r.time_window = w.time_window
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

filters as (
    select * from int_complaint_filters
),

units as (
    -- the months of the recomputed windows: per filter set × agency (or 'ALL') × month × hour
    select u.*, u.resolution_hour // 24 as resolution_day
    from int_complaint_units as u
    semi join (select distinct member_period from windows) as m on m.member_period = u.period
),

unit_totals as (
    select
        filter_set,
        agency_code,
        period,
        sum(complaints) as complaints,
        coalesce(sum(complaints) filter (where resolution_hour is not null), 0) as resolved,
        sum(judged) as judged,
        sum(on_time) as on_time
    from units
    group by filter_set, agency_code, period
),

unit_days as (
    select filter_set, agency_code, period, resolution_day, sum(complaints) as complaints
    from units
    where resolution_hour is not null
    group by filter_set, agency_code, period, resolution_day
),

aggregated as (
    select
        u.filter_set,
        u.agency_code,
        w.period,
        w.time_window,
        cast(sum(u.complaints) as bigint) as complaint_count,
        cast(sum(u.resolved) as bigint) as resolved_count,
        cast(sum(u.judged) as bigint) as judged_count,
        cast(sum(u.on_time) as bigint) as on_time_count
    from unit_totals as u
    inner join windows as w on w.member_period = u.period
    group by u.filter_set, u.agency_code, w.period, w.time_window
),

-- The value at each needed rank, narrowed in three steps (sql/macros/quantile_*.sql): the day of resolution
-- time it falls in, from the counts per day of the window's months; then the hour within that day, from the
-- counts per hour of that day only; then the value within that hour. A group g is a filter set × agency ×
-- window.

totals as (
    select
        {'filter_set': filter_set, 'agency_code': agency_code, 'period': period, 'time_window': time_window} as g,
        resolved_count as n
    from aggregated
),

window_days as (
    select
        {'filter_set': u.filter_set, 'agency_code': u.agency_code, 'period': w.period, 'time_window': w.time_window}
            as g,
        u.resolution_day,
        sum(u.complaints) as complaints
    from unit_days as u
    inner join windows as w on w.member_period = u.period
    group by u.filter_set, u.agency_code, w.period, w.time_window, u.resolution_day
),

day_ranks as (
    select * from quantile_days('totals', 'window_days')
),

needed_days as (
    -- the groups' days, with the months of their windows
    select distinct d.g, d.resolution_day, w.member_period
    from day_ranks as d
    inner join windows as w on w.period = d.g.period and w.time_window = d.g.time_window
),

hour_counts as (
    -- the hours of the needed days, added up over the window's months
    select n.g, u.resolution_hour, sum(u.complaints) as complaints
    from needed_days as n
    inner join units as u
        on u.filter_set = n.g.filter_set
        and u.agency_code = n.g.agency_code
        and u.period = n.member_period
        and u.resolution_day = n.resolution_day
    where u.resolution_hour is not null
    group by n.g, u.resolution_hour
),

hour_ranks as (
    select * from quantile_hours('day_ranks', 'hour_counts')
),

hour_targets as materialized (
    -- each needed hour with the months of its window (materialized: joined to the values as it is)
    select distinct r.g, r.resolution_hour, w.member_period
    from hour_ranks as r
    inner join windows as w on w.period = r.g.period and w.time_window = r.g.time_window
),

needed_hours as (
    select distinct
        g.filter_set as filter_set, g.agency_code as agency_code, member_period, resolution_hour
    from hour_targets
),

hour_cells as (
    -- the cells that hold values of the needed hours: an agency's own, and for 'ALL' every agency's
    select c.*, n.agency_code as unit
    from cells as c
    inner join (
        select distinct agency_code, member_period, resolution_hour from needed_hours where agency_code <> 'ALL'
    ) as n
        on n.agency_code = c.agency_code and n.member_period = c.period and n.resolution_hour = c.resolution_hour
    union all
    select c.*, 'ALL'
    from cells as c
    semi join (select distinct member_period, resolution_hour from needed_hours where agency_code = 'ALL') as n
        on n.member_period = c.period and n.resolution_hour = c.resolution_hour
),

hour_values as (
    -- their exact values, per filter set and month
    select cs.filter_set, c.unit as agency_code, c.period, c.resolution_hour, v.resolution_days
    from hour_cells as c
    semi join agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    inner join filters as cs
        on cs.channel is not distinct from c.channel
        and cs.complaint_type is not distinct from c.complaint_type
        and cs.status is not distinct from c.status
    semi join needed_hours as n
        on n.filter_set = cs.filter_set
        and n.agency_code = c.unit
        and n.member_period = c.period
        and n.resolution_hour = c.resolution_hour,
        unnest(c.resolution_days) as v(resolution_days)
),

hour_lists as (
    -- each needed hour's values in the window, sorted
    select t.g, t.resolution_hour, list_sort(list(v.resolution_days)) as sorted
    from hour_targets as t
    inner join hour_values as v
        on v.filter_set = t.g.filter_set
        and v.agency_code = t.g.agency_code
        and v.period = t.member_period
        and v.resolution_hour = t.resolution_hour
    group by t.g, t.resolution_hour
),

quantiles as (
    select
        g.filter_set as filter_set,
        g.agency_code as agency_code,
        g.period as period,
        g.time_window as time_window,
        median_days,
        p90_days
    from quantile_values('totals', 'hour_ranks', 'hour_lists')
),

summarised as (
    select
        a.*,
        q.median_days,
        q.p90_days
    from aggregated as a
    left join quantiles as q
        on q.filter_set = a.filter_set
        and q.agency_code = a.agency_code
        and q.period = a.period
        and q.time_window = a.time_window
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
        coalesce(a.complaint_count, 0) as complaint_count,
        coalesce(a.resolved_count, 0) as resolved_count,
        a.median_days,
        a.p90_days,
        coalesce(a.judged_count, 0) as judged_count,
        coalesce(a.on_time_count, 0) as on_time_count
    from covered as cv
    cross join filter_sets as s
    left join summarised as a
        on a.filter_set = s.filter_set
        and a.agency_code = cv.agency_code
        and a.period = cv.period
        and a.time_window = cv.time_window
),

long as (
    select
        filter_set, agency_code, period, time_window, 'median_days' as measure,
        median_days as value, null as numerator, null as denominator, resolved_count as records_used
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'p90_days',
        p90_days, null, null, resolved_count
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'on_time_rate',
        case when judged_count > 0 then cast(on_time_count as double) / judged_count * 100 end,
        on_time_count, judged_count, judged_count
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'complaint_count',
        complaint_count, null, null, complaint_count
    from measured
),

final as (
    select
        cast('complaints' as varchar) as source,
        cast(filter_set as varchar) as filter_set,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(measure as varchar) as measure,
        cast(value as double) as value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(records_used as bigint) as records_used
    from long
)

select * from final
