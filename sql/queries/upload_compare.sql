-- the figures a checked file changes, for the upload page before 제출 확정: one row per figure in display order
-- (position, then figure), "before" from the slot's active submission (active_rows, empty when there is none),
-- "after" from the checked file (staged_rows). Both relations hold the dataset's contract columns and the
-- dataset's figures are the table macro upload_figures(rows) (sql/queries/upload_figures_<dataset>.sql);
-- etl/ingest/upload_compare.py registers the relations and creates the macro.
--   changed   the two differ (a figure new or gone counts as changed)
with

before as (
    select * from upload_figures('active_rows')
),

after as (
    select * from upload_figures('staged_rows')
),

final as (
    select
        cast(coalesce(b.figure, a.figure) as varchar) as figure,
        cast(coalesce(b.unit, a.unit) as varchar) as unit,
        cast(b.value as double) as before,
        cast(a.value as double) as after,
        cast(b.value is distinct from a.value as boolean) as changed
    from before as b
    full outer join after as a on a.figure = b.figure
    order by coalesce(b.position, a.position), figure
)

select * from final
