-- one row per KPI × agency (or 'ALL') × month in scope × time window: value, target, achievement and status.
--   achievement (%): ratio = value ÷ target × 100 (null if target = 0); inverse_ratio = target ÷ value × 100
--     (null if value <= 0); two_minus = (2 − value ÷ target) × 100 (null if target = 0). For agencies only
--     when the KPI has judge_agencies.
--   status: null when the year has no target; 'no_data' when there is no data for the month (the agency
--     did not submit/report it, or its latest value is older than max_age_months; for 'ALL': no agency
--     has); for an agency of a KPI not judged per agency, null; 'na' when achievement cannot be computed;
--     else 'on_track' (>= on_track), 'watch' (>= watch), 'off_track'. Thresholds are compared with a
--     tolerance of 1e-9 percentage points so that a float artefact (79.99999999999999) cannot flip a status.
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

settings as (
    select on_track, watch, 1e-9 as tolerance from ref_settings
),

achieved as (
    select
        v.*,
        t.target_annual,
        t.target,
        k.judge_agencies,
        case
            when v.agency_code <> 'ALL' and not k.judge_agencies then null
            when v.value is null or t.target is null then null
            when k.formula = 'ratio' then case when t.target <> 0 then v.value / t.target * 100 end
            when k.formula = 'inverse_ratio' then case when v.value > 0 then t.target / v.value * 100 end
            when k.formula = 'two_minus' then case when t.target <> 0 then (2 - v.value / t.target) * 100 end
        end as achievement
    from kpi_values as v
    inner join kpis as k on k.kpi_code = v.kpi_code
    left join targets as t
        on t.kpi_code = v.kpi_code and t.period = v.period and t.time_window = v.time_window
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
        cast(
            case
                when a.target_annual is null then null
                when not a.has_data then 'no_data'
                when a.agency_code <> 'ALL' and not a.judge_agencies then null
                when a.achievement is null then 'na'
                when a.achievement >= s.on_track - s.tolerance then 'on_track'
                when a.achievement >= s.watch - s.tolerance then 'watch'
                else 'off_track'
            end
            as varchar
        ) as status
    from achieved as a
    cross join settings as s
)

select * from final
