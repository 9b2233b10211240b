-- parameters: totals, hour_ranks, hour_lists
-- Step 3 of the quantiles found by counting: the values at the needed ranks, read from their hours' sorted
-- values only, and each quantile interpolated as quantile_cont does: lo × (1 − f) + hi × f between the values
-- at ranks floor(p) and ceil(p), f = p − floor(p).
--   totals      (g, n), as quantile_positions
--   hour_ranks  (g, rank, resolution_hour, first_rank), from quantile_hours
--   hour_lists  (g, resolution_hour, sorted): every value of the group in that hour, sorted ascending, for
--               (at least) the hours in hour_ranks
--   returns     (g, median_days, p90_days), one row per group of totals with n > 0
with

qv_values as (
    select r.g, r.rank, l.sorted[cast(r.rank - r.first_rank + 1 as bigint)] as value
    from query_table(hour_ranks) as r
    inner join query_table(hour_lists) as l on l.g = r.g and l.resolution_hour = r.resolution_hour
),

qv_interpolated as (
    select
        p.g,
        p.measure,
        case
            when lo.rank = hi.rank then lo.value
            else lo.value * (cast(1 as double) - (p.position - lo.rank)) + hi.value * (p.position - lo.rank)
        end as value
    from quantile_positions(totals) as p
    inner join qv_values as lo on lo.g = p.g and lo.rank = cast(floor(p.position) as bigint)
    inner join qv_values as hi on hi.g = p.g and hi.rank = cast(ceil(p.position) as bigint)
)

select
    g,
    any_value(value) filter (where measure = 'median_days') as median_days,
    any_value(value) filter (where measure = 'p90_days') as p90_days
from qv_interpolated
group by g
