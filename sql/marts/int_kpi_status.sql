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
        case
            when v.agency_code = 'ALL' or k.judge_agencies then kpi_achievement(k.formula, v.value, t.target)
        end as achievement_raw,
        k.judge_agencies
    from kpi_values as v
    inner join kpis as k on k.kpi_code = v.kpi_code
    left join targets as t
        on t.kpi_code = v.kpi_code and t.period = v.period and t.time_window = v.time_window
),

bounded as (
    -- the columns of int_kpi_values and int_kpi_targets keep their types (kpi_value_rows types them once)
    select
        * exclude (achievement_raw, judge_agencies),
        cast(bounded_achievement(achievement_raw) as double) as achievement,
        cast(achievement_raw as double) as achievement_raw,
        judge_agencies
    from achieved
),

final as (
    select
        * exclude (judge_agencies),
        case
            when target_annual is null then null
            when not has_data then 'no_data'
            when agency_code <> 'ALL' and not judge_agencies then null
            when achievement is null then 'na'
            else achievement_status(achievement)
        end as status
    from bounded
)

select * from final
