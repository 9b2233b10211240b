-- key: period
-- one row per month whose complaint figures this build computes, for the tables recomputed by month
-- (the complaint scope tables, mart_complaint_windows and its distribution, int_measures_complaints;
-- etl/builder/sqlrun.py): every month in scope. A build that starts
-- from the previous snapshot writes this table itself instead, with the months whose submissions changed
-- since, and keeps the other months' rows (etl/builder/incremental.py).
with

periods as (
    select * from ref_periods
),

final as (
    select cast(period as date) as period from periods
)

select * from final
