-- key: agency_code, period, complaint_type, channel, resolution_day?
-- one row per agency × month received × complaint type × channel × whole day of resolution time
-- (resolution_hour // 24; NULL: not resolved), for agencies in months they exist: how many complaints
-- (received), and of them 처리완료 (resolved), 처리중 (pending), 처리중 past the legal deadline at the end of
-- the month received (pending_overdue, int_complaint_cells.overdue), judged on time or late (judged) and on
-- time (on_time). About a tenth of int_complaint_cells' rows: the complaints page counts a window's complaints and
-- finds the day each of its quantiles falls in from here, and reads the cells only for those days
-- (sql/queries/complaint_breakdown.sql).
-- Rows of the months in int_recomputed_months (every month, unless a build keeps the others' rows).
-- materialized: table recomputed by month
with

cells as (
    select c.*
    from int_complaint_cells as c
    semi join int_agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    semi join int_recomputed_months as rm on rm.period = c.period
),

final as (
    select
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(complaint_type as varchar) as complaint_type,
        cast(channel as varchar) as channel,
        cast(resolution_hour // 24 as bigint) as resolution_day,
        cast(sum(complaints) as bigint) as received,
        cast(coalesce(sum(complaints) filter (where status = '처리완료'), 0) as bigint) as resolved,
        cast(coalesce(sum(complaints) filter (where status = '처리중'), 0) as bigint) as pending,
        cast(coalesce(sum(complaints) filter (where overdue), 0) as bigint) as pending_overdue,
        cast(coalesce(sum(complaints) filter (where on_time is not null), 0) as bigint) as judged,
        cast(coalesce(sum(complaints) filter (where on_time), 0) as bigint) as on_time
    from cells
    group by agency_code, period, complaint_type, channel, resolution_hour // 24
)

select * from final
