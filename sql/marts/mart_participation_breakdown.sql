-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'platform', 'agency') × key (the platform or agency code; '' for the total): the participation
-- page's figures over the window's participation files (sql/queries/participation_breakdown.sql selects
-- them). The total row is there for every filter and window (null sums when there are no rows).
--   adoption_rate = adopted ÷ reviewed × 100 (null when nothing was reviewed)
with

pivoted as (
    select
        period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en,
        max(amount) filter (where addend = 'proposals_received') as proposals_received,
        max(amount) filter (where addend = 'participants') as participants,
        max(amount) filter (where addend = 'proposals_reviewed') as proposals_reviewed,
        max(amount) filter (where addend = 'proposals_adopted') as proposals_adopted
    from int_breakdown_sums
    where source = 'participation'
    group by period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en
),

final as (
    select
        period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en,
        cast(proposals_received as bigint) as proposals_received,
        cast(participants as bigint) as participants,
        cast(proposals_reviewed as bigint) as proposals_reviewed,
        cast(proposals_adopted as bigint) as proposals_adopted,
        cast(case when proposals_reviewed > 0 then proposals_adopted / proposals_reviewed * 100 end as double)
            as adoption_rate
    from pivoted
)

select * from final
