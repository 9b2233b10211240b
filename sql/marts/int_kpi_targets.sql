-- key: kpi_code, period, time_window
-- one row per KPI × month in scope × time window: the annual target of the month's year (null in a year
-- without one, such as the baseline year) and the target the window is judged against:
--   not cumulative:        target_annual
--   cumulative, 'month':   target_annual × (cum_share(month) − cum_share(month − 1))
--   cumulative, 'quarter': target_annual × (cum_share(month) − cum_share(the month before the quarter's first))
--   cumulative, 'ytd':     target_annual × cum_share(month)
-- with cum_share(0) = 0. All three are one rule: the share due over the window's months, from the first
-- month of the window (int_period_windows) to the month. Every window lies within one year.
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
    select period, time_window, min(member_period) as first_period
    from int_period_windows
    group by period, time_window
),

final as (
    -- the columns keep the types of ref_kpis, int_period_windows and ref_kpi_targets (double)
    select
        k.kpi_code,
        w.period,
        w.time_window,
        t.target as target_annual,
        case
            when not k.cumulative then t.target
            else t.target * (p.cum_share - coalesce(before.cum_share, 0))
        end as target
    from kpis as k
    cross join windows as w
    left join targets as t on t.kpi_code = k.kpi_code and t.year = year(w.period)
    left join profile as p on p.kpi_code = k.kpi_code and p.month_no = month(w.period)
    left join profile as before
        on before.kpi_code = k.kpi_code and before.month_no = month(w.first_period) - 1
)

select * from final
