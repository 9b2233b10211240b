-- key: source, filter_set, agency_code, period, time_window, measure
-- one row per additive source (participation, rewards, meetings) × filter set × agency (or 'ALL') × month ×
-- time window × measure of the source, for every window in which the agency (for 'ALL': any agency)
-- submitted the source for at least one month. Every measure is a sum, or a ratio of sums, of the window's
-- monthly sums (int_measure_months; 0 when no record passes the filter):
--   participation  proposals_received, participants  Σ
--                  adoption_rate       Σ proposals_adopted ÷ Σ proposals_reviewed × 100 (null if Σ reviewed = 0)
--   rewards        amount_krw, recipients  Σ over the payouts (a header-only file says "no payouts": 0)
--   meetings       mean_duration_min   Σ duration_min ÷ meetings (null if none)
--                  (person_hours_reduction pairs months with the baseline year's: int_measures_meetings)
-- records_used is the window's records that pass the filter; a ratio's numerator and denominator are its sums.
with

measures as (
    -- sum: value = Σ numerator;  ratio: value = Σ numerator ÷ Σ denominator × scale (null if Σ denominator = 0),
    -- the denominator '' being the records themselves
    select * from (values
        ('participation', 'proposals_received', 'sum', 'proposals_received', null, null),
        ('participation', 'participants', 'sum', 'participants', null, null),
        ('participation', 'adoption_rate', 'ratio', 'proposals_adopted', 'proposals_reviewed', 100),
        ('rewards', 'amount_krw', 'sum', 'amount_krw', null, null),
        ('rewards', 'recipients', 'sum', 'recipients', null, null),
        ('meetings', 'mean_duration_min', 'ratio', 'duration_min', '', 1)
    ) as m(source, measure, kind, numerator, denominator, scale)
),

filter_sets as (
    select distinct s.source, s.filter_set
    from int_kpi_filter_sets as s
    semi join measures as m on m.source = s.source
),

covered as (
    select dataset as source, agency_code, period, time_window
    from int_dataset_windows
    where months_submitted > 0
    union all
    select distinct dataset, 'ALL', period, time_window
    from int_dataset_windows
    where months_submitted > 0
),

aggregated as (
    -- per window: the records and the Σ of every addend (each record counted once per addend, the same count)
    select
        m.source,
        m.filter_set,
        case when grouping(m.agency_code) = 1 then 'ALL' else m.agency_code end as agency_code,
        w.period,
        w.time_window,
        m.addend,
        sum(m.records) as records,
        sum(m.amount) as amount
    from int_measure_months as m
    inner join int_period_windows as w on w.member_period = m.period
    group by grouping sets (
        (m.source, m.filter_set, m.agency_code, w.period, w.time_window, m.addend),
        (m.source, m.filter_set, w.period, w.time_window, m.addend)
    )
),

sums as (
    -- every covered window of every filter set, with its sums (0 where no record passes the filter)
    select
        s.source,
        s.filter_set,
        cv.agency_code,
        cv.period,
        cv.time_window,
        coalesce(max(a.records), 0) as records,
        map_from_entries(list({'k': a.addend, 'v': a.amount}) filter (where a.addend is not null)) as amounts
    from covered as cv
    inner join filter_sets as s on s.source = cv.source
    left join aggregated as a
        on a.source = s.source
        and a.filter_set = s.filter_set
        and a.agency_code = cv.agency_code
        and a.period = cv.period
        and a.time_window = cv.time_window
    group by s.source, s.filter_set, cv.agency_code, cv.period, cv.time_window
),

operands as (
    select
        s.source, s.filter_set, s.agency_code, s.period, s.time_window, m.measure, m.kind, m.scale, s.records,
        coalesce(s.amounts[m.numerator], 0) as numerator,
        case when m.denominator = '' then s.records else coalesce(s.amounts[m.denominator], 0) end as denominator
    from sums as s
    inner join measures as m on m.source = s.source
),

final as (
    select
        cast(source as varchar) as source,
        cast(filter_set as varchar) as filter_set,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(time_window as varchar) as time_window,
        cast(measure as varchar) as measure,
        cast(
            case
                when kind = 'sum' then numerator
                when denominator > 0 then cast(numerator as double) / denominator * scale
            end as double
        ) as value,
        cast(case when kind = 'ratio' then numerator end as double) as numerator,
        cast(case when kind = 'ratio' then denominator end as double) as denominator,
        cast(records as bigint) as records_used
    from operands
)

select * from final
