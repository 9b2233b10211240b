-- one row per agency (or 'ALL') × month in scope × complaint type (or 'ALL'), for the groups that have
-- complaints (grouping sets): complaints received that month (rows of any status) and what became of them.
-- Only agencies in months they exist (as every KPI).
--   received      rows                      resolved     처리완료 rows       pending   처리중 rows
--   transferred   이송 rows                  withdrawn    취하 rows           outreach  찾아가는민원 rows
--   on_time       처리완료 rows resolved by the deadline   judged  처리완료 rows whose deadline is known
--   median_days, p90_days   quantile_cont 0.5 / 0.9 of resolution_days (처리완료 rows)
--   on_time_rate  on_time ÷ judged × 100 (null when judged = 0)
with

complaints as (
    select * from stg_complaints
),

agency_months as (
    select agency_code, period from int_agency_months
),

records as (
    select c.*
    from complaints as c
    semi join agency_months as am on am.agency_code = c.agency_code and am.period = c.period
),

grouped as (
    select
        case when grouping(agency_code) = 1 then 'ALL' else agency_code end as agency_code,
        period,
        case when grouping(complaint_type) = 1 then 'ALL' else complaint_type end as complaint_type,
        count(*) as received,
        count(*) filter (where status = '처리완료') as resolved,
        count(*) filter (where status = '처리중') as pending,
        count(*) filter (where status = '이송') as transferred,
        count(*) filter (where status = '취하') as withdrawn,
        count(*) filter (where channel = '찾아가는민원') as outreach,
        count(*) filter (where on_time) as on_time,
        count(on_time) as judged,
        quantile_cont(resolution_days, 0.5) as median_days,
        quantile_cont(resolution_days, 0.9) as p90_days
    from records
    group by grouping sets (
        (agency_code, period, complaint_type),
        (agency_code, period),
        (period, complaint_type),
        (period)
    )
),

final as (
    select
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(complaint_type as varchar) as complaint_type,
        cast(received as bigint) as received,
        cast(resolved as bigint) as resolved,
        cast(pending as bigint) as pending,
        cast(transferred as bigint) as transferred,
        cast(withdrawn as bigint) as withdrawn,
        cast(outreach as bigint) as outreach,
        cast(on_time as bigint) as on_time,
        cast(judged as bigint) as judged,
        cast(median_days as double) as median_days,
        cast(p90_days as double) as p90_days,
        cast(case when judged > 0 then cast(on_time as double) / judged * 100 end as double) as on_time_rate
    from grouped
)

select * from final
