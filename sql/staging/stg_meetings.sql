-- key: submission_id, meeting_id
-- one row per meeting of an active meetings submission, with its month and person-time
-- (person_minutes = duration_min × attendees, exact; person_hours = person_minutes / 60)
with

meetings as (
    select * from src_meetings
),

active_submissions as (
    select submission_id from stg_submissions where is_active and dataset = 'meetings'
),

final as (
    select
        cast(m.submission_id as bigint) as submission_id,
        cast(m.meeting_id as varchar) as meeting_id,
        cast(m.agency_code as varchar) as agency_code,
        cast(m.held_on as date) as held_on,
        cast(date_trunc('month', m.held_on) as date) as period,
        cast(m.meeting_type as varchar) as meeting_type,
        cast(m.duration_min as bigint) as duration_min,
        cast(m.attendees as bigint) as attendees,
        cast(coalesce(m.remote, false) as boolean) as remote,
        cast(m.duration_min * m.attendees as bigint) as person_minutes,
        cast(m.duration_min * m.attendees as double) / 60 as person_hours
    from meetings as m
    semi join active_submissions as a on a.submission_id = m.submission_id
)

select * from final
