-- one row per month in scope up to the snapshot's latest month, newest first, with what the month filter says
-- of it ($today: the clock's date in Korea).
--   due_date            due_day of the following month: the month's files are due by then
--   locked              the month is locked (ref_period_locks)
--   agencies_submitted  agencies with at least one accepted file for the month (any dataset)
--   agencies_expected   agencies that owe the month's files (mart_submission_status's skeleton)
--   provisional         later than the reporting month. The reporting month is the latest month that is locked
--                       or whose due date has passed by $today; until then a month holds whatever came in early
--                       (one agency's file must not stand for the nation), so it is shown only when chosen,
--                       labelled 잠정 with its coverage. With no such month yet, every month is provisional.
with

settings as (
    select as_of_period, due_day from ref_settings
),

locks as (
    select distinct period from ref_period_locks
),

coverage as (
    select
        period,
        count(distinct agency_code) filter (where submission_id is not null) as agencies_submitted,
        count(distinct agency_code) as agencies_expected
    from mart_submission_status
    group by period
),

months as (
    select
        p.period,
        cast(cast(p.period + interval 1 month as date) + (s.due_day - 1) as date) as due_date,
        l.period is not null as locked
    from ref_periods as p
    cross join settings as s
    left join locks as l on l.period = p.period
    where p.period <= s.as_of_period
),

reporting as (
    select max(period) as period from months where locked or due_date < cast($today as date)
),

final as (
    select
        cast(m.period as date) as period,
        cast(m.due_date as date) as due_date,
        cast(m.locked as boolean) as locked,
        cast(coalesce(c.agencies_submitted, 0) as integer) as agencies_submitted,
        cast(coalesce(c.agencies_expected, 0) as integer) as agencies_expected,
        cast(coalesce(m.period > r.period, true) as boolean) as provisional
    from months as m
    cross join reporting as r
    left join coverage as c on c.period = m.period
)

select * from final order by period desc
