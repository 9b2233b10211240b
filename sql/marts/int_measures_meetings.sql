-- key: filter_set, agency_code, period, time_window, measure
-- one row per meetings filter set × agency (or 'ALL') × month × time window × measure, for every window
-- in which the agency (for 'ALL': any agency) submitted meetings for at least one month.
-- Measures over the window's meetings that pass the filter:
--   person_hours_reduction  (1 − Σ person-hours ÷ Σ person-hours of the same months of baseline_year) × 100,
--                           over matched pairs only: agency-months submitted in both the month and the same
--                           month of baseline_year (for 'ALL': every matched agency-month); null when there is
--                           no pair or the baseline hours are 0. numerator/denominator = the two Σ person-hours.
--   mean_duration_min       Σ duration_min ÷ meetings (null if none)
with

meetings as (
    select * from stg_meetings
),

settings as (
    select baseline_year from ref_settings
),

agency_months as (
    select agency_code, period from int_agency_months
),

windows as (
    select * from int_period_windows
),

coverage as (
    select * from int_dataset_windows where dataset = 'meetings' and months_submitted > 0
),

submitted as (
    -- agency-months with an active meetings submission, in months the agency exists
    select s.agency_code, s.period
    from stg_submissions as s
    semi join agency_months as am on am.agency_code = s.agency_code and am.period = s.period
    where s.is_active and s.dataset = 'meetings'
),

filter_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'meetings'
),

filter_values as (
    select distinct s.filter_set, f.column_name, f.value
    from int_kpi_filter_sets as s
    inner join ref_kpi_filters as f on f.kpi_code = s.kpi_code
    where s.source = 'meetings'
),

combo_sets as (
    -- each meeting type with every filter set it passes (a filter on another column keeps nothing)
    select s.filter_set, c.meeting_type
    from filter_sets as s
    cross join (select distinct meeting_type from meetings) as c
    where
        not exists (
            select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name <> 'meeting_type'
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set)
            or exists (
                select 1 from filter_values as v where v.filter_set = s.filter_set and v.value = c.meeting_type
            )
        )
),

monthly as (
    -- per filter set, agency and month: meetings, Σ duration_min and Σ person-minutes (exact integers)
    select
        cs.filter_set,
        m.agency_code,
        m.period,
        count(*) as meeting_count,
        sum(m.duration_min) as duration_sum,
        sum(m.person_minutes) as person_minutes
    from meetings as m
    semi join agency_months as am on am.agency_code = m.agency_code and am.period = m.period
    inner join combo_sets as cs on cs.meeting_type is not distinct from m.meeting_type
    group by cs.filter_set, m.agency_code, m.period
),

pairs as (
    -- an agency-month matched with the same month of the baseline year, both submitted
    select s.agency_code, s.period, b.period as baseline_period
    from submitted as s
    cross join settings as st
    inner join submitted as b
        on b.agency_code = s.agency_code
        and b.period = make_date(st.baseline_year, month(s.period), 1)
),

pair_minutes as (
    select
        fs.filter_set,
        p.agency_code,
        p.period,
        coalesce(cur.person_minutes, 0) as current_minutes,
        coalesce(base.person_minutes, 0) as baseline_minutes,
        coalesce(cur.meeting_count, 0) + coalesce(base.meeting_count, 0) as meeting_count
    from pairs as p
    cross join filter_sets as fs
    left join monthly as cur
        on cur.filter_set = fs.filter_set and cur.agency_code = p.agency_code and cur.period = p.period
    left join monthly as base
        on base.filter_set = fs.filter_set and base.agency_code = p.agency_code
        and base.period = p.baseline_period
),

reduction as (
    select
        pm.filter_set,
        case when grouping(pm.agency_code) = 1 then 'ALL' else pm.agency_code end as agency_code,
        w.period,
        w.time_window,
        sum(pm.current_minutes) as current_minutes,
        sum(pm.baseline_minutes) as baseline_minutes,
        sum(pm.meeting_count) as meeting_count
    from pair_minutes as pm
    inner join windows as w on w.member_period = pm.period
    group by grouping sets (
        (pm.filter_set, pm.agency_code, w.period, w.time_window),
        (pm.filter_set, w.period, w.time_window)
    )
),

durations as (
    select
        mo.filter_set,
        case when grouping(mo.agency_code) = 1 then 'ALL' else mo.agency_code end as agency_code,
        w.period,
        w.time_window,
        sum(mo.meeting_count) as meeting_count,
        sum(mo.duration_sum) as duration_sum
    from monthly as mo
    inner join windows as w on w.member_period = mo.period
    group by grouping sets (
        (mo.filter_set, mo.agency_code, w.period, w.time_window),
        (mo.filter_set, w.period, w.time_window)
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
        r.current_minutes,
        r.baseline_minutes,
        coalesce(r.meeting_count, 0) as pair_meeting_count,
        coalesce(d.meeting_count, 0) as meeting_count,
        coalesce(d.duration_sum, 0) as duration_sum
    from covered as cv
    cross join filter_sets as s
    left join reduction as r
        on r.filter_set = s.filter_set and r.agency_code = cv.agency_code
        and r.period = cv.period and r.time_window = cv.time_window
    left join durations as d
        on d.filter_set = s.filter_set and d.agency_code = cv.agency_code
        and d.period = cv.period and d.time_window = cv.time_window
),

long as (
    select
        filter_set, agency_code, period, time_window, 'person_hours_reduction' as measure,
        case
            when baseline_minutes > 0
                then (1 - cast(current_minutes as double) / cast(baseline_minutes as double)) * 100
        end as value,
        cast(current_minutes as double) / 60 as numerator,
        cast(baseline_minutes as double) / 60 as denominator,
        pair_meeting_count as records_used
    from measured
    union all
    select
        filter_set, agency_code, period, time_window, 'mean_duration_min',
        case when meeting_count > 0 then cast(duration_sum as double) / meeting_count end,
        duration_sum, meeting_count, meeting_count
    from measured
),

final as (
    select
        cast('meetings' as varchar) as source,
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
