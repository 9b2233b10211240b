-- one row per figure of a rewards file, for the upload page's before → after (sql/queries/upload_compare.sql):
-- the body of the table macro upload_figures(rows), rows naming a relation in the contract's columns
select unnest([
    {'position': 1, 'figure': 'payouts', 'unit': 'count', 'value': count(*)},
    {'position': 2, 'figure': 'recipients', 'unit': 'people', 'value': coalesce(sum(recipients), 0)},
    {'position': 3, 'figure': 'amount_krw', 'unit': 'krw', 'value': coalesce(sum(amount_krw), 0)}
], recursive := true)
from query_table(rows)
