-- key: submission_id, payout_id
-- one row per reward payout of an active rewards submission, with its month
with

rewards as (
    select * from src_rewards
),

active_submissions as (
    select submission_id from stg_submissions where is_active and dataset = 'rewards'
),

final as (
    select
        cast(r.submission_id as bigint) as submission_id,
        cast(r.payout_id as varchar) as payout_id,
        cast(r.agency_code as varchar) as agency_code,
        cast(r.paid_on as date) as paid_on,
        cast(date_trunc('month', r.paid_on) as date) as period,
        cast(r.reward_type as varchar) as reward_type,
        cast(r.recipients as bigint) as recipients,
        cast(r.amount_krw as bigint) as amount_krw,
        cast(r.reason as varchar) as reason
    from rewards as r
    semi join active_submissions as a on a.submission_id = r.submission_id
)

select * from final
