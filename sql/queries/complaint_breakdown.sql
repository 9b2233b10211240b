-- the complaint figures of $month's $window (mart_complaint_windows), of agencies in $group ('all'|'central'|
-- 'local') or agency $agency ('all' for every agency): one row for the total, one per agency, per complaint type,
-- per channel (agencies counted only in months they exist; a group only when it has complaints).
--   dimension  'total' | 'agency' | 'type' | 'channel';  key  the agency code, type or channel ('' for total)
--   pending_overdue: complaints still 처리중 in their month's file whose legal deadline had passed by the end
--   of that month, shown beside the on-time rate, which leaves every pending complaint out.
-- The total, types and channels are the mart's rows of the scope asked for (the agency, the group, or 'ALL');
-- the agencies are each agency's own total.
with

agencies as (
    select agency_code, name_ko, name_en from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),

scope as (
    -- the scope of the total, types and channels; none when the agency asked for is not in the group
    select case when $agency <> 'all' then $agency when $group = 'all' then 'ALL' else $group end as scope
    where $agency = 'all' or exists (select 1 from agencies)
),

figures as (
    select w.*
    from mart_complaint_windows as w
    where w.period = $month and w.time_window = $window
),

final as (
    select
        f.dimension, f.key, null as name_ko, null as name_en, f.received, f.resolved, f.pending,
        f.pending_overdue, f.on_time, f.judged, f.median_days, f.p90_days, f.on_time_rate
    from figures as f
    semi join scope as s on s.scope = f.scope
    where f.dimension is not null
    union all
    select
        'agency', f.scope, a.name_ko, a.name_en, f.received, f.resolved, f.pending,
        f.pending_overdue, f.on_time, f.judged, f.median_days, f.p90_days, f.on_time_rate
    from figures as f
    inner join agencies as a on a.agency_code = f.scope
    where f.dimension = 'total'
)

select
    dimension,
    key,
    cast(name_ko as varchar) as agency_name_ko,
    cast(name_en as varchar) as agency_name_en,
    received,
    resolved,
    pending,
    pending_overdue,
    on_time,
    judged,
    median_days,
    p90_days,
    on_time_rate
from final
order by dimension, received desc, key
