-- one row: overall achievement and status for $month in $window ('month' | 'quarter' | 'ytd'), with the same
-- window's achievement one month earlier (for the change since last month): what the same view showed last
-- month. In the first month of a quarter ('quarter') or of a year ('ytd') that is the whole previous quarter
-- or year to date.
with

scores as (
    select * from mart_overall_scores where time_window = $window
),

final as (
    select
        cur.period,
        cur.time_window,
        cur.achievement,
        cur.status,
        cur.children_total,
        cur.children_counted,
        prev.achievement as prev_achievement
    from scores as cur
    left join scores as prev on prev.period = cast(cur.period - interval 1 month as date)
    where cur.period = $month
)

select * from final
