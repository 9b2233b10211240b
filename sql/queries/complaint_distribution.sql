-- one row per whole day of resolution time (0, 1, 2, …; 30 holds 30 days and more) for resolved complaints
-- received in the months of $month's $window, of agencies in $group or agency $agency: how many. The day is
-- resolution_hour // 24 = floor(resolution_days), as resolution_hour = floor(resolution_days × 24); the counts
-- per day are int_complaint_days' (agencies in months they exist).
with

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

days as (
    select d.resolution_day, d.received
    from int_complaint_days as d
    semi join members as m on m.member_period = d.period
    semi join agencies as a on a.agency_code = d.agency_code
    where d.resolution_day is not null
)

select
    cast(least(resolution_day, 30) as integer) as days,
    cast(sum(received) as bigint) as complaints
from days
group by 1
order by 1
