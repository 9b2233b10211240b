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

computed as (
    select k.kpi_code, k.source, am.agency_code, am.period
    from kpis as k
    cross join agency_months as am
    where k.source <> 'kpi_progress'
),

reported as (
    select distinct k.kpi_code, k.source, am.agency_code, am.period
    from kpis as k
    inner join reporters as r on r.kpi_code = k.kpi_code
    inner join agency_months as am on am.agency_code = r.agency_code
    where k.source = 'kpi_progress'
),

final as (
    select
        cast(kpi_code as varchar) as kpi_code,
        cast(source as varchar) as source,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period
    from (
        select * from computed
        union all
        select * from reported
    )
)

select * from final
