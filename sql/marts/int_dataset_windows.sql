-- key: dataset, agency_code, period, time_window
-- one row per computed dataset × agency × month × time window, for every agency existing that month:
-- whether it submitted the dataset for the month (has_data), how many of the window's months it submitted,
-- how many of them it exists in (months_expected: the window is complete when the two are equal) and the
-- latest month submitted (data_period). A submission counts only for a month the agency exists in.
with

agency_months as (
    select * from int_agency_months
),

windows as (
    select * from int_period_windows
),

datasets as (
    select dataset from (values ('complaints'), ('participation'), ('meetings'), ('rewards')) as d(dataset)
),

submitted as (
    select s.dataset, s.agency_code, s.period
    from stg_submissions as s
    semi join agency_months as am on am.agency_code = s.agency_code and am.period = s.period
    where s.is_active
),

skeleton as (
    select d.dataset, am.agency_code, w.period, w.time_window, w.member_period
    from datasets as d
    cross join agency_months as am
    inner join windows as w on w.period = am.period
),

final as (
    select
        cast(k.dataset as varchar) as dataset,
        cast(k.agency_code as varchar) as agency_code,
        cast(k.period as date) as period,
        cast(k.time_window as varchar) as time_window,
        cast(coalesce(bool_or(s.period = k.period), false) as boolean) as has_data,
        cast(count(s.period) as integer) as months_submitted,
        cast(count(m.period) as integer) as months_expected,
        cast(max(s.period) as date) as data_period
    from skeleton as k
    left join agency_months as m on m.agency_code = k.agency_code and m.period = k.member_period
    left join submitted as s
        on s.dataset = k.dataset and s.agency_code = k.agency_code and s.period = k.member_period
    group by k.dataset, k.agency_code, k.period, k.time_window
)

select * from final
