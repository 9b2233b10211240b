-- one row if the month $period was locked when the snapshot was built (who, when in KST, why), none otherwise
select period, locked_by, locked_at, reason
from ref_period_locks
where period = cast($period as date)
order by locked_at desc
