-- one row per complaints filter set × agency (or 'ALL' for all agencies) × month × time window × measure,
-- for every window in which the agency (for 'ALL': any agency) submitted complaints for at least one month.
-- Measures over the window's records that pass the filter:
--   median_days, p90_days  quantile_cont 0.5 / 0.9 of resolution_days over 처리완료 rows (null if none)
--   on_time_rate           on-time rows ÷ 처리완료 rows whose deadline is known × 100 (null if none)
--   complaint_count        rows of any status (0 if none)
--
-- A window adds up its months' counts (int_complaint_units, counted once per month) instead of repeating
-- every record for every window it is in; exact values are read from int_complaint_cells.
-- Quantiles as quantile_cont computes them: with the window's n values sorted, q sits at position
-- p = (n − 1) × q, between the values at ranks floor(p) and ceil(p) (0-based), lo × (1 − f) + hi × f with
-- f = p − floor(p). Those two values are found without sorting the window, in three narrowing steps: counts
-- per day of resolution time (per month, added up per window) give the day each rank falls in; counts per
-- hour, read for that day only, the hour; and only that hour's exact values are ranked.
-- Rows of the windows that hold a month of int_recomputed_months (every window, unless a build keeps the
-- others' rows).
-- materialized: table recomputed by month
with

cells as not materialized (
    select * from int_complaint_cells
),

agency_months as (
    select agency_code, period from int_agency_months
),

recomputed_windows as (
    select distinct w.period, w.time_window
    from int_period_windows as w
    semi join int_recomputed_months as r on r.period = w.member_period
),

windows as (
    select w.*
    from int_period_windows as w
    semi join recomputed_windows as r on r.period = w.period and r.time_window = w.time_window
),

coverage as (
    select c.*
    from int_dataset_windows as c
    semi join recomputed_windows as r on r.period = c.period and r.time_window = c.time_window
    where c.dataset = 'complaints' and c.months_submitted > 0
),

filter_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'complaints'
),

filters as (
    select * from int_complaint_filters
),

quantiles as (
    select * from (values ('median_days', cast(0.5 as double)), ('p90_days', cast(0.9 as double))) as q(measure, q)
),

units as (
    -- the months of the recomputed windows: per filter set × agency (or 'ALL') × month × hour
    select u.*, u.resolution_hour // 24 as resolution_day
    from int_complaint_units as u
    semi join (select distinct member_period from windows) as m on m.member_period = u.period
),

unit_totals as (
    select
        filter_set,
        agency_code,
        period,
        sum(complaints) as complaints,
        coalesce(sum(complaints) filter (where resolution_hour is not null), 0) as resolved,
        sum(judged) as judged,
        sum(on_time) as on_time
    from units
    group by filter_set, agency_code, period
),

unit_days as (
    select filter_set, agency_code, period, resolution_day, sum(complaints) as complaints
    from units
    where resolution_hour is not null
    group by filter_set, agency_code, period, resolution_day
),

aggregated as (
    select
        u.filter_set,
        u.agency_code,
        w.period,
        w.time_window,
        cast(sum(u.complaints) as bigint) as complaint_count,
        cast(sum(u.resolved) as bigint) as resolved_count,
        cast(sum(u.judged) as bigint) as judged_count,
        cast(sum(u.on_time) as bigint) as on_time_count
    from unit_totals as u
    inner join windows as w on w.member_period = u.period
    group by u.filter_set, u.agency_code, w.period, w.time_window
),

positions as (
    -- where each quantile sits among the window's sorted resolution times
    select a.filter_set, a.agency_code, a.period, a.time_window, q.measure,
        cast(a.resolved_count - 1 as double) * q.q as position
    from aggregated as a
    cross join quantiles as q
    where a.resolved_count > 0
),

wanted_ranks as (
    select distinct p.filter_set, p.agency_code, p.period, p.time_window, r.rank
    from positions as p,
        unnest([cast(floor(p.position) as bigint), cast(ceil(p.position) as bigint)]) as r(rank)
),

