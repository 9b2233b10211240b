-- Period comparison: one row per KPI (catalog order; $kpi = one code, or null for every KPI) with its figure
-- in $month, in the month before and in the same month a year before, all in $window, nationally ($agency
-- null) or for one agency ($agency = its code: only the KPIs that agency has a row for), and the changes
-- from each: value in the KPI's unit, achievement (judged, bounded) in percentage points. A change is null
-- where either side has no figure. The KPI detail and the agency pages both read this.
with

months as (
    select
        cast($month as date) as m0,
        cast($month - interval 1 month as date) as m1,
        cast($month - interval 12 month as date) as m12
),

kpis as (
    select k.*, t.sort_order as task_order, s.sort_order as strategy_order
    from ref_kpis as k
    inner join ref_tasks as t using (task_code)
    inner join ref_strategies as s using (strategy_code)
    where cast($kpi as varchar) is null or k.kpi_code = cast($kpi as varchar)
),

figures as (
    select kpi_code, period, value, target, achievement, achievement_raw, status
    from mart_kpi_national_month
    where time_window = $window and cast($agency as varchar) is null
    union all
    select kpi_code, period, value, target, achievement, achievement_raw, status
    from mart_kpi_agency_month
    where time_window = $window and agency_code = cast($agency as varchar)
),

final as (
    select
        cast(k.kpi_code as varchar) as kpi_code,
        cast(k.name_ko as varchar) as name_ko,
        cast(k.name_en as varchar) as name_en,
        cast(k.unit as varchar) as unit,
        cast(k.direction as varchar) as direction,
        cast(k.judge_agencies as boolean) as judge_agencies,
        cast(m.m0 as date) as period,
        cast(c.value as double) as value,
        cast(c.target as double) as target,
        cast(c.achievement as double) as achievement,
        cast(c.achievement_raw as double) as achievement_raw,
        cast(c.status as varchar) as status,
        cast(m.m1 as date) as prev_period,
        cast(p.value as double) as prev_value,
        cast(p.target as double) as prev_target,
        cast(p.achievement as double) as prev_achievement,
        cast(p.status as varchar) as prev_status,
        cast(c.value - p.value as double) as prev_value_change,
        cast(c.achievement - p.achievement as double) as prev_achievement_change,
        cast(m.m12 as date) as year_period,
        cast(y.value as double) as year_value,
        cast(y.target as double) as year_target,
        cast(y.achievement as double) as year_achievement,
        cast(y.status as varchar) as year_status,
        cast(c.value - y.value as double) as year_value_change,
        cast(c.achievement - y.achievement as double) as year_achievement_change
    from kpis as k
    cross join months as m
    left join figures as c on c.kpi_code = k.kpi_code and c.period = m.m0
    left join figures as p on p.kpi_code = k.kpi_code and p.period = m.m1
    left join figures as y on y.kpi_code = k.kpi_code and y.period = m.m12
    where cast($agency as varchar) is null or c.kpi_code is not null or p.kpi_code is not null
        or y.kpi_code is not null
    order by k.strategy_order, k.task_order, k.sort_order
)

select * from final
