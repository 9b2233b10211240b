-- key: filter_set, scope, period, resolution_hour
-- one row per complaints filter set (int_complaint_filters) × scope (int_agency_scopes: an agency, its group,
-- 'ALL') × month received × hour of resolution time, for agencies in months they exist: how many resolved
-- complaints (those with a resolution time) pass the filter. The counts per hour the quantiles of
-- mart_complaint_windows and the distribution of mart_complaint_distribution are found from; a month's other
-- counts are int_complaint_scope_months.
-- Rows of the months in int_recomputed_months (every month, unless a build keeps the others' rows).
-- materialized: table recomputed by month
with

cells as (
    select * from recomputed_cells(true)
),

agency_hours as (
    -- per agency first: a cell passes about three filter sets and counts in three scopes
    select f.filter_set, c.agency_code, c.period, c.resolution_hour, sum(c.complaints) as complaints
    from cells as c
    inner join int_complaint_filters as f
        on f.channel is not distinct from c.channel
        and f.complaint_type is not distinct from c.complaint_type
        and f.status is not distinct from c.status
    group by f.filter_set, c.agency_code, c.period, c.resolution_hour
),

final as (
    select
        cast(h.filter_set as varchar) as filter_set,
        cast(s.scope as varchar) as scope,
        cast(h.period as date) as period,
        cast(h.resolution_hour as bigint) as resolution_hour,
        cast(sum(h.complaints) as bigint) as complaints
    from agency_hours as h
    inner join int_agency_scopes as s on s.agency_code = h.agency_code
    group by h.filter_set, s.scope, h.period, h.resolution_hour
)

select * from final
