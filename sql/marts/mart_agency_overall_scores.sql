-- key: agency_code, period, time_window
-- one row per agency × month × time window of mart_agency_strategy_scores: the agency's overall score in the
-- reports, the roll-up (score_rollup 'overall': weighted_mean by ref_strategies.weight) of its strategy
-- achievements. children_total = strategies; children_counted = those with an achievement. Status by
-- score_status, 'na' (산정불가) when no strategy is judged for the agency. (The agency ranking's score, the
-- judged KPIs rolled up straight to the agency, is mart_agency_scores.)
with

strategy_scores as (
    select
        agency_code,
        strategy_code as code,
        period,
        time_window,
        status <> 'na' as has_target,
        achievement
    from mart_agency_strategy_scores
),

final as (
    select agency_code, * exclude (agency_code, parent_code)
    from score_rollup('overall', 'strategy_scores', 'na')
)

select * from final
