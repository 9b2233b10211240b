-- key: agency_code, period, platform
-- one row per agency × month × platform of an active participation submission
with

participation as (
    select * from src_participation
),

active_submissions as (
    select submission_id from stg_submissions where is_active and dataset = 'participation'
),

final as (
    select
        cast(p.submission_id as bigint) as submission_id,
        cast(p.agency_code as varchar) as agency_code,
        cast(date_trunc('month', p.period) as date) as period,
        cast(p.platform as varchar) as platform,
        cast(p.proposals_received as bigint) as proposals_received,
        cast(p.participants as bigint) as participants,
        cast(p.proposals_reviewed as bigint) as proposals_reviewed,
        cast(p.proposals_adopted as bigint) as proposals_adopted
    from participation as p
    semi join active_submissions as a on a.submission_id = p.submission_id
)

select * from final
