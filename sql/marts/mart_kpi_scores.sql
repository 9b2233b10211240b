-- key: agency_code, kpi_code, period, time_window
-- one row per owner × KPI × month in scope × time window: the nation ('ALL', mart_kpi_national_month) and each
-- agency (mart_kpi_agency_month, only the KPIs it is expected to report), in one table, so that a page or
-- report that shows a KPI nationally or for one agency reads the same rows (agency_code = coalesce($agency,
-- 'ALL')): value, target, achievement (judged, bounded), achievement_raw, status as the two marts have them,
-- and gap = gap_to_target(achievement), the points below on_track the attention list sorts on.
--   agencies_reported / agencies_expected  nationally as the national mart counts them; for an agency 1 when
--                     it has data for the month (else 0) of 1
--   has_data          an agency's row: it has data for the month; null for the nation
with

national as (
    select
        cast('ALL' as varchar) as agency_code,
        kpi_code, period, time_window, value, target, achievement, achievement_raw, status,
        cast(null as boolean) as has_data, agencies_reported, agencies_expected
    from mart_kpi_national_month
),

agencies as (
    select
        agency_code, kpi_code, period, time_window, value, target, achievement, achievement_raw, status,
        has_data, cast(has_data as integer) as agencies_reported, cast(1 as integer) as agencies_expected
    from mart_kpi_agency_month
),

final as (
    select
        agency_code, kpi_code, period, time_window, value, target, achievement, achievement_raw, status,
        cast(gap_to_target(achievement) as double) as gap,
        has_data, agencies_reported, agencies_expected
    from (select * from national union all select * from agencies)
)

select * from final
