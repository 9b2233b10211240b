-- one row per month the snapshot holds figures for, oldest first
with

periods as (
    select * from ref_periods
),

final as (
    select cast(period as date) as period from periods
)

select * from final order by period
