-- the figures a complaints file changes, for the upload page before 제출 확정: one row per figure in display order,
-- "before" from the slot's active submission (active_rows, empty when there is none), "after" from the checked
-- file (staged_rows); both relations hold the contract's columns (etl/upload_compare.py registers them).
--   changed   the two differ (a figure new or gone counts as changed)
with

before as (
    select
        count(*) as complaints,
        count(*) filter (where status = '처리완료') as resolved,
        count(*) filter (where status = '처리중') as pending
    from active_rows
),

after as (
    select
        count(*) as complaints,
        count(*) filter (where status = '처리완료') as resolved,
        count(*) filter (where status = '처리중') as pending
    from staged_rows
),

figures as (
    select 1 as position, 'complaints' as figure, 'count' as unit, b.complaints as before, a.complaints as after
    from before as b cross join after as a
    union all
    select 2, 'resolved', 'count', b.resolved, a.resolved from before as b cross join after as a
    union all
    select 3, 'pending', 'count', b.pending, a.pending from before as b cross join after as a
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
