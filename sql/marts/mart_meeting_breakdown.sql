-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'type' of meeting, 'agency') × key (the type or agency code; '' for the total): the meetings
-- page's figures (sql/queries/meeting_breakdown.sql selects them). The total row is there for every filter
-- and window, with 0 meetings when there are none. The rows and the sums: page_breakdown.
--   meetings, person_hours (Σ duration × attendees ÷ 60), mean_duration_min   over every meeting of the window
--   paired_hours, base_person_hours, reduction   as KPI S3-T2-K1 counts them: only agency-months submitted
--     both in the month and in the same month of the baseline year (int_meeting_pairs);
--     reduction = (1 − paired ÷ base) × 100
-- person_hours are Σ person-minutes ÷ 60 (exact sums, then one division).
with

hours as (
    select
        s.* exclude (records, amounts, paired_amounts, base_amounts),
        cast(s.records as bigint) as meetings,
        cast(s.amounts['person_minutes'] as double) / 60 as person_hours,
        case when s.records > 0 then cast(s.amounts['duration_min'] as double) / s.records end as mean_duration_min,
        cast(s.paired_amounts['person_minutes'] as double) / 60 as paired_hours,
        cast(s.base_amounts['person_minutes'] as double) / 60 as base_person_hours
    from page_breakdown('meetings') as s
),

final as (
    select
        h.*,
        cast(
            case when h.base_person_hours > 0 then (1 - coalesce(h.paired_hours, 0) / h.base_person_hours) * 100 end
            as double
        ) as reduction
    from hours as h
)

select * from final
