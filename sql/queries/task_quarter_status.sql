-- one row per task for the quarter $quarter ('YYYY-Qn'): its status (month view) in the quarter's latest month
-- the snapshot has figures for (not after the snapshot's reporting month), and whether that status makes the
-- task lagging (주의 'watch' or 미흡 'off_track'): a narrative for a lagging task must give its 부진사유
with

settings as (
    select as_of_period from ref_settings
),

scores as (
    select s.task_code, s.period, s.status
    from mart_task_scores as s
    where s.time_window = 'month'
        and s.status is not null
        and s.period <= (select as_of_period from settings)
        and cast(year(s.period) as varchar) || '-Q' || cast(quarter(s.period) as varchar) = $quarter
),

latest as (
    select *
    from scores
    qualify row_number() over (partition by task_code order by period desc) = 1
),

final as (
    select
        cast(t.task_code as varchar) as task_code,
        cast(l.period as date) as period,
        cast(l.status as varchar) as status,
        coalesce(l.status in ('watch', 'off_track'), false) as lagging
    from ref_tasks as t
    left join latest as l on l.task_code = t.task_code
    order by t.sort_order
)

select * from final
