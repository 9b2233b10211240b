-- one row if the month $period was locked when the snapshot was built (who, when in KST, why), none otherwise
with

locks as (
    select * from ref_period_locks
),

final as (
    select
        cast(period as date) as period,
        cast(locked_by as varchar) as locked_by,
        cast(locked_at as timestamp) as locked_at,
        cast(reason as varchar) as reason
    from locks
    where period = cast($period as date)
)

select * from final order by locked_at desc
