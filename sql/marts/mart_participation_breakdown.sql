-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'platform', 'agency') × key (the platform or agency code; '' for the total): the participation
-- page's figures over the window's participation files (sql/queries/participation_breakdown.sql selects
-- them). The total row is there for every filter and window (null sums when there are no rows). The rows and
-- the sums: page_breakdown.
--   adoption_rate = adopted ÷ reviewed × 100 (null when nothing was reviewed)
with

final as (
    select
        s.* exclude (records, amounts, paired_amounts, base_amounts),
        cast(s.amounts['proposals_received'] as bigint) as proposals_received,
        cast(s.amounts['participants'] as bigint) as participants,
        cast(s.amounts['proposals_reviewed'] as bigint) as proposals_reviewed,
        cast(s.amounts['proposals_adopted'] as bigint) as proposals_adopted,
        cast(
            case
                when s.amounts['proposals_reviewed'] > 0
                    then s.amounts['proposals_adopted'] / s.amounts['proposals_reviewed'] * 100
            end as double
        ) as adoption_rate
    from page_breakdown('participation') as s
)

select * from final
