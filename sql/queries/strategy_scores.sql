-- one row per strategy: achievement and status for $month in $window, last month's in the same window (as in
-- overall_scores.sql), names (catalog order)
with

scores as (
    select * from mart_strategy_scores where time_window = $window
),

strategies as (
    select * from ref_strategies
),

final as (
    select
        s.strategy_code,
        s.name_ko,
        s.name_en,
        cur.achievement,
        cur.status,
        cur.children_total,
        cur.children_counted,
        prev.achievement as prev_achievement
    from strategies as s
    left join scores as cur on cur.strategy_code = s.strategy_code and cur.period = $month
    left join scores as prev
        on prev.strategy_code = s.strategy_code and prev.period = cast($month - interval 1 month as date)
    order by s.sort_order
)

select * from final
