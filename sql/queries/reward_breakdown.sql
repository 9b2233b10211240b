-- reward payouts in the months of $month's $window, of agencies in $group or agency $agency: one row for the
-- total, one per reward type, one per agency (grouping sets): payouts, recipients, amount in 원
with

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

records as (
    select r.*
    from stg_rewards as r
    semi join int_agency_months as am on am.agency_code = r.agency_code and am.period = r.period
    semi join members as m on m.member_period = r.period
    semi join agencies as a on a.agency_code = r.agency_code
),

grouped as (
    select
        case
            when grouping(reward_type) = 0 then 'type'
            when grouping(agency_code) = 0 then 'agency'
            else 'total'
        end as dimension,
        coalesce(reward_type, agency_code, '') as key,
        count(*) as payouts,
        sum(recipients) as recipients,
        sum(amount_krw) as amount_krw
    from records
    group by grouping sets ((), (reward_type), (agency_code))
)

select
    g.dimension,
    g.key,
    a.name_ko as agency_name_ko,
    a.name_en as agency_name_en,
    cast(g.payouts as bigint) as payouts,
    cast(g.recipients as bigint) as recipients,
    cast(g.amount_krw as bigint) as amount_krw
from grouped as g
left join ref_agencies as a on g.dimension = 'agency' and a.agency_code = g.key
order by g.dimension, g.amount_krw desc nulls last, g.key
