-- one row per agency × month behind KPI $kpi's figure for $month in $window ($agency: one agency or 'all'):
-- the active submission of the KPI's source dataset (file, when in Korea time, by whom, rows), or none;
-- for progress-file KPIs also the value and note the agency reported
with

kpi as (
    select kpi_code, source from ref_kpis where kpi_code = $kpi
),

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

expected as (
    select e.agency_code, e.period, e.source
    from int_kpi_expected as e
    join kpi as k on k.kpi_code = e.kpi_code
    join members as m on m.member_period = e.period
    where $agency = 'all' or e.agency_code = $agency
),

active as (
    select * from stg_submissions where is_active
),

progress as (
    select submission_id, value, note from stg_kpi_progress where kpi_code = $kpi
),

final as (
    select
        e.agency_code,
        a.name_ko as agency_name_ko,
        a.name_en as agency_name_en,
        e.period,
        s.submission_id,
        s.filename,
        s.submitted_at as submitted_at_kst,  -- the build writes ledger times (UTC) in Korea time
        s.submitted_by,
        s.row_count,
        ss.status as submission_status,
        p.value as reported_value,
        p.note as reported_note
    from expected as e
    join ref_agencies as a using (agency_code)
    left join active as s
        on s.agency_code = e.agency_code and s.period = e.period and s.dataset = e.source
    left join progress as p on p.submission_id = s.submission_id
    left join mart_submission_status as ss
        on ss.agency_code = e.agency_code and ss.period = e.period and ss.dataset = e.source
)

select * from final
order by period desc, agency_name_ko
