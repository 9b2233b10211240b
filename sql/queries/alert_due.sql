-- the due-date notices of $today (the clock's date in Korea): one row per agency × dataset × month whose file
-- is still missing (no active accepted file in mart_submission_status; a rejected file does not count) and
--   notice = 'reminder'  the month's files are due within three days: due_date - 3 <= $today <= due_date (D-3)
--   notice = 'overdue'   the month is the latest whose due date has passed by $today (periods.sql's reporting
--                        month, locks aside): $today >= due_date + 1 (D+1). Older months are not repeated:
--                        their notice was due when they were the latest.
-- Only months the snapshot holds (up to its as_of_period) can be noticed.
with

status as (
    select * from mart_submission_status
),

agencies as (
    select * from ref_agencies
),

due as (
    select distinct period, due_date from status
),

overdue_month as (
    select max(period) as period from due where due_date < cast($today as date)
),

notices as (
    select
        s.agency_code,
        s.dataset,
        s.period,
        s.due_date,
        case when s.period = o.period then 'overdue' else 'reminder' end as notice
    from status as s
    cross join overdue_month as o
    where
        s.submission_id is null
        and (
            s.period = o.period
            or cast($today as date) between cast(s.due_date - interval 3 day as date) and s.due_date
        )
),

final as (
    select
        cast(n.notice as varchar) as notice,
        cast(n.agency_code as varchar) as agency_code,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(n.dataset as varchar) as dataset,
        cast(n.period as date) as period,
        cast(n.due_date as date) as due_date
    from notices as n
    left join agencies as a on a.agency_code = n.agency_code
)

select * from final order by notice, agency_code, period, dataset
