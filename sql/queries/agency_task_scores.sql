-- one row per agency of $group × task with at least one KPI judged per agency, for $month in $window:
-- the agency's task score, by the national roll-up rule applied to the agency's own KPI achievements
-- (weighted mean by ref_kpis.weight, each capped at rollup_cap, over the KPIs with an achievement).
-- kpis_judged = the task's KPIs judged per agency that this agency reports; kpis_counted = those with an
-- achievement this month. status by the KPI thresholds ('no_data' when none has an achievement).
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
        k.task_code,
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
        task_code,
        count(*) as kpis_judged,
        count(capped) as kpis_counted,
        sum(weight * capped) / nullif(sum(weight) filter (where capped is not null), 0) as achievement
    from children
    group by agency_code, task_code
),

final as (
    select
        sc.agency_code,
        a.name_ko,
        a.name_en,
        a.agency_group,
        sc.task_code,
        cast(sc.achievement as double) as achievement,
        case
            when sc.achievement is null then 'no_data'
            when sc.achievement >= st.on_track - 1e-9 then 'on_track'
            when sc.achievement >= st.watch - 1e-9 then 'watch'
            else 'off_track'
        end as status,
        cast(sc.kpis_judged as integer) as kpis_judged,
        cast(sc.kpis_counted as integer) as kpis_counted
    from scored as sc
    join agencies as a using (agency_code)
    cross join settings as st
)

select * from final order by agency_group, name_ko, task_code
