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
    -- the windows a row is owed for, of every filter set of the source
    select dataset as source, agency_code, period, time_window
    from int_dataset_windows
    where months_submitted > 0
    union all
    select distinct dataset, 'ALL', period, time_window
    from int_dataset_windows
    where months_submitted > 0
),

monthly as (
    select {'source': source, 'filter_set': filter_set, 'addend': addend} as g, agency_code, period, records, amount
    from int_measure_months
),

windowed as (
    -- per window: the records and the Σ of every addend (each record counted once per addend, the same count)
    select g.source, g.filter_set, agency_code, period, time_window, g.addend, records, amount
    from window_sums('monthly')
),

sums as (
    -- every covered window of every filter set, with its sums (0 where no record passes the filter)
    select
        source, filter_set, agency_code, period, time_window,
        coalesce(max(a.records), 0) as records,
        map_from_entries(list({'k': a.addend, 'v': a.amount}) filter (where a.addend is not null)) as amounts
    from covered
    inner join filter_sets using (source)
    left join windowed as a using (source, filter_set, agency_code, period, time_window)
    group by source, filter_set, agency_code, period, time_window
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
    -- the key columns keep the types they have (int_measure_months, int_period_windows); the figures are cast here
    select
        source, filter_set, agency_code, period, time_window, measure,
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
