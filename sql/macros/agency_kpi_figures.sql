-- parameters: p_month, p_window
-- How an agency's figure of a KPI is judged, for every KPI × agency in p_month (p_window): the one rule the
-- KPI detail's agency table and chart, the agency scorecard and the reports' agency views read.
--   basis 'target'  the KPI judges agencies (judge_agencies: rates and levels each agency must reach, the
--                   catalog's target applying to each agency): the agency's value against that target, its
--                   achievement, status and (in the callers) its rank
--   basis 'share'   a count whose agencies' figures add up to the national one (aggregation 'sum', or
--                   'records' of a cumulative count): the agency's value and its share of the national figure,
--                   value ÷ national value × 100 (null when the national value is 0 or missing); the national
--                   target is not the agency's, so no target, achievement or rank
--   basis 'value'   anything else (a maximum, a flag, a share of agencies): the agency's value only
-- status keeps 'no_data' (미제출) on every basis and is null otherwise unless the basis is 'target'.
with

kpis as (
    select
        kpi_code,
        case
            when judge_agencies then 'target'
            when aggregation = 'sum' or (aggregation = 'records' and cumulative) then 'share'
            else 'value'
        end as basis
    from ref_kpis
),

national as (
    select kpi_code, value as national_value
    from mart_kpi_national_month
    where period = p_month and time_window = p_window
)

select
    v.kpi_code,
    v.agency_code,
    k.basis,
    v.value,
    n.national_value,
    case when k.basis = 'target' then v.target end as target,
    case when k.basis = 'target' then v.achievement end as achievement,
    case when k.basis = 'target' then v.achievement_raw end as achievement_raw,
    case when k.basis = 'target' or v.status = 'no_data' then v.status end as status,
    case when k.basis = 'share' then v.value / nullif(n.national_value, 0) * 100 end as share_of_national,
    v.has_data,
    v.data_period,
    v.records_used
from mart_kpi_agency_month as v
join kpis as k using (kpi_code)
left join national as n using (kpi_code)
where v.period = p_month and v.time_window = p_window and v.agency_code <> 'ALL'
