-- one row: the published snapshot's build id, build time (Korea time) and latest month
select
    cast(build_id as varchar) as build_id,
    cast(built_at as timestamp) as built_at,
    cast(as_of_period as date) as as_of_period
from build_info
