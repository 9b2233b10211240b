-- key: kpi_code
-- one row per computed-source KPI: its filter set, a text key of its whole record filter
-- ('' = no filter; 'channel=찾아가는민원'; columns and values sorted, joined by ' & '), so that KPIs filtering
-- alike share one pass over the records
with

kpis as (
    select * from ref_kpis
),

filters as (
    select distinct kpi_code, column_name, value from ref_kpi_filters
),

final as (
    select
        cast(k.kpi_code as varchar) as kpi_code,
        cast(k.source as varchar) as source,
        cast(
            coalesce(string_agg(f.column_name || '=' || f.value, ' & ' order by f.column_name, f.value), '')
            as varchar
        ) as filter_set
    from kpis as k
    left join filters as f on f.kpi_code = k.kpi_code
    where k.source <> 'kpi_progress'
    group by k.kpi_code, k.source
)

select * from final
