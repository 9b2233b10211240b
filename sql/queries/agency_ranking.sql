-- one row per agency of $group that reports a KPI judged per agency, for $month in $window: its score
-- (weighted_mean of its KPI achievements, each bounded to [0, rollup_cap] in int_kpi_status: the national
-- roll-up rule), KPIs counted, status by the KPI thresholds (achievement_status), and its rank within its group
-- (중앙 / 광역) among agencies with a score
with

agencies as (
    select * from ref_agencies where $group = 'all' or agency_group = $group
),

children as (
    select
        v.agency_code,
        v.kpi_code,
        k.weight,
        v.achievement
    from mart_kpi_agency_month as v
    join ref_kpis as k using (kpi_code)
    where v.period = $month and v.time_window = $window and v.agency_code <> 'ALL' and k.judge_agencies
),

scored as (
    select
        agency_code,
        count(*) as kpis_judged,
        count(achievement) as kpis_counted,
        weighted_mean(weight, achievement, kpi_code) as score
    from children
    group by agency_code
),

final as (
    select
        sc.agency_code,
        a.name_ko,
        a.name_en,
        a.agency_group,
        cast(sc.score as double) as score,
        coalesce(achievement_status(sc.score), 'no_data') as status,
        cast(sc.kpis_judged as integer) as kpis_judged,
        cast(sc.kpis_counted as integer) as kpis_counted,
        case when sc.score is not null then
            cast(rank() over (partition by a.agency_group, sc.score is not null order by sc.score desc) as integer)
        end as group_rank
    from scored as sc
    join agencies as a using (agency_code)
)

select * from final order by agency_group, group_rank nulls last, name_ko
