-- key: kpi_code, agency_code, period, time_window
-- one row per KPI × agency × month in scope × time window, for the agencies expected for the KPI (every
-- agency existing that month for a computed source; the listed reporters for kpi_progress): the agency's
-- own value, the KPI's target for the window, and achievement and status where the KPI judges agencies
-- (judge_agencies); otherwise null achievement, and status null unless 'no_data' (미제출)
with

kpi_status as (
    select * from int_kpi_status where agency_code <> 'ALL'
),

final as (
    -- int_kpi_status's columns as they are (typed by kpi_value_rows and int_kpi_targets)
    select
        kpi_code, agency_code, period, time_window,
        value, numerator, denominator, target, achievement, achievement_raw, status,
        has_data, data_period, records_used
    from kpi_status
)

select * from final
