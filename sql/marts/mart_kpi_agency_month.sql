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
    select
        cast(kpi_code as varchar) as kpi_code,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(value as double) as value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(target as double) as target,
        cast(achievement as double) as achievement,
        cast(achievement_raw as double) as achievement_raw,
        cast(status as varchar) as status,
        cast(has_data as boolean) as has_data,
        cast(data_period as date) as data_period,
        cast(records_used as bigint) as records_used
    from kpi_status
)

select * from final
