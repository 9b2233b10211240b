-- parameters: totals
-- Where the median and the p90 sit among a group's n sorted values, as quantile_cont places them:
-- position p = (n − 1) × q, between the values at ranks floor(p) and ceil(p) (0-based).
--   totals     (g, n): a group key of any type, and how many values the group has
--   returns    (g, measure, position), measure 'median_days' (q 0.5) or 'p90_days' (q 0.9); groups with n = 0
--              have none
select t.g, q.measure, cast(t.n - 1 as double) * q.q as position
from query_table(totals) as t
cross join (values ('median_days', cast(0.5 as double)), ('p90_days', cast(0.9 as double))) as q(measure, q)
where t.n > 0
