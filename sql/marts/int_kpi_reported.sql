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
--     agencies expected × 100), count_flag (agencies whose value is 1); null when no agency has a value.
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

windows as (
    select distinct period, time_window from window_members
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
    select * from level_rows
    union all
    select * from cumulative_month
    union all
    select * from cumulative_to_date
),

national_parts as (
    select
        a.kpi_code,
        a.period,
        a.time_window,
        count(*) as agencies_expected,
        count(*) filter (where a.has_data) as agencies_reported,
        count(a.value) as value_count,
        sum(a.value order by a.agency_code) as value_sum,
        max(a.value) as value_max,
        count(*) filter (where a.value = 1) as flag_count,
        sum(g.weight * a.value order by a.agency_code) as weighted_sum,
        sum(g.weight order by a.agency_code) filter (where a.value is not null) as weight_sum,
        max(a.data_period) as data_period,
        sum(a.records_used) as records_used
    from agency_rows as a
    left join agencies as g on g.agency_code = a.agency_code
    group by a.kpi_code, a.period, a.time_window
),

national_rows as (
    select
        k.kpi_code,
        'ALL' as agency_code,
        w.period,
        w.time_window,
        case
            when coalesce(n.value_count, 0) = 0 then null
            when k.aggregation = 'sum' then n.value_sum
            when k.aggregation = 'mean' then n.value_sum / n.value_count
            when k.aggregation = 'weighted_mean' then n.weighted_sum / nullif(n.weight_sum, 0)
            when k.aggregation = 'max' then n.value_max
            when k.aggregation = 'share_flag' then cast(n.flag_count as double) / n.agencies_expected * 100
            when k.aggregation = 'count_flag' then n.flag_count
        end as value,
        case
            when coalesce(n.value_count, 0) = 0 then null
            when k.aggregation = 'mean' then n.value_sum
            when k.aggregation = 'weighted_mean' then n.weighted_sum
            when k.aggregation = 'share_flag' then n.flag_count
        end as numerator,
        case
            when coalesce(n.value_count, 0) = 0 then null
            when k.aggregation = 'mean' then n.value_count
            when k.aggregation = 'weighted_mean' then n.weight_sum
            when k.aggregation = 'share_flag' then n.agencies_expected
        end as denominator,
        coalesce(n.records_used, 0) as records_used,
        coalesce(n.agencies_reported, 0) > 0 as has_data,
        coalesce(n.agencies_reported, 0) as agencies_reported,
        coalesce(n.agencies_expected, 0) as agencies_expected,
        n.data_period
    from kpis as k
    cross join windows as w
    left join national_parts as n
        on n.kpi_code = k.kpi_code and n.period = w.period and n.time_window = w.time_window
),

final as (
    select
        cast(kpi_code as varchar) as kpi_code,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(value as double) as value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(records_used as bigint) as records_used,
        cast(has_data as boolean) as has_data,
        cast(agencies_reported as integer) as agencies_reported,
        cast(agencies_expected as integer) as agencies_expected,
        cast(data_period as date) as data_period
    from (
        select
            kpi_code, agency_code, period, time_window, value,
            null as numerator, null as denominator, records_used, has_data,
            case when has_data then 1 else 0 end as agencies_reported, 1 as agencies_expected, data_period
        from agency_rows
        union all
        select
            kpi_code, agency_code, period, time_window, value,
            numerator, denominator, records_used, has_data,
            agencies_reported, agencies_expected, data_period
        from national_rows
    )
)

select * from final
