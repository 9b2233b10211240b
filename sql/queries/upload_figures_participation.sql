-- one row per figure of a participation file, for the upload page's before → after (sql/queries/upload_compare.sql):
-- the body of the table macro upload_figures(rows), rows naming a relation in the contract's columns
select unnest([
    {'position': 1, 'figure': 'proposals_received', 'unit': 'count', 'value': coalesce(sum(proposals_received), 0)},
    {'position': 2, 'figure': 'participants', 'unit': 'people', 'value': coalesce(sum(participants), 0)},
    {'position': 3, 'figure': 'proposals_reviewed', 'unit': 'count', 'value': coalesce(sum(proposals_reviewed), 0)},
    {'position': 4, 'figure': 'proposals_adopted', 'unit': 'count', 'value': coalesce(sum(proposals_adopted), 0)}
], recursive := true)
from query_table(rows)
