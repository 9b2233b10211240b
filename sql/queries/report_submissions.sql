-- one row per agency × dataset for the month $period: whether its file came in on time, late, or is missing
-- (mart_submission_status), with the agency's names, for every agency ($agency null) or one agency
with

status as (
    select * from mart_submission_status
),

agencies as (
    select * from ref_agencies
),

final as (
    select
        cast(s.agency_code as varchar) as agency_code,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(s.dataset as varchar) as dataset,
        cast(s.status as varchar) as status,
        cast(s.submitted_at as timestamp) as submitted_at,
        cast(s.due_date as date) as due_date
    from status as s
    left join agencies as a on a.agency_code = s.agency_code
    where s.period = cast($period as date)
        and (cast($agency as varchar) is null or s.agency_code = cast($agency as varchar))
)

select * from final order by agency_code, dataset
