-- one row per whole day of resolution time (0, 1, 2, …; 30 holds 30 days and more) for resolved complaints
-- received in the months of $month's $window, of agencies in $group or agency $agency: how many
with

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

records as (
    select c.resolution_days
    from int_complaint_cells as c
    semi join int_agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    semi join members as m on m.member_period = c.period
    semi join agencies as a on a.agency_code = c.agency_code
    where c.resolution_hour is not null
)

select
    cast(least(floor(v.resolution_days), 30) as integer) as days,
    cast(count(*) as bigint) as complaints
from records as r,
    unnest(r.resolution_days) as v(resolution_days)
group by 1
order by 1
