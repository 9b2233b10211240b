-- key: agency_code, period, time_window
-- one row per agency × month × time window in which the agency has a KPI judged per agency (judge_agencies) in
-- mart_kpi_agency_month: the agency ranking's score, the roll-up (score_rollup 'agency': weighted_mean by
-- ref_kpis.weight) of the agency's judged KPI achievements straight to the agency, each bounded to
-- [0, rollup_cap] (int_kpi_status); status by score_status ('no_data' when no judged KPI has an achievement,
-- else the thresholds); kpis_judged / kpis_counted the judged KPIs it has rows for / with an achievement;
-- group_rank its rank within its group (중앙 / 광역) among the agencies with a score, for the month and window.
with

judged_kpis as (
    select v.agency_code, v.kpi_code as code, v.period, v.time_window, true as has_target, v.achievement
    from mart_kpi_agency_month as v
    inner join ref_kpis as k using (kpi_code)
    where k.judge_agencies
),

final as (
    select
        r.agency_code,
        r.period,
        r.time_window,
        r.achievement as score,
        r.status,
        r.children_total as kpis_judged,
        r.children_counted as kpis_counted,
        case when r.achievement is not null then
            cast(
                rank() over (
                    partition by a.agency_group, r.period, r.time_window, r.achievement is not null
                    order by r.achievement desc
                ) as integer
            )
        end as group_rank
    from score_rollup('agency', 'judged_kpis', 'no_data') as r
    inner join ref_agencies as a on a.agency_code = r.agency_code
)

select * from final
