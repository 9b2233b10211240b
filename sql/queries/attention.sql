-- The attention list (주의·미흡): one row per task and per KPI whose status in $month and $window is 'watch'
-- or 'off_track', largest gap to target first. Nationally ($agency null) tasks and KPIs; for one agency
-- ($agency = its code) that agency's own KPIs (mart_kpi_agency_month: only those it is judged on have a
-- status), since the marts judge tasks nationally only.
-- gap = the on_track threshold − the judged (bounded) achievement, in percentage points, for tasks and KPIs
-- alike, so both sort on one scale. Status and achievement come from the marts as they are, never judged
-- again here. Each row carries the achievements of the two months before (same window) for a 3-month
-- trend, the owning ministry of its task (ref_tasks.owner_*), the latest submitted or reviewed narrative
-- of its task for $month's quarter (부진사유, else 추진실적, verbatim) and the committee's latest rating of
-- its task for that quarter.
with

settings as (
    select on_track from ref_settings
),

quarter as (
    select cast(year($month) as varchar) || '-Q' || cast(quarter($month) as varchar) as label
),

tasks as (
    select * from ref_tasks
),

kpis as (
    select * from ref_kpis
),

strategies as (
    select * from ref_strategies
),

months as (
    select
        cast($month as date) as m0,
        cast($month - interval 1 month as date) as m1,
        cast($month - interval 2 month as date) as m2
),

task_scores as (
    select task_code as code, period, achievement, achievement as achievement_raw, status,
        null::double as value, null::double as target
    from mart_task_scores
    where time_window = $window and cast($agency as varchar) is null
),

kpi_scores as (
    select kpi_code as code, period, achievement, achievement_raw, status, value, target
    from mart_kpi_national_month
    where time_window = $window and cast($agency as varchar) is null
    union all
    select kpi_code as code, period, achievement, achievement_raw, status, value, target
    from mart_kpi_agency_month
    where time_window = $window and agency_code = cast($agency as varchar)
),

scores as (
    select 'task' as level, * from task_scores
    union all
    select 'kpi' as level, * from kpi_scores
),

lagging as (
    select s.*
    from scores as s, months as m
    where s.period = m.m0 and s.status in ('watch', 'off_track')
),

items as (
    select
        l.level,
        l.code,
        coalesce(t.task_code, k.task_code) as task_code,
        coalesce(t.name_ko, k.name_ko) as name_ko,
        coalesce(t.name_en, k.name_en) as name_en,
        k.unit,
        k.direction,
        l.status,
        l.achievement,
        l.achievement_raw,
        l.value,
        l.target
    from lagging as l
    left join tasks as t on l.level = 'task' and t.task_code = l.code
    left join kpis as k on l.level = 'kpi' and k.kpi_code = l.code
),

narratives as (
    select
        task_code,
        coalesce(nullif(trim(reasons), ''), nullif(trim(achievements), '')) as line,
        state
    from ref_task_narratives
    where quarter = (select label from quarter) and state in ('submitted', 'reviewed')
    qualify row_number() over (partition by task_code order by version desc) = 1
),

ratings as (
    select task_code, rating
    from ref_task_assessments
    where quarter = (select label from quarter)
    qualify row_number() over (partition by task_code order by created_at desc, author) = 1
),

final as (
    select
        cast(i.level as varchar) as level,
        cast(i.code as varchar) as code,
        cast(i.task_code as varchar) as task_code,
        cast(p.name_ko as varchar) as task_name_ko,
        cast(p.name_en as varchar) as task_name_en,
        cast(i.name_ko as varchar) as name_ko,
        cast(i.name_en as varchar) as name_en,
        cast(i.status as varchar) as status,
        cast(i.achievement as double) as achievement,
        cast(i.achievement_raw as double) as achievement_raw,
        cast((select on_track from settings) - i.achievement as double) as gap,
        cast(i.value as double) as value,
        cast(i.target as double) as target,
        cast(i.unit as varchar) as unit,
        cast(i.direction as varchar) as direction,
        cast(b2.achievement as double) as achievement_2m_ago,
        cast(b1.achievement as double) as achievement_1m_ago,
        cast(p.owner_code as varchar) as owner_code,
        cast(p.owner_ko as varchar) as owner_ko,
        cast(p.owner_en as varchar) as owner_en,
        cast(n.line as varchar) as narrative,
        cast(n.state as varchar) as narrative_state,
        cast(r.rating as varchar) as rating,
        cast(g.sort_order as integer) as strategy_order,
        cast(p.sort_order as integer) as task_order
    from items as i
    cross join months as m
    inner join tasks as p on p.task_code = i.task_code
    inner join strategies as g on g.strategy_code = p.strategy_code
    left join scores as b1 on b1.level = i.level and b1.code = i.code and b1.period = m.m1
    left join scores as b2 on b2.level = i.level and b2.code = i.code and b2.period = m.m2
    left join narratives as n on n.task_code = i.task_code
    left join ratings as r on r.task_code = i.task_code
)

-- ties (equal gaps) keep catalog order, tasks before their KPIs
select * from final
order by gap desc, strategy_order, task_order, level desc, code
