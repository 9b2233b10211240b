-- parameters: children
-- The one roll-up of scores, for every level (KPIs → task, tasks → strategy, strategies → overall) and every
-- owner (the nation, 'ALL', or one agency): a parent's achievement is the weighted mean (weighted_mean) of its
-- children's achievements, over the children that have one; each child's achievement is already within
-- [0, rollup_cap] (bounded_achievement in int_kpi_status), so the roll-up needs no cap of its own.
--   children  (agency_code, parent_code, period, time_window, child_code, weight, has_target, achievement): one
--             row per parent × month × window × child; a parent without a child has one row with child_code
--             null (left join). has_target: the child has a target for the year (a KPI) or a status (a parent)
--   returns   (agency_code, parent_code, period, time_window, achievement, has_target, children_total,
--             children_counted): has_target when any child has one; achievement null when none has;
--             children_total the children, children_counted those with an achievement. The status is
--             score_status(has_target, achievement, ...).
with

sr_scored as (
    select
        agency_code,
        parent_code,
        period,
        time_window,
        count(child_code) as children_total,
        count(achievement) as children_counted,
        coalesce(bool_or(has_target), false) as has_target,
        weighted_mean(weight, achievement, child_code) as mean
    from query_table(children)
    group by agency_code, parent_code, period, time_window
)

select
    agency_code,
    parent_code,
    period,
    time_window,
    case when has_target then mean end as achievement,
    has_target,
    children_total,
    children_counted
from sr_scored
