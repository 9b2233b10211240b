-- one row per agency × dataset × month (mart_submission_status) for the filters given ($period, $agency,
-- $dataset, $status; each null for all), with the cell shown on the 제출 현황 matrix (the macro submission_cell:
-- on_time, late, superseded, rejected, missing, not_due)
with

status as (
    select *, submission_cell(submission_id, superseded_count, rejected_count, status) as cell
    from mart_submission_status
),

agencies as (
    select * from ref_agencies
),

final as (
    select
        cast(c.agency_code as varchar) as agency_code,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(c.dataset as varchar) as dataset,
        cast(c.period as date) as period,
        cast(c.status as varchar) as status,
        cast(c.cell as varchar) as cell,
        cast(c.submission_id as bigint) as submission_id,
        cast(c.submitted_at as timestamp) as submitted_at,
        cast(c.first_accepted_at as timestamp) as first_accepted_at,
        cast(c.due_date as date) as due_date,
        cast(c.rejected_count as integer) as rejected_count,
        cast(c.superseded_count as integer) as superseded_count
    from status as c
    left join agencies as a on a.agency_code = c.agency_code
    where (cast($period as date) is null or c.period = cast($period as date))
        and (cast($agency as varchar) is null or c.agency_code = cast($agency as varchar))
        and (cast($dataset as varchar) is null or c.dataset = cast($dataset as varchar))
        and (cast($cell as varchar) is null or c.cell = cast($cell as varchar))
)

select * from final order by period, agency_code, dataset
