-- one row per KPI × agency (expected agencies, and 'ALL' for the nation) × month in scope × time window:
-- every KPI's value, computed (int_kpi_measures) or reported (int_kpi_reported)
with

computed as (
    select * from int_kpi_measures
),

reported as (
    select * from int_kpi_reported
),

final as (
    select * from computed
    union all
    select * from reported
)

select * from final
