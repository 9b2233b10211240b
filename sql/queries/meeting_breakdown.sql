-- one row per dimension and key of the meetings page for $month's $window and the filter $group / $agency:
-- the total, each meeting type, each agency (figures and rules: sql/marts/mart_meeting_breakdown.sql)
with

final as (
    select dimension, key, agency_name_ko, agency_name_en, meetings, person_hours, mean_duration_min,
        paired_hours, base_person_hours, reduction
    from mart_meeting_breakdown
    where period = $month and time_window = $window and scope_group = $group and scope_agency = $agency
)

select * from final order by dimension, person_hours desc nulls last, key
