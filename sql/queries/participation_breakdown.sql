-- one row per dimension and key of the participation page for $month's $window and the filter $group /
-- $agency: the total, each platform, each agency (figures and rules: sql/marts/mart_participation_breakdown.sql)
with

final as (
    select dimension, key, agency_name_ko, agency_name_en, proposals_received, participants, proposals_reviewed,
        proposals_adopted, adoption_rate
    from mart_participation_breakdown
    where period = $month and time_window = $window and scope_group = $group and scope_agency = $agency
)

select * from final order by dimension, proposals_received desc nulls last, key
