-- complaints received in the months of $month's $window, of agencies in $group ('all'|'central'|'local') or
-- agency $agency ('all' for every agency), counted only in months the agency exists (as the marts do), with
-- grouping sets: one row for the total, one per agency, per complaint type, per channel.
--   dimension  'total' | 'agency' | 'type' | 'channel';  key  the agency code, type or channel ('' for total)
--   the measures are those of mart_complaint_stats (median/p90 as quantile_cont over 처리완료 rows, on-time
--   rate = on_time ÷ judged × 100); pending_overdue: complaints still 처리중 in their month's file whose legal
--   deadline had passed by the end of that month (int_complaint_days), shown beside the on-time rate, which
--   leaves every pending complaint out.
-- The counts, and the day of resolution time each quantile falls in, come from the window's counts per day
-- (int_complaint_days); the cells (int_complaint_cells) are read only for those days, to find the hour, and
-- for those hours, to find the value (quantiles found by counting: sql/macros/quantile_*.sql).
with

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

agency_months as (
    -- the agencies and months in scope, agencies only in months they exist
    select am.agency_code, am.period
    from int_agency_months as am
    semi join members as m on m.member_period = am.period
    semi join agencies as a on a.agency_code = am.agency_code
),

days as (
    select d.*
    from int_complaint_days as d
    semi join agency_months as am on am.agency_code = d.agency_code and am.period = d.period
),

group_days as (
    -- per group and day of resolution time (null: not resolved), the counts of every measure
    select
        case
            when grouping(agency_code) = 0 then 'agency'
            when grouping(complaint_type) = 0 then 'type'
            when grouping(channel) = 0 then 'channel'
            else 'total'
        end as dimension,
        coalesce(agency_code, complaint_type, channel, '') as key,
        resolution_day,
        sum(received) as received,
        sum(resolved) as resolved,
        sum(pending) as pending,
        sum(pending_overdue) as pending_overdue,
        sum(on_time) as on_time,
        sum(judged) as judged
    from days
    group by grouping sets (
        (resolution_day), (agency_code, resolution_day), (complaint_type, resolution_day), (channel, resolution_day)
    )
),

counted as (
    select dimension, key, sum(received) as received, sum(resolved) as resolved, sum(pending) as pending,
        sum(pending_overdue) as pending_overdue, sum(on_time) as on_time, sum(judged) as judged
    from group_days
    group by dimension, key
),

day_counts as (
    select {'dimension': dimension, 'key': key} as g, resolution_day, received as complaints
    from group_days
    where resolution_day is not null
),

totals as (
    select g, sum(complaints) as n from day_counts group by g
),

day_ranks as (
    select * from quantile_days('totals', 'day_counts')
),

dimensions as (
    select * from (values ('total'), ('agency'), ('type'), ('channel')) as d(dimension)
),

window_cells as not materialized (
    -- the window's resolved cells (not materialized: each use below reads only the days or hours it needs)
    select c.agency_code, c.complaint_type, c.channel, c.resolution_hour, c.complaints, c.resolution_days
    from int_complaint_cells as c
    semi join agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    where c.resolution_hour is not null
),

hour_counts as (
    select {'dimension': c.dimension, 'key': c.key} as g, c.resolution_hour, sum(c.complaints) as complaints
    from (
        select
            d.dimension,
            case d.dimension when 'agency' then c.agency_code when 'type' then c.complaint_type
                when 'channel' then c.channel else '' end as key,
            c.resolution_hour,
            c.complaints
        from window_cells as c
        cross join dimensions as d
    ) as c
    semi join (select distinct g.dimension as dimension, g.key as key, resolution_day from day_ranks) as n
        on n.dimension = c.dimension and n.key = c.key and n.resolution_day = c.resolution_hour // 24
    group by c.dimension, c.key, c.resolution_hour
),

hour_ranks as (
    select * from quantile_hours('day_ranks', 'hour_counts')
),

hour_lists as (
    select
        {'dimension': c.dimension, 'key': c.key} as g,
        c.resolution_hour,
        list_sort(flatten(list(c.resolution_days))) as sorted
    from (
        select
            d.dimension,
            case d.dimension when 'agency' then c.agency_code when 'type' then c.complaint_type
                when 'channel' then c.channel else '' end as key,
            c.resolution_hour,
            c.resolution_days
        from (
            select * from window_cells
            where resolution_hour in (select distinct resolution_hour from hour_ranks)
        ) as c
        cross join dimensions as d
    ) as c
    semi join (select distinct g.dimension as dimension, g.key as key, resolution_hour from hour_ranks) as n
        on n.dimension = c.dimension and n.key = c.key and n.resolution_hour = c.resolution_hour
    group by c.dimension, c.key, c.resolution_hour
),

quantiles as (
    select * from quantile_values('totals', 'hour_ranks', 'hour_lists')
),

final as (
    select
        c.dimension,
        c.key,
        a.name_ko as agency_name_ko,
        a.name_en as agency_name_en,
        cast(c.received as bigint) as received,
        cast(c.resolved as bigint) as resolved,
        cast(c.pending as bigint) as pending,
        cast(c.pending_overdue as bigint) as pending_overdue,
        cast(c.on_time as bigint) as on_time,
        cast(c.judged as bigint) as judged,
        cast(q.median_days as double) as median_days,
        cast(q.p90_days as double) as p90_days,
        cast(case when c.judged > 0 then cast(c.on_time as double) / c.judged * 100 end as double) as on_time_rate
    from counted as c
    left join quantiles as q on q.g.dimension = c.dimension and q.g.key = c.key
    left join ref_agencies as a on c.dimension = 'agency' and a.agency_code = c.key
)

select * from final order by dimension, received desc, key
