-- one row per agency in the snapshot's reference list: code and names, for the agency option and annexes
with

agencies as (
    select * from ref_agencies
),

final as (
    select
        cast(agency_code as varchar) as agency_code,
        cast(name_ko as varchar) as name_ko,
        cast(name_en as varchar) as name_en,
        cast(agency_group as varchar) as agency_group,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to
    from agencies
)

select * from final order by agency_code
