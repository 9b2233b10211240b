-- one row per level ('overall', 'strategy', 'task') × code × month between $from and $to, for one time window
-- ($window): achievement, status and how many children counted. Nationally ($agency null) the rows of the
-- national score marts; for one agency those of the agency score marts (mart_agency_task_scores,
-- mart_agency_strategy_scores, mart_agency_overall_scores: the same roll-up of that agency's KPI rows, where a
-- task with no KPI judging agencies is 'na' (산정불가) rather than 'no_data').
with

national as (
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

agency as (
    select 'overall' as level, 'ALL' as code, period, achievement, status, children_total, children_counted
    from mart_agency_overall_scores
    where agency_code = cast($agency as varchar) and time_window = $window
    union all
    select 'strategy', strategy_code, period, achievement, status, children_total, children_counted
    from mart_agency_strategy_scores
    where agency_code = cast($agency as varchar) and time_window = $window
    union all
    select 'task', task_code, period, achievement, status, children_total, children_counted
    from mart_agency_task_scores
    where agency_code = cast($agency as varchar) and time_window = $window
),

scores as (
    select * from national where cast($agency as varchar) is null
    union all
    select * from agency
),

names as (
    select 'overall' as level, 'ALL' as code, '종합' as name_ko, 'Overall' as name_en, 'ALL' as parent_code,
        0 as sort_order
    union all
    select 'strategy', strategy_code, name_ko, name_en, 'ALL', sort_order from ref_strategies
    union all
    select 'task', task_code, name_ko, name_en, strategy_code, sort_order from ref_tasks
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
    where s.period between cast($from as date) and cast($to as date)
)

select * from final order by period, level, code
