-- one row per level ('overall', 'strategy', 'task') × code × month between $from and $to, for one time window
-- ($window): achievement, status and how many children counted.
-- Nationally ($agency null) the rows are the score marts as they are. For one agency they are rolled up the
-- same way from that agency's KPI rows (mart_kpi_agency_month): a task is the weighted_mean of its KPIs'
-- achievements (each bounded to [0, rollup_cap] in int_kpi_status), a strategy the weighted_mean of its
-- tasks, the overall score the weighted_mean of the strategies; status by achievement_status. Only KPIs that judge agencies have an agency achievement, so a task
-- with none of them is 'na' (산정불가) for an agency rather than 'no_data'.
with

kpis as (
    select * from ref_kpis
),

tasks as (
    select * from ref_tasks
),

strategies as (
    select * from ref_strategies
),

national_rows as (
    select 'overall' as level, 'ALL' as code, period, achievement, status, children_total, children_counted
    from mart_overall_scores
    where time_window = $window
    union all
    select 'strategy', strategy_code, period, achievement, status, children_total, children_counted
    from mart_strategy_scores
    where time_window = $window
    union all
    select 'task', task_code, period, achievement, status, children_total, children_counted
    from mart_task_scores
    where time_window = $window
),

national as (
    select * from national_rows
    where cast($agency as varchar) is null and period between cast($from as date) and cast($to as date)
),

agency_kpis as (
    select a.kpi_code, a.period, a.target, a.achievement
    from mart_kpi_agency_month as a
    where a.agency_code = cast($agency as varchar)
        and a.time_window = $window
        and a.period between cast($from as date) and cast($to as date)
),

agency_periods as (
    select distinct period from agency_kpis
),

task_children as (
    select
        t.task_code,
        p.period,
        k.kpi_code,
        k.weight,
        k.judge_agencies and a.target is not null as judged,
        a.achievement
    from tasks as t
    cross join agency_periods as p
    inner join kpis as k on k.task_code = t.task_code
    inner join agency_kpis as a on a.kpi_code = k.kpi_code and a.period = p.period
),

agency_tasks as (
    select
        t.task_code,
        t.strategy_code,
        p.period,
        count(c.kpi_code) as children_total,
        count(c.achievement) as children_counted,
        coalesce(bool_or(c.judged), false) as judged,
        weighted_mean(c.weight, c.achievement, c.kpi_code) as achievement
    from tasks as t
    cross join agency_periods as p
    left join task_children as c on c.task_code = t.task_code and c.period = p.period
    group by t.task_code, t.strategy_code, p.period
),

agency_strategies as (
    select
        g.strategy_code,
        a.period,
        count(a.task_code) as children_total,
        count(a.achievement) as children_counted,
        coalesce(bool_or(a.judged), false) as judged,
        weighted_mean(t.weight, a.achievement, a.task_code) as achievement
    from strategies as g
    inner join agency_tasks as a on a.strategy_code = g.strategy_code
    inner join tasks as t on t.task_code = a.task_code
    group by g.strategy_code, a.period
),

agency_overall as (
    select
        a.period,
        count(a.strategy_code) as children_total,
        count(a.achievement) as children_counted,
        coalesce(bool_or(a.judged), false) as judged,
        weighted_mean(g.weight, a.achievement, a.strategy_code) as achievement
    from agency_strategies as a
    inner join strategies as g on g.strategy_code = a.strategy_code
    group by a.period
),

agency_rollup as (
    select 'overall' as level, 'ALL' as code, period, achievement, judged, children_total, children_counted
    from agency_overall
    union all
    select 'strategy', strategy_code, period, achievement, judged, children_total, children_counted
    from agency_strategies
    union all
    select 'task', task_code, period, achievement, judged, children_total, children_counted
    from agency_tasks
),

agency as (
    select
        r.level,
        r.code,
        r.period,
        r.achievement,
        case
            when not r.judged then 'na'
            when r.achievement is null then 'no_data'
            else achievement_status(r.achievement)
        end as status,
        r.children_total,
        r.children_counted
    from agency_rollup as r
),

scores as (
    select * from national
    union all
    select * from agency
),

names as (
    select 'overall' as level, 'ALL' as code, '종합' as name_ko, 'Overall' as name_en, 'ALL' as parent_code,
        0 as sort_order
    union all
    select 'strategy', strategy_code, name_ko, name_en, 'ALL', sort_order from strategies
    union all
    select 'task', task_code, name_ko, name_en, strategy_code, sort_order from tasks
),

final as (
    select
        cast(s.level as varchar) as level,
        cast(s.code as varchar) as code,
        cast(n.parent_code as varchar) as parent_code,
        cast(n.name_ko as varchar) as name_ko,
        cast(n.name_en as varchar) as name_en,
        cast(s.period as date) as period,
        cast(s.achievement as double) as achievement,
        cast(s.status as varchar) as status,
        cast(s.children_total as integer) as children_total,
        cast(s.children_counted as integer) as children_counted,
        cast(n.sort_order as integer) as sort_order
    from scores as s
    inner join names as n on n.level = s.level and n.code = s.code
)

select * from final order by period, level, code
