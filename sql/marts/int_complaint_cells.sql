-- key: submission_id, agency_code, period, complaint_type, channel, status, on_time?, overdue?, resolution_hour?
-- one row per complaints submission × agency × month received × complaint type × channel × status × on-time
-- (true, false, or null when not judged) × overdue × hour of resolution time: how many complaints share them, and the
-- resolution time of each that has one (처리완료), exactly, in a list (in no particular order). Every
-- complaint figure and page reads this table: the legal deadlines are worked out here once (stg_complaints).
--   overdue          for 처리중 rows: whether the legal deadline had passed by the end of the month received
--                    (deadline_at before the next month's first instant; a deadline at 24:00 on the last day
--                    has not passed); null for other statuses and when the deadline is unknown. A file is the
--                    month's state, so a complaint still pending in it was pending at that month's end
--   resolution_hour  floor(resolution_days × 24), the hour of resolution time the values fall in (null when
--                    not resolved): a quantile is narrowed to one hour by counts before any value is read
--                    (int_measures_complaints)
--   last_deadline_at the latest legal deadline among the cell's complaints: the build refuses to publish when
--                    a deadline runs into a year with no holiday recorded (sql/queries/calendar_gaps.sql)
-- A pure function of one submission's rows and the reference data stg_complaints reads (calendar, working
-- hours, default deadlines): a build computes it only for the submissions new since the previous snapshot
-- and keeps the rows of the others (etl/builder/incremental.py).
-- materialized: table per submission
with

complaints as (
    select * from stg_complaints
),

final as (
    select
        cast(submission_id as bigint) as submission_id,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(complaint_type as varchar) as complaint_type,
        cast(channel as varchar) as channel,
        cast(status as varchar) as status,
        cast(on_time as boolean) as on_time,
        cast(
            case when status = '처리중' then deadline_at < period + interval 1 month end as boolean
        ) as overdue,
        cast(floor(resolution_days * 24) as bigint) as resolution_hour,
        cast(count(*) as bigint) as complaints,
        coalesce(list(resolution_days) filter (where resolution_days is not null), cast([] as double[]))
            as resolution_days,
        cast(max(deadline_at) as timestamp) as last_deadline_at
    from complaints
    group by all
)

select * from final
