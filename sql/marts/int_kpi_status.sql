-- key: kpi_code, agency_code, period, time_window
-- one row per KPI × agency (or 'ALL') × month in scope × time window: value, target, achievement and status.
--   achievement_raw (%): the plain ratio by the KPI's formula (kpi_achievement: ratio, inverse_ratio,
--     two_minus), unbounded. For agencies only when the KPI has judge_agencies.
--   achievement (%): achievement_raw bounded to [0, rollup_cap] (bounded_achievement): the figure that is
--     judged, rolled up, ranked and charted.
--   status: null when the year has no target; 'no_data' when there is no data for the month (the agency
--     did not submit/report it, or its latest value is older than max_age_months; for 'ALL': no agency
--     has); for an agency of a KPI not judged per agency, null; 'na' when achievement cannot be computed;
--     else by the thresholds (achievement_status).
with

kpi_values as (
    select * from int_kpi_values
),

kpis as (
    select * from ref_kpis
),

targets as (
    select * from int_kpi_targets
),

achieved as (
    select
        v.*,
        t.target_annual,
        t.target,
        k.judge_agencies,
        case
            when v.agency_code = 'ALL' or k.judge_agencies then kpi_achievement(k.formula, v.value, t.target)
        end as achievement_raw
    from kpi_values as v
    inner join kpis as k on k.kpi_code = v.kpi_code
    left join targets as t
        on t.kpi_code = v.kpi_code and t.period = v.period and t.time_window = v.time_window
),

bounded as (
    select *, bounded_achievement(achievement_raw) as achievement from achieved
),

final as (
    select
        cast(a.kpi_code as varchar) as kpi_code,
        cast(a.agency_code as varchar) as agency_code,
        cast(a.period as date) as period,
        cast(a.time_window as varchar) as time_window,
        cast(a.value as double) as value,
        cast(a.numerator as double) as numerator,
        cast(a.denominator as double) as denominator,
        cast(a.records_used as bigint) as records_used,
        cast(a.has_data as boolean) as has_data,
        cast(a.agencies_reported as integer) as agencies_reported,
        cast(a.agencies_expected as integer) as agencies_expected,
        cast(a.data_period as date) as data_period,
        cast(a.target_annual as double) as target_annual,
        cast(a.target as double) as target,
        cast(a.achievement as double) as achievement,
        cast(a.achievement_raw as double) as achievement_raw,
        cast(
            case
                when a.target_annual is null then null
                when not a.has_data then 'no_data'
                when a.agency_code <> 'ALL' and not a.judge_agencies then null
                when a.achievement is null then 'na'
                else achievement_status(a.achievement)
            end
            as varchar
        ) as status
    from bounded as a
)

select * from final
