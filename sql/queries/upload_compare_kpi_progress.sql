-- the figures a kpi_progress file changes, for the upload page before 제출 확정: one row per figure in display order,
-- "before" from the slot's active submission (active_rows, empty when there is none), "after" from the checked
-- file (staged_rows); both relations hold the contract's columns (etl/upload_compare.py registers them).
--   changed   the two differ (a figure new or gone counts as changed)
--   one row per KPI code in either file (figure = the code, in code order); a KPI only in one file has no
--   value on the other side
with

before as (
    select kpi_code, value from active_rows
),

after as (
    select kpi_code, value from staged_rows
),

final as (
    select
        cast(coalesce(b.kpi_code, a.kpi_code) as varchar) as figure,
        cast('value' as varchar) as unit,
        cast(b.value as double) as before,
        cast(a.value as double) as after,
        cast(b.value is distinct from a.value as boolean) as changed
    from before as b
    full outer join after as a on a.kpi_code = b.kpi_code
    order by figure
)

select * from final
