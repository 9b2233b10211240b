-- key: scope, period, time_window, days
-- one row per scope (int_agency_scopes: an agency, 'central', 'local' or 'ALL') × month × time window × whole
-- day of resolution time (0, 1, 2, …; 30 holds 30 days and more) in which complaints received in the window's
-- months were resolved: how many (agencies counted only in months they exist). The day is
-- floor(resolution_days) = resolution_hour // 24 (int_complaint_scope_hours, every complaint: filter set '').
-- Rows of the windows that hold a month of int_recomputed_months (every window, unless a build keeps the
-- others' rows).
-- materialized: table recomputed by month
with

recomputed as (
    select period from int_recomputed_months
),

windows as (
    -- the windows this build computes, with their months
    select * from recomputed_windows('recomputed')
),

hours as (
    select scope, period, resolution_hour, complaints
    from int_complaint_scope_hours
    where filter_set = ''
),

final as (
    select
        cast(h.scope as varchar) as scope,
        cast(w.period as date) as period,
        cast(w.time_window as varchar) as time_window,
        cast(least(h.resolution_hour // 24, 30) as integer) as days,
        cast(sum(h.complaints) as bigint) as complaints
    from hours as h
    inner join windows as w on w.member_period = h.period
    group by h.scope, w.period, w.time_window, least(h.resolution_hour // 24, 30)
)

select * from final
