-- key: kpi_code, agency_code, period
-- one row per KPI × agency × month in which the agency is expected to have a value for the KPI
-- (int_kpi_expected, agencies in ref_agencies): the active submission of the KPI's source dataset behind the
-- figure (file, when in Korea time, by whom, rows, its status in mart_submission_status), or none; for
-- progress-file KPIs also the value and note the agency reported (verbatim). The KPI page's list of
-- submissions (sql/queries/kpi_submissions.sql) selects a window's months of it.
with

active as (
    select * from stg_submissions where is_active
),

final as (
    -- the columns keep the types of their sources
    select
        e.kpi_code, e.agency_code, a.name_ko as agency_name_ko, a.name_en as agency_name_en, e.period,
        s.submission_id,
        s.filename,
        s.submitted_at as submitted_at_kst,  -- the build writes ledger times (UTC) in Korea time
        s.submitted_by,
        s.row_count,
        ss.status as submission_status,
        p.value as reported_value,
        p.note as reported_note
    from int_kpi_expected as e
    inner join ref_agencies as a on a.agency_code = e.agency_code
    left join active as s
        on s.agency_code = e.agency_code and s.period = e.period and s.dataset = e.source
    left join stg_kpi_progress as p on p.submission_id = s.submission_id and p.kpi_code = e.kpi_code
    left join mart_submission_status as ss
        on ss.agency_code = e.agency_code and ss.period = e.period and ss.dataset = e.source
)

select * from final
