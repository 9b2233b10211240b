-- key: submission_id, complaint_id
-- one row per complaint of an active complaints submission: its month, effective legal deadline (days,
-- mode, the moment it runs out), resolution time in calendar days and whether it was resolved on time.
--
-- Deadlines (민원처리법 시행령 제19조): N = deadline_days (the file's value, else the type's default).
--   N <= hour_based_max_days ('hours'): a budget of N working days × the working-day length (8 h), or
--     immediate_hours when N = 0 (즉시), counted in working time from received_at. Positions are working
--     microseconds since the calendar's first day; a time outside working time has the position of the next
--     working minute. The deadline moment is the first instant whose position reaches received + budget.
--   N > hour_based_max_days ('days'): the receipt day counts when it is a working day (초일 산입), else the
--     next working day is the first; the deadline is 24:00 of the N-th working day.
--   On time: resolved_at <= deadline_at (only for 처리완료; null for other statuses).
--
-- The calendar and the clock are read by list position (stg_working_time), not joined: a complaint costs a
-- few arithmetic steps, and the hours-mode steps are taken only for the complaints counted in hours.
--
-- A view: the marts and the complaint page read int_complaint_cells, which computes the deadlines of a
-- submission's complaints once, when the submission first reaches a build.
with

complaints as (
    select * from src_complaints
),

active_submissions as (
    select submission_id from stg_submissions where is_active and dataset = 'complaints'
),

deadline_defaults as (
    -- a map from complaint type to its default, read only for the complaints whose file gives no deadline
    select map(list(complaint_type), list(days)) as default_days from ref_deadline_defaults
),

settings as (
    select hour_based_max_days, immediate_hours from ref_settings
),

working_time as (
    select * from stg_working_time
),

typed as (
    select
        c.submission_id,
        c.complaint_id,
        c.agency_code,
        c.complaint_type,
        c.channel,
        c.received_at,
        c.resolved_at,
        c.status,
        c.deadline_days as deadline_days_file,
        coalesce(c.deadline_days, d.default_days[c.complaint_type]) as deadline_days
    from complaints as c
    semi join active_submissions as a on a.submission_id = c.submission_id
    cross join deadline_defaults as d
),

positioned as (
    -- the receipt day's place in the calendar (position 0, before the first day, reads NULL)
    select
        t.*,
        t.deadline_days <= s.hour_based_max_days as in_hours,
        t.deadline_days > s.hour_based_max_days as in_days,
        s.immediate_hours,
        w.*,
        greatest(cast(t.received_at as date) - w.first_day + 1, 0) as day_position
    from typed as t
    cross join settings as s
    cross join working_time as w
),

targeted as (
    -- the month received (read from the list for a day the calendar holds); hours mode: the position
    -- received + budget, in working microseconds since the calendar's first day
    select
        p.*,
        p.day_working_days_before[p.day_position] as received_working_days_before,
        coalesce(p.day_period[p.day_position], cast(date_trunc('month', p.received_at) as date)) as period,
        case
            when p.in_hours then
                p.day_working_days_before[p.day_position] * p.day_us
                + case
                    when not p.day_is_working[p.day_position] then 0
                    when p.minute_is_working[hour(p.received_at) * 60 + minute(p.received_at) + 1]
                        then p.minute_working_before_us[hour(p.received_at) * 60 + minute(p.received_at) + 1]
                        + microsecond(p.received_at)
                    else p.minute_working_before_us[hour(p.received_at) * 60 + minute(p.received_at) + 1]
                end
                + case
                    when p.deadline_days = 0 then cast(round(p.immediate_hours * 3600000000) as bigint)
                    else p.deadline_days * p.day_us
                end
        end as target_us
    from positioned as p
),

located as (
    -- the working day (by its number) on which the deadline falls; in hours mode also the offset into
    -- that day's working time, in (0, day_us]
    select
        t.*,
        case
            when t.in_hours then (t.target_us + t.day_us - 1) // t.day_us
            when t.in_days then t.received_working_days_before + t.deadline_days
        end as deadline_day_no,
        case
            when t.in_hours then t.target_us - ((t.target_us + t.day_us - 1) // t.day_us - 1) * t.day_us
        end as deadline_offset_us
    from targeted as t
),

deadlined as (
    -- hours mode: the working minute the offset ends in (the offset's last microsecond), and the time
    -- within it; days mode: 24:00 of the working day
    select
        l.*,
        l.working_day_start_us[greatest(l.deadline_day_no, 0)]
        + case
            when l.in_hours then
                l.working_minute_start_us[(l.deadline_offset_us + 59999999) // 60000000]
                + (l.deadline_offset_us + 59999999) % 60000000 + 1
            when l.in_days then 86400000000
        end as deadline_us
    from located as l
),

final as (
    select
        cast(submission_id as bigint) as submission_id,
        cast(complaint_id as varchar) as complaint_id,
        cast(agency_code as varchar) as agency_code,
        cast(complaint_type as varchar) as complaint_type,
        cast(channel as varchar) as channel,
        cast(received_at as timestamp) as received_at,
        cast(resolved_at as timestamp) as resolved_at,
        cast(status as varchar) as status,
        cast(period as date) as period,
        cast(deadline_days_file as integer) as deadline_days_file,
        cast(deadline_days as integer) as deadline_days,
        cast(case when in_hours then 'hours' when in_days then 'days' end as varchar) as deadline_mode,
        cast(make_timestamp(deadline_us) as timestamp) as deadline_at,
        cast(
            case when status = '처리완료' then (epoch_us(resolved_at) - epoch_us(received_at)) / 86400000000.0 end
            as double
        ) as resolution_days,
        cast(case when status = '처리완료' then epoch_us(resolved_at) <= deadline_us end as boolean) as on_time
    from deadlined
)

select * from final
