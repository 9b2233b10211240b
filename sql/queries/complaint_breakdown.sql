-- complaints received in the months of $month's $window, of agencies in $group ('all'|'central'|'local') or
-- agency $agency ('all' for every agency), counted only in months the agency exists (as the marts do), with
-- grouping sets: one row for the total, one per agency, per complaint type, per channel.
--   dimension  'total' | 'agency' | 'type' | 'channel';  key  the agency code, type or channel ('' for total)
--   the measures are those of mart_complaint_stats (median/p90 by quantile_cont over 처리완료 rows,
--   on-time rate = on_time ÷ judged × 100), from int_complaint_cells
with

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

records as (
    select c.*
    from int_complaint_cells as c
    semi join int_agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    semi join members as m on m.member_period = c.period
    semi join agencies as a on a.agency_code = c.agency_code
),

counted as (
    select
        case
            when grouping(agency_code) = 0 then 'agency'
            when grouping(complaint_type) = 0 then 'type'
            when grouping(channel) = 0 then 'channel'
            else 'total'
        end as dimension,
        coalesce(agency_code, complaint_type, channel, '') as key,
        sum(complaints) as received,
        coalesce(sum(complaints) filter (where status = '처리완료'), 0) as resolved,
        coalesce(sum(complaints) filter (where status = '처리중'), 0) as pending,
        coalesce(sum(complaints) filter (where on_time), 0) as on_time,
        coalesce(sum(complaints) filter (where on_time is not null), 0) as judged
    from records
    group by grouping sets ((), (agency_code), (complaint_type), (channel))
),

quantiles as (
    select
        case
            when grouping(agency_code) = 0 then 'agency'
            when grouping(complaint_type) = 0 then 'type'
            when grouping(channel) = 0 then 'channel'
            else 'total'
        end as dimension,
        coalesce(agency_code, complaint_type, channel, '') as key,
        quantile_cont(v.resolution_days, 0.5) as median_days,
        quantile_cont(v.resolution_days, 0.9) as p90_days
    from records as r,
        unnest(r.resolution_days) as v(resolution_days)
    group by grouping sets ((), (agency_code), (complaint_type), (channel))
),

grouped as (
    select c.*, q.median_days, q.p90_days
    from counted as c
    left join quantiles as q on q.dimension = c.dimension and q.key = c.key
),

final as (
    select
        g.dimension,
        g.key,
        a.name_ko as agency_name_ko,
        a.name_en as agency_name_en,
        cast(g.received as bigint) as received,
        cast(g.resolved as bigint) as resolved,
        cast(g.pending as bigint) as pending,
        cast(g.on_time as bigint) as on_time,
        cast(g.judged as bigint) as judged,
        cast(g.median_days as double) as median_days,
        cast(g.p90_days as double) as p90_days,
        cast(case when g.judged > 0 then cast(g.on_time as double) / g.judged * 100 end as double) as on_time_rate
    from grouped as g
    left join ref_agencies as a on g.dimension = 'agency' and a.agency_code = g.key
)

select * from final order by dimension, received desc, key
