-- key: minute_of_day
-- one row per minute of a day (0 = 00:00 … 1439 = 23:59): whether that minute is working time on a working
-- day (ref_work_periods, start inclusive, end exclusive) and how many working minutes of the day precede it
with

work_periods as (
    select * from ref_work_periods
),

minutes as (
    select cast(range as integer) as minute_of_day
    from range(0, 1440)
),

flagged as (
    select
        m.minute_of_day,
        exists (
            select 1
            from work_periods as p
            where m.minute_of_day >= p.start_minute and m.minute_of_day < p.end_minute
        ) as is_working_minute
    from minutes as m
),

final as (
    select
        cast(minute_of_day as integer) as minute_of_day,
        cast(is_working_minute as boolean) as is_working_minute,
        cast(
            coalesce(
                sum(case when is_working_minute then 1 else 0 end) over (
                    order by minute_of_day rows between unbounded preceding and 1 preceding
                ),
                0
            ) as integer
        ) as working_minutes_before,
        cast(sum(case when is_working_minute then 1 else 0 end) over () as integer) as working_day_minutes
    from flagged
)

select * from final
