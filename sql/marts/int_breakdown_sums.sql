-- key: source, role, scope_group, scope_agency, period, time_window, dimension, key, addend
-- one row per additive source × role × page filter (scope_group 'all'|'central'|'local' × scope_agency 'all'
-- or one agency, int_page_scopes) × month × time window × dimension ('total', the category's word:
-- 'platform' for participation, 'type' for rewards and meetings, 'agency' with the agency's names) × key (the
-- category or agency code; '' for the total) × addend, for the groups with records: the records and Σ of
-- the addend over the window's record months (int_record_months) of the filter's agencies; a total with no records
-- (addend '', records 0) where the filter's agencies have none in the window. Roles:
--   current  every record month of the window
--   paired   meetings only: the window's agency-months matched with the baseline year (int_meeting_pairs)
--   base     meetings only: the matched months of the baseline year, counted for the month they match
-- What the participation, rewards and meetings pages show (mart_*_breakdown), computed once per build.
with

contributions as (
    select 'current' as role, w.period, w.time_window, r.*
    from int_record_months as r
    inner join int_period_windows as w on w.member_period = r.period
    union all
    select 'paired', w.period, w.time_window, r.*
    from int_meeting_pairs as p
    inner join int_period_windows as w on w.member_period = p.period
    inner join int_record_months as r
        on r.source = 'meetings' and r.agency_code = p.agency_code and r.period = p.period
    union all
    select 'base', w.period, w.time_window, r.*
    from int_meeting_pairs as p
    inner join int_period_windows as w on w.member_period = p.period
    inner join int_record_months as r
        on r.source = 'meetings' and r.agency_code = p.agency_code and r.period = p.baseline_period
),

grouped as (
    select
        c.source,
        c.role,
        s.scope_group,
        s.scope_agency,
        c.period,
        c.time_window,
        case
            when grouping(c.category) = 0 then 'category'
            when grouping(c.agency_code) = 0 then 'agency'
            else 'total'
        end as dimension,
        coalesce(c.category, c.agency_code, '') as key,
        c.addend,
        sum(c.records) as records,
        sum(c.amount) as amount
    from contributions as c
    inner join int_page_scopes as s on s.agency_code = c.agency_code
    group by grouping sets (
        (c.source, c.role, s.scope_group, s.scope_agency, c.period, c.time_window, c.addend),
        (c.source, c.role, s.scope_group, s.scope_agency, c.period, c.time_window, c.addend, c.category),
        (c.source, c.role, s.scope_group, s.scope_agency, c.period, c.time_window, c.addend, c.agency_code)
    )
),

empty_totals as (
    -- a total with no records (addend '') for every source, filter and window that has none, so that a page
    -- shows its zero total
    select
        src.source, 'current' as role, s.scope_group, s.scope_agency, w.period, w.time_window,
        'total' as dimension, '' as key, '' as addend, 0 as records, null as amount
    from (values ('participation'), ('rewards'), ('meetings')) as src(source)
    cross join (select distinct period, time_window from int_period_windows) as w
    cross join (select distinct scope_group, scope_agency from int_page_scopes) as s
    anti join grouped as g
        on g.source = src.source
        and g.role = 'current'
        and g.scope_group = s.scope_group
        and g.scope_agency = s.scope_agency
        and g.period = w.period
        and g.time_window = w.time_window
        and g.dimension = 'total'
),

final as (
    select
        cast(source as varchar) as source,
        cast(role as varchar) as role,
        cast(scope_group as varchar) as scope_group,
        cast(scope_agency as varchar) as scope_agency,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(case when dimension <> 'category' then dimension when source = 'participation' then 'platform'
            else 'type' end as varchar) as dimension,
        cast(key as varchar) as key,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(addend as varchar) as addend,
        cast(records as bigint) as records,
        cast(amount as hugeint) as amount
    from (select * from grouped union all select * from empty_totals) as g
    left join ref_agencies as a on g.dimension = 'agency' and a.agency_code = g.key
)

select * from final
