-- key: scope, agency_code
-- one row per scope a figure can be asked for × agency it covers: each agency alone (scope = its code), its
-- group ('central' | 'local') and every agency together ('ALL'). The complaint figures are computed once per
-- scope (mart_complaint_windows), since a median of a group is not one of its agencies' medians.
with

agencies as (
    select agency_code, agency_group from ref_agencies
),

final as (
    select cast(scope as varchar) as scope, cast(agency_code as varchar) as agency_code
    from (
        select agency_code as scope, agency_code from agencies
        union all
        select agency_group, agency_code from agencies
        union all
        select 'ALL', agency_code from agencies
    )
)

select * from final
