-- kind: scalar
-- parameters: achievement
-- How far a judged (bounded) achievement lies below the on_track threshold of ref_settings, in percentage
-- points: on_track − achievement (negative above it; null when the achievement is null). The attention list
-- and the overview's task bars sort on it, tasks and KPIs on one scale. Written once, used by the score marts
-- (mart_task_scores, mart_kpi_scores), which the queries read.
(select on_track from ref_settings) - achievement
