-- one row per complaints filter set × agency (or 'ALL' for all agencies) × month × time window × measure,
-- for every window in which the agency (for 'ALL': any agency) submitted complaints for at least one month.
-- Measures over the window's records that pass the filter:
--   median_days, p90_days  quantile_cont 0.5 / 0.9 of resolution_days over 처리완료 rows (null if none)
--   on_time_rate           on-time rows ÷ 처리완료 rows whose deadline is known × 100 (null if none)
--   complaint_count        rows of any status (0 if none)
with

complaints as (
    select * from stg_complaints
),

agency_months as (
    select agency_code, period from int_agency_months
),

windows as (
    select * from int_period_windows
),

coverage as (
    select * from int_dataset_windows where dataset = 'complaints' and months_submitted > 0
),

filter_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'complaints'
),

filter_values as (
    select distinct s.filter_set, f.column_name, f.value
    from int_kpi_filter_sets as s
    inner join ref_kpi_filters as f on f.kpi_code = s.kpi_code
    where s.source = 'complaints'
),

combos as (
    select distinct channel, complaint_type, status from complaints
),

combo_sets as (
    -- each combination of filterable values with every filter set it passes: a filter keeps the listed
    -- values of its column; a filter on a column complaints do not have keeps nothing
    select s.filter_set, c.channel, c.complaint_type, c.status
    from filter_sets as s
    cross join combos as c
    where
        not exists (
            select 1 from filter_values as v
            where v.filter_set = s.filter_set and v.column_name not in ('channel', 'complaint_type', 'status')
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name = 'channel')
            or exists (
                select 1 from filter_values as v
                where v.filter_set = s.filter_set and v.column_name = 'channel' and v.value = c.channel
            )
        )
        and (
            not exists (
                select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name = 'complaint_type'
            )
            or exists (
                select 1 from filter_values as v
                where v.filter_set = s.filter_set and v.column_name = 'complaint_type' and v.value = c.complaint_type
            )
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name = 'status')
            or exists (
                select 1 from filter_values as v
                where v.filter_set = s.filter_set and v.column_name = 'status' and v.value = c.status
            )
        )
),

records as (
    -- records of agencies in months they exist, once per filter set they pass
    select cs.filter_set, c.agency_code, c.period, c.resolution_days, c.on_time
    from complaints as c
    semi join agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    inner join combo_sets as cs
        on cs.channel is not distinct from c.channel
        and cs.complaint_type is not distinct from c.complaint_type
        and cs.status is not distinct from c.status
),

aggregated as (
    select
        r.filter_set,
        case when grouping(r.agency_code) = 1 then 'ALL' else r.agency_code end as agency_code,
        w.period,
        w.time_window,
        count(*) as complaint_count,
        count(r.resolution_days) as resolved_count,
        quantile_cont(r.resolution_days, 0.5) as median_days,
        quantile_cont(r.resolution_days, 0.9) as p90_days,
        count(r.on_time) as judged_count,
        count(*) filter (where r.on_time) as on_time_count
    from records as r
    inner join windows as w on w.member_period = r.period
    group by grouping sets (
        (r.filter_set, r.agency_code, w.period, w.time_window),
        (r.filter_set, w.period, w.time_window)
    )
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
    left join aggregated as a
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
