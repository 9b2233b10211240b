-- parameters: page_source
-- The figures of one additive source's page (participation, rewards or meetings; mart_*_breakdown picks its
-- columns from them), for every page filter: one row per filter (scope_group × scope_agency, int_page_scopes)
-- × month × time window × dimension ('total'; the category's word, 'platform' for participation and 'type'
-- for rewards and meetings; 'agency', with the agency's names) × key (the category or agency code; '' for the
-- total), for the groups with records, and a total for every filter and window (records 0, no amounts when the
-- filter's agencies have none in it).
--   records         the window's records (int_record_months) of the filter's agencies
--   amounts         addend → Σ over those records (exact integers; the addends of int_record_months)
--   paired_amounts  meetings only: addend → Σ over the window's agency-months matched with the baseline year
--                   (int_meeting_pairs), null when none is
--   base_amounts    meetings only: addend → Σ over the matched months of the baseline year, counted for the
--                   month they match
-- Each role's record months add up to windows per agency (window_sums), then per filter. A macro rather than a
-- table of sums: each page's mart adds up its own source once per build, and no long table of every filter's
-- sums is kept in the snapshot.
with

pb_counted as (
    -- the agency-months whose records count for a month, by role: a month's own (current); for meetings the
    -- month matched with the baseline year (paired) and that baseline month (base)
    select distinct 'current' as role, agency_code, period, period as record_period
    from int_record_months
    where source = page_source
    union all
    select r.role, p.agency_code, p.period, if(r.role = 'paired', p.period, p.baseline_period)
    from int_meeting_pairs as p
    cross join (values ('paired'), ('base')) as r(role)
    where page_source = 'meetings'
),

pb_months as (
    select
        {'role': c.role, 'category': r.category, 'addend': r.addend} as g, c.agency_code, c.period, r.records,
        r.amount
    from pb_counted as c
    inner join int_record_months as r
        on r.source = page_source and r.agency_code = c.agency_code and r.period = c.record_period
),

pb_windows as (
    select w.g.role, w.g.category, w.g.addend, w.agency_code, w.period, w.time_window, w.records, w.amount
    from window_sums('pb_months') as w
    where w.agency_code <> 'ALL'
),

pb_filtered as (
    -- per filter: the total, each category, each agency
    select
        w.role,
        s.scope_group,
        s.scope_agency,
        w.period,
        w.time_window,
        case
            when grouping(w.category) = 0 then 'category'
            when grouping(w.agency_code) = 0 then 'agency'
            else 'total'
        end as dimension,
        coalesce(w.category, w.agency_code, '') as key,
        w.addend,
        sum(w.records) as records,
        sum(w.amount) as amount
    from pb_windows as w
    inner join int_page_scopes as s on s.agency_code = w.agency_code
    group by grouping sets (
        (w.role, s.scope_group, s.scope_agency, w.period, w.time_window, w.addend),
        (w.role, s.scope_group, s.scope_agency, w.period, w.time_window, w.addend, w.category),
        (w.role, s.scope_group, s.scope_agency, w.period, w.time_window, w.addend, w.agency_code)
    )
),

pb_rows as (
    -- and a total of no records for every filter and window, so that a page shows a zero total where the
    -- filter has no records (beside a total with records it changes nothing)
    select * from pb_filtered
    union all
    select distinct 'current', scope_group, scope_agency, w.period, w.time_window, 'total', '', null, 0, null
    from int_page_scopes
    cross join int_period_windows as w
),

pb_figures as (
    select
        period, time_window, scope_group, scope_agency, dimension, key,
        coalesce(max(records) filter (where role = 'current'), 0) as records,
        map_from_entries(list({'k': addend, 'v': amount}) filter (where role = 'current' and addend is not null))
            as amounts,
        map_from_entries(list({'k': addend, 'v': amount}) filter (where role = 'paired')) as paired_amounts,
        map_from_entries(list({'k': addend, 'v': amount}) filter (where role = 'base')) as base_amounts
    from pb_rows
    group by period, time_window, scope_group, scope_agency, dimension, key
)

select
    f.period,
    f.time_window,
    f.scope_group,
    f.scope_agency,
    case when f.dimension <> 'category' then f.dimension when page_source = 'participation' then 'platform'
        else 'type' end as dimension,
    f.key,
    a.name_ko as agency_name_ko,
    a.name_en as agency_name_en,
    f.records,
    f.amounts,
    f.paired_amounts,
    f.base_amounts
from pb_figures as f
left join ref_agencies as a on f.dimension = 'agency' and a.agency_code = f.key
