-- parameters: day_ranks, hour_counts
-- Step 2 of the quantiles found by counting: within the day each needed rank falls in, the hour.
--   day_ranks    (g, rank, resolution_day, first_rank), from quantile_days
--   hour_counts  (g, resolution_hour, complaints): how many of the group's values fall in each hour, for (at
--                least) the days in day_ranks; one row per group and hour
--   returns      (g, rank, resolution_hour, first_rank): per needed rank, its hour and the rank of the hour's
--                first value among the group's sorted values
with

qh_days as (
    select distinct g, resolution_day, first_rank from query_table(day_ranks)
),

qh_spans as (
    -- within each needed day, the ranks each hour's values take
    select
        h.g,
        h.resolution_hour,
        h.complaints,
        d.first_rank + sum(h.complaints) over (
            partition by h.g, d.resolution_day
            order by h.resolution_hour rows between unbounded preceding and current row
        ) - h.complaints as first_rank
    from query_table(hour_counts) as h
    inner join qh_days as d on d.g = h.g and d.resolution_day = h.resolution_hour // 24
)

select r.g, r.rank, s.resolution_hour, s.first_rank
from query_table(day_ranks) as r
inner join qh_spans as s
    on s.g = r.g
    and s.resolution_hour // 24 = r.resolution_day
    and r.rank >= s.first_rank
    and r.rank < s.first_rank + s.complaints
