-- one row per whole day of resolution time (0, 1, 2, …; 30 holds 30 days and more) for resolved complaints
-- received in the months of $month's $window, of agencies in $group or agency $agency: how many
-- (mart_complaint_distribution, of the scope asked for: the agency, the group, or 'ALL').
with

scope as (
    -- none when the agency asked for is not in the group
    select case when $agency <> 'all' then $agency when $group = 'all' then 'ALL' else $group end as scope
    where $agency = 'all' or exists (
        select 1 from ref_agencies where agency_code = $agency and ($group = 'all' or agency_group = $group)
    )
)

select d.days, d.complaints
from mart_complaint_distribution as d
semi join scope as s on s.scope = d.scope
where d.period = $month and d.time_window = $window
order by d.days
