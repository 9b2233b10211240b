-- one row per task × month in scope × time window: the weighted mean (ref_kpis.weight) of its KPIs'
-- national achievements, each capped at rollup_cap, over the KPIs that have an achievement.
-- children_total = KPIs of the task; children_counted = those with an achievement. Status by the KPI
-- thresholds; 'no_data' when no KPI has an achievement; achievement and status null when no KPI of the
-- task has a target for the year.
with

tasks as (
    select * from ref_tasks
),

kpis as (
    select * from ref_kpis
),

kpi_scores as (
    select * from mart_kpi_national_month
),

windows as (
    select distinct period, time_window from int_period_windows
),

settings as (
    select on_track, watch, rollup_cap, 1e-9 as tolerance from ref_settings
),

children as (
    select
        t.task_code,
        t.strategy_code,
        w.period,
        w.time_window,
        k.kpi_code,
        k.weight,
        n.target_annual,
        -- not least(): DuckDB's least() skips nulls and would turn a missing achievement into the cap
        case when n.achievement > s.rollup_cap then s.rollup_cap else n.achievement end as capped_achievement
    from tasks as t
    cross join windows as w
    cross join settings as s
    left join kpis as k on k.task_code = t.task_code
    left join kpi_scores as n
        on n.kpi_code = k.kpi_code and n.period = w.period and n.time_window = w.time_window
),

scored as (
    select
        task_code,
        strategy_code,
        period,
        time_window,
        count(kpi_code) as children_total,
        count(capped_achievement) as children_counted,
        coalesce(bool_or(target_annual is not null), false) as has_target,
        sum(weight * capped_achievement order by kpi_code) as weighted_sum,
        sum(weight order by kpi_code) filter (where capped_achievement is not null) as weight_sum
    from children
    group by task_code, strategy_code, period, time_window
),

achieved as (
    select
        *,
        case when has_target and weight_sum > 0 then weighted_sum / weight_sum end as achievement
    from scored
),

final as (
    select
        cast(a.task_code as varchar) as task_code,
        cast(a.strategy_code as varchar) as strategy_code,
        cast(a.period as date) as period,
        cast(a.time_window as varchar) as time_window,
        cast(a.achievement as double) as achievement,
        cast(
            case
                when not a.has_target then null
                when a.achievement is null then 'no_data'
                when a.achievement >= s.on_track - s.tolerance then 'on_track'
                when a.achievement >= s.watch - s.tolerance then 'watch'
                else 'off_track'
            end
            as varchar
        ) as status,
        cast(a.children_total as integer) as children_total,
        cast(a.children_counted as integer) as children_counted
    from achieved as a
    cross join settings as s
)

select * from final
