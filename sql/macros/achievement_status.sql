-- kind: scalar
-- parameters: achievement
-- The status an achievement (%) earns by the thresholds of ref_settings: 'on_track' at or above on_track
-- (100), 'watch' at or above watch (80), else 'off_track'; null when the achievement is null (each caller
-- says what a missing achievement means: 'na', 'no_data'). Compared with status_tolerance().
case
    when achievement is null then null
    when achievement >= (select on_track from ref_settings) - status_tolerance() then 'on_track'
    when achievement >= (select watch from ref_settings) - status_tolerance() then 'watch'
    else 'off_track'
end
