-- key: kpi_code, agency_code, period, time_window
-- one row per computed-source KPI × agency (every agency existing that month, and 'ALL' for the nation)
-- × month in scope × time window: the KPI's measure over its filtered records (int_measures_complaints,
-- int_measures_additive, int_measures_meetings),
-- with whether the agency's window is complete and, for 'ALL', how many agencies' windows are.
-- Missing months are named, never blended (docs/decisions.md 16): an agency's window has data only when the
-- agency submitted the source for every month of it that it exists in (for 'month', the month itself);
-- otherwise it is 미제출 and has no value. 'ALL' has data when at least one agency's window is complete.
with

kpis as (
    select k.kpi_code, k.source, k.measure, fs.filter_set
    from ref_kpis as k
    inner join int_kpi_filter_sets as fs on fs.kpi_code = k.kpi_code
),

coverage as (
    select *, has_data and months_submitted = months_expected as complete from int_dataset_windows
),

windows as (
    select distinct period, time_window from int_period_windows
),

measures as (
    select * from int_measures_complaints
    union all
    select * from int_measures_additive
    union all
    select * from int_measures_meetings
),

agency_rows as (
    select
        k.kpi_code,
        c.agency_code,
        c.period,
        c.time_window,
        m.value,
        m.numerator,
        m.denominator,
        coalesce(m.records_used, 0) as records_used,
        c.complete as has_data,
        case when c.complete then 1 else 0 end as agencies_reported,
        1 as agencies_expected,
        c.data_period
    from kpis as k
    inner join coverage as c on c.dataset = k.source
    left join measures as m
        on m.source = k.source
        and m.filter_set = k.filter_set
        and m.measure = k.measure
        and m.agency_code = c.agency_code
        and m.period = c.period
        and m.time_window = c.time_window
),

national_counts as (
    select
        kpi_code,
        period,
        time_window,
        count(*) filter (where has_data) as agencies_reported,
        count(*) as agencies_expected,
        max(data_period) as data_period
    from agency_rows
    group by kpi_code, period, time_window
),

national_rows as (
    select
        k.kpi_code,
        'ALL' as agency_code,
        w.period,
        w.time_window,
        m.value,
        m.numerator,
        m.denominator,
        coalesce(m.records_used, 0) as records_used,
        coalesce(n.agencies_reported, 0) > 0 as has_data,
        coalesce(n.agencies_reported, 0) as agencies_reported,
        coalesce(n.agencies_expected, 0) as agencies_expected,
        n.data_period
    from kpis as k
    cross join windows as w
    left join national_counts as n
        on n.kpi_code = k.kpi_code and n.period = w.period and n.time_window = w.time_window
    left join measures as m
        on m.source = k.source
        and m.filter_set = k.filter_set
        and m.measure = k.measure
        and m.agency_code = 'ALL'
        and m.period = w.period
        and m.time_window = w.time_window
),

final as (
    select
        cast(kpi_code as varchar) as kpi_code,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(value as double) as value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(records_used as bigint) as records_used,
        cast(has_data as boolean) as has_data,
        cast(agencies_reported as integer) as agencies_reported,
        cast(agencies_expected as integer) as agencies_expected,
        cast(data_period as date) as data_period
    from (
        select * from agency_rows
        union all
        select * from national_rows
    )
)

select * from final
