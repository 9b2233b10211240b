-- one row per dimension and key of the rewards page for $month's $window and the filter $group / $agency:
-- the total, each reward type, each agency (figures: sql/marts/mart_reward_breakdown.sql)
with

final as (
    select dimension, key, agency_name_ko, agency_name_en, payouts, recipients, amount_krw
    from mart_reward_breakdown
    where period = $month and time_window = $window and scope_group = $group and scope_agency = $agency
)

select * from final order by dimension, amount_krw desc nulls last, key
