-- one row per task for the quarter $quarter ('YYYY-Qn'): the owning ministry's latest narrative that was
-- submitted (sql/macros/latest_narratives.sql: drafts never reach a report), verbatim, with the task's names,
-- in catalog order
with

latest as (
    select * from latest_narratives($quarter)
)

select
    cast(n.task_code as varchar) as task_code,
    cast(t.name_ko as varchar) as task_name_ko,
    cast(t.name_en as varchar) as task_name_en,
    cast(n.quarter as varchar) as quarter,
    cast(n.version as integer) as version,
    cast(n.state as varchar) as state,
    cast(n.agency_code as varchar) as agency_code,
    cast(n.achievements as varchar) as achievements,
    cast(n.reasons as varchar) as reasons,
    cast(n.plans as varchar) as plans,
    cast(n.requests as varchar) as requests,
    cast(n.author as varchar) as author,
    cast(n.submitted_at as timestamp) as submitted_at,
    cast(n.reviewer as varchar) as reviewer,
    cast(n.reviewed_at as timestamp) as reviewed_at
from latest as n
inner join ref_tasks as t on t.task_code = n.task_code
order by t.sort_order
