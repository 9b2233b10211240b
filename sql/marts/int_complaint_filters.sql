-- key: filter_set, channel, complaint_type, status
-- one row per complaints filter set × combination of channel, complaint type and status found in
-- int_complaint_cells that passes it: a filter keeps the listed values of its column; a filter on a column
-- complaints do not have keeps nothing. The complaint measures count a cell once per filter set it passes.
with

filter_sets as (
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

passes as (
    select s.filter_set, c.channel, c.complaint_type, c.status
    from filter_sets as s
    cross join combos as c
    where
        not exists (
            select 1 from filter_values as v
            where v.filter_set = s.filter_set and v.column_name not in ('channel', 'complaint_type', 'status')
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name = 'channel')
            or exists (
                select 1 from filter_values as v
                where v.filter_set = s.filter_set and v.column_name = 'channel' and v.value = c.channel
            )
        )
        and (
            not exists (
                select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name = 'complaint_type'
            )
            or exists (
                select 1 from filter_values as v
                where v.filter_set = s.filter_set and v.column_name = 'complaint_type' and v.value = c.complaint_type
            )
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name = 'status')
            or exists (
                select 1 from filter_values as v
                where v.filter_set = s.filter_set and v.column_name = 'status' and v.value = c.status
            )
        )
),

final as (
    select
        cast(filter_set as varchar) as filter_set,
        cast(channel as varchar) as channel,
        cast(complaint_type as varchar) as complaint_type,
        cast(status as varchar) as status
    from passes
)

select * from final
