-- key: filter_set, agency_code, period, time_window, measure
-- one row per participation filter set × agency (or 'ALL') × month × time window × measure, for every
-- window in which the agency (for 'ALL': any agency) submitted participation for at least one month.
-- Measures over the window's platform rows that pass the filter:
--   proposals_received, participants  Σ (0 if no row)
--   adoption_rate                     Σ proposals_adopted ÷ Σ proposals_reviewed × 100 (null if Σ reviewed = 0)
with

participation as (
    select * from stg_participation
),

agency_months as (
    select agency_code, period from int_agency_months
),

windows as (
    select * from int_period_windows
),

coverage as (
    select * from int_dataset_windows where dataset = 'participation' and months_submitted > 0
),

filter_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'participation'
),

filter_values as (
    select distinct s.filter_set, f.column_name, f.value
    from int_kpi_filter_sets as s
    inner join ref_kpi_filters as f on f.kpi_code = s.kpi_code
    where s.source = 'participation'
),

combo_sets as (
    -- each platform with every filter set it passes (a filter on another column keeps nothing)
    select s.filter_set, c.platform
    from filter_sets as s
    cross join (select distinct platform from participation) as c
    where
        not exists (
            select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name <> 'platform'
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set)
            or exists (select 1 from filter_values as v where v.filter_set = s.filter_set and v.value = c.platform)
        )
),

records as (
    select cs.filter_set, p.*
    from participation as p
    semi join agency_months as am on am.agency_code = p.agency_code and am.period = p.period
    inner join combo_sets as cs on cs.platform is not distinct from p.platform
),

aggregated as (
    select
        r.filter_set,
        case when grouping(r.agency_code) = 1 then 'ALL' else r.agency_code end as agency_code,
        w.period,
        w.time_window,
        count(*) as row_count,
        sum(r.proposals_received) as proposals_received,
        sum(r.participants) as participants,
        sum(r.proposals_reviewed) as proposals_reviewed,
        sum(r.proposals_adopted) as proposals_adopted
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
        coalesce(a.row_count, 0) as row_count,
        coalesce(a.proposals_received, 0) as proposals_received,
        coalesce(a.participants, 0) as participants,
        coalesce(a.proposals_reviewed, 0) as proposals_reviewed,
        coalesce(a.proposals_adopted, 0) as proposals_adopted
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
        filter_set, agency_code, period, time_window, 'proposals_received' as measure,
        proposals_received as value, null as numerator, null as denominator, row_count as records_used
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'participants',
        participants, null, null, row_count
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'adoption_rate',
        case
            when proposals_reviewed > 0 then cast(proposals_adopted as double) / proposals_reviewed * 100
        end,
        proposals_adopted, proposals_reviewed, row_count
    from measured
),

final as (
    select
        cast('participation' as varchar) as source,
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
