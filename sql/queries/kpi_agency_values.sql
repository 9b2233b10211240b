-- one row per agency that reports KPI $kpi in $month ($window), of $group ('all' | 'central' | 'local'): its
-- figure judged by agency_kpi_figures (basis 'target': value, target, achievement (bounded) and
-- achievement_raw, status; 'share': value and share of the national figure; 'value': the value alone), and,
-- only where an achievement exists, its rank by achievement within its group
with

values_ as (
    select * from agency_kpi_figures($month, $window) where kpi_code = $kpi
),

agencies as (
    select * from ref_agencies where $group = 'all' or agency_group = $group
),

final as (
    select
        v.agency_code,
        a.name_ko,
        a.name_en,
        a.agency_group,
        -- the figure as agency_kpi_figures judges it
        v.basis, v.value, v.national_value, v.share_of_national, v.target, v.achievement, v.achievement_raw,
        v.status, v.has_data, v.records_used,
        case when v.achievement is not null then
            cast(rank() over (
                partition by a.agency_group, v.achievement is not null order by v.achievement desc
            ) as integer)
        end as group_rank
    from values_ as v
    join agencies as a using (agency_code)
)

select * from final
order by agency_group, achievement desc nulls last, share_of_national desc nulls last, value desc nulls last, name_ko
