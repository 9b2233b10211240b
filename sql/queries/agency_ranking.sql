-- one row per agency of $group that reports a KPI judged per agency, for $month in $window: its score
-- (weighted mean of its capped KPI achievements, the national roll-up rule), KPIs counted, status by the
-- KPI thresholds, and its rank within its group (중앙 / 광역) among agencies with a score
with

settings as (
    select rollup_cap, on_track, watch from ref_settings
),

agencies as (
    select * from ref_agencies where $group = 'all' or agency_group = $group
),

children as (
    select
        v.agency_code,
        k.weight,
        case when v.achievement > s.rollup_cap then s.rollup_cap else v.achievement end as capped
    from mart_kpi_agency_month as v
    join ref_kpis as k using (kpi_code)
    cross join settings as s
    where v.period = $month and v.time_window = $window and v.agency_code <> 'ALL' and k.judge_agencies
),

scored as (
    select
        agency_code,
        count(*) as kpis_judged,
        count(capped) as kpis_counted,
        sum(weight * capped) / nullif(sum(weight) filter (where capped is not null), 0) as score
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
        case
            when sc.score is null then 'no_data'
            when sc.score >= st.on_track - 1e-9 then 'on_track'
            when sc.score >= st.watch - 1e-9 then 'watch'
            else 'off_track'
        end as status,
        cast(sc.kpis_judged as integer) as kpis_judged,
        cast(sc.kpis_counted as integer) as kpis_counted,
        case when sc.score is not null then
            cast(rank() over (partition by a.agency_group, sc.score is not null order by sc.score desc) as integer)
        end as group_rank
    from scored as sc
    join agencies as a using (agency_code)
    cross join settings as st
)

select * from final order by agency_group, group_rank nulls last, name_ko
