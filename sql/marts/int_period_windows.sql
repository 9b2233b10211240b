-- key: period, time_window, member_period
-- one row per reporting month × time window × member month: the months whose records a window covers
--   'month':   the month itself
--   'quarter': quarter to date, the first month of the month's quarter … the month
--              (2026-08 → 2026-07, 2026-08; 2026-01 → 2026-01 alone)
--   'ytd':     year to date, January … the month, same year
-- Every model that aggregates over a window joins this table, so a window is defined here alone.
with

periods as (
    select * from ref_periods
),

month_window as (
    select period, 'month' as time_window, period as member_period
    from periods
),

quarter_window as (
    select period, 'quarter' as time_window, member_period
    from periods,
        unnest(generate_series(date_trunc('quarter', period), period, interval 1 month)) as m(member_period)
),

ytd_window as (
    select period, 'ytd' as time_window, member_period
    from periods,
        unnest(generate_series(date_trunc('year', period), period, interval 1 month)) as m(member_period)
),

final as (
    select
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(member_period as date) as member_period
    from (
        select * from month_window
        union all
        select * from quarter_window
        union all
        select * from ytd_window
    )
)

select * from final
