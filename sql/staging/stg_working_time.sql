-- key: first_day
-- one row per build (a single row): the working-time calendar (stg_calendar) and clock (stg_work_clock) as
-- lists, so that stg_complaints finds a complaint's deadline by reading list positions instead of joining
-- every complaint to the calendar and the clock twice (those four joins over 26 million rows were most of a
-- full build's deadline arithmetic). Lists are 1-based; a position outside a list reads NULL, as an
-- unmatched join did.
--   first_day                    the calendar's first day: day d is at position d - first_day + 1
--   day_working_days_before      by day: working days strictly before it (NULL for a day the calendar lacks)
--   day_is_working               by day: whether it is a working day
--   day_period                   by day: its month (so that a complaint's month is a list read too)
--   working_day_start_us         by working_day_no: 00:00 of that working day, in epoch microseconds
--   minute_working_before_us     by minute of the day + 1: working time of the day before that minute (µs)
--   minute_is_working            by minute of the day + 1: whether that minute is working time
--   working_minute_start_us      by working minute of the day (1 = the first): its start after 00:00 (µs)
--   day_us                       working microseconds in one working day (NULL when there are none)
with

calendar as (
    select * from stg_calendar
),

clock as (
    select * from stg_work_clock
),

days as (
    -- every day from the calendar's first to its last, so that a position is always day - first_day + 1
    select cast(range as date) as day
    from range(
        (select min(day) from calendar), (select max(day) from calendar) + interval 1 day, interval 1 day
    )
),

by_day as (
    select
        min(d.day) as first_day,
        list(c.working_days_before order by d.day) as day_working_days_before,
        list(c.is_working order by d.day) as day_is_working,
        list(cast(date_trunc('month', d.day) as date) order by d.day) as day_period
    from days as d
    left join calendar as c on c.day = d.day
),

by_working_day as (
    select list(epoch_us(cast(day as timestamp)) order by working_day_no) as working_day_start_us
    from calendar
    where is_working
),

by_minute as (
    select
        list(cast(working_minutes_before as bigint) * 60000000 order by minute_of_day) as minute_working_before_us,
        list(is_working_minute order by minute_of_day) as minute_is_working,
        coalesce(
            list(cast(minute_of_day as bigint) * 60000000 order by minute_of_day) filter (where is_working_minute),
            cast([] as bigint[])
        ) as working_minute_start_us,
        cast(nullif(max(working_day_minutes), 0) as bigint) * 60000000 as day_us
    from clock
),

final as (
    select
        cast(d.first_day as date) as first_day,
        cast(d.day_working_days_before as bigint[]) as day_working_days_before,
        cast(d.day_is_working as boolean[]) as day_is_working,
        cast(d.day_period as date[]) as day_period,
        cast(coalesce(w.working_day_start_us, cast([] as bigint[])) as bigint[]) as working_day_start_us,
        cast(m.minute_working_before_us as bigint[]) as minute_working_before_us,
        cast(m.minute_is_working as boolean[]) as minute_is_working,
        cast(m.working_minute_start_us as bigint[]) as working_minute_start_us,
        cast(m.day_us as bigint) as day_us
    from by_day as d
    cross join by_working_day as w
    cross join by_minute as m
)

select * from final
