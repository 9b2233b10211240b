-- The attention list (주의·미흡): one row per task and per KPI whose status in $month and $window is 'watch'
-- or 'off_track', largest gap to target first. Nationally ($agency null) tasks and KPIs; for one agency
-- ($agency = its code) that agency's own KPIs (mart_scores: only those it is judged on have a
-- status), since the marts judge tasks nationally only.
-- gap = the on_track threshold − the judged (bounded) achievement, in percentage points, for tasks and KPIs
-- alike, so both sort on one scale (a column of mart_scores). Status, achievement and gap come from the
-- mart as they are, never judged again here. Each row carries the achievements of the two months before (same window) for a 3-month
-- trend, the owning ministry of its task (ref_tasks.owner_*), the latest submitted or reviewed narrative
-- of its task for $month's quarter (부진사유, else 추진실적, verbatim) and the committee's latest rating of
-- its task for that quarter.
with

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

-- the marts judge tasks nationally only: an agency's list has its KPIs alone
scores as (
    select level, code, period, achievement, achievement_raw, status, gap, value, target
    from mart_scores
    where time_window = $window
        and agency_code = coalesce(cast($agency as varchar), 'ALL')
        and (level = 'kpi' or cast($agency as varchar) is null)
),

lagging as (
    select *
    from scores
    where period = cast($month as date) and status in ('watch', 'off_track')
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
        l.gap,
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
    from latest_narratives((select label from quarter))
),

ratings as (
    select task_code, rating
    from ref_task_assessments
    where quarter = (select label from quarter)
    qualify row_number() over (partition by task_code order by created_at desc, author) = 1
),

final as (
    select
        i.level,
        i.code,
        i.task_code,
        p.name_ko as task_name_ko,
        p.name_en as task_name_en,
        i.name_ko,
        i.name_en,
        i.status,
        i.achievement,
        i.achievement_raw,
        i.gap,
        i.value,
        i.target,
        i.unit,
        i.direction,
        b2.achievement as achievement_2m_ago,
        b1.achievement as achievement_1m_ago,
        p.owner_code,
        p.owner_ko,
        p.owner_en,
        n.line as narrative,
        n.state as narrative_state,
        r.rating,
        g.sort_order as strategy_order,
        p.sort_order as task_order
    from items as i
    inner join tasks as p on p.task_code = i.task_code
    inner join strategies as g on g.strategy_code = p.strategy_code
    left join scores as b1
        on b1.level = i.level and b1.code = i.code and b1.period = cast($month - interval 1 month as date)
    left join scores as b2
        on b2.level = i.level and b2.code = i.code and b2.period = cast($month - interval 2 month as date)
    left join narratives as n on n.task_code = i.task_code
    left join ratings as r on r.task_code = i.task_code
)

-- ties (equal gaps) keep catalog order, tasks before their KPIs
select * from final
order by gap desc, strategy_order, task_order, level desc, code
