-- key: filter_set, scope, period, time_window
-- one row per complaints filter set (int_complaint_filters: each KPI's, and the page's total, types and
-- channels) × scope (int_agency_scopes: an agency, 'central', 'local' or 'ALL') × month × time window in which
-- complaints that pass the filter were received, agencies counted only in months they exist. The one place the
-- complaint figures are computed: the KPI measures (int_measures_complaints), the complaints page
-- (sql/queries/complaint_breakdown.sql) and the report (report_complaints.sql) read them from here.
--   received, resolved, pending, pending_overdue, transferred, withdrawn, outreach, judged, on_time
--                          the window's counts (int_complaint_scope_months)
--   median_days, p90_days  quantile_cont 0.5 / 0.9 of resolution_days over the resolved (null if none)
--   on_time_rate           on_time ÷ judged × 100 (null when judged = 0)
--   dimension, key         the page's group the filter set is (int_complaint_filters; null: a KPI's only)
-- A window adds up its months' counts (int_complaint_scope_months, counted once per month) instead of repeating
-- every record for every window it is in; exact values are read from int_complaint_cells. Quantiles as
-- quantile_cont computes them, found without sorting the window (sql/macros/quantile_*.sql), in three
-- narrowing steps: counts per day of resolution time (per month, added up per window) give the day each
-- needed rank falls in; counts per hour, read for that day only, the hour; and only that hour's exact values
-- are ranked.
-- Rows of the windows that hold a month of int_recomputed_months (every window, unless a build keeps the
-- others' rows).
-- materialized: table recomputed by month
with

cells as not materialized (
    select * from int_complaint_cells
),

recomputed as (
    select period from int_recomputed_months
),

windows as (
    -- the windows this build computes, with their months
    select * from recomputed_windows('recomputed')
),

sets as (
    select distinct filter_set, dimension, key from int_complaint_filters
),

units as (
    -- the months of the recomputed windows: per filter set × scope × month × hour
    select u.*, u.resolution_hour // 24 as resolution_day
    from int_complaint_scope_hours as u
    semi join (select distinct member_period from windows) as m on m.member_period = u.period
),

month_totals as (
    -- each month's counts (int_complaint_scope_months), repeated below for every window holding it
    select u.* exclude (complaints), u.complaints as received
    from int_complaint_scope_months as u
    semi join (select distinct member_period from windows) as m on m.member_period = u.period
),

counted as (
    select
        u.filter_set,
        u.scope,
        w.period,
        w.time_window,
        sum(u.received) as received,
        sum(u.resolved) as resolved,
        sum(u.pending) as pending,
        sum(u.pending_overdue) as pending_overdue,
        sum(u.transferred) as transferred,
        sum(u.withdrawn) as withdrawn,
        sum(u.outreach) as outreach,
        sum(u.judged) as judged,
        sum(u.on_time) as on_time
    from month_totals as u
    inner join windows as w on w.member_period = u.period
    group by u.filter_set, u.scope, w.period, w.time_window
),

-- The value at each needed rank, narrowed in three steps (sql/macros/quantile_*.sql): the day of resolution
-- time it falls in, from the counts per day of the window's months; then the hour within that day, from the
-- counts per hour of that day only; then the value within that hour. A group g is a filter set × scope ×
-- window.

month_days as (
    -- each month's resolved complaints per day (the hours added up), before the windows repeat them
    select filter_set, scope, period, resolution_day, sum(complaints) as complaints
    from units
    group by filter_set, scope, period, resolution_day
),

window_days as (
    select
        {'filter_set': filter_set, 'scope': scope, 'period': period, 'time_window': time_window} as g,
        resolution_day,
        complaints
    from (
        select u.filter_set, u.scope, w.period, w.time_window, u.resolution_day, sum(u.complaints) as complaints
        from month_days as u
        inner join windows as w on w.member_period = u.period
        group by u.filter_set, u.scope, w.period, w.time_window, u.resolution_day
    )
),

totals as (
    select g, sum(complaints) as n from window_days group by g
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
        and u.scope = n.g.scope
        and u.period = n.member_period
        and u.resolution_day = n.resolution_day
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
    select distinct g.filter_set as filter_set, g.scope as scope, member_period, resolution_hour
    from hour_targets
),

hour_values as (
    -- the exact values of the needed hours, per filter set, scope and month: the cells of the scope's agencies
    -- in months they exist
    select f.filter_set, s.scope, c.period, c.resolution_hour, v.resolution_days
    from cells as c
    semi join (select distinct member_period, resolution_hour from needed_hours) as h
        on h.member_period = c.period and h.resolution_hour = c.resolution_hour
    semi join int_agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    inner join int_agency_scopes as s on s.agency_code = c.agency_code
    inner join int_complaint_filters as f
        on f.channel is not distinct from c.channel
        and f.complaint_type is not distinct from c.complaint_type
        and f.status is not distinct from c.status
    semi join needed_hours as n
        on n.filter_set = f.filter_set
        and n.scope = s.scope
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
        and v.scope = t.g.scope
        and v.period = t.member_period
        and v.resolution_hour = t.resolution_hour
    group by t.g, t.resolution_hour
),

quantiles as (
    select
        g.filter_set as filter_set,
        g.scope as scope,
        g.period as period,
        g.time_window as time_window,
        median_days,
        p90_days
    from quantile_values('totals', 'hour_ranks', 'hour_lists')
),

final as (
    select
        cast(c.filter_set as varchar) as filter_set,
        cast(c.scope as varchar) as scope,
        cast(c.period as date) as period,
        cast(c.time_window as varchar) as time_window,
        cast(s.dimension as varchar) as dimension,
        cast(s.key as varchar) as key,
        cast(c.received as bigint) as received,
        cast(c.resolved as bigint) as resolved,
        cast(c.pending as bigint) as pending,
        cast(c.pending_overdue as bigint) as pending_overdue,
        cast(c.transferred as bigint) as transferred,
        cast(c.withdrawn as bigint) as withdrawn,
        cast(c.outreach as bigint) as outreach,
        cast(c.judged as bigint) as judged,
        cast(c.on_time as bigint) as on_time,
        cast(q.median_days as double) as median_days,
        cast(q.p90_days as double) as p90_days,
        cast(case when c.judged > 0 then cast(c.on_time as double) / c.judged * 100 end as double) as on_time_rate
    from counted as c
    left join quantiles as q using (filter_set, scope, period, time_window)
    inner join sets as s on s.filter_set = c.filter_set
)

select * from final
