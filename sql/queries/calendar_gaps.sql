-- one row per year that the complaint deadlines of a build need and in which no holiday is recorded (the
-- build refuses to publish while any is listed: such a year's deadlines would count every weekday as a
-- working day).
-- Needed: every year from the first month a complaint was received in to the year of the latest legal
-- deadline worked out (int_complaint_cells.last_deadline_at). The calendar runs two years past the last year
-- with holidays (etl/builder/reference_tables.py), so a deadline of up to 365 working days from a year with holidays
-- always falls inside it and is never left empty; a complaint received in a year with no holiday recorded,
-- before the calendar or after it, is caught by its own month.
with

cells as (
    select * from int_complaint_cells
),

calendar as (
    select * from ref_calendar
),

span as (
    select
        year(min(period)) as first_year,
        greatest(year(max(period)), coalesce(year(max(last_deadline_at)), year(max(period)))) as last_year
    from cells
),

needed as (
    select cast(unnest(range(first_year, last_year + 1)) as integer) as year
    from span
    where first_year is not null
),

recorded as (
    select distinct cast(year(day) as integer) as year
    from calendar
    where holiday_name is not null
),

final as (
    select n.year
    from needed as n
    anti join recorded as r on r.year = n.year
)

select * from final
order by year
