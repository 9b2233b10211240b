-- key: kpi_code, agency_code, period
-- one row per KPI × agency × month in which the agency is expected to have a value for the KPI:
-- every existing agency for a computed source, the listed reporters (while they exist) for kpi_progress
with

kpis as (
    select * from ref_kpis
),

reporters as (
    select * from ref_kpi_reporters
),

agency_months as (
    select * from int_agency_months
),

final as (
    -- the columns keep the types of ref_kpis and int_agency_months
    select k.kpi_code, k.source, am.agency_code, am.period
    from kpis as k
    cross join agency_months as am
    where
        k.source <> 'kpi_progress'
        or exists (select 1 from reporters as r where r.kpi_code = k.kpi_code and r.agency_code = am.agency_code)
)

select * from final
