-- key: agency_code, period, complaint_type
-- one row per agency (or 'ALL') × month in scope × complaint type (or 'ALL'), for the groups that have
-- complaints (grouping sets): complaints received that month (rows of any status) and what became of them.
-- Only agencies in months they exist (as every KPI).
--   received      rows                      resolved     처리완료 rows       pending   처리중 rows
--   transferred   이송 rows                  withdrawn    취하 rows           outreach  찾아가는민원 rows
--   on_time       처리완료 rows resolved by the deadline   judged  처리완료 rows whose deadline is known
--   median_days, p90_days   quantile_cont 0.5 / 0.9 of resolution_days (처리완료 rows)
--   on_time_rate  on_time ÷ judged × 100 (null when judged = 0)
-- From int_complaint_cells: the counts add up the cells. The quantiles are those of quantile_cont, found by
-- counting (sql/macros/quantile_*.sql): counts per day of resolution time give the day each needed rank falls
-- in, counts per hour of that day the hour, and only that hour's values are read and sorted.
-- Rows of the months in int_recomputed_months (every month, unless a build keeps the others' rows).
-- materialized: table recomputed by month
with

cells as not materialized (
    select * from int_complaint_cells
),

agency_months as (
    select agency_code, period from int_agency_months
),

records as not materialized (
    select c.*
    from cells as c
    semi join agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    semi join int_recomputed_months as rm on rm.period = c.period
),

counted as (
    select
        case when grouping(agency_code) = 1 then 'ALL' else agency_code end as agency_code,
        period,
        case when grouping(complaint_type) = 1 then 'ALL' else complaint_type end as complaint_type,
        sum(complaints) as received,
        coalesce(sum(complaints) filter (where status = '처리완료'), 0) as resolved,
        coalesce(sum(complaints) filter (where status = '처리중'), 0) as pending,
        coalesce(sum(complaints) filter (where status = '이송'), 0) as transferred,
        coalesce(sum(complaints) filter (where status = '취하'), 0) as withdrawn,
        coalesce(sum(complaints) filter (where channel = '찾아가는민원'), 0) as outreach,
        coalesce(sum(complaints) filter (where on_time), 0) as on_time,
        coalesce(sum(complaints) filter (where on_time is not null), 0) as judged
    from records
    group by grouping sets (
        (agency_code, period, complaint_type),
        (agency_code, period),
        (period, complaint_type),
        (period)
    )
),

type_hours as (
    -- resolution times counted per agency × month × complaint type × hour
    select agency_code, period, complaint_type, resolution_hour, sum(complaints) as complaints
    from records
    where resolution_hour is not null
    group by agency_code, period, complaint_type, resolution_hour
),

group_days as (
    -- and per day, for every group of the mart
    select
        {
            'agency_code': case when grouping(agency_code) = 1 then 'ALL' else agency_code end,
            'period': period,
            'complaint_type': case when grouping(complaint_type) = 1 then 'ALL' else complaint_type end
        } as g,
        resolution_hour // 24 as resolution_day,
        sum(complaints) as complaints
    from type_hours
    group by grouping sets (
        (agency_code, period, complaint_type, resolution_hour // 24),
        (agency_code, period, resolution_hour // 24),
        (period, complaint_type, resolution_hour // 24),
        (period, resolution_hour // 24)
    )
),

totals as (
    select g, sum(complaints) as n from group_days group by g
),

day_ranks as (
    select * from quantile_days('totals', 'group_days')
),

needed_days as (
    select distinct
        g.agency_code as agency_code, g.period as period, g.complaint_type as complaint_type, resolution_day
    from day_ranks
),

day_hours as (
    -- the hours of the needed days, for each grouping of agency and complaint type
    select h.agency_code, h.period, h.complaint_type, h.resolution_hour, h.complaints
    from type_hours as h
    semi join needed_days as n
        on n.agency_code = h.agency_code
        and n.period = h.period
        and n.complaint_type = h.complaint_type
        and n.resolution_day = h.resolution_hour // 24
    union all
    select h.agency_code, h.period, 'ALL', h.resolution_hour, sum(h.complaints)
    from type_hours as h
    semi join needed_days as n
        on n.agency_code = h.agency_code
        and n.period = h.period
        and n.complaint_type = 'ALL'
        and n.resolution_day = h.resolution_hour // 24
    group by h.agency_code, h.period, h.resolution_hour
    union all
    select 'ALL', h.period, h.complaint_type, h.resolution_hour, sum(h.complaints)
    from type_hours as h
    semi join needed_days as n
        on n.agency_code = 'ALL'
        and n.period = h.period
        and n.complaint_type = h.complaint_type
        and n.resolution_day = h.resolution_hour // 24
    group by h.period, h.complaint_type, h.resolution_hour
    union all
    select 'ALL', h.period, 'ALL', h.resolution_hour, sum(h.complaints)
    from type_hours as h
    semi join needed_days as n
        on n.agency_code = 'ALL'
        and n.period = h.period
        and n.complaint_type = 'ALL'
        and n.resolution_day = h.resolution_hour // 24
    group by h.period, h.resolution_hour
),

hour_counts as (
    select
        {'agency_code': agency_code, 'period': period, 'complaint_type': complaint_type} as g,
        resolution_hour,
        complaints
    from day_hours
),

hour_ranks as (
    select * from quantile_hours('day_ranks', 'hour_counts')
),

needed_hours as (
    select distinct
        g.agency_code as agency_code, g.period as period, g.complaint_type as complaint_type, resolution_hour
    from hour_ranks
),

hour_cells as (
    -- the cells that hold those hours' values, for each grouping of agency and complaint type (cells of
    -- agencies in months they do not exist are left out below)
    select c.agency_code, c.period, c.complaint_type, c.resolution_hour, c.resolution_days, c.agency_code as source_agency
    from cells as c
    semi join needed_hours as n
        on n.agency_code = c.agency_code
        and n.period = c.period
        and n.complaint_type = c.complaint_type
        and n.resolution_hour = c.resolution_hour
    union all
    select c.agency_code, c.period, 'ALL', c.resolution_hour, c.resolution_days, c.agency_code
    from cells as c
    semi join (
        select distinct agency_code, period, resolution_hour from needed_hours where complaint_type = 'ALL'
    ) as n
        on n.agency_code = c.agency_code and n.period = c.period and n.resolution_hour = c.resolution_hour
    union all
    select 'ALL', c.period, c.complaint_type, c.resolution_hour, c.resolution_days, c.agency_code
    from cells as c
    semi join (
        select distinct period, complaint_type, resolution_hour from needed_hours where agency_code = 'ALL'
    ) as n
        on n.period = c.period and n.complaint_type = c.complaint_type and n.resolution_hour = c.resolution_hour
    union all
    select 'ALL', c.period, 'ALL', c.resolution_hour, c.resolution_days, c.agency_code
    from cells as c
    semi join (
        select distinct period, resolution_hour from needed_hours where agency_code = 'ALL' and complaint_type = 'ALL'
    ) as n
        on n.period = c.period and n.resolution_hour = c.resolution_hour
),

hour_lists as (
    -- each needed hour's values, sorted
    select
        {'agency_code': c.agency_code, 'period': c.period, 'complaint_type': c.complaint_type} as g,
        c.resolution_hour,
        list_sort(flatten(list(c.resolution_days))) as sorted
    from hour_cells as c
    semi join agency_months as am on am.agency_code = c.source_agency and am.period = c.period
    semi join needed_hours as n
        on n.agency_code = c.agency_code
        and n.period = c.period
        and n.complaint_type = c.complaint_type
        and n.resolution_hour = c.resolution_hour
    group by c.agency_code, c.period, c.complaint_type, c.resolution_hour
),

quantiles as (
    select
        g.agency_code as agency_code,
        g.period as period,
        g.complaint_type as complaint_type,
        median_days,
        p90_days
    from quantile_values('totals', 'hour_ranks', 'hour_lists')
),

final as (
    select
        cast(c.agency_code as varchar) as agency_code,
        cast(c.period as date) as period,
        cast(c.complaint_type as varchar) as complaint_type,
        cast(c.received as bigint) as received,
        cast(c.resolved as bigint) as resolved,
        cast(c.pending as bigint) as pending,
        cast(c.transferred as bigint) as transferred,
        cast(c.withdrawn as bigint) as withdrawn,
        cast(c.outreach as bigint) as outreach,
        cast(c.on_time as bigint) as on_time,
        cast(c.judged as bigint) as judged,
        cast(q.median_days as double) as median_days,
        cast(q.p90_days as double) as p90_days,
        cast(case when c.judged > 0 then cast(c.on_time as double) / c.judged * 100 end as double) as on_time_rate
    from counted as c
    left join quantiles as q
        on q.agency_code = c.agency_code
        and q.period = c.period
        and q.complaint_type = c.complaint_type
)

select * from final
