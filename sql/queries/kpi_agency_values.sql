-- one row per agency that reports KPI $kpi in $month ($window), of $group ('all' | 'central' | 'local'):
-- its value, target, achievement (bounded) and achievement_raw, status, and its rank by achievement within its group (agencies with data)
with

values_ as (
    select * from mart_kpi_agency_month
    where kpi_code = $kpi and period = $month and time_window = $window and agency_code <> 'ALL'
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
        v.value,
        v.target,
        v.achievement,
        v.achievement_raw,
        v.status,
        v.has_data,
        v.records_used,
        case when v.achievement is not null then
            cast(rank() over (
                partition by a.agency_group, v.achievement is not null order by v.achievement desc
            ) as integer)
        end as group_rank
    from values_ as v
    join agencies as a using (agency_code)
)

select * from final
order by agency_group, achievement desc nulls last, name_ko
