-- key: agency_code, dataset, period
-- one row per agency × dataset × month in scope, for every agency existing that month (kpi_progress only
-- where the agency is an expected reporter of at least one KPI that month): whether the month's file came
-- in on time. A month's files are due by 24:00 of due_date (due_day of the following month).
--   on_time   an active accepted file exists and the FIRST accepted file for the month (the active one or
--             one it superseded) was submitted by the due date
--   late      an active accepted file exists, the first accepted one came after the due date
--   not_due   no active accepted file, and built_at is before the end of the due date
--   missing   no active accepted file, and the due date has passed at built_at
with

submissions as (
    select * from stg_submissions
),

agency_months as (
    select * from int_agency_months
),

reporters as (
    select distinct agency_code, period from int_kpi_expected where source = 'kpi_progress'
),

settings as (
    select built_at, due_day from ref_settings
),

skeleton as (
    select am.agency_code, d.dataset, am.period
    from agency_months as am
    cross join (values ('complaints'), ('participation'), ('meetings'), ('rewards')) as d(dataset)
    union all
    select agency_code, 'kpi_progress', period from reporters
),

ledger as (
    select
        agency_code,
        dataset,
        period,
        min(submitted_at) filter (where status in ('accepted', 'superseded')) as first_accepted_at,
        count(*) filter (where status = 'rejected') as rejected_count,
        count(*) filter (where status = 'superseded') as superseded_count
    from submissions
    group by agency_code, dataset, period
),

active as (
    select agency_code, dataset, period, submission_id, submitted_at
    from submissions
    where is_active
),

dated as (
    select
        k.*,
        cast(cast(k.period + interval 1 month as date) + (s.due_day - 1) as date) as due_date,
        s.built_at
    from skeleton as k
    cross join settings as s
),

final as (
    select
        cast(d.agency_code as varchar) as agency_code,
        cast(d.dataset as varchar) as dataset,
        cast(d.period as date) as period,
        cast(
            case
                when a.submission_id is not null then
                    case
                        when l.first_accepted_at < cast(d.due_date as timestamp) + interval 1 day then 'on_time'
                        else 'late'
                    end
                when d.built_at < cast(d.due_date as timestamp) + interval 1 day then 'not_due'
                else 'missing'
            end
            as varchar
        ) as status,
        cast(a.submission_id as bigint) as submission_id,
        cast(a.submitted_at as timestamp) as submitted_at,
        cast(l.first_accepted_at as timestamp) as first_accepted_at,
        cast(d.due_date as date) as due_date,
        cast(coalesce(l.rejected_count, 0) as integer) as rejected_count,
        cast(coalesce(l.superseded_count, 0) as integer) as superseded_count
    from dated as d
    left join active as a
        on a.agency_code = d.agency_code and a.dataset = d.dataset and a.period = d.period
    left join ledger as l
        on l.agency_code = d.agency_code and l.dataset = d.dataset and l.period = d.period
)

select * from final
