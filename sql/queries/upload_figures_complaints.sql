-- one row per figure of a complaints file, for the upload page's before → after (sql/queries/upload_compare.sql):
-- the body of the table macro upload_figures(rows), rows naming a relation in the contract's columns
select unnest([
    {'position': 1, 'figure': 'complaints', 'unit': 'count', 'value': count(*)},
    {'position': 2, 'figure': 'resolved', 'unit': 'count', 'value': count(*) filter (where status = '처리완료')},
    {'position': 3, 'figure': 'pending', 'unit': 'count', 'value': count(*) filter (where status = '처리중')}
], recursive := true)
from query_table(rows)
