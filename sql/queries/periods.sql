-- one row per month in scope up to the snapshot's latest month, newest first
with

settings as (
    select as_of_period from ref_settings
),

final as (
    select cast(p.period as date) as period
    from ref_periods as p
    cross join settings as s
    where p.period <= s.as_of_period
)

select * from final order by period desc
