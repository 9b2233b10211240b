-- key: filter_set, agency_code, period, time_window, measure
-- one row per rewards filter set × agency (or 'ALL') × month × time window × measure, for every window
-- in which the agency (for 'ALL': any agency) submitted rewards for at least one month (a header-only
-- file counts: it says "no payouts").
-- Measures over the window's payouts that pass the filter: amount_krw Σ, recipients Σ (0 if no payout)
with

rewards as (
    select * from stg_rewards
),

agency_months as (
    select agency_code, period from int_agency_months
),

windows as (
    select * from int_period_windows
),

coverage as (
    select * from int_dataset_windows where dataset = 'rewards' and months_submitted > 0
),

filter_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'rewards'
),

filter_values as (
    select distinct s.filter_set, f.column_name, f.value
    from int_kpi_filter_sets as s
    inner join ref_kpi_filters as f on f.kpi_code = s.kpi_code
    where s.source = 'rewards'
),

combo_sets as (
    -- each reward type with every filter set it passes (a filter on another column keeps nothing)
    select s.filter_set, c.reward_type
    from filter_sets as s
    cross join (select distinct reward_type from rewards) as c
    where
        not exists (
            select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name <> 'reward_type'
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set)
            or exists (
                select 1 from filter_values as v where v.filter_set = s.filter_set and v.value = c.reward_type
            )
        )
),

records as (
    select cs.filter_set, r.*
    from rewards as r
    semi join agency_months as am on am.agency_code = r.agency_code and am.period = r.period
    inner join combo_sets as cs on cs.reward_type is not distinct from r.reward_type
),

aggregated as (
    select
        r.filter_set,
        case when grouping(r.agency_code) = 1 then 'ALL' else r.agency_code end as agency_code,
        w.period,
        w.time_window,
        count(*) as payout_count,
        sum(r.amount_krw) as amount_krw,
        sum(r.recipients) as recipients
    from records as r
    inner join windows as w on w.member_period = r.period
    group by grouping sets (
        (r.filter_set, r.agency_code, w.period, w.time_window),
        (r.filter_set, w.period, w.time_window)
    )
),

covered as (
    select agency_code, period, time_window from coverage
    union all
    select distinct 'ALL', period, time_window from coverage
),

measured as (
    select
        s.filter_set,
        cv.agency_code,
        cv.period,
        cv.time_window,
        coalesce(a.payout_count, 0) as payout_count,
        coalesce(a.amount_krw, 0) as amount_krw,
        coalesce(a.recipients, 0) as recipients
    from covered as cv
    cross join filter_sets as s
    left join aggregated as a
        on a.filter_set = s.filter_set
        and a.agency_code = cv.agency_code
        and a.period = cv.period
        and a.time_window = cv.time_window
),

long as (
    select
        filter_set, agency_code, period, time_window, 'amount_krw' as measure,
        amount_krw as value, null as numerator, null as denominator, payout_count as records_used
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'recipients',
        recipients, null, null, payout_count
    from measured
),

final as (
    select
        cast('rewards' as varchar) as source,
        cast(filter_set as varchar) as filter_set,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(measure as varchar) as measure,
        cast(value as double) as value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(records_used as bigint) as records_used
    from long
)

select * from final
