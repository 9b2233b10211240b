-- the figures a rewards file changes, for the upload page before 제출 확정: one row per figure in display order,
-- "before" from the slot's active submission (active_rows, empty when there is none), "after" from the checked
-- file (staged_rows); both relations hold the contract's columns (etl/upload_compare.py registers them).
--   changed   the two differ (a figure new or gone counts as changed)
with

before as (
    select
        count(*) as payouts,
        coalesce(sum(recipients), 0) as recipients,
        coalesce(sum(amount_krw), 0) as amount_krw
    from active_rows
),

after as (
    select
        count(*) as payouts,
        coalesce(sum(recipients), 0) as recipients,
        coalesce(sum(amount_krw), 0) as amount_krw
    from staged_rows
),

figures as (
    select 1 as position, 'payouts' as figure, 'count' as unit, b.payouts as before, a.payouts as after
    from before as b cross join after as a
    union all
    select 2, 'recipients', 'people', b.recipients, a.recipients from before as b cross join after as a
    union all
    select 3, 'amount_krw', 'krw', b.amount_krw, a.amount_krw from before as b cross join after as a
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
