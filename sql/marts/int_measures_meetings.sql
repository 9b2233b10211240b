-- key: filter_set, agency_code, period, time_window, measure
-- one row per meetings filter set × agency (or 'ALL') × month × time window × measure, for every window
-- in which the agency (for 'ALL': any agency) submitted meetings for at least one month.
-- The measure over the window's meetings that pass the filter (the meetings' additive measure,
-- mean_duration_min, is in int_measures_additive):
--   person_hours_reduction  (1 − Σ person-hours ÷ Σ person-hours of the same months of baseline_year) × 100,
--                           over matched pairs only: agency-months submitted in both the month and the same
--                           month of baseline_year (for 'ALL': every matched agency-month); null when there is
--                           no pair or the baseline hours are 0 (the pairs: int_meeting_pairs).
--                           numerator/denominator = the two Σ person-hours.
with

filter_sets as (
    select distinct filter_set from int_kpi_filter_sets where source = 'meetings'
),

monthly as (
    -- per filter set, agency and month: meetings and Σ person-minutes (exact integers)
    select filter_set, agency_code, period, records as meeting_count, amount as person_minutes
    from int_measure_months
    where source = 'meetings' and addend = 'person_minutes'
),

pair_minutes as (
    select
        fs.filter_set,
        p.agency_code,
        p.period,
        coalesce(cur.person_minutes, 0) as current_minutes,
        coalesce(base.person_minutes, 0) as baseline_minutes,
        coalesce(cur.meeting_count, 0) + coalesce(base.meeting_count, 0) as meeting_count
    from int_meeting_pairs as p
    cross join filter_sets as fs
    left join monthly as cur
        on cur.filter_set = fs.filter_set and cur.agency_code = p.agency_code and cur.period = p.period
    left join monthly as base
        on base.filter_set = fs.filter_set and base.agency_code = p.agency_code
        and base.period = p.baseline_period
),

pair_sides as (
    -- each pair's two sides, for window_sums: the month's minutes (with the pair's meetings) and the baseline's
    select {'filter_set': filter_set, 'side': 'current'} as g, agency_code, period, meeting_count as records,
        current_minutes as amount
    from pair_minutes
    union all
    select {'filter_set': filter_set, 'side': 'base'}, agency_code, period, 0, baseline_minutes
    from pair_minutes
),

reduction as (
    -- the two sides added up into windows (window_sums: per agency and 'ALL'), side by side again
    select
        g.filter_set,
        agency_code,
        period,
        time_window,
        max(amount) filter (where g.side = 'current') as current_minutes,
        max(amount) filter (where g.side = 'base') as baseline_minutes,
        max(records) filter (where g.side = 'current') as meeting_count
    from window_sums('pair_sides')
    group by g.filter_set, agency_code, period, time_window
),

measured as (
    select
        m.*,
        r.current_minutes,
        r.baseline_minutes,
        coalesce(r.meeting_count, 0) as pair_meeting_count
    from measure_windows('meetings') as m
    left join reduction as r using (filter_set, agency_code, period, time_window)
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
),

final as (
    select * from measure_rows('meetings', 'long')
)

select * from final
