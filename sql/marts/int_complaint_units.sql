-- key: filter_set, agency_code, period, resolution_hour?
-- one row per complaints filter set × agency (or 'ALL', every agency together) × month received × hour of
-- resolution time (NULL: not resolved), for agencies in months they exist: how many complaints pass the filter
-- (complaints), how many of them were judged on time or late (judged) and how many on time (on_time). The
-- months int_measures_complaints makes its windows of, counted once.
-- Rows of the months in int_recomputed_months (every month, unless a build keeps the others' rows).
-- materialized: table recomputed by month
with

cells as (
    select * from int_complaint_cells
),

agency_months as (
    select agency_code, period from int_agency_months
),

filters as (
    select * from int_complaint_filters
),

agency_hours as (
    select
        f.filter_set,
        c.agency_code,
        c.period,
        c.resolution_hour,
        sum(c.complaints) as complaints,
        coalesce(sum(c.complaints) filter (where c.on_time is not null), 0) as judged,
        coalesce(sum(c.complaints) filter (where c.on_time), 0) as on_time
    from cells as c
    semi join agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    semi join int_recomputed_months as rm on rm.period = c.period
    inner join filters as f
        on f.channel is not distinct from c.channel
        and f.complaint_type is not distinct from c.complaint_type
        and f.status is not distinct from c.status
    group by f.filter_set, c.agency_code, c.period, c.resolution_hour
),

final as (
    select
        cast(filter_set as varchar) as filter_set,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(resolution_hour as bigint) as resolution_hour,
        cast(complaints as bigint) as complaints,
        cast(judged as bigint) as judged,
        cast(on_time as bigint) as on_time
    from (
        select * from agency_hours
        union all
        select filter_set, 'ALL', period, resolution_hour, sum(complaints), sum(judged), sum(on_time)
        from agency_hours
        group by filter_set, period, resolution_hour
    )
)

select * from final
