-- key: kpi_code, agency_code, period, time_window
-- one row per KPI × agency (expected agencies, and 'ALL' for the nation) × month in scope × time window:
-- every KPI's value, computed (int_kpi_measures) or reported (int_kpi_reported).
-- A row without data (has_data false: the month, or a month of the window, is missing) keeps no value, so
-- that it has no achievement and no roll-up counts it: missing data is named (미제출), never blended
-- (docs/decisions.md 16). data_period and the coverage columns still say what came.
with

computed as (
    select * from int_kpi_measures
),

reported as (
    select * from int_kpi_reported
),

unioned as (
    select * from computed
    union all
    select * from reported
),

final as (
    select
        kpi_code,
        agency_code,
        period,
        time_window,
        case when has_data then value end as value,
        case when has_data then numerator end as numerator,
        case when has_data then denominator end as denominator,
        case when has_data then records_used else 0 end as records_used,
        has_data,
        agencies_reported,
        agencies_expected,
        data_period
    from unioned
)

select * from final
