-- key: task_code, period, time_window
-- one row per task × month in scope × time window: the weighted mean (ref_kpis.weight, weighted_mean) of its
-- KPIs' national achievements, each already bounded to [0, rollup_cap] (int_kpi_status), over the KPIs that
-- have an achievement.
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

children as (
    select
        t.task_code,
        t.strategy_code,
        w.period,
        w.time_window,
        k.kpi_code,
        k.weight,
        n.target_annual,
        n.achievement
    from tasks as t
    cross join windows as w
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
        count(achievement) as children_counted,
        coalesce(bool_or(target_annual is not null), false) as has_target,
        weighted_mean(weight, achievement, kpi_code) as mean
    from children
    group by task_code, strategy_code, period, time_window
),

achieved as (
    select
        *,
        case when has_target then mean end as achievement
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
                else achievement_status(a.achievement)
            end
            as varchar
        ) as status,
        cast(a.children_total as integer) as children_total,
        cast(a.children_counted as integer) as children_counted
    from achieved as a
)

select * from final
