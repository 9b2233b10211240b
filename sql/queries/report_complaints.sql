-- one row: the complaints of the months of $period's $window, nationally ($agency null) or for one agency,
-- counted only in months the agency exists (as the marts do): how many were received, resolved, still pending
-- in their month's file (처리중), and of those how many were past their legal deadline at the end of the
-- month received (pending_overdue, int_complaint_days). The on-time rate leaves pending complaints out; the
-- report shows this count beside it.
with

members as (
    select member_period from int_period_windows where period = cast($period as date) and time_window = $window
),

agency_months as (
    select am.agency_code, am.period
    from int_agency_months as am
    semi join members as m on m.member_period = am.period
    where cast($agency as varchar) is null or am.agency_code = cast($agency as varchar)
),

days as (
    select d.*
    from int_complaint_days as d
    semi join agency_months as am on am.agency_code = d.agency_code and am.period = d.period
),

final as (
    select
        cast(coalesce(sum(received), 0) as bigint) as received,
        cast(coalesce(sum(resolved), 0) as bigint) as resolved,
        cast(coalesce(sum(pending), 0) as bigint) as pending,
        cast(coalesce(sum(pending_overdue), 0) as bigint) as pending_overdue
    from days
)

select * from final
