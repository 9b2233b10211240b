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

window_starts as (
    -- each window runs from its first month to the reporting month
    select period, 'month' as time_window, period as first_period from periods
    union all
    select period, 'quarter', cast(date_trunc('quarter', period) as date) from periods
    union all
    select period, 'ytd', cast(date_trunc('year', period) as date) from periods
),

final as (
    select w.period, w.time_window, cast(m.member_period as date) as member_period
    from window_starts as w,
        unnest(generate_series(w.first_period, w.period, interval 1 month)) as m(member_period)
)

select * from final
