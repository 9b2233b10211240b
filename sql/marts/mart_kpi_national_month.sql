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
    -- int_kpi_status's columns as they are (typed by kpi_value_rows and int_kpi_targets), with the KPI's task
    -- and strategy
    select
        s.kpi_code, k.task_code, t.strategy_code, s.period, s.time_window,
        s.value, s.numerator, s.denominator, s.records_used,
        s.target_annual, s.target, s.achievement, s.achievement_raw, s.status,
        s.agencies_reported, s.agencies_expected, s.data_period
    from kpi_status as s
    inner join kpis as k on k.kpi_code = s.kpi_code
    left join tasks as t on t.task_code = k.task_code
)

select * from final
