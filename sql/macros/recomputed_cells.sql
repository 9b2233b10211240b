-- parameters: resolved_only
-- The complaint cells (int_complaint_cells) of the months this build computes (int_recomputed_months), for
-- agencies in months they exist (int_agency_months): what the complaint month and hour tables count
-- (int_complaint_scope_months, int_complaint_scope_hours), written once. resolved_only: only the cells with a
-- resolution time (the hour table's).
select c.*
from int_complaint_cells as c
semi join int_agency_months as am on am.agency_code = c.agency_code and am.period = c.period
semi join int_recomputed_months as rm on rm.period = c.period
where not resolved_only or c.resolution_hour is not null
