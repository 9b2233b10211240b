-- key: agency_code, period, time_window
-- one row per agency × month × time window of mart_agency_strategy_scores: the agency's overall score in the
-- reports, the roll-up (score_rollup: weighted_mean by ref_strategies.weight) of its strategy achievements.
-- children_total = strategies; children_counted = those with an achievement. Status by score_status, 'na'
-- (산정불가) when no strategy is judged for the agency. (The agency ranking's score, a roll-up of the judged
-- KPIs straight to the agency, is mart_agency_scores.)
with

children as (
    select
        a.agency_code,
        'ALL' as parent_code,
        a.period,
        a.time_window,
        a.strategy_code as child_code,
        g.weight,
        a.status <> 'na' as has_target,
        a.achievement
    from mart_agency_strategy_scores as a
    inner join ref_strategies as g on g.strategy_code = a.strategy_code
),

final as (
    select
        cast(r.agency_code as varchar) as agency_code,
        cast(r.period as date) as period,
        cast(r.time_window as varchar) as time_window,
        cast(r.achievement as double) as achievement,
        cast(score_status(r.has_target, r.achievement, 'na') as varchar) as status,
        cast(r.children_total as integer) as children_total,
        cast(r.children_counted as integer) as children_counted
    from score_rollup('children') as r
)

select * from final
