-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'platform', 'agency') × key (the platform or agency code; '' for the total): the participation
-- page's figures over the window's participation files (sql/queries/participation_breakdown.sql selects
-- them). The total row is there for every filter and window (null sums when there are no rows).
--   adoption_rate = adopted ÷ reviewed × 100 (null when nothing was reviewed)
with

pivoted as (
    select
        period, time_window, scope_group, scope_agency, dimension, key,
        max(amount) filter (where addend = 'proposals_received') as proposals_received,
        max(amount) filter (where addend = 'participants') as participants,
        max(amount) filter (where addend = 'proposals_reviewed') as proposals_reviewed,
        max(amount) filter (where addend = 'proposals_adopted') as proposals_adopted
    from int_breakdown_sums
    where source = 'participation'
    group by period, time_window, scope_group, scope_agency, dimension, key
),

final as (
    select
        cast(p.period as date) as period,
        cast(p.time_window as varchar) as time_window,
        cast(p.scope_group as varchar) as scope_group,
        cast(p.scope_agency as varchar) as scope_agency,
        cast(case p.dimension when 'category' then 'platform' else p.dimension end as varchar) as dimension,
        cast(p.key as varchar) as key,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(p.proposals_received as bigint) as proposals_received,
        cast(p.participants as bigint) as participants,
        cast(p.proposals_reviewed as bigint) as proposals_reviewed,
        cast(p.proposals_adopted as bigint) as proposals_adopted,
        cast(
            case when p.proposals_reviewed > 0 then p.proposals_adopted / p.proposals_reviewed * 100 end as double
        ) as adoption_rate
    from pivoted as p
    left join ref_agencies as a on p.dimension = 'agency' and a.agency_code = p.key
)

select * from final
