-- key: submission_id
-- one row per ledger submission (every status): the month's due date, and whether the row is the active
-- submission of its agency × dataset × month (the accepted one; should the ledger hold several accepted
-- rows, the latest by submitted_at, then submission_id)
with

submissions as (
    select * from ref_submissions
),

settings as (
    select due_day from ref_settings
),

ranked as (
    select
        submissions.*,
        row_number() over (
            partition by agency_code, dataset, date_trunc('month', period), status = 'accepted'
            order by submitted_at desc, submission_id desc
        ) as recency_rank
    from submissions
),

final as (
    select
        cast(r.submission_id as bigint) as submission_id,
        cast(r.dataset as varchar) as dataset,
        cast(r.agency_code as varchar) as agency_code,
        cast(date_trunc('month', r.period) as date) as period,
        cast(r.status as varchar) as status,
        cast(r.submitted_at as timestamp) as submitted_at,
        cast(r.submitted_by as varchar) as submitted_by,
        cast(r.filename as varchar) as filename,
        cast(r.sha256 as varchar) as sha256,
        cast(r.row_count as bigint) as row_count,
        -- due by the end of this day of the following month
        cast(cast(date_trunc('month', r.period) + interval 1 month as date) + (s.due_day - 1) as date)
            as due_date,
        cast(r.status = 'accepted' and r.recency_rank = 1 as boolean) as is_active
    from ranked as r
    cross join settings as s
)

select * from final
