-- key: source, agency_code, period, category, addend
-- one row per additive source (participation, rewards, meetings) × agency × month × category × addend, for
-- the agency-months with records (agencies only in months they exist):
--   records  the records of the category;  amount  Σ of the addend over them (exact integers)
-- The category is the column a KPI filter or a page's breakdown selects on, the addends the summable columns:
--   participation  platform      proposals_received, participants, proposals_reviewed, proposals_adopted
--   rewards        reward_type   amount_krw, recipients
--   meetings       meeting_type  duration_min, person_minutes
-- Every figure of these sources adds these up: the KPI measures (int_measure_months, per filter set) and the
-- pages' breakdowns (int_breakdown_sums, per page filter).
with

records as (
    select
        'participation' as source, agency_code, period, platform as category,
        [proposals_received, participants, proposals_reviewed, proposals_adopted] as amounts,
        ['proposals_received', 'participants', 'proposals_reviewed', 'proposals_adopted'] as addends
    from stg_participation
    union all
    select
        'rewards', agency_code, period, reward_type,
        [amount_krw, recipients], ['amount_krw', 'recipients']
    from stg_rewards
    union all
    select
        'meetings', agency_code, period, meeting_type,
        [duration_min, person_minutes], ['duration_min', 'person_minutes']
    from stg_meetings
),

addends as (
    select r.source, r.agency_code, r.period, r.category, unnest(r.addends) as addend, unnest(r.amounts) as amount
    from records as r
    semi join int_agency_months as am on am.agency_code = r.agency_code and am.period = r.period
),

final as (
    select
        cast(source as varchar) as source,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(category as varchar) as category,
        cast(addend as varchar) as addend,
        cast(count(*) as bigint) as records,
        cast(sum(amount) as hugeint) as amount
    from addends
    group by source, agency_code, period, category, addend
)

select * from final
