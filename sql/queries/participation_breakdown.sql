-- participation in the months of $month's $window, of agencies in $group or agency $agency, from the
-- agencies' participation files: one row for the total, one per platform, one per agency (grouping sets).
-- adoption_rate = adopted ÷ reviewed × 100
with

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

records as (
    select p.*
    from stg_participation as p
    semi join int_agency_months as am on am.agency_code = p.agency_code and am.period = p.period
    semi join members as m on m.member_period = p.period
    semi join agencies as a on a.agency_code = p.agency_code
),

grouped as (
    select
        case
            when grouping(platform) = 0 then 'platform'
            when grouping(agency_code) = 0 then 'agency'
            else 'total'
        end as dimension,
        coalesce(platform, agency_code, '') as key,
        sum(proposals_received) as proposals_received,
        sum(participants) as participants,
        sum(proposals_reviewed) as proposals_reviewed,
        sum(proposals_adopted) as proposals_adopted
    from records
    group by grouping sets ((), (platform), (agency_code))
)

select
    g.dimension,
    g.key,
    a.name_ko as agency_name_ko,
    a.name_en as agency_name_en,
    cast(g.proposals_received as bigint) as proposals_received,
    cast(g.participants as bigint) as participants,
    cast(g.proposals_reviewed as bigint) as proposals_reviewed,
    cast(g.proposals_adopted as bigint) as proposals_adopted,
    cast(case when g.proposals_reviewed > 0 then g.proposals_adopted / g.proposals_reviewed * 100 end as double)
        as adoption_rate
from grouped as g
left join ref_agencies as a on g.dimension = 'agency' and a.agency_code = g.key
order by g.dimension, g.proposals_received desc nulls last, g.key
