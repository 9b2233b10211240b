-- key: kpi_code, agency_code, period, time_window
-- one row per kpi_progress KPI × agency (each expected reporter existing that month, and 'ALL' for the
-- nation) × month in scope × time window: the reported value.
--   Level KPIs (cumulative false): the latest report at or before the month that is at most max_age_months
--     old (crossing years is allowed); 'quarter' = 'ytd' = 'month' (a level is not summed over months).
--     has_data = such a report exists.
--   Cumulative KPIs: 'month' = that month's report; 'quarter' = Σ the quarter's reports up to the month;
--     'ytd' = Σ the year's reports up to the month (the months of int_period_windows).
--     has_data = every month of the window the agency is expected in was reported; otherwise the window
--     is 미제출 and its value null (a missing month is named, never blended).
--   'ALL' by the KPI's aggregation over the expected agencies' values (those with a complete window): sum,
--     mean, weighted_mean
--     (Σ weight × value ÷ Σ weight, ref_agencies.weight), max, share_flag (agencies whose value is 1 ÷
--     agencies expected × 100), count_flag (agencies whose value is 1); null when no agency has a value
--     (kpi_value_rows makes the national rows and types every column).
-- Only reports of an expected reporter for a month it is expected in count.
with

kpis as (
    select * from ref_kpis where source = 'kpi_progress'
),

expected as (
    select kpi_code, agency_code, period from int_kpi_expected where source = 'kpi_progress'
),

agencies as (
    select agency_code, weight from ref_agencies
),

window_members as (
    select * from int_period_windows
),

reports as (
    select r.kpi_code, r.agency_code, r.period, r.value
    from stg_kpi_progress as r
    semi join expected as e
        on e.kpi_code = r.kpi_code and e.agency_code = r.agency_code and e.period = r.period
),

levels as (
    select
        e.kpi_code,
        e.agency_code,
        e.period,
        arg_max(r.value, r.period) as value,
        max(r.period) as data_period
    from expected as e
    inner join kpis as k on k.kpi_code = e.kpi_code and not k.cumulative
    left join reports as r
        on r.kpi_code = e.kpi_code
        and r.agency_code = e.agency_code
        and r.period <= e.period
        and date_diff('month', r.period, e.period) <= k.max_age_months
    group by e.kpi_code, e.agency_code, e.period
),

level_rows as (
    select
        l.kpi_code, l.agency_code, l.period, w.time_window,
        l.value,
        l.value is not null as has_data,
        l.data_period,
        case when l.value is not null then 1 else 0 end as records_used
    from levels as l
    cross join (select distinct time_window from window_members) as w
),

cumulative_month as (
    select
        e.kpi_code, e.agency_code, e.period, 'month' as time_window,
        r.value,
        r.value is not null as has_data,
        r.period as data_period,
        case when r.value is not null then 1 else 0 end as records_used
    from expected as e
    inner join kpis as k on k.kpi_code = e.kpi_code and k.cumulative
    left join reports as r
        on r.kpi_code = e.kpi_code and r.agency_code = e.agency_code and r.period = e.period
),

cumulative_to_date as (
    -- 'quarter' and 'ytd': Σ the reports of the window's months, only when every month of the window the
    -- agency is expected in was reported (docs/decisions.md 16): a window with a month missing is 미제출 and
    -- has no value, never the sum of the months that came compared with the whole window's target
    select
        e.kpi_code, e.agency_code, e.period, w.time_window,
        case when count(r.value) = count(*) then sum(r.value order by r.period) end as value,
        count(r.value) = count(*) as has_data,
        max(r.period) as data_period,
        case when count(r.value) = count(*) then count(r.value) else 0 end as records_used
    from expected as e
    inner join kpis as k on k.kpi_code = e.kpi_code and k.cumulative
    inner join window_members as w on w.period = e.period and w.time_window <> 'month'
    inner join expected as m
        on m.kpi_code = e.kpi_code and m.agency_code = e.agency_code and m.period = w.member_period
    left join reports as r
        on r.kpi_code = e.kpi_code
        and r.agency_code = e.agency_code
        and r.period = w.member_period
    group by e.kpi_code, e.agency_code, e.period, w.time_window
),

agency_rows as (
    -- a reported value is not a ratio: no numerator or denominator
    select *, null as numerator, null as denominator
    from (
        select * from level_rows
        union all
        select * from cumulative_month
        union all
        select * from cumulative_to_date
    )
),

national_parts as (
    -- the parts of every aggregation, over the KPI × window's agencies; only where at least one has a value
    select
        a.kpi_code,
        a.period,
        a.time_window,
        k.aggregation,
        count(*) as agencies_expected,
        count(a.value) as value_count,
        sum(a.value order by a.agency_code) as value_sum,
        max(a.value) as value_max,
        count(*) filter (where a.value = 1) as flag_count,
        sum(g.weight * a.value order by a.agency_code) as weighted_sum,
        sum(g.weight order by a.agency_code) filter (where a.value is not null) as weight_sum,
        sum(a.records_used) as records_used
    from agency_rows as a
    inner join kpis as k on k.kpi_code = a.kpi_code
    left join agencies as g on g.agency_code = a.agency_code
    group by a.kpi_code, a.period, a.time_window, k.aggregation
    having count(a.value) > 0
),

ratios as (
    -- the aggregations that are a ratio (mean, weighted_mean, share_flag): numerator and denominator
    select
        *,
        case aggregation
            when 'mean' then value_sum
            when 'weighted_mean' then weighted_sum
            when 'share_flag' then flag_count
        end as numerator,
        case aggregation
            when 'mean' then value_count
            when 'weighted_mean' then weight_sum
            when 'share_flag' then agencies_expected
        end as denominator
    from national_parts
),

national_figures as (
    select
        kpi_code,
        period,
        time_window,
        case aggregation
            when 'sum' then value_sum
            when 'max' then value_max
            when 'count_flag' then flag_count
            when 'mean' then numerator / denominator
            when 'weighted_mean' then numerator / nullif(denominator, 0)
            when 'share_flag' then numerator / denominator * 100
        end as value,
        numerator,
        denominator,
        records_used
    from ratios
),

final as (
    select * from kpi_value_rows('kpis', 'agency_rows', 'national_figures')
)

select * from final
