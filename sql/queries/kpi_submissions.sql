-- one row per agency × month behind KPI $kpi's figure for $month in $window ($agency: one agency or 'all'):
-- the active submission of the KPI's source dataset (file, when in Korea time, by whom, rows), or none;
-- for progress-file KPIs also the value and note the agency reported (sql/marts/mart_kpi_submissions.sql)
with

members as (
    select member_period from int_period_windows where period = $month and time_window = $window
),

final as (
    select
        s.agency_code, s.agency_name_ko, s.agency_name_en, s.period, s.submission_id, s.filename,
        s.submitted_at_kst, s.submitted_by, s.row_count, s.submission_status, s.reported_value, s.reported_note
    from mart_kpi_submissions as s
    semi join members as m on m.member_period = s.period
    where s.kpi_code = $kpi and ($agency = 'all' or s.agency_code = $agency)
)

select * from final
order by period desc, agency_name_ko
