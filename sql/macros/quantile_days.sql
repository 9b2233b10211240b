-- parameters: totals, day_counts
-- Step 1 of the quantiles found by counting (no sort of a group's values): the day of resolution time each
-- rank a quantile needs falls in, from counts per day.
--   totals      (g, n), as quantile_positions
--   day_counts  (g, resolution_day, complaints): how many of the group's values fall in each whole day
--               (resolution_hour // 24); one row per group and day, the counts adding up to n
--   returns     (g, rank, resolution_day, first_rank): per needed rank, its day and the rank of the day's
--               first value among the group's sorted values
with

qd_ranks as (
    select distinct p.g, r.rank
    from quantile_positions(totals) as p,
        unnest([cast(floor(p.position) as bigint), cast(ceil(p.position) as bigint)]) as r(rank)
),

qd_spans as (
    -- the ranks each day's values take: [first_rank, first_rank + complaints)
    select
        g,
        resolution_day,
        complaints,
        sum(complaints) over (partition by g order by resolution_day rows between unbounded preceding and current row)
        - complaints as first_rank
    from query_table(day_counts)
)

select r.g, r.rank, d.resolution_day, d.first_rank
from qd_ranks as r
inner join qd_spans as d
    on d.g = r.g
    and r.rank >= d.first_rank
    and r.rank < d.first_rank + d.complaints
