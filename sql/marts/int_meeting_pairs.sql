-- key: agency_code, period
-- one row per agency-month with an active meetings submission matched with the same month of the baseline
-- year (ref_settings.baseline_year), also submitted: the pairs the person-hours reduction (S3-T2-K1) compares,
-- in the KPI (int_measures_meetings) and on the meetings page (mart_meeting_breakdown). Agencies only in
-- months they exist, on both sides.
with

settings as (
    select baseline_year from ref_settings
),

submitted as (
    select s.agency_code, s.period
    from stg_submissions as s
    semi join int_agency_months as am on am.agency_code = s.agency_code and am.period = s.period
    where s.is_active and s.dataset = 'meetings'
),

final as (
    -- the columns keep the types of stg_submissions (varchar, date, date)
    select s.agency_code, s.period, b.period as baseline_period
    from submitted as s
    cross join settings as st
    inner join submitted as b
        on b.agency_code = s.agency_code
        and b.period = make_date(st.baseline_year, month(s.period), 1)
)

select * from final
