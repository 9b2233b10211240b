-- parameters: quarter_label
-- The narrative each task has for a quarter ('YYYY-Qn'): its latest version that the owning ministry submitted
-- (state 'submitted' or 'reviewed'; a draft never reaches a page or a report), every column of
-- ref_task_narratives, verbatim as copied into the snapshot at build time. The one rule by which the attention
-- list (sql/queries/attention.sql) and the report (sql/queries/report_narratives.sql) pick a task's narrative.
select *
from ref_task_narratives
where quarter = quarter_label and state in ('submitted', 'reviewed')
qualify row_number() over (partition by task_code order by version desc) = 1
