-- one row per dispute (이의 제기) of a KPI figure for the month $period that was open when the snapshot was
-- built (its figure is marked "이의 제기 중"), for every agency ($agency null) or one agency; reasons verbatim
with

disputes as (
    select * from ref_kpi_disputes
),

final as (
    select
        cast(d.dispute_id as integer) as dispute_id,
        cast(d.kpi_code as varchar) as kpi_code,
        cast(d.agency_code as varchar) as agency_code,
        cast(d.period as date) as period,
        cast(d.reason as varchar) as reason,
        cast(d.opened_by as varchar) as opened_by,
        cast(d.opened_at as timestamp) as opened_at
    from disputes as d
    where d.state = 'open'
        and d.period = cast($period as date)
        and (cast($agency as varchar) is null or d.agency_code = cast($agency as varchar))
    order by d.kpi_code, d.agency_code
)

select * from final
