-- key: kpi_code, period, time_window
-- one row per KPI × month in scope × time window: the national value (over every agency's records, or the
-- KPI's aggregation of agencies' reported values), its targets, achievement and status, and how many of
-- the expected agencies had data for the month
with

kpi_status as (
    select * from int_kpi_status where agency_code = 'ALL'
),

kpis as (
    select * from ref_kpis
),

tasks as (
    select * from ref_tasks
),

final as (
    select
        cast(s.kpi_code as varchar) as kpi_code,
        cast(k.task_code as varchar) as task_code,
        cast(t.strategy_code as varchar) as strategy_code,
        cast(s.period as date) as period,
        cast(s.time_window as varchar) as time_window,
        cast(s.value as double) as value,
        cast(s.numerator as double) as numerator,
        cast(s.denominator as double) as denominator,
        cast(s.records_used as bigint) as records_used,
        cast(s.target_annual as double) as target_annual,
        cast(s.target as double) as target,
        cast(s.achievement as double) as achievement,
        cast(s.achievement_raw as double) as achievement_raw,
        cast(s.status as varchar) as status,
        cast(s.agencies_reported as integer) as agencies_reported,
        cast(s.agencies_expected as integer) as agencies_expected,
        cast(s.data_period as date) as data_period
    from kpi_status as s
    inner join kpis as k on k.kpi_code = s.kpi_code
    left join tasks as t on t.task_code = k.task_code
)

select * from final
