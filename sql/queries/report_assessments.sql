-- one row per task × committee member assessment for the quarter $quarter ('YYYY-Qn'; the latest of each
-- member, verbatim, as copied into the snapshot at build time), with the task's names, in catalog order
with

assessments as (
    select * from ref_task_assessments
),

tasks as (
    select * from ref_tasks
),

final as (
    select
        cast(a.task_code as varchar) as task_code,
        cast(t.name_ko as varchar) as task_name_ko,
        cast(t.name_en as varchar) as task_name_en,
        cast(a.quarter as varchar) as quarter,
        cast(a.rating as varchar) as rating,
        cast(a.text as varchar) as text,
        cast(a.author as varchar) as author,
        cast(a.created_at as timestamp) as created_at
    from assessments as a
    inner join tasks as t on t.task_code = a.task_code
    where a.quarter = $quarter
    order by t.sort_order, a.author, a.created_at
)

select * from final
