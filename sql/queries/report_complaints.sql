-- one row: the complaints of the months of $period's $window, nationally ($agency null) or for one agency,
-- counted only in months the agency exists (mart_complaint_windows, every complaint: filter set ''): how many
-- were received, resolved, still pending in their month's file (처리중), and of those how many were past their
-- legal deadline at the end of the month received (pending_overdue). The on-time rate leaves pending complaints
-- out; the report shows this count beside it. Zeros when there were none.
with

figures as (
    select received, resolved, pending, pending_overdue
    from mart_complaint_windows
    where
        filter_set = ''
        and scope = coalesce(cast($agency as varchar), 'ALL')
        and period = cast($period as date)
        and time_window = $window
)

select
    coalesce(f.received, 0) as received,
    coalesce(f.resolved, 0) as resolved,
    coalesce(f.pending, 0) as pending,
    coalesce(f.pending_overdue, 0) as pending_overdue
from (select 1) as one
left join figures as f on true
