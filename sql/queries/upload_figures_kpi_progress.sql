-- one row per figure of a kpi_progress file, for the upload page's before → after (sql/queries/upload_compare.sql):
-- the body of the table macro upload_figures(rows), rows naming a relation in the contract's columns.
-- One figure per KPI code (position 0: shown in code order); a KPI in one file only has no value on the
-- other side.
select 0 as position, kpi_code as figure, 'value' as unit, value
from query_table(rows)
