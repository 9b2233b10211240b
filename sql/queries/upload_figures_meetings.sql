-- one row per figure of a meetings file, for the upload page's before → after (sql/queries/upload_compare.sql):
-- the body of the table macro upload_figures(rows), rows naming a relation in the contract's columns
--   person_hours   Σ duration_min × attendees ÷ 60, as stg_meetings counts them
select unnest([
    {'position': 1, 'figure': 'meetings', 'unit': 'count', 'value': count(*)},
    {'position': 2, 'figure': 'person_hours', 'unit': 'hours', 'value': coalesce(sum(duration_min * attendees), 0) / 60.0},
    {'position': 3, 'figure': 'remote_meetings', 'unit': 'count', 'value': count(*) filter (where remote)}
], recursive := true)
from query_table(rows)
