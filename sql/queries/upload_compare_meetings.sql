-- the figures a meetings file changes, for the upload page before 제출 확정: one row per figure in display order,
-- "before" from the slot's active submission (active_rows, empty when there is none), "after" from the checked
-- file (staged_rows); both relations hold the contract's columns (etl/upload_compare.py registers them).
--   changed   the two differ (a figure new or gone counts as changed)
--   person_hours   Σ duration_min × attendees ÷ 60, as stg_meetings counts them
with

before as (
    select
        count(*) as meetings,
        coalesce(sum(duration_min * attendees), 0) / 60.0 as person_hours,
        count(*) filter (where remote) as remote_meetings
    from active_rows
),

after as (
    select
        count(*) as meetings,
        coalesce(sum(duration_min * attendees), 0) / 60.0 as person_hours,
        count(*) filter (where remote) as remote_meetings
    from staged_rows
),

figures as (
    select 1 as position, 'meetings' as figure, 'count' as unit, b.meetings as before, a.meetings as after
    from before as b cross join after as a
    union all
    select 2, 'person_hours', 'hours', b.person_hours, a.person_hours from before as b cross join after as a
    union all
    select 3, 'remote_meetings', 'count', b.remote_meetings, a.remote_meetings from before as b cross join after as a
),

final as (
    select
        cast(figure as varchar) as figure,
        cast(unit as varchar) as unit,
        cast(before as double) as before,
        cast(after as double) as after,
        cast(before is distinct from after as boolean) as changed
    from figures
    order by position
)

select * from final
