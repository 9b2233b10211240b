-- the figures a participation file changes, for the upload page before 제출 확정: one row per figure in display order,
-- "before" from the slot's active submission (active_rows, empty when there is none), "after" from the checked
-- file (staged_rows); both relations hold the contract's columns (etl/upload_compare.py registers them).
--   changed   the two differ (a figure new or gone counts as changed)
with

before as (
    select
        coalesce(sum(proposals_received), 0) as proposals_received,
        coalesce(sum(participants), 0) as participants,
        coalesce(sum(proposals_reviewed), 0) as proposals_reviewed,
        coalesce(sum(proposals_adopted), 0) as proposals_adopted
    from active_rows
),

after as (
    select
        coalesce(sum(proposals_received), 0) as proposals_received,
        coalesce(sum(participants), 0) as participants,
        coalesce(sum(proposals_reviewed), 0) as proposals_reviewed,
        coalesce(sum(proposals_adopted), 0) as proposals_adopted
    from staged_rows
),

figures as (
    select
        1 as position,
        'proposals_received' as figure,
        'count' as unit,
        b.proposals_received as before,
        a.proposals_received as after
    from before as b cross join after as a
    union all
    select 2, 'participants', 'people', b.participants, a.participants from before as b cross join after as a
    union all
    select 3, 'proposals_reviewed', 'count', b.proposals_reviewed, a.proposals_reviewed
    from before as b cross join after as a
    union all
    select 4, 'proposals_adopted', 'count', b.proposals_adopted, a.proposals_adopted
    from before as b cross join after as a
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
