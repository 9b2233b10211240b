-- kind: scalar
-- parameters: has_target, achievement, no_target
-- The status of a rolled-up score (score_rollup): no_target when nothing under it has a target for the year
-- (null nationally, 'na' (산정불가) for an agency's report rows), 'no_data' when nothing under it has an
-- achievement, else by the thresholds (achievement_status). With has_target true it is the rule of the
-- agency ranking and heatmap: 'no_data' or the thresholds' status.
case
    when not has_target then no_target
    when achievement is null then 'no_data'
    else achievement_status(achievement)
end
