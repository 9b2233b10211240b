-- key: agency_code, period, kpi_code
-- one row per agency × month × KPI reported in an active kpi_progress submission
with

progress as (
    select * from src_kpi_progress
),

active_submissions as (
    select submission_id from stg_submissions where is_active and dataset = 'kpi_progress'
),

final as (
    select
        cast(p.submission_id as bigint) as submission_id,
        cast(p.agency_code as varchar) as agency_code,
        cast(date_trunc('month', p.period) as date) as period,
        cast(p.kpi_code as varchar) as kpi_code,
        cast(p.value as double) as value,
        cast(p.note as varchar) as note
    from progress as p
    semi join active_submissions as a on a.submission_id = p.submission_id
)

select * from final
