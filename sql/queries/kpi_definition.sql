-- one row: KPI $kpi's definition with its task and strategy, and its targets per year as a list
with

targets as (
    select kpi_code, list(struct_pack(year := year, target := target) order by year) as targets
    from ref_kpi_targets
    where kpi_code = $kpi
    group by kpi_code
),

final as (
    select
        k.kpi_code,
        k.name_ko,
        k.name_en,
        k.unit,
        k.direction,
        k.source,
        k.measure,
        k.aggregation,
        k.cumulative,
        k.formula,
        k.baseline,
        st.baseline_year,
        k.max_age_months,
        k.task_code,
        t.name_ko as task_name_ko,
        t.name_en as task_name_en,
        t.strategy_code,
        s.name_ko as strategy_name_ko,
        s.name_en as strategy_name_en,
        tg.targets
    from ref_kpis as k
    join ref_tasks as t using (task_code)
    join ref_strategies as s using (strategy_code)
    cross join ref_settings as st
    left join targets as tg using (kpi_code)
    where k.kpi_code = $kpi
)

select * from final
