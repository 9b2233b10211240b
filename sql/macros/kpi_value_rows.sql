-- parameters: kpis, agency_rows, national_figures
-- The rows of a KPI value model (int_kpi_measures, int_kpi_reported): the agencies' rows as given, a national
-- row ('ALL') for every KPI × month in scope × time window, and the one list of the KPI value columns with
-- their types (int_kpi_values, int_kpi_status and the KPI marts pass them on as they are).
--   kpis              (kpi_code): the model's KPIs; each gets its national rows, with or without data
--   agency_rows       (kpi_code, agency_code, period, time_window, value, numerator, denominator, records_used,
--                     has_data, data_period): one row per KPI × expected agency × month × window; the agency
--                     counts as reported (agencies_reported 1 of agencies_expected 1) when it has data
--   national_figures  (kpi_code, period, time_window, value, numerator, denominator, records_used): the
--                     national figure where there is one; a KPI × window without one has no value and 0
--                     records used
-- A national row counts the agencies: agencies_expected its agency rows, agencies_reported those with data,
-- data_period their latest; it has data when at least one agency has.
with

kv_agencies as (
    select
        kpi_code, agency_code, period, time_window, value, numerator, denominator, records_used, has_data,
        case when has_data then 1 else 0 end as agencies_reported,
        1 as agencies_expected,
        data_period
    from query_table(agency_rows)
),

kv_counts as (
    select
        kpi_code,
        period,
        time_window,
        count(*) filter (where has_data) as agencies_reported,
        count(*) as agencies_expected,
        max(data_period) as data_period
    from kv_agencies
    group by kpi_code, period, time_window
),

kv_nation as (
    select
        k.kpi_code,
        'ALL' as agency_code,
        w.period,
        w.time_window,
        f.value,
        f.numerator,
        f.denominator,
        coalesce(f.records_used, 0) as records_used,
        coalesce(c.agencies_reported, 0) > 0 as has_data,
        coalesce(c.agencies_reported, 0) as agencies_reported,
        coalesce(c.agencies_expected, 0) as agencies_expected,
        c.data_period
    from query_table(kpis) as k
    cross join (select distinct period, time_window from int_period_windows) as w
    left join kv_counts as c
        on c.kpi_code = k.kpi_code and c.period = w.period and c.time_window = w.time_window
    left join query_table(national_figures) as f
        on f.kpi_code = k.kpi_code and f.period = w.period and f.time_window = w.time_window
)

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
    select * from kv_agencies
    union all
    select * from kv_nation
)
