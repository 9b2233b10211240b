-- one row per agency (or 'ALL') × month in scope × complaint type (or 'ALL'), for the groups that have
-- complaints (grouping sets): complaints received that month (rows of any status) and what became of them.
-- Only agencies in months they exist (as every KPI).
--   received      rows                      resolved     처리완료 rows       pending   처리중 rows
--   transferred   이송 rows                  withdrawn    취하 rows           outreach  찾아가는민원 rows
--   on_time       처리완료 rows resolved by the deadline   judged  처리완료 rows whose deadline is known
--   median_days, p90_days   quantile_cont 0.5 / 0.9 of resolution_days (처리완료 rows)
--   on_time_rate  on_time ÷ judged × 100 (null when judged = 0)
-- From int_complaint_cells: the counts add up the cells. The quantiles are those of quantile_cont, found
-- as in int_measures_complaints: counts per day of resolution time give the day each needed rank falls in,
-- counts per hour of that day the hour, and only that hour's values are read and sorted.
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

quantiles as (
    select * from (values ('median_days', cast(0.5 as double)), ('p90_days', cast(0.9 as double))) as q(measure, q)
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
        case when grouping(agency_code) = 1 then 'ALL' else agency_code end as agency_code,
        period,
        case when grouping(complaint_type) = 1 then 'ALL' else complaint_type end as complaint_type,
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

positions as (
    -- where each quantile sits among the group's sorted resolution times: position (n − 1) × q
    select d.agency_code, d.period, d.complaint_type, q.measure, cast(d.resolved - 1 as double) * q.q as position
    from (
        select agency_code, period, complaint_type, sum(complaints) as resolved
        from group_days
        group by agency_code, period, complaint_type
    ) as d
    cross join quantiles as q
),

wanted_ranks as (
    select distinct p.agency_code, p.period, p.complaint_type, r.rank
    from positions as p,
        unnest([cast(floor(p.position) as bigint), cast(ceil(p.position) as bigint)]) as r(rank)
),

day_spans as (
    -- the ranks (0-based) each day's values take among the group's sorted values
    select
        *,
        sum(complaints) over (
            partition by agency_code, period, complaint_type
            order by resolution_day rows between unbounded preceding and current row
        ) - complaints as first_rank
    from group_days
),

rank_days as (
    select r.agency_code, r.period, r.complaint_type, r.rank, d.resolution_day, d.first_rank
    from wanted_ranks as r
    inner join day_spans as d
        on d.agency_code = r.agency_code
        and d.period = r.period
        and d.complaint_type = r.complaint_type
        and r.rank >= d.first_rank
        and r.rank < d.first_rank + d.complaints
),

needed_days as (
    select distinct agency_code, period, complaint_type, resolution_day, first_rank from rank_days
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

hour_spans as (
    -- within each wanted day, the ranks each hour's values take
    select
        h.agency_code, h.period, h.complaint_type, h.resolution_hour, h.complaints,
        n.first_rank + sum(h.complaints) over (
            partition by h.agency_code, h.period, h.complaint_type, n.resolution_day
            order by h.resolution_hour rows between unbounded preceding and current row
        ) - h.complaints as first_rank
    from day_hours as h
    inner join needed_days as n
        on n.agency_code = h.agency_code
        and n.period = h.period
        and n.complaint_type = h.complaint_type
        and n.resolution_day = h.resolution_hour // 24
),

rank_hours as (
    select r.agency_code, r.period, r.complaint_type, r.rank, h.resolution_hour, h.first_rank
    from wanted_ranks as r
    inner join hour_spans as h
        on h.agency_code = r.agency_code
        and h.period = r.period
        and h.complaint_type = r.complaint_type
        and r.rank >= h.first_rank
        and r.rank < h.first_rank + h.complaints
),

needed_hours as (
    select distinct agency_code, period, complaint_type, resolution_hour, first_rank from rank_hours
),

hour_cells as (
    -- the cells that hold those hours' values, for each grouping of agency and complaint type (cells of
    -- agencies in months they do not exist are left out below)
    select c.agency_code, c.period, c.complaint_type, c.resolution_hour, c.resolution_days, c.agency_code as source_agency
    from cells as c
    inner join (select distinct agency_code, period, complaint_type, resolution_hour from needed_hours) as n
        on n.agency_code = c.agency_code
        and n.period = c.period
        and n.complaint_type = c.complaint_type
        and n.resolution_hour = c.resolution_hour
    union all
    select c.agency_code, c.period, 'ALL', c.resolution_hour, c.resolution_days, c.agency_code
    from cells as c
    inner join (
        select distinct agency_code, period, resolution_hour from needed_hours where complaint_type = 'ALL'
    ) as n
        on n.agency_code = c.agency_code and n.period = c.period and n.resolution_hour = c.resolution_hour
    union all
    select 'ALL', c.period, c.complaint_type, c.resolution_hour, c.resolution_days, c.agency_code
    from cells as c
    inner join (
        select distinct period, complaint_type, resolution_hour from needed_hours where agency_code = 'ALL'
    ) as n
        on n.period = c.period and n.complaint_type = c.complaint_type and n.resolution_hour = c.resolution_hour
    union all
    select 'ALL', c.period, 'ALL', c.resolution_hour, c.resolution_days, c.agency_code
    from cells as c
    inner join (
        select distinct period, resolution_hour from needed_hours where agency_code = 'ALL' and complaint_type = 'ALL'
    ) as n
        on n.period = c.period and n.resolution_hour = c.resolution_hour
),

hour_lists as (
    -- each wanted hour's values, sorted
    select
        c.agency_code, c.period, c.complaint_type, c.resolution_hour, n.first_rank,
        list_sort(flatten(list(c.resolution_days))) as sorted
    from hour_cells as c
    semi join agency_months as am on am.agency_code = c.source_agency and am.period = c.period
    inner join needed_hours as n
        on n.agency_code = c.agency_code
        and n.period = c.period
        and n.complaint_type = c.complaint_type
        and n.resolution_hour = c.resolution_hour
    group by c.agency_code, c.period, c.complaint_type, c.resolution_hour, n.first_rank
),

rank_values as (
    select r.agency_code, r.period, r.complaint_type, r.rank, h.sorted[cast(r.rank - h.first_rank + 1 as bigint)] as value
    from rank_hours as r
    inner join hour_lists as h
        on h.agency_code = r.agency_code
        and h.period = r.period
        and h.complaint_type = r.complaint_type
        and h.resolution_hour = r.resolution_hour
),

interpolated as (
    -- quantile_cont: lo × (1 − f) + hi × f between the values at ranks floor(p) and ceil(p)
    select
        p.agency_code, p.period, p.complaint_type, p.measure,
        case
            when lo.rank = hi.rank then lo.value
            else lo.value * (cast(1 as double) - (p.position - lo.rank)) + hi.value * (p.position - lo.rank)
        end as value
    from positions as p
    inner join rank_values as lo
        on lo.agency_code = p.agency_code
        and lo.period = p.period
        and lo.complaint_type = p.complaint_type
        and lo.rank = cast(floor(p.position) as bigint)
    inner join rank_values as hi
        on hi.agency_code = p.agency_code
        and hi.period = p.period
        and hi.complaint_type = p.complaint_type
        and hi.rank = cast(ceil(p.position) as bigint)
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
        cast(m.value as double) as median_days,
        cast(p.value as double) as p90_days,
        cast(case when c.judged > 0 then cast(c.on_time as double) / c.judged * 100 end as double) as on_time_rate
    from counted as c
    left join interpolated as m
        on m.measure = 'median_days'
        and m.agency_code = c.agency_code
        and m.period = c.period
        and m.complaint_type = c.complaint_type
    left join interpolated as p
        on p.measure = 'p90_days'
        and p.agency_code = c.agency_code
        and p.period = c.period
        and p.complaint_type = c.complaint_type
)

select * from final
