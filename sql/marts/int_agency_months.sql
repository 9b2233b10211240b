-- key: agency_code, period
-- one row per agency × month in scope (ref_periods) in which the agency exists: valid_from (first day,
-- inclusive) on or before the month's last day, and valid_to (last day, inclusive) on or after its first day
with

agencies as (
    select * from ref_agencies
),

periods as (
    select * from ref_periods
),

final as (
    -- the columns keep the types of ref_agencies and ref_periods
    select a.agency_code, p.period, a.agency_group, a.weight
    from agencies as a
    inner join periods as p
        on (a.valid_from is null or a.valid_from <= last_day(p.period))
        and (a.valid_to is null or a.valid_to >= p.period)
)

select * from final
