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
-- A view: the marts and the complaint page read int_complaint_histograms, which computes the deadlines of a
-- submission's complaints once, when the submission first reaches a build.
with

complaints as (
    select * from src_complaints
),

active_submissions as (
    select submission_id from stg_submissions where is_active and dataset = 'complaints'
),

deadline_defaults as (
    select * from ref_deadline_defaults
),

settings as (
    select hour_based_max_days, immediate_hours from ref_settings
),

calendar as (
    select * from stg_calendar
),

clock as (
    select * from stg_work_clock
),

day_length as (
    -- working microseconds in one working day
    select cast(nullif(max(working_day_minutes), 0) as bigint) * 60000000 as day_us
    from clock
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
        coalesce(c.deadline_days, d.days) as deadline_days
    from complaints as c
    semi join active_submissions as a on a.submission_id = c.submission_id
    left join deadline_defaults as d on d.complaint_type = c.complaint_type
),

positioned as (
    select
        t.*,
        case
            when t.deadline_days <= s.hour_based_max_days then 'hours'
            when t.deadline_days > s.hour_based_max_days then 'days'
        end as deadline_mode,
        case
            when t.deadline_days = 0 then cast(round(s.immediate_hours * 3600000000) as bigint)
            when t.deadline_days <= s.hour_based_max_days then t.deadline_days * dl.day_us
        end as budget_us,
        dl.day_us,
        cal.working_days_before as received_working_days_before,
        cal.working_days_before * dl.day_us
        + case
            when not cal.is_working then 0
            when clk.is_working_minute
                then cast(clk.working_minutes_before as bigint) * 60000000 + microsecond(t.received_at)
            else cast(clk.working_minutes_before as bigint) * 60000000
        end as received_pos_us
    from typed as t
    cross join settings as s
    cross join day_length as dl
    left join calendar as cal on cal.day = cast(t.received_at as date)
    left join clock as clk on clk.minute_of_day = hour(t.received_at) * 60 + minute(t.received_at)
),

located as (
    -- the working day (by its number) on which the deadline falls; in hours mode also the offset into
    -- that day's working time, in (0, day_us]
    select
        p.*,
        case p.deadline_mode
            when 'hours' then (p.received_pos_us + p.budget_us + p.day_us - 1) // p.day_us
            when 'days' then p.received_working_days_before + p.deadline_days
        end as deadline_day_no,
        case p.deadline_mode
            when 'hours' then
                p.received_pos_us + p.budget_us
                - ((p.received_pos_us + p.budget_us + p.day_us - 1) // p.day_us - 1) * p.day_us
        end as deadline_offset_us
    from positioned as p
),

deadlined as (
    select
        l.*,
        case l.deadline_mode
            when 'hours' then
                cast(dcal.day as timestamp)
                + to_microseconds(
                    cast(dclk.minute_of_day as bigint) * 60000000
                    + l.deadline_offset_us - cast(dclk.working_minutes_before as bigint) * 60000000
                )
            when 'days' then cast(dcal.day as timestamp) + interval 1 day
        end as deadline_at
    from located as l
    left join calendar as dcal on dcal.working_day_no = l.deadline_day_no
    left join clock as dclk
        on dclk.is_working_minute
        and l.deadline_mode = 'hours'
        and dclk.working_minutes_before = (l.deadline_offset_us + 59999999) // 60000000 - 1
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
        cast(date_trunc('month', received_at) as date) as period,
        cast(deadline_days_file as integer) as deadline_days_file,
        cast(deadline_days as integer) as deadline_days,
        cast(deadline_mode as varchar) as deadline_mode,
        cast(deadline_at as timestamp) as deadline_at,
        cast(
            case when status = '처리완료' then (epoch_us(resolved_at) - epoch_us(received_at)) / 86400000000.0 end
            as double
        ) as resolution_days,
        cast(case when status = '처리완료' then resolved_at <= deadline_at end as boolean) as on_time
    from deadlined
)

select * from final
