-- key: filter_set, channel, complaint_type, status
-- one row per complaints filter set × combination of channel, complaint type and status found in
-- int_complaint_cells that passes it. The filter sets are those the complaint figures are computed for
-- (mart_complaint_windows): every complaints KPI's (int_kpi_filter_sets: a filter keeps the listed values of
-- its column; a filter on a column complaints do not have keeps nothing), and the complaints page's groups,
-- named as a KPI's would be: '' (every complaint, the page's total), 'complaint_type=<t>' for each type and
-- 'channel=<c>' for each channel found (its rows by type and by channel). A set both name is listed once.
--   dimension, key  the page's group the set is ('total' ''; 'type' <t>; 'channel' <c>), null for a set only a
--                   KPI uses
with

kpi_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'complaints'
),

filter_values as (
    select distinct s.filter_set, f.column_name, f.value
    from int_kpi_filter_sets as s
    inner join ref_kpi_filters as f on f.kpi_code = s.kpi_code
    where s.source = 'complaints'
),

combos as (
    select distinct channel, complaint_type, status from int_complaint_cells
),

kpi_passes as (
    -- a combination passes a set when, for each column the set filters, its value is listed
    select s.filter_set, c.channel, c.complaint_type, c.status
    from kpi_sets as s
    cross join combos as c
    where not exists (
        select 1 from filter_values as v
        where v.filter_set = s.filter_set
        and v.column_name not in ('channel', 'complaint_type', 'status')
    )
    and not exists (
        select 1
        from (select distinct filter_set, column_name from filter_values) as fc
        where fc.filter_set = s.filter_set
        and not exists (
            select 1 from filter_values as v
            where v.filter_set = fc.filter_set
            and v.column_name = fc.column_name
            and v.value = case fc.column_name
                when 'channel' then c.channel when 'complaint_type' then c.complaint_type else c.status end
        )
    )
),

page_passes as (
    select '' as filter_set, 'total' as dimension, '' as key, channel, complaint_type, status from combos
    union all
    select 'complaint_type=' || complaint_type, 'type', complaint_type, channel, complaint_type, status
    from combos
    where complaint_type is not null
    union all
    select 'channel=' || channel, 'channel', channel, channel, complaint_type, status
    from combos
    where channel is not null
),

final as (
    select
        cast(coalesce(k.filter_set, p.filter_set) as varchar) as filter_set,
        cast(p.dimension as varchar) as dimension,
        cast(p.key as varchar) as key,
        cast(coalesce(k.channel, p.channel) as varchar) as channel,
        cast(coalesce(k.complaint_type, p.complaint_type) as varchar) as complaint_type,
        cast(coalesce(k.status, p.status) as varchar) as status
    from kpi_passes as k
    full join page_passes as p
        on p.filter_set = k.filter_set
        and p.channel is not distinct from k.channel
        and p.complaint_type is not distinct from k.complaint_type
        and p.status is not distinct from k.status
)

select * from final
