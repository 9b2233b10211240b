-- key: kpi_code, agency_code, period, time_window
-- one row per computed-source KPI × agency (every agency existing that month, and 'ALL' for the nation)
-- × month in scope × time window: the KPI's measure over its filtered records (int_measures_complaints,
-- int_measures_additive, int_measures_meetings),
-- with whether the agency's window is complete and, for 'ALL', how many agencies' windows are (kpi_value_rows).
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

measures as (
    select * from int_measures_complaints
    union all
    select * from int_measures_additive
    union all
    select * from int_measures_meetings
),

kpi_measures as (
    -- each KPI's measure over its filtered records, per agency and for 'ALL'
    select k.kpi_code, m.agency_code, m.period, m.time_window, m.value, m.numerator, m.denominator, m.records_used
    from kpis as k
    inner join measures as m on m.source = k.source and m.filter_set = k.filter_set and m.measure = k.measure
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
        c.data_period
    from kpis as k
    inner join coverage as c on c.dataset = k.source
    left join kpi_measures as m using (kpi_code, agency_code, period, time_window)
),

national_figures as (
    select * from kpi_measures where agency_code = 'ALL'
),

final as (
    select * from kpi_value_rows('kpis', 'agency_rows', 'national_figures')
)

select * from final
