-- Period comparison: one row per KPI (catalog order; $kpi = one code, or null for every KPI) with its figure
-- in $month, in the month before and in the same month a year before, all in $window, nationally ($agency
-- null) or for one agency ($agency = its code: only the KPIs that agency has a row for), and the changes
-- from each: value in the KPI's unit, achievement (judged, bounded) in percentage points. A change is null
-- where either side has no figure. Each month compared with is a row of `compared` (one rule for both), turned
-- into the prev_* and year_* columns by one pivot. The KPI detail and the agency pages both read this.
with

kpis as (
    select k.*, t.sort_order as task_order, s.sort_order as strategy_order
    from ref_kpis as k
    inner join ref_tasks as t using (task_code)
    inner join ref_strategies as s using (strategy_code)
    where cast($kpi as varchar) is null or k.kpi_code = cast($kpi as varchar)
),

figures as (
    select code as kpi_code, period, value, target, achievement, achievement_raw, status
    from mart_scores
    where level = 'kpi' and time_window = $window and agency_code = coalesce(cast($agency as varchar), 'ALL')
),

-- the months $month is compared with: the month before ('prev') and the same month a year before ('year')
others as (
    select side, cast($month - to_months(months_back) as date) as period
    from (values ('prev', 1), ('year', 12)) as o(side, months_back)
),

compared as (
    select
        k.kpi_code,
        o.side,
        o.period,
        f.value,
        f.target,
        f.achievement,
        f.status,
        c.value - f.value as value_change,
        c.achievement - f.achievement as achievement_change,
        f.kpi_code is not null as has_figure
    from kpis as k
    cross join others as o
    left join figures as c on c.kpi_code = k.kpi_code and c.period = cast($month as date)
    left join figures as f on f.kpi_code = k.kpi_code and f.period = o.period
),

sides as (
    pivot compared on side in ('prev', 'year')
    using
        first(period) as period,
        first(value) as value,
        first(target) as target,
        first(achievement) as achievement,
        first(status) as status,
        first(value_change) as value_change,
        first(achievement_change) as achievement_change,
        bool_or(has_figure) as has_figure
    group by kpi_code
),

final as (
    select
        k.kpi_code, k.name_ko, k.name_en, k.unit, k.direction, k.judge_agencies,
        cast($month as date) as period,
        c.value, c.target, c.achievement, c.achievement_raw, c.status,
        s.* exclude (kpi_code, prev_has_figure, year_has_figure),
        k.strategy_order,
        k.task_order,
        k.sort_order as kpi_order
    from kpis as k
    inner join sides as s on s.kpi_code = k.kpi_code
    left join figures as c on c.kpi_code = k.kpi_code and c.period = cast($month as date)
    where cast($agency as varchar) is null or c.kpi_code is not null or s.prev_has_figure or s.year_has_figure
)

-- the code breaks ties of a catalog without distinct sort orders (a KPI code begins with its task's)
select * exclude (strategy_order, task_order, kpi_order) from final
order by strategy_order, task_order, kpi_order, kpi_code
