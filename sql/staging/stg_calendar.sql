-- key: day
-- one row per calendar day: whether it is a working day, and its place in the sequence of working days
-- (working_days_before counts the working days strictly before it; working_day_no numbers working days 1, 2, …)
with

calendar as (
    select * from ref_calendar
),

numbered as (
    select
        day,
        is_working,
        holiday_name,
        coalesce(
            sum(case when is_working then 1 else 0 end) over (
                order by day rows between unbounded preceding and 1 preceding
            ),
            0
        ) as working_days_before
    from calendar
),

final as (
    select
        cast(day as date) as day,
        cast(is_working as boolean) as is_working,
        cast(holiday_name as varchar) as holiday_name,
        cast(working_days_before as bigint) as working_days_before,
        cast(case when is_working then working_days_before + 1 end as bigint) as working_day_no
    from numbered
)

select * from final
