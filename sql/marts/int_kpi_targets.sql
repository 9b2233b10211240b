-- one row per KPI × month in scope × time window: the annual target of the month's year (null in a year
-- without one, such as the baseline year) and the target the window is judged against:
--   cumulative, 'ytd':   target_annual × cum_share(month)
--   cumulative, 'month': target_annual × (cum_share(month) − cum_share(month − 1)), cum_share(0) = 0
--   not cumulative:      target_annual
with

kpis as (
    select * from ref_kpis
),

targets as (
    select * from ref_kpi_targets
),

profile as (
    select * from ref_kpi_profile
),

windows as (
    select distinct period, time_window from int_period_windows
),

final as (
    select
        cast(k.kpi_code as varchar) as kpi_code,
        cast(w.period as date) as period,
        cast(w.time_window as varchar) as time_window,
        cast(t.target as double) as target_annual,
        cast(
            case
                when not k.cumulative then t.target
                when w.time_window = 'ytd' then t.target * p.cum_share
                else t.target * (p.cum_share - coalesce(prev.cum_share, 0))
            end
            as double
        ) as target
    from kpis as k
    cross join windows as w
    left join targets as t on t.kpi_code = k.kpi_code and t.year = year(w.period)
    left join profile as p on p.kpi_code = k.kpi_code and p.month_no = month(w.period)
    left join profile as prev on prev.kpi_code = k.kpi_code and prev.month_no = month(w.period) - 1
)

select * from final
