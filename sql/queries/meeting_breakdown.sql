-- meetings held in the months of $month's $window, of agencies in $group or agency $agency: one row for the
-- total, one per meeting type, one per agency (grouping sets).
--   meetings, person_hours (duration × attendees ÷ 60), mean_duration_min   over every meeting of the window
--   paired_hours, base_person_hours, reduction   as KPI S3-T2-K1 counts them: only agency-months submitted
--     both in the month and in the same month of the baseline year; reduction = (1 − paired ÷ base) × 100
with

settings as (
    select baseline_year from ref_settings
),

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

submitted as (
    select s.agency_code, s.period
    from stg_submissions as s
    semi join int_agency_months as am on am.agency_code = s.agency_code and am.period = s.period
    where s.is_active and s.dataset = 'meetings'
),

pairs as (
    -- an agency-month of the window matched with the same month of the baseline year, both submitted
    select s.agency_code, s.period, b.period as baseline_period
    from submitted as s
    semi join members as m on m.member_period = s.period
    semi join agencies as a on a.agency_code = s.agency_code
    cross join settings as st
    inner join submitted as b
        on b.agency_code = s.agency_code and b.period = make_date(st.baseline_year, month(s.period), 1)
),

records as (
    -- the window's meetings (role 'current') and the paired months' meetings on both sides
    select m.agency_code, m.meeting_type, m.duration_min, m.person_hours, 'current' as role
    from stg_meetings as m
    semi join int_agency_months as am on am.agency_code = m.agency_code and am.period = m.period
    semi join members as mb on mb.member_period = m.period
    semi join agencies as a on a.agency_code = m.agency_code
    union all
    select m.agency_code, m.meeting_type, m.duration_min, m.person_hours, 'paired'
    from stg_meetings as m
    semi join pairs as p on p.agency_code = m.agency_code and p.period = m.period
    union all
    select m.agency_code, m.meeting_type, m.duration_min, m.person_hours, 'base'
    from stg_meetings as m
    semi join pairs as p on p.agency_code = m.agency_code and p.baseline_period = m.period
),

grouped as (
    select
        case
            when grouping(meeting_type) = 0 then 'type'
            when grouping(agency_code) = 0 then 'agency'
            else 'total'
        end as dimension,
        coalesce(meeting_type, agency_code, '') as key,
        count(*) filter (where role = 'current') as meetings,
        sum(person_hours) filter (where role = 'current') as person_hours,
        avg(duration_min) filter (where role = 'current') as mean_duration_min,
        sum(person_hours) filter (where role = 'paired') as paired_hours,
        sum(person_hours) filter (where role = 'base') as base_person_hours
    from records
    group by grouping sets ((), (meeting_type), (agency_code))
)

select
    g.dimension,
    g.key,
    a.name_ko as agency_name_ko,
    a.name_en as agency_name_en,
    cast(g.meetings as bigint) as meetings,
    cast(g.person_hours as double) as person_hours,
    cast(g.mean_duration_min as double) as mean_duration_min,
    cast(g.paired_hours as double) as paired_hours,
    cast(g.base_person_hours as double) as base_person_hours,
    cast(case when g.base_person_hours > 0 then (1 - coalesce(g.paired_hours, 0) / g.base_person_hours) * 100 end
        as double) as reduction
from grouped as g
left join ref_agencies as a on g.dimension = 'agency' and a.agency_code = g.key
order by g.dimension, g.person_hours desc nulls last, g.key
