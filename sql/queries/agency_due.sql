-- an agency's due dates and files owed, for the upload page ($agency; $today: the clock's date in Korea), one row
-- per dataset × month, cell as on the 제출 현황 matrix (submission_matrix.sql's words):
--   next_due    true for the month whose files are due next: the first month whose due date (due_day of the
--               following month, periods.sql) is on or after $today. Its datasets are those the agency owed in
--               the snapshot's latest month; the cell is the snapshot's when it holds the month, else 'not_due'
--               (a file sent since the last build shows there after the next one).
--   otherwise   a month of the last twelve whose due date has passed and whose file is missing, rejected or
--               came late
--   days_left   due_date − $today in days (negative: that many days past the due date)
with

settings as (
    select due_day, as_of_period from ref_settings
),

status as (
    select
        s.agency_code,
        s.dataset,
        s.period,
        s.due_date,
        submission_cell(s.submission_id, s.superseded_count, s.rejected_count, s.status) as cell
    from mart_submission_status as s
    where s.agency_code = cast($agency as varchar)
),

candidates as (
    -- last month's files are due this month, this month's next month: the earlier due date not yet passed
    select
        cast(p.period as date) as period,
        cast(cast(p.period + interval 1 month as date) + (s.due_day - 1) as date) as due_date
    from (
        select date_trunc('month', cast($today as date)) - interval 1 month as period
        union all
        select date_trunc('month', cast($today as date))
    ) as p
    cross join settings as s
),

next_month as (
    select period, due_date from candidates where due_date >= cast($today as date) order by period limit 1
),

owed as (
    select dataset from status where period = (select max(period) from status)
),

upcoming as (
    select o.dataset, n.period, n.due_date, coalesce(st.cell, 'not_due') as cell, true as next_due
    from next_month as n
    cross join owed as o
    left join status as st on st.dataset = o.dataset and st.period = n.period
),

overdue as (
    select dataset, period, due_date, cell, false as next_due
    from status
    where
        due_date < cast($today as date)
        and period >= cast(date_trunc('month', cast($today as date)) - interval 12 month as date)
        and cell in ('missing', 'rejected', 'late')
),

final as (
    select
        cast(dataset as varchar) as dataset,
        cast(period as date) as period,
        cast(due_date as date) as due_date,
        cast(due_date - cast($today as date) as integer) as days_left,
        cast(cell as varchar) as cell,
        cast(next_due as boolean) as next_due
    from (select * from upcoming union all by name select * from overdue)
)

select * from final order by next_due desc, period desc, dataset
