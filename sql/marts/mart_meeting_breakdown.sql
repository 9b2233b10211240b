-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'type' of meeting, 'agency') × key (the type or agency code; '' for the total): the meetings
-- page's figures (sql/queries/meeting_breakdown.sql selects them). The total row is there for every filter
-- and window, with 0 meetings when there are none (int_breakdown_sums).
--   meetings, person_hours (Σ duration × attendees ÷ 60), mean_duration_min   over every meeting of the window
--   paired_hours, base_person_hours, reduction   as KPI S3-T2-K1 counts them: only agency-months submitted
--     both in the month and in the same month of the baseline year (int_meeting_pairs);
--     reduction = (1 − paired ÷ base) × 100
-- person_hours are Σ person-minutes ÷ 60 (exact sums, then one division).
with

pivoted as (
    select
        period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en,
        coalesce(max(records) filter (where role = 'current'), 0) as meetings,
        max(amount) filter (where role = 'current' and addend = 'person_minutes') as person_minutes,
        max(amount) filter (where role = 'current' and addend = 'duration_min') as duration_min,
        max(amount) filter (where role = 'paired' and addend = 'person_minutes') as paired_minutes,
        max(amount) filter (where role = 'base' and addend = 'person_minutes') as base_minutes
    from int_breakdown_sums
    where source = 'meetings'
    group by period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en
),

figures as (
    select
        period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en, meetings,
        cast(person_minutes as double) / 60 as person_hours,
        case when meetings > 0 then cast(duration_min as double) / meetings end as mean_duration_min,
        cast(paired_minutes as double) / 60 as paired_hours,
        cast(base_minutes as double) / 60 as base_person_hours
    from pivoted
),

final as (
    select
        period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en,
        cast(meetings as bigint) as meetings,
        cast(person_hours as double) as person_hours,
        cast(mean_duration_min as double) as mean_duration_min,
        cast(paired_hours as double) as paired_hours,
        cast(base_person_hours as double) as base_person_hours,
        cast(
            case when base_person_hours > 0 then (1 - coalesce(paired_hours, 0) / base_person_hours) * 100 end
            as double
        ) as reduction
    from figures
)

select * from final
