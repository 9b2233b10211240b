-- key: level, agency_code, code, period, time_window
-- one row per scored thing × owner × month in scope × time window, in one table, so that a page or report that
-- shows tasks and KPIs, nationally or for one agency, reads the same rows (agency_code = coalesce($agency,
-- 'ALL')) and sorts them on one scale:
--   level 'task'  each task nationally (mart_task_scores, agency_code 'ALL'): its roll-up's achievement and
--                 status; achievement_raw = achievement (a roll-up has no raw ratio); no value or target
--   level 'kpi'   each KPI nationally ('ALL', mart_kpi_national_month) and for each agency expected to report it
--                 (mart_kpi_agency_month): value, target, achievement (judged, bounded), achievement_raw, status
--                 as the two marts have them
--   gap           on_track (ref_settings) − achievement, in percentage points (negative above it, null
--                 without an achievement): how far below target; the attention list and the overview's task
--                 bars sort on it, tasks and KPIs alike
--   has_data      a KPI's agency row: as mart_kpi_agency_month; null otherwise
--   agencies_reported / agencies_expected  a national KPI row: as mart_kpi_national_month; an agency's: 1 when
--                 it has data for the month (else 0) of 1; null for a task
with

tasks as (
    select
        'task' as level, cast('ALL' as varchar) as agency_code, task_code as code, period, time_window,
        cast(null as double) as value, cast(null as double) as target, achievement, achievement as achievement_raw,
        status, cast(null as boolean) as has_data, cast(null as integer) as agencies_reported,
        cast(null as integer) as agencies_expected
    from mart_task_scores
),

national as (
    select
        'kpi' as level, cast('ALL' as varchar) as agency_code, kpi_code as code, period, time_window,
        value, target, achievement, achievement_raw,
        status, cast(null as boolean) as has_data, agencies_reported,
        agencies_expected
    from mart_kpi_national_month
),

agencies as (
    select
        'kpi' as level, agency_code, kpi_code as code, period, time_window,
        value, target, achievement, achievement_raw,
        status, has_data, cast(has_data as integer) as agencies_reported,
        cast(1 as integer) as agencies_expected
    from mart_kpi_agency_month
),

final as (
    select
        * exclude (has_data, agencies_reported, agencies_expected),
        cast((select on_track from ref_settings) - achievement as double) as gap,
        has_data, agencies_reported, agencies_expected
    from (select * from tasks union all select * from national union all select * from agencies)
)

select * from final