-- The value at each wanted rank (0-based, among the window's sorted values), narrowed in three steps: the
-- day of resolution time it falls in, from the counts per day of the window's months; then the hour within
-- that day, from the values of that day only; then the value within that hour.

window_days as (
    select u.filter_set, u.agency_code, w.period, w.time_window, u.resolution_day, sum(u.complaints) as complaints
    from unit_days as u
    inner join windows as w on w.member_period = u.period
    group by u.filter_set, u.agency_code, w.period, w.time_window, u.resolution_day
),

day_spans as (
    -- the ranks each day's values take: [first_rank, first_rank + complaints)
    select
        *,
        sum(complaints) over (
            partition by filter_set, agency_code, period, time_window
            order by resolution_day rows between unbounded preceding and current row
        ) - complaints as first_rank
    from window_days
),

rank_days as (
    select r.filter_set, r.agency_code, r.period, r.time_window, r.rank, d.resolution_day, d.first_rank
    from wanted_ranks as r
    inner join day_spans as d
        on d.filter_set = r.filter_set
        and d.agency_code = r.agency_code
        and d.period = r.period
        and d.time_window = r.time_window
        and r.rank >= d.first_rank
        and r.rank < d.first_rank + d.complaints
),

needed_days as (
    -- the months (and days) whose values some wanted rank needs
    select distinct r.filter_set, r.agency_code, w.member_period, r.resolution_day
    from rank_days as r
    inner join windows as w on w.period = r.period and w.time_window = r.time_window
),

day_hours as (
    -- the hours of the needed days
    select u.filter_set, u.agency_code, u.period, u.resolution_day, u.resolution_hour, u.complaints
    from units as u
    semi join needed_days as n
        on n.filter_set = u.filter_set
        and n.agency_code = u.agency_code
        and n.member_period = u.period
        and n.resolution_day = u.resolution_day
    where u.resolution_hour is not null
),

hour_spans as (
    -- within each wanted day, the ranks each hour's values take
    select
        d.filter_set, d.agency_code, d.period, d.time_window, d.resolution_day, h.resolution_hour,
        sum(h.complaints) as complaints,
        d.first_rank + sum(sum(h.complaints)) over (
            partition by d.filter_set, d.agency_code, d.period, d.time_window, d.resolution_day
            order by h.resolution_hour rows between unbounded preceding and current row
        ) - sum(h.complaints) as first_rank
    from (select distinct filter_set, agency_code, period, time_window, resolution_day, first_rank from rank_days) as d
    inner join windows as w on w.period = d.period and w.time_window = d.time_window
    inner join day_hours as h
        on h.filter_set = d.filter_set
        and h.agency_code = d.agency_code
        and h.period = w.member_period
        and h.resolution_day = d.resolution_day
    group by d.filter_set, d.agency_code, d.period, d.time_window, d.resolution_day, d.first_rank, h.resolution_hour
),

rank_hours as (
    select r.filter_set, r.agency_code, r.period, r.time_window, r.rank, h.resolution_day, h.resolution_hour,
        h.first_rank
    from rank_days as r
    inner join hour_spans as h
        on h.filter_set = r.filter_set
        and h.agency_code = r.agency_code
        and h.period = r.period
        and h.time_window = r.time_window
        and h.resolution_day = r.resolution_day
        and r.rank >= h.first_rank
        and r.rank < h.first_rank + h.complaints
),

hour_targets as materialized (
    -- each wanted hour with the months of its window (materialized: joined to the values as it is)
    select distinct
        r.filter_set, r.agency_code, r.period, r.time_window, r.resolution_day, r.resolution_hour, r.first_rank,
        w.member_period
    from rank_hours as r
    inner join windows as w on w.period = r.period and w.time_window = r.time_window
),

needed_hours as (
    select distinct filter_set, agency_code, member_period, resolution_hour from hour_targets
),

hour_cells as (
    -- the cells that hold values of the wanted hours: an agency's own, and for 'ALL' every agency's
    select c.*, n.agency_code as unit
    from cells as c
    inner join (
        select distinct agency_code, member_period, resolution_hour from needed_hours where agency_code <> 'ALL'
    ) as n
        on n.agency_code = c.agency_code and n.member_period = c.period and n.resolution_hour = c.resolution_hour
    union all
    select c.*, 'ALL'
    from cells as c
    semi join (select distinct member_period, resolution_hour from needed_hours where agency_code = 'ALL') as n
        on n.member_period = c.period and n.resolution_hour = c.resolution_hour
),

hour_values as (
    -- their exact values, per filter set and month
    select cs.filter_set, c.unit as agency_code, c.period, c.resolution_hour, v.resolution_days
    from hour_cells as c
    semi join agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    inner join filters as cs
        on cs.channel is not distinct from c.channel
        and cs.complaint_type is not distinct from c.complaint_type
        and cs.status is not distinct from c.status
    semi join needed_hours as n
        on n.filter_set = cs.filter_set
        and n.agency_code = c.unit
        and n.member_period = c.period
        and n.resolution_hour = c.resolution_hour,
        unnest(c.resolution_days) as v(resolution_days)
),

hour_lists as (
    -- each wanted hour's values in the window, sorted
    select
        t.filter_set, t.agency_code, t.period, t.time_window, t.resolution_day, t.resolution_hour, t.first_rank,
        list_sort(list(v.resolution_days)) as sorted
    from hour_targets as t
    inner join hour_values as v
        on v.filter_set = t.filter_set
        and v.agency_code = t.agency_code
        and v.period = t.member_period
        and v.resolution_hour = t.resolution_hour
    group by t.filter_set, t.agency_code, t.period, t.time_window, t.resolution_day, t.resolution_hour, t.first_rank
),

rank_values as (
    select r.filter_set, r.agency_code, r.period, r.time_window, r.rank, h.sorted[cast(r.rank - h.first_rank + 1 as bigint)] as value
    from rank_hours as r
    inner join hour_lists as h
        on h.filter_set = r.filter_set
        and h.agency_code = r.agency_code
        and h.period = r.period
        and h.time_window = r.time_window
        and h.resolution_day = r.resolution_day
        and h.resolution_hour = r.resolution_hour
),

interpolated as (
    -- quantile_cont: lo × (1 − f) + hi × f between the values at ranks floor(p) and ceil(p)
    select
        p.filter_set, p.agency_code, p.period, p.time_window, p.measure,
        case
            when lo.rank = hi.rank then lo.value
            else lo.value * (cast(1 as double) - (p.position - lo.rank)) + hi.value * (p.position - lo.rank)
        end as value
    from positions as p
    inner join rank_values as lo
        on lo.filter_set = p.filter_set
        and lo.agency_code = p.agency_code
        and lo.period = p.period
        and lo.time_window = p.time_window
        and lo.rank = cast(floor(p.position) as bigint)
    inner join rank_values as hi
        on hi.filter_set = p.filter_set
        and hi.agency_code = p.agency_code
        and hi.period = p.period
        and hi.time_window = p.time_window
        and hi.rank = cast(ceil(p.position) as bigint)
),

summarised as (
    select
        a.*,
        m.value as median_days,
        p.value as p90_days
    from aggregated as a
    left join interpolated as m
        on m.measure = 'median_days'
        and m.filter_set = a.filter_set
        and m.agency_code = a.agency_code
        and m.period = a.period
        and m.time_window = a.time_window
    left join interpolated as p
        on p.measure = 'p90_days'
        and p.filter_set = a.filter_set
        and p.agency_code = a.agency_code
        and p.period = a.period
        and p.time_window = a.time_window
),

covered as (
    -- the windows that have data: agencies' own, and 'ALL' wherever any agency has some
    select agency_code, period, time_window from coverage
    union all
    select distinct 'ALL', period, time_window from coverage
),

measured as (
    select
        s.filter_set,
        cv.agency_code,
        cv.period,
        cv.time_window,
        coalesce(a.complaint_count, 0) as complaint_count,
        coalesce(a.resolved_count, 0) as resolved_count,
        a.median_days,
        a.p90_days,
        coalesce(a.judged_count, 0) as judged_count,
        coalesce(a.on_time_count, 0) as on_time_count
    from covered as cv
    cross join filter_sets as s
    left join summarised as a
        on a.filter_set = s.filter_set
        and a.agency_code = cv.agency_code
        and a.period = cv.period
        and a.time_window = cv.time_window
),

long as (
    select
        filter_set, agency_code, period, time_window, 'median_days' as measure,
        median_days as value, null as numerator, null as denominator, resolved_count as records_used
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'p90_days',
        p90_days, null, null, resolved_count
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'on_time_rate',
        case when judged_count > 0 then cast(on_time_count as double) / judged_count * 100 end,
        on_time_count, judged_count, judged_count
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'complaint_count',
        complaint_count, null, null, complaint_count
    from measured
),

final as (
    select
        cast('complaints' as varchar) as source,
        cast(filter_set as varchar) as filter_set,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(measure as varchar) as measure,
        cast(value as double) as value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(records_used as bigint) as records_used
    from long
)

select * from final
