-- key: agency_code, period, time_window
-- one row per agency × month × time window in which the agency has a KPI judged per agency (judge_agencies) in
-- mart_kpi_agency_month: the agency ranking's score, the roll-up (score_rollup: weighted_mean by
-- ref_kpis.weight) of the agency's judged KPI achievements straight to the agency, each bounded to
-- [0, rollup_cap] (int_kpi_status); status by score_status ('no_data' when no judged KPI has an achievement,
-- else the thresholds); group_rank its rank within its group (중앙 / 광역) among the agencies with a score,
-- for the month and window.
with

children as (
    select
        v.agency_code,
        'ALL' as parent_code,
        v.period,
        v.time_window,
        v.kpi_code as child_code,
        k.weight,
        true as has_target,
        v.achievement
    from mart_kpi_agency_month as v
    inner join ref_kpis as k using (kpi_code)
    where k.judge_agencies
),

final as (
    select
        cast(r.agency_code as varchar) as agency_code,
        cast(r.period as date) as period,
        cast(r.time_window as varchar) as time_window,
        cast(r.achievement as double) as score,
        cast(score_status(true, r.achievement, null) as varchar) as status,
        cast(r.children_total as integer) as kpis_judged,
        cast(r.children_counted as integer) as kpis_counted,
        case when r.achievement is not null then
            cast(
                rank() over (
                    partition by a.agency_group, r.period, r.time_window, r.achievement is not null
                    order by r.achievement desc
                ) as integer
            )
        end as group_rank
    from score_rollup('children') as r
    inner join ref_agencies as a on a.agency_code = r.agency_code
)

select * from final
