-- key: filter_set, scope, period
-- one row per complaints filter set (int_complaint_filters) × scope (int_agency_scopes: an agency, its group,
-- 'ALL') × month received, for agencies in months they exist: how many complaints pass the filter (complaints),
-- and of them 처리완료 (resolved), 처리중 (pending), 처리중 past the legal deadline at the end of the month
-- received (pending_overdue, int_complaint_cells.overdue), 이송 (transferred), 취하 (withdrawn), 찾아가는민원
-- (outreach), judged on time or late (judged) and on time (on_time). The months mart_complaint_windows adds up
-- into its windows' counts; the hours of resolution time, which only the quantiles need, are
-- int_complaint_scope_hours (a month's counts kept there per hour would be mostly zeros).
-- Rows of the months in int_recomputed_months (every month, unless a build keeps the others' rows).
-- materialized: table recomputed by month
with

cells as (
    select * from recomputed_cells(false)
),

agency_months as (
    -- per agency first: a cell passes about three filter sets and counts in three scopes
    select
        f.filter_set,
        c.agency_code,
        c.period,
        sum(c.complaints) as complaints,
        coalesce(sum(c.complaints) filter (where c.status = '처리완료'), 0) as resolved,
        coalesce(sum(c.complaints) filter (where c.status = '처리중'), 0) as pending,
        coalesce(sum(c.complaints) filter (where c.overdue), 0) as pending_overdue,
        coalesce(sum(c.complaints) filter (where c.status = '이송'), 0) as transferred,
        coalesce(sum(c.complaints) filter (where c.status = '취하'), 0) as withdrawn,
        coalesce(sum(c.complaints) filter (where c.channel = '찾아가는민원'), 0) as outreach,
        coalesce(sum(c.complaints) filter (where c.on_time is not null), 0) as judged,
        coalesce(sum(c.complaints) filter (where c.on_time), 0) as on_time
    from cells as c
    inner join int_complaint_filters as f
        on f.channel is not distinct from c.channel
        and f.complaint_type is not distinct from c.complaint_type
        and f.status is not distinct from c.status
    group by f.filter_set, c.agency_code, c.period
),

final as (
    select
        cast(m.filter_set as varchar) as filter_set,
        cast(s.scope as varchar) as scope,
        cast(m.period as date) as period,
        cast(sum(m.complaints) as bigint) as complaints,
        cast(sum(m.resolved) as bigint) as resolved,
        cast(sum(m.pending) as bigint) as pending,
        cast(sum(m.pending_overdue) as bigint) as pending_overdue,
        cast(sum(m.transferred) as bigint) as transferred,
        cast(sum(m.withdrawn) as bigint) as withdrawn,
        cast(sum(m.outreach) as bigint) as outreach,
        cast(sum(m.judged) as bigint) as judged,
        cast(sum(m.on_time) as bigint) as on_time
    from agency_months as m
    inner join int_agency_scopes as s on s.agency_code = m.agency_code
    group by m.filter_set, s.scope, m.period
)

select * from final
